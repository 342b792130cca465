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
import { groupHandler } from '../http/handler';

export type NotificationsApiDeps = MatrixDeps & DeliveryListDeps & PreferencesDeps;

export function notificationsApi(deps: NotificationsApiDeps) {
  return groupHandler('notifications', {
    getNotificationMatrix: ({ principal }) => getMatrix(deps, principal),
    putNotificationMatrix: ({ principal, body }) => putMatrix(deps, principal, body),
    getMyPreferences: ({ principal }) => getStaffPreferences(deps, principal),
    putMyPreferences: ({ principal, body }) => putStaffPreferences(deps, principal, body),
    getPortalPreferences: ({ principal }) => getContactPreferences(deps, principal),
    putPortalPreferences: ({ principal, body }) => putContactPreferences(deps, principal, body),
    listCaseDeliveries: ({ principal, params, query }) =>
      listCaseDeliveries(deps, principal, params.caseId, query),
    listEventDeliveries: ({ principal, params, query }) =>
      listEventDeliveries(deps, principal, params.eventId, query),
  });
}
