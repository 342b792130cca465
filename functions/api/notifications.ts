// Route implementations of the `notifications` group: the firm's notification matrix, personal
// preferences and delivery status.
import { type DeliveryListDeps, listCaseDeliveries, listEventDeliveries } from '../domain/deliveries';
import { getMatrix, type MatrixDeps, putMatrix } from '../domain/notification-matrix';
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
  getRecurringTask,
  listRecurringTasks,
  putRecurringTask,
  type RecurringTaskDeps,
  setCaseNotifyClient,
} from '../domain/recurring-tasks';
import {
  deleteTemplateOverride,
  listTemplates,
  putTemplateOverride,
  type TemplatesDeps,
} from '../domain/templates';
import type { Gate } from '../http/auth';
import { groupHandler } from '../http/handler';
import { notificationsRoutes } from '../http/routes/notifications';

export type NotificationsApiDeps = MatrixDeps &
  DeliveryListDeps &
  PreferencesDeps &
  PushDeps &
  RecurringTaskDeps &
  TemplatesDeps;

export function notificationsApi(deps: NotificationsApiDeps, gate: Gate) {
  return groupHandler(
    'notifications',
    notificationsRoutes,
    {
      getNotificationMatrix: ({ principal }) => getMatrix(deps, principal),
      putNotificationMatrix: ({ principal, body }) => putMatrix(deps, principal, body),
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
      listNotificationTemplates: ({ principal, query }) => listTemplates(deps, principal, query),
      putNotificationTemplate: ({ principal, params, body }) =>
        putTemplateOverride(deps, principal, params, body),
      deleteNotificationTemplate: ({ principal, params }) => deleteTemplateOverride(deps, principal, params),
      putRecurringTask: ({ principal, params, body }) =>
        putRecurringTask(deps, principal, params.recurringTaskId, body),
      listRecurringTasks: ({ principal, query }) => listRecurringTasks(deps, principal, query),
      getRecurringTask: ({ principal, params }) => getRecurringTask(deps, principal, params.recurringTaskId),
      putCaseNotifyClient: ({ principal, params, body }) =>
        setCaseNotifyClient(deps, principal, params.caseId, body.notifyClient),
    },
    gate,
  );
}
