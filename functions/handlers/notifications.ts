// Lambda entry of the `notifications` route group (CDK bundles this file; the local gateway imports it).
import { notificationsApi } from '../api/notifications';
import { systemClock } from '../domain/ports';
import { caseStore } from '../store/cases';
import { deliveryLists } from '../store/deliveries';
import { matrixStore } from '../store/notification-matrix';
import { preferenceStore } from '../store/preferences';
import { tableFromEnv } from '../wiring/table';

const table = tableFromEnv();

export const handler = notificationsApi({
  matrix: matrixStore(table),
  deliveryLists: deliveryLists(table),
  preferences: preferenceStore(table),
  cases: caseStore(table),
  clock: systemClock,
});
