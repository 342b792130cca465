// Lambda entry of the `inbox` route group (CDK bundles this file; the local gateway imports it).
import { inboxApi } from '../api/inbox';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { inboxStore } from '../store/inbox';
import { liveTickets } from '../store/live';
import { recipientsStore, staffDirectory } from '../store/recipients';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();
const { LIVE_URL } = loadConfig(['LIVE_URL']);

export const handler = inboxApi(
  {
    recipients: recipientsStore(table),
    staff: staffDirectory(table),
    inbox: inboxStore(table),
    tickets: liveTickets(table),
    liveUrl: LIVE_URL,
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
