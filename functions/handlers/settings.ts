// Lambda entry of the `settings` route group (CDK bundles this file; the local gateway imports it).
import { settingsApi } from '../api/settings';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { clientNotificationStore, matrixStore, settingsStore } from '../store/firm-settings';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const config = loadConfig(['UPLOAD_MAX_BYTES']);
const table = await tableFromEnv();

export const handler = settingsApi(
  {
    settings: settingsStore(table),
    clientNotifications: clientNotificationStore(table),
    matrix: matrixStore(table),
    clock: systemClock,
    ids: ulidIds,
    uploadMaxBytes: config.UPLOAD_MAX_BYTES,
  },
  gateFromEnv(table),
);
