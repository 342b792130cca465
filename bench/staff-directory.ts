// `npx tsx bench/staff-directory.ts`: what the staff directory check (functions/http/auth.ts
// confirmStaff, decision 0023) costs per request: a cache hit (the window's steady state) versus a
// miss (one GetItem of the staff record, what every request would pay with
// STAFF_DIRECTORY_TTL_SECONDS=0), on DynamoDB Local with the seeded demo admin.

import { confirmStaff } from '../functions/http/auth';
import { cachedStaffDirectory } from '../functions/http/staff-directory';
import { firmStore } from '../functions/store/firm';
import { tableFromEnv } from '../functions/wiring/table';
import { demo } from '../local/seed';
import { startBenchStack } from './stack';
import { quantile } from './stats';

const HITS = 200_000;
const MISSES = 2_000;

const stack = await startBenchStack();
try {
  // The stack sets the functions' environment in this process, as the bench's other parts use it.
  const store = firmStore(await tableFromEnv());
  const admin = {
    kind: 'staff',
    firmId: demo.firmId,
    userId: demo.users.admin.userId,
    role: 'admin',
  } as const;

  const cached = cachedStaffDirectory((f, u) => store.getStaffUser(f, u), { ttlSeconds: 60 });
  await confirmStaff(admin, cached);
  const hitStart = process.hrtime.bigint();
  for (let i = 0; i < HITS; i++) await confirmStaff(admin, cached);
  const hitUs = Number(process.hrtime.bigint() - hitStart) / 1000 / HITS;

  const uncached = cachedStaffDirectory((f, u) => store.getStaffUser(f, u), { ttlSeconds: 0 });
  const missUs: number[] = [];
  for (let i = 0; i < MISSES; i++) {
    const t = process.hrtime.bigint();
    await confirmStaff(admin, uncached);
    missUs.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const ms = (us: number) => `${(us / 1000).toFixed(2)} ms`;
  console.log(`staff directory check, ${HITS} cache hits: ${hitUs.toFixed(2)} µs per request (mean)`);
  console.log(
    `staff directory check, ${MISSES} misses (GetItem on DynamoDB Local): p50 ${ms(quantile(missUs, 0.5))}, p99 ${ms(quantile(missUs, 0.99))}`,
  );
} finally {
  await stack.stop();
}
