// Lambda entry of the `access` route group (CDK bundles this file; the local gateway imports it).
import { accessApi } from '../api/access';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { accessStore } from '../store/access';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();
const { PORTAL_URL } = loadConfig(['PORTAL_URL']);

export const handler = accessApi(
  {
    access: accessStore(table),
    clock: systemClock,
    ids: ulidIds,
    portalUrl: PORTAL_URL,
  },
  gateFromEnv(table),
);
