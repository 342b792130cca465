// Lambda entry of the `threads` route group (CDK bundles this file; the local gateway imports it).
import { threadsApi } from '../api/threads';
import { systemClock } from '../domain/ports';
import { grantLookup } from '../store/grants';
import { threadStore } from '../store/threads';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();
const threads = threadStore(table);

export const handler = threadsApi(
  {
    threads,
    tasks: threads,
    grantLocator: grantLookup(table),
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
