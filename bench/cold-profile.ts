// `npx tsx bench/cold-profile.ts [--runs N] <function>…`: where a function's first invocation spends
// its CPU, by module. Each function is bundled as section 2 bundles it but not minified, so esbuild's
// `// <path>` line before each module's code names the module of every line; a fresh process imports
// it, starts V8's sampling profiler, makes the representative invocation of section 2 once and stops.
// Samples are summed by package (node_modules) or project module, over N processes (default 7), per
// process. For comparing two functions' invocations (decision 0052 and the templates list, issue 17):
// the profiler's own cost shows as its own row, and idle is time spent waiting on the emulators.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleAliases } from '../lib/bundling';
import { cdkBuildOptions } from './bundles';
import { coldSpecs, runsAndFunctions } from './cold-init';
import { repoRoot } from './paths';
import { runWithBenchStack } from './stack';

const run = promisify(execFile);

/** Import, then profile exactly the one invocation; the profile goes to argv[3]. */
const DRIVER = `
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const mod = await import(process.argv[2]);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000, callbackWaitsForEmptyEventLoop: false };
await mod.handler(JSON.parse(process.env.BENCH_EVENT), context);
const { profile } = await session.post('Profiler.stop');
writeFileSync(process.argv[3], JSON.stringify(profile));
`;

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** The module each line of an unminified bundle belongs to, from esbuild's `// path` comments. */
function moduleLines(source: string): (line: number) => string {
  const starts: [number, string][] = [];
  source.split('\n').forEach((text, i) => {
    // A worktree's node_modules may be a link: esbuild names its files by the real path (…/node_modules/…).
    const m = /^\/\/ (?:\S*?\/)?((?:node_modules|functions)\/\S+)$/.exec(text);
    if (m) starts.push([i, m[1]!]);
  });
  return (line) => {
    let found = '(entry)';
    for (const [start, path] of starts) {
      if (start > line) break;
      found = path;
    }
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(found);
    return pkg ? pkg[1]! : found;
  };
}

const { runs, fns } = runsAndFunctions(process.argv.slice(2), 7);
if (fns.length === 0) throw new Error('usage: npx tsx bench/cold-profile.ts [--runs N] <function>…');

runWithBenchStack('portico-cold-profile-', async (stack, outDir) => {
  const driver = join(outDir, 'driver.mjs');
  await writeFile(driver, DRIVER);
  const specs = coldSpecs(stack.env, () => []);
  for (const fn of fns) {
    const spec = specs[fn];
    if (!spec) throw new Error(`no cold invocation for ${fn} (bench/cold-init.ts coldSpecs)`);
    const entry = `functions/handlers/${fn}.ts`;
    const file = join(outDir, fn, 'index.mjs');
    await build({
      ...cdkBuildOptions,
      minify: false,
      sourcemap: false,
      absWorkingDir: repoRoot,
      entryPoints: [entry],
      outfile: file,
      alias: bundleAliases(entry),
    });
    const moduleOf = moduleLines(await readFile(file, 'utf8'));
    const byModule = new Map<string, number>();
    for (let i = 0; i < runs; i++) {
      const out = join(outDir, `${fn}-${i}.json`);
      await run(process.execPath, [driver, file, out], {
        env: {
          PATH: process.env.PATH ?? '',
          ...stack.env,
          AWS_LAMBDA_FUNCTION_NAME: 'portico-bench',
          BENCH_EVENT: JSON.stringify(spec.event),
        },
      });
      const profile = JSON.parse(await readFile(out, 'utf8')) as Profile;
      const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
      profile.samples.forEach((id, k) => {
        const frame = nodes.get(id)!;
        const where = frame.url.endsWith('/index.mjs')
          ? moduleOf(frame.lineNumber)
          : ['dispatch', 'post'].includes(frame.functionName)
            ? '(profiler)'
            : frame.url.startsWith('node:')
              ? '(node internals)'
              : frame.functionName || frame.url || '(native)';
        byModule.set(where, (byModule.get(where) ?? 0) + (profile.timeDeltas[k] ?? 0));
      });
    }
    const rows = [...byModule].sort((a, b) => b[1] - a[1]);
    const total = rows.reduce((sum, [, us]) => sum + us, 0);
    console.log(
      `\n${fn}: ${spec.invocation} — ${(total / runs / 1000).toFixed(1)} ms sampled per process (${runs} processes)`,
    );
    for (const [where, us] of rows.slice(0, 20))
      console.log(`${(us / runs / 1000).toFixed(2).padStart(8)} ms  ${where}`);
  }
});
