// Section 7 alone (event → live message, issue 19) on a fresh local stack, without the rest of the
// bench: `npx tsx bench/live-only.ts` (`--quick`: 10 samples and 2 fan-outs). Prints the figures.
import { measureLive } from './live';
import { startBenchStack } from './stack';
import { World } from './world';

const quick = process.argv.includes('--quick');
const settings = quick
  ? { samples: 10, fanOutConnections: 100, fanOutSamples: 2 }
  : { samples: 100, fanOutConnections: 100, fanOutSamples: 10 };

process.env.LOG_LEVEL ??= 'warn';
const stack = await startBenchStack();
try {
  const r = await measureLive(new World(stack), settings, (line) => console.log(line));
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(
    `event → live message, 1 socket: ${r.samples} samples, p50 ${ms(r.p50Ms)}, p95 ${ms(r.p95Ms)}, max ${ms(r.maxMs)}`,
  );
  const f = r.fanOut;
  console.log(
    `event → live message, ${f.connections} sockets (the last): ${f.samples} samples, p50 ${ms(f.p50Ms)}, p95 ${ms(f.p95Ms)}, max ${ms(f.maxMs)}`,
  );
} finally {
  await stack.stop();
}
