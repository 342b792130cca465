// The local stack the benchmark runs against: startLocalStack (DynamoDB Local, local S3, local SES,
// bus, stream relay, gateway; seeded demo data) in a temporary data directory, removed at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '../local/stack';

export type BenchStack = LocalStack;

export async function startBenchStack(): Promise<BenchStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-bench-'));
  try {
    const stack = await startLocalStack({ dataDir, seed: true });
    return {
      ...stack,
      stop: async () => {
        await stack.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * A bench tool's run: `work` with its own stack and a temporary directory for its bundles, both
 * removed after it; the process exits 0, or prints the error and exits 1 (the stack's handles would
 * keep it alive otherwise).
 */
export function runWithBenchStack(
  prefix: string,
  work: (stack: BenchStack, outDir: string) => Promise<void>,
): void {
  const run = async () => {
    const outDir = await mkdtemp(join(tmpdir(), prefix));
    try {
      const stack = await startBenchStack();
      try {
        await work(stack, outDir);
      } finally {
        await stack.stop();
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  };
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
