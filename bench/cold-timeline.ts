// `npx tsx bench/cold-timeline.ts [--runs N] <function>…`: when a function's first invocation opens
// its sockets, sends and receives each AWS request, and collects garbage, against its baseline's, in
// wall and CPU time from the handler's call (decisions 0052, 0055). Bundles and baselines as section 2
// builds them, cold processes alternating on one local stack (default 11 each); each mark's median
// over the runs whose marks came in the most common order. Where cold-profile says what a process
// spends its CPU on, this says what the answer waits for: CPU before the first request goes out,
// requests in flight together or one after the other, the work between a response and the next.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuiltFunction, buildFunction } from './bundles';
import { coldProcess, coldSpecs, runsAndFunctions, withBaselines } from './cold-init';
import { runWithBenchStack } from './stack';
import { median } from './stats';

/**
 * Import, then one invocation with `diagnostics_channel` marks (a DynamoDB request is named by its
 * `x-amz-target`, another by method and path) and the GC entries inside it, on a marked line.
 */
const DRIVER = `
import dc from 'node:diagnostics_channel';
import { PerformanceObserver } from 'node:perf_hooks';
const marks = [];
const gcs = [];
let t0 = 0;
let c0;
const cpu = () => { const u = process.cpuUsage(c0); return (u.user + u.system) / 1000; };
const mark = (name) => { if (c0) marks.push([name, performance.now() - t0, cpu()]); };
const nameOf = (request) => String(request.getHeader('x-amz-target') ?? request.method + ' ' + request.path.split('?')[0]).replace(/^DynamoDB_\\d+\\./, '');
dc.subscribe('net.client.socket', () => mark('socket opened'));
dc.subscribe('http.client.request.start', ({ request }) => mark(nameOf(request) + ' sent'));
dc.subscribe('http.client.response.finish', ({ request }) => mark(nameOf(request) + ' answered'));
new PerformanceObserver((list) => { for (const e of list.getEntries()) gcs.push([e.startTime, e.duration]); }).observe({ entryTypes: ['gc'] });
const mod = await import(process.argv[2]);
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000, callbackWaitsForEmptyEventLoop: false };
t0 = performance.now();
c0 = process.cpuUsage();
const result = await mod.handler(JSON.parse(process.env.BENCH_EVENT), context);
mark('answer (' + (result?.statusCode ?? 'no status') + ')');
const t1 = performance.now();
await new Promise((resolve) => setTimeout(resolve, 10));
const during = gcs.filter(([start]) => start >= t0 && start <= t1);
process.stdout.write('\\nBENCH_TIMELINE ' + JSON.stringify({ marks, gcCount: during.length, gcMs: during.reduce((s, [, d]) => s + d, 0) }) + '\\n');
`;

interface Timeline {
  marks: [string, number, number][];
  gcCount: number;
  gcMs: number;
}

const timeline = (driver: string, bundle: string, event: unknown, env: Record<string, string>) =>
  coldProcess<Timeline>(driver, bundle, event, env, 'BENCH_TIMELINE');

/** The medians of the runs whose marks came in the most common order, as printable lines. */
function render(side: string, runs: Timeline[]): string[] {
  const orderOf = (t: Timeline) => t.marks.map(([name]) => name).join('\n');
  const counts = new Map<string, number>();
  for (const t of runs) counts.set(orderOf(t), (counts.get(orderOf(t)) ?? 0) + 1);
  const [order] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  const same = runs.filter((t) => orderOf(t) === order);
  const lines = [
    `${side}: ${same.length} of ${runs.length} runs in this order; GC during the invocation ${median(runs.map((t) => t.gcCount)).toFixed(0)}× ${median(runs.map((t) => t.gcMs)).toFixed(1)} ms (medians)`,
    '   wall ms |  CPU ms | mark',
  ];
  same[0]!.marks.forEach(([name], k) => {
    const wall = median(same.map((t) => t.marks[k]![1])).toFixed(1);
    const cpu = median(same.map((t) => t.marks[k]![2])).toFixed(1);
    lines.push(`${wall.padStart(10)} | ${cpu.padStart(7)} | ${name}`);
  });
  return lines;
}

const { runs, fns } = runsAndFunctions(process.argv.slice(2), 11);
if (fns.length === 0) throw new Error('usage: npx tsx bench/cold-timeline.ts [--runs N] <function>…');

runWithBenchStack('portico-cold-timeline-', async (stack, outDir) => {
  const driver = join(outDir, 'timeline-driver.mjs');
  await writeFile(driver, DRIVER);
  const built: BuiltFunction[] = [];
  for (const fn of fns) built.push(await buildFunction(`functions/handlers/${fn}.ts`, outDir));
  const specs = coldSpecs(stack.env, (fn) => built.find((b) => b.function === fn)?.sdk ?? []);
  const { coldTargets } = await withBaselines(built, specs, outDir, console.log);
  for (const target of coldTargets) {
    const samples: Record<'function' | 'baseline', Timeline[]> = { function: [], baseline: [] };
    for (let i = 0; i < runs; i++) {
      samples.function.push(await timeline(driver, target.bundle, target.spec.event, stack.env));
      samples.baseline.push(await timeline(driver, target.baseline, target.baselineEvent, stack.env));
    }
    console.log(`\n${target.function}: ${target.spec.invocation}, ${runs} processes each`);
    console.log(
      [...render(target.function, samples.function), ...render('baseline', samples.baseline)].join('\n'),
    );
  }
});
