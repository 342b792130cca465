// `npm run bench`: builds every Lambda, starts the local stack in a temporary directory, runs the
// six measurements of issue 8, prints the tables and writes bench/results.json.
// `--quick`: a few samples of each, to try the harness (the figures are not meaningful).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { routeGroups } from '../functions/http/routes';
import { type BuiltFunction, buildFunction, lambdaEntries } from './bundles';
import { coldSpecs, measureCold, withBaselines, writeDriver } from './cold-init';
import { measureLive } from './live';
import { repoRoot } from './paths';
import { instrumentSharedClients } from './requests';
import { judge, type Results } from './results';
import { measureRoundTrips } from './round-trips';
import { startBenchStack } from './stack';
import { renderTables } from './table';
import { measureUploadToInbox, uploadToInboxUnavailable } from './upload-to-inbox';
import { measureWarm } from './warm';
import { World } from './world';

const quick = process.argv.includes('--quick');
const settings = quick
  ? {
      coldRuns: 3,
      warmCalls: 100,
      fanout: [1, 10, 100],
      uploads: 5,
      live: { samples: 10, fanOutConnections: 100, fanOutSamples: 2 },
    }
  : {
      coldRuns: 15,
      warmCalls: 1000,
      fanout: [1, 10, 100, 1000],
      uploads: 50,
      live: { samples: 100, fanOutConnections: 100, fanOutSamples: 10 },
    };

const started = performance.now();
const progress = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** Every function CDK deploys: one per route group, plus the event functions. */
const expectedFunctions = [...routeGroups, 'publisher', 'notify', 'ingest', 'reminders'];

async function main() {
  const outDir = await mkdtemp(join(tmpdir(), 'portico-bench-bundles-'));
  progress(`building Lambda bundles into ${outDir}`);
  const entries = await lambdaEntries();
  const built: BuiltFunction[] = [];
  for (const entry of entries) built.push(await buildFunction(entry, outDir));
  const missing = expectedFunctions.filter((f) => !built.some((b) => b.function === f));

  progress('starting the local stack (temporary data directory)');
  const stack = await startBenchStack();
  try {
    const instrumented = await instrumentSharedClients();
    progress(`local stack up; counting requests on ${instrumented.join(', ')}`);

    const specs = coldSpecs(stack.env, (fn) => built.find((b) => b.function === fn)?.sdk ?? []);
    const { bundles, coldTargets } = await withBaselines(built, specs, outDir, progress);
    progress(
      `bundles: ${bundles.map((b) => `${b.function} ${b.sdk.length ? `${b.ratio.toFixed(2)}×` : 'no AWS SDK, no ratio'}`).join(', ')}`,
    );

    const driver = await writeDriver(outDir);
    const coldInit = await measureCold(driver, coldTargets, stack.env, settings.coldRuns, progress);

    const world = new World(stack);
    const roundTrips = await measureRoundTrips(world, progress);

    const warm = await measureWarm(world, settings.warmCalls, progress);

    let notify: Results['notify'];
    if (existsSync(join(repoRoot, 'functions', 'notify', 'core.ts'))) {
      const { measureFanout } = await import('./fanout');
      notify = await measureFanout(settings.fanout, progress, stack.settle);
    } else notify = { notMeasured: 'functions/notify/core.ts does not exist yet' };

    let uploadToInbox: Results['uploadToInbox'];
    const unavailable = uploadToInboxUnavailable();
    if (unavailable) uploadToInbox = { notMeasured: unavailable };
    else {
      try {
        uploadToInbox = await measureUploadToInbox(world, settings.uploads, progress);
      } catch (err) {
        uploadToInbox = { notMeasured: `failed: ${(err as Error).message}` };
      }
    }
    if ('notMeasured' in uploadToInbox) progress(`upload → inbox not measured: ${uploadToInbox.notMeasured}`);

    let live: Results['live'];
    try {
      live = await measureLive(world, settings.live, progress);
    } catch (err) {
      live = { notMeasured: `failed: ${(err as Error).message}` };
      progress(`event → live message not measured: ${live.notMeasured}`);
    }

    const partial: Omit<Results, 'targets'> = {
      node: process.version,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      timestamp: new Date().toISOString(),
      durationSeconds: Math.round((performance.now() - started) / 1000),
      bundles: [
        ...bundles,
        ...missing.map((f) => ({ function: f, missing: `functions/handlers/${f}.ts does not exist yet` })),
      ],
      coldInit,
      warm,
      roundTrips,
      notify,
      uploadToInbox,
      live,
    };
    const results: Results = { ...partial, targets: judge(partial) };
    const file = join(repoRoot, 'bench', 'results.json');
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${renderTables(results)}\n`);
    progress(`wrote ${file}${quick ? ' (--quick: figures not meaningful)' : ''}`);
    // A route the bench cannot call must not pass unnoticed.
    const failed = roundTrips.filter((t) => 'failed' in t);
    if (failed.length) {
      console.error(
        `\n${failed.length} route(s) FAILED in the round-trip count: ${failed.map((t) => t.route).join(', ')}`,
      );
      process.exitCode = 1;
    }
  } finally {
    await stack.stop();
    await rm(outDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
