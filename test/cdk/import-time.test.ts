// What a Lambda does while its bundle is imported, i.e. on every cold start (decision 0040). An
// `Intl` service object (a segmenter, collator, formatter) loads ICU data when it is constructed:
// `new Intl.Segmenter` alone took 7.5 ms, a third of what a route group's import added to its
// baseline's. Each is created on first use, so no bundle may construct one at import.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdkBuildOptions, lambdaEntries } from '../../bench/bundles';
import { repoRoot } from '../../bench/paths';

const run = promisify(execFile);

/** Preloaded before the bundle: counts constructions of every Intl service, by name. */
const COUNT_INTL = `
globalThis.__intl = {};
for (const name of ['Segmenter', 'Collator', 'DateTimeFormat', 'NumberFormat', 'PluralRules', 'ListFormat', 'RelativeTimeFormat', 'DisplayNames']) {
  const count = () => { globalThis.__intl[name] = (globalThis.__intl[name] ?? 0) + 1; };
  Intl[name] = new Proxy(Intl[name], {
    construct(target, args, newTarget) { count(); return Reflect.construct(target, args, newTarget); },
    apply(target, self, args) { count(); return Reflect.apply(target, self, args); },
  });
}
`;
const IMPORT = `
await import(process.argv[2]);
process.stdout.write('\\nIMPORTED ' + JSON.stringify(globalThis.__intl) + '\\n');
`;
/** What every entry's configuration asks for at import; no value leads to a call (the secret is set). */
const ENV = {
  TABLE_NAME: 'portico',
  BUCKET_NAME: 'portico-uploads',
  EVENT_BUS_NAME: 'portico-events',
  CURSOR_SECRET: 'x'.repeat(32),
  SENDER_EMAIL: 'noreply@portico.example',
  APP_URL: 'https://app.portico.example',
  PORTAL_URL: 'https://portal.portico.example',
  LIVE_URL: 'wss://live.portico.example/live',
  VAPID_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:vapid',
  STAFF_USER_POOL_ID: 'eu-west-1_staff',
  CONTACT_USER_POOL_ID: 'eu-west-1_contact',
  STAFF_CLIENT_IDS: 'staff-client',
  CONTACT_CLIENT_IDS: 'contact-client',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
};

let dir: string;
let counts: Map<string, Record<string, number>>;

/** Imports one bundle in a fresh node process and returns the Intl constructions it made. */
async function intlAtImport(bundle: string, preload: string, importer: string) {
  const { stdout } = await run(process.execPath, ['--import', preload, importer, bundle], {
    env: { PATH: process.env.PATH ?? '', ...ENV },
    timeout: 60_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('IMPORTED '));
  if (!line) throw new Error(`${bundle} did not import: ${stdout.slice(-300)}`);
  return JSON.parse(line.slice('IMPORTED '.length)) as Record<string, number>;
}

async function buildTo(entry: { entryPoints: string[] } | { stdin: { contents: string } }, name: string) {
  const file = join(dir, name, 'index.mjs');
  const source =
    'stdin' in entry
      ? { stdin: { ...entry.stdin, resolveDir: repoRoot, sourcefile: `${name}.js`, loader: 'js' as const } }
      : entry;
  await build({ ...cdkBuildOptions, ...source, absWorkingDir: repoRoot, sourcemap: false, outfile: file });
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-import-time-'));
  const preload = join(dir, 'count-intl.mjs');
  const importer = join(dir, 'import.mjs');
  await writeFile(preload, COUNT_INTL);
  await writeFile(importer, IMPORT);
  const entries = await lambdaEntries();
  const bundles = await Promise.all(entries.map((e) => buildTo({ entryPoints: [e] }, basename(e, '.ts'))));
  counts = new Map();
  for (const [i, e] of entries.entries())
    counts.set(basename(e, '.ts'), await intlAtImport(bundles[i]!, preload, importer));
  // The check can fail: a bundle that builds a segmenter at module load is counted.
  const probe = await buildTo(
    {
      stdin: {
        contents:
          "const s = new Intl.Segmenter('en', { granularity: 'grapheme' });\nexport const handler = (t) => [...s.segment(t)].length;",
      },
    },
    'probe',
  );
  counts.set('(probe)', await intlAtImport(probe, preload, importer));
}, 240_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Stack: Portico', () => {
  describe('what a Lambda does at import (its cold start)', () => {
    it('imports every Lambda entry (the list the check below runs over)', () => {
      // Assess
      expect([...counts.keys()]).toEqual(expect.arrayContaining(['cases', 'settings', 'notify', 'ingest']));
    });

    it('constructs no Intl service object (segmenter, collator, formatter) at import', () => {
      // Act
      const constructing = [...counts]
        .filter(([fn, made]) => fn !== '(probe)' && Object.keys(made).length > 0)
        .map(([fn, made]) => `${fn}: ${JSON.stringify(made)}`);

      // Assess
      expect(constructing).toEqual([]);
    });

    it('notices a segmenter built at module load (the check above can fail)', () => {
      // Assess
      expect(counts.get('(probe)')).toEqual({ Segmenter: 1 });
    });
  });
});
