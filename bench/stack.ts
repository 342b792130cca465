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
