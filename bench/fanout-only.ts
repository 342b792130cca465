// `npx tsx bench/fanout-only.ts [--quick]`: section 5 (notify fan-out) alone, on its own local stack,
// printed as `npm run bench` prints it with its targets; for trying a notify change without the
// whole bench (the floors are measured in the same run, so the ratios hold; about four minutes).
// `--costs`: instead, each notify request's rate against the single-ADD write's (bench/request-costs.ts).
import { measureFanout } from './fanout';
import { measureRequestCosts } from './request-costs';
import { instrumentSharedClients } from './requests';
import { judge } from './results';
import { startBenchStack } from './stack';
import { renderNotify } from './table';

const sizes = process.argv.includes('--quick') ? [1, 10, 100] : [1, 10, 100, 1000];
const started = performance.now();
const progress = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

async function main() {
  const stack = await startBenchStack();
  try {
    if (process.argv.includes('--costs')) {
      console.log(await measureRequestCosts());
      return;
    }
    await instrumentSharedClients();
    const notify = await measureFanout(sizes, progress, stack.settle);
    const targets = judge({
      node: process.version,
      cpus: '',
      timestamp: new Date().toISOString(),
      durationSeconds: 0,
      bundles: [],
      coldInit: [],
      warm: [],
      roundTrips: [],
      notify,
      uploadToInbox: { notMeasured: 'not in this run' },
    }).filter((t) => t.target.startsWith('notify'));
    console.log(renderNotify(notify));
    for (const t of targets)
      console.log(`| ${t.target} | ${t.measured} | ${t.met === undefined ? '—' : t.met ? 'ok' : 'MISSED'} |`);
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
