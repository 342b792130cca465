// `npx tsx bench/zod-inits.ts <function>…`: how many zod schema traits each bundle initialises while
// its modules load (a proxy for the schema work of a cold start: ~1,000 ≈ 3–4 ms of a ~60 ms import
// on a 2-core machine), by the module whose top-level code was running. The bundle is built as
// section 1 builds it but unminified (esbuild marks each module with a `// path` line), zod's
// `$constructor` is instrumented, and the bundle is imported once in a fresh process with placeholder
// configuration (nothing is called: an import touches no AWS service).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleAliases } from '../lib/bundling';
import { cdkBuildOptions } from './bundles';
import { repoRoot } from './paths';

const run = promisify(execFile);

/** Configuration every function reads at import, with placeholder values (no service is called). */
const PLACEHOLDER_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
  TABLE_NAME: 'placeholder',
  BUCKET_NAME: 'placeholder',
  EVENT_BUS_NAME: 'placeholder',
  CURSOR_SECRET: 'placeholder-cursor-secret-of-32-characters!',
  STAFF_CLIENT_IDS: 'staff',
  CONTACT_CLIENT_IDS: 'contact',
  STAFF_USER_POOL_ID: 'pool',
  CONTACT_USER_POOL_ID: 'pool',
  SENDER_EMAIL: 'no-reply@example.com',
  APP_URL: 'http://localhost/app',
  PORTAL_URL: 'http://localhost/portal',
  LIVE_URL: 'ws://localhost',
  VAPID_SECRET_ARN: 'placeholder',
};

/** The bundle with a counter in zod's constructor and a marker at each module's top-level code. */
function instrument(source: string): string {
  const marked = source
    .split('\n')
    .flatMap((line) => {
      const module = /^\/\/ ((functions|node_modules)\/\S+)$/.exec(line)?.[1];
      return module && !module.startsWith('node_modules/@')
        ? [line, `globalThis.__zodModule = ${JSON.stringify(module)};`]
        : [line];
    })
    .join('\n');
  const hook = '  function init(inst, def) {\n';
  if (!marked.includes(hook)) throw new Error("zod's $constructor was not found: update bench/zod-inits.ts");
  return marked.replace(
    hook,
    `${hook}globalThis.__zodInits ??= {}; globalThis.__zodInits[globalThis.__zodModule] = (globalThis.__zodInits[globalThis.__zodModule] ?? 0) + 1;\n`,
  );
}

const REPORT = `await import(process.argv[2]);
const counts = Object.entries(globalThis.__zodInits ?? {}).sort((a, b) => b[1] - a[1]);
process.stdout.write(JSON.stringify(counts));`;

async function main() {
  const functions = process.argv.slice(2);
  if (functions.length === 0) throw new Error('usage: npx tsx bench/zod-inits.ts <function>…');
  const outDir = await mkdtemp(join(tmpdir(), 'portico-zod-inits-'));
  try {
    const reporter = join(outDir, 'report.mjs');
    await writeFile(reporter, REPORT);
    for (const fn of functions) {
      const entry = `functions/handlers/${fn}.ts`;
      const file = join(outDir, fn, 'index.mjs');
      await build({
        ...cdkBuildOptions,
        absWorkingDir: repoRoot,
        entryPoints: [entry],
        outfile: file,
        alias: bundleAliases(entry),
        minify: false,
        minifySyntax: true,
        sourcemap: false,
        metafile: false,
      });
      await writeFile(file, instrument(await readFile(file, 'utf8')));
      const { stdout } = await run(process.execPath, [reporter, file], {
        env: { PATH: process.env.PATH ?? '', ...PLACEHOLDER_ENV },
      });
      const counts = JSON.parse(stdout) as [string, number][];
      const total = counts.reduce((sum, [, n]) => sum + n, 0);
      console.log(`${fn}: ${total} zod trait inits at import`);
      for (const [module, n] of counts) console.log(`${String(n).padStart(8)}  ${module}`);
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
