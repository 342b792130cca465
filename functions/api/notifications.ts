// Route implementations of the `notifications` group: personal preferences, web push, recurring
// tasks and delivery status.
import { type DeliveryListDeps, listCaseDeliveries, listEventDeliveries } from '../domain/deliveries';
import {
  getContactPreferences,
  getStaffPreferences,
  type PreferencesDeps,
  putContactPreferences,
  putStaffPreferences,
} from '../domain/preferences';
import {
  listPushSubscriptions,
  type PushDeps,
  pushPublicKey,
  registerPushSubscription,
  removePushSubscription,
} from '../domain/push';
import {
  deleteRecurringTask,
  getRecurringTask,
  listRecurringTasks,
  putRecurringTask,
  type RecurringTaskDeps,
  setCaseNotifyClient,
} from '../domain/recurring-tasks';
import type { Gate } from '../http/auth';
import { notificationsChecks } from '../http/checks/notifications';
import { groupHandler } from '../http/handler';
import { notificationsRoutes } from '../http/routes/notifications';

export type NotificationsApiDeps = DeliveryListDeps & PreferencesDeps & PushDeps & RecurringTaskDeps;

export function notificationsApi(deps: NotificationsApiDeps, gate: Gate) {
  return groupHandler(
    'notifications',
    notificationsRoutes,
    {
      getMyPreferences: ({ principal }) => getStaffPreferences(deps, principal),
      putMyPreferences: ({ principal, body }) => putStaffPreferences(deps, principal, body),
      getPortalPreferences: ({ principal }) => getContactPreferences(deps, principal),
      putPortalPreferences: ({ principal, body }) => putContactPreferences(deps, principal, body),
      getPushPublicKey: () => pushPublicKey(deps),
      createPushSubscription: ({ principal, body }) => registerPushSubscription(deps, principal, body),
      listPushSubscriptions: ({ principal, query }) => listPushSubscriptions(deps, principal, query),
      deletePushSubscription: ({ principal, params }) =>
        removePushSubscription(deps, principal, params.subscriptionId),
      getPortalPushPublicKey: () => pushPublicKey(deps),
      createPortalPushSubscription: ({ principal, body }) => registerPushSubscription(deps, principal, body),
      listPortalPushSubscriptions: ({ principal, query }) => listPushSubscriptions(deps, principal, query),
      deletePortalPushSubscription: ({ principal, params }) =>
        removePushSubscription(deps, principal, params.subscriptionId),
      listCaseDeliveries: ({ principal, params, query }) =>
        listCaseDeliveries(deps, principal, params.caseId, query),
      listEventDeliveries: ({ principal, params, query }) =>
        listEventDeliveries(deps, principal, params.eventId, query),
      putRecurringTask: ({ principal, params, body }) =>
        putRecurringTask(deps, principal, params.recurringTaskId, body),
      listRecurringTasks: ({ principal, query }) => listRecurringTasks(deps, principal, query),
      getRecurringTask: ({ principal, params }) => getRecurringTask(deps, principal, params.recurringTaskId),
      deleteRecurringTask: ({ principal, params }) =>
        deleteRecurringTask(deps, principal, params.recurringTaskId),
      putCaseNotifyClient: ({ principal, params, body }) =>
        setCaseNotifyClient(deps, principal, params.caseId, body.notifyClient),
    },
    gate,
    notificationsChecks,
  );
}
