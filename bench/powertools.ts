// What each Powertools package adds to a Lambda bundle and to its cold init, measured apart from the
// functions: a baseline entry (the DynamoDB document client, as every function has) and the same
// entry plus one package, each constructed as functions/observe.ts constructs it. Built with the
// bench's CDK build options; cold init = a fresh `node` importing the bundle, median of N runs.
// Then, per Lambda entry as CDK builds it, the bytes Powertools takes in its bundle.
// Run: npx tsx bench/powertools.ts [runs]
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cdkBuildOptions, lambdaEntries, moduleOf } from './bundles';
import { repoRoot } from './paths';

const base = [
  "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
  "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
  'const dc = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
];
const variants: Record<string, string[]> = {
  baseline: [],
  logger: [
    "import { Logger } from '@aws-lambda-powertools/logger';",
    "import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';",
    "const logger = new Logger({ serviceName: 'portico' }); globalThis.x = [logger, injectLambdaContext];",
  ],
  metrics: [
    "import { Metrics } from '@aws-lambda-powertools/metrics';",
    "import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';",
    "const metrics = new Metrics({ namespace: 'Portico', serviceName: 'portico' }); globalThis.x = [metrics, logMetrics];",
  ],
  tracer: [
    "import { Tracer } from '@aws-lambda-powertools/tracer';",
    "import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';",
    "const tracer = new Tracer({ serviceName: 'portico' }); tracer.captureAWSv3Client(dc); globalThis.x = [tracer, captureLambdaHandler];",
  ],
};

const runs = Number(process.argv[2] ?? 15);
const out = await mkdtemp(join(tmpdir(), 'portico-bench-powertools-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const built: { variant: string; bytes: number; file: string; times: number[] }[] = [];
for (const [name, lines] of Object.entries(variants)) {
  const file = join(out, name, 'index.mjs');
  const contents = [
    ...base.slice(0, 2),
    ...lines.filter((l) => l.startsWith('import')),
    base[2],
    ...lines.filter((l) => !l.startsWith('import')),
    'export const handler = async () => dc;',
  ].join('\n');
  const result = await build({
    ...cdkBuildOptions,
    absWorkingDir: repoRoot,
    stdin: { contents, resolveDir: repoRoot, sourcefile: `${name}.js`, loader: 'js' },
    outfile: file,
  });
  const key = Object.keys(result.metafile?.outputs ?? {}).find((k) => k.endsWith('.mjs'));
  built.push({
    variant: name,
    bytes: key ? (result.metafile?.outputs[key]?.bytes ?? 0) : 0,
    file,
    times: [],
  });
}
// Variants alternate within each round, so the machine's noise falls on all of them alike.
for (let i = 0; i < runs; i++) {
  for (const v of built) {
    const ms = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t=performance.now(); await import(${JSON.stringify(v.file)}); process.stdout.write(String(performance.now()-t));`,
      ],
      { env: { ...process.env, AWS_REGION: 'eu-west-1' }, stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString();
    v.times.push(Number(ms));
  }
}
const rows = built.map((v) => ({ variant: v.variant, bytes: v.bytes, initMs: median(v.times) }));
const [b] = rows;
for (const r of rows)
  console.log(
    `${r.variant.padEnd(9)} ${(r.bytes / 1024).toFixed(1).padStart(7)} KiB (+${((r.bytes - (b?.bytes ?? 0)) / 1024).toFixed(1)})  init ${r.initMs.toFixed(1)} ms (+${(r.initMs - (b?.initMs ?? 0)).toFixed(1)}) median of ${runs}`,
  );

// What Powertools (and its shared commons) take in each function's own bundle.
for (const entry of await lambdaEntries()) {
  const result = await build({
    ...cdkBuildOptions,
    absWorkingDir: repoRoot,
    entryPoints: [entry],
    outfile: join(out, 'fn', `${entry.replace(/\W/g, '_')}.mjs`),
  });
  const output = Object.entries(result.metafile?.outputs ?? {}).find(([k]) => k.endsWith('.mjs'))?.[1];
  let powertools = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {}))
    if (moduleOf(input).startsWith('@aws-lambda-powertools/')) powertools += bytesInOutput;
  console.log(
    `${entry.padEnd(36)} ${((output?.bytes ?? 0) / 1024).toFixed(1).padStart(7)} KiB, Powertools ${(powertools / 1024).toFixed(1)} KiB`,
  );
}
