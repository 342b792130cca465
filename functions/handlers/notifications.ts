// Lambda entry of the `notifications` route group (CDK bundles this file; the local gateway imports it).
import { notificationsApi } from '../api/notifications';
import { secretsManager } from '../clients/secrets-manager';
import { loadConfig } from '../config';
import { systemClock } from '../domain/ports';
import { vapidKeySecret } from '../secrets/vapid-keys';
import { caseStore } from '../store/cases';
import { deliveryLists } from '../store/deliveries';
import { matrixStore } from '../store/firm-settings';
import { preferenceStore } from '../store/preferences';
import { pushSubscriptionStore } from '../store/push-subscriptions';
import { caseFlagStore, recurringTaskStore } from '../store/recurring-tasks';
import { gateFromEnv } from '../wiring/gate';
import { ulidIds } from '../wiring/ids';
import { tableFromEnv } from '../wiring/table';

const table = await tableFromEnv();

export const handler = notificationsApi(
  {
    matrix: matrixStore(table),
    deliveryLists: deliveryLists(table),
    preferences: preferenceStore(table),
    cases: caseStore(table),
    recurringTasks: recurringTaskStore(table),
    caseFlags: caseFlagStore(table),
    pushSubscriptions: pushSubscriptionStore(table),
    vapid: vapidKeySecret(secretsManager(), loadConfig(['VAPID_SECRET_ARN']).VAPID_SECRET_ARN),
    pushServices: loadConfig(['PUSH_SERVICES']).PUSH_SERVICES,
    clock: systemClock,
    ids: ulidIds,
  },
  gateFromEnv(table),
);
