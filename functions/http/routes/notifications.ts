// Routes of the `notifications` group: personal preferences, web push, deliveries, recurring tasks.
import { type Audience, audienceRoute, defineRoute, type GroupRoutes, type RouteSummaries } from '../route';
import { CaseView } from '../schemas/case-view';
import { CaseParams, PageQuery, pageOf } from '../schemas/common';
import { DeliveryView, EventParams, PreferencesBody, PreferencesView } from '../schemas/notifications';
import {
  PushPublicKeyView,
  PushSubscriptionBody,
  PushSubscriptionParams,
  PushSubscriptionRemovedView,
  PushSubscriptionView,
} from '../schemas/push';
import {
  NotifyClientBody,
  RecurringTaskBody,
  RecurringTaskDeletedView,
  RecurringTaskParams,
  RecurringTaskView,
} from '../schemas/recurring-tasks';

const pushOperations = {
  publicKey: {
    method: 'GET',
    path: '/me/push/public-key',
    response: { status: 200, schema: PushPublicKeyView },
  },
  create: {
    method: 'POST',
    path: '/me/push-subscriptions',
    body: PushSubscriptionBody,
    response: { status: 201, schema: PushSubscriptionView },
  },
  list: {
    method: 'GET',
    path: '/me/push-subscriptions',
    query: PageQuery,
    response: { status: 200, schema: pageOf(PushSubscriptionView) },
  },
  remove: {
    method: 'DELETE',
    path: '/me/push-subscriptions/{subscriptionId}',
    params: PushSubscriptionParams,
    response: { status: 200, schema: PushSubscriptionRemovedView },
  },
} as const;

/** Web push is the same for staff (`/me/…`) and portal users (`/portal/me/…`): the caller's own browsers. */
const pushRoute = <A extends Audience, O extends keyof typeof pushOperations>(auth: A, operation: O) =>
  audienceRoute(pushOperations[operation], auth, 'notifications', 'none');

export const notificationsRoutes = {
  getMyPreferences: defineRoute({
    method: 'GET',
    path: '/me/preferences',
    group: 'notifications',
    auth: 'staff',
    scope: 'none',
    response: { status: 200, schema: PreferencesView },
  }),
  putMyPreferences: defineRoute({
    method: 'PUT',
    path: '/me/preferences',
    group: 'notifications',
    auth: 'staff',
    scope: 'none',
    body: PreferencesBody,
    response: { status: 200, schema: PreferencesView },
  }),
  getPortalPreferences: defineRoute({
    method: 'GET',
    path: '/portal/me/preferences',
    group: 'notifications',
    auth: 'contact',
    scope: 'none',
    response: { status: 200, schema: PreferencesView },
  }),
  putPortalPreferences: defineRoute({
    method: 'PUT',
    path: '/portal/me/preferences',
    group: 'notifications',
    auth: 'contact',
    scope: 'none',
    body: PreferencesBody,
    response: { status: 200, schema: PreferencesView },
  }),
  // ── web push (issue 7): the same five operations for staff (/me) and portal users (/portal/me) ──
  getPushPublicKey: pushRoute('staff', 'publicKey'),
  createPushSubscription: pushRoute('staff', 'create'),
  listPushSubscriptions: pushRoute('staff', 'list'),
  deletePushSubscription: pushRoute('staff', 'remove'),
  getPortalPushPublicKey: pushRoute('contact', 'publicKey'),
  createPortalPushSubscription: pushRoute('contact', 'create'),
  listPortalPushSubscriptions: pushRoute('contact', 'list'),
  deletePortalPushSubscription: pushRoute('contact', 'remove'),
  listCaseDeliveries: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/deliveries',
    group: 'notifications',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(DeliveryView) },
  }),
  listEventDeliveries: defineRoute({
    method: 'GET',
    path: '/deliveries/{eventId}',
    group: 'notifications',
    auth: 'staff',
    scope: 'firm',
    params: EventParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(DeliveryView) },
  }),
  // ── document paths: recurring tasks and notify-client flags (issue 7) ──
  putRecurringTask: defineRoute({
    method: 'PUT',
    path: '/recurring-tasks/{recurringTaskId}',
    group: 'notifications',
    auth: 'admin',
    scope: 'firm',
    params: RecurringTaskParams,
    body: RecurringTaskBody,
    response: { status: 200, schema: RecurringTaskView },
  }),
  listRecurringTasks: defineRoute({
    method: 'GET',
    path: '/recurring-tasks',
    group: 'notifications',
    auth: 'staff',
    scope: 'firm',
    query: PageQuery,
    response: { status: 200, schema: pageOf(RecurringTaskView) },
  }),
  getRecurringTask: defineRoute({
    method: 'GET',
    path: '/recurring-tasks/{recurringTaskId}',
    group: 'notifications',
    auth: 'staff',
    scope: 'firm',
    params: RecurringTaskParams,
    response: { status: 200, schema: RecurringTaskView },
  }),
  deleteRecurringTask: defineRoute({
    method: 'DELETE',
    path: '/recurring-tasks/{recurringTaskId}',
    group: 'notifications',
    auth: 'admin',
    scope: 'firm',
    params: RecurringTaskParams,
    response: { status: 200, schema: RecurringTaskDeletedView },
  }),
  putCaseNotifyClient: defineRoute({
    method: 'PUT',
    path: '/cases/{caseId}/notify-client',
    group: 'notifications',
    auth: 'admin',
    scope: 'case',
    params: CaseParams,
    body: NotifyClientBody,
    response: { status: 200, schema: CaseView },
  }),
} as const satisfies GroupRoutes<'notifications'>;

// Each operation's summary, shared by its staff and portal routes (plain constants: an object's
// property read would keep the text in the Lambda bundle).
const pushPublicKeySummary =
  'The VAPID public key to pass to `pushManager.subscribe` as its applicationServerKey.';
const pushCreateSummary =
  "Register this browser's PushSubscription (idempotent per endpoint: keys are updated). The endpoint must be https on a known push service (else 422 push_endpoint_not_allowed); at most 20 per person (422 push_subscriptions_full).";
const pushListSummary =
  "The caller's push subscriptions (push service and dates; never the endpoint or its keys).";
const pushRemoveSummary =
  'Unregister a push subscription (idempotent: `removed` says whether there was one).';

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const notificationsSummaries = {
  getPushPublicKey: pushPublicKeySummary,
  createPushSubscription: pushCreateSummary,
  listPushSubscriptions: pushListSummary,
  deletePushSubscription: pushRemoveSummary,
  getPortalPushPublicKey: pushPublicKeySummary,
  createPortalPushSubscription: pushCreateSummary,
  listPortalPushSubscriptions: pushListSummary,
  deletePortalPushSubscription: pushRemoveSummary,
  getMyPreferences:
    "The caller's own notification preferences: category × channel (default on); mandatory categories listed.",
  putMyPreferences:
    "Save the caller's whole preferences (a category the firm made mandatory switched off → 422).",
  getPortalPreferences: "A portal user's own notification preferences (across the firms it is a contact of).",
  putPortalPreferences:
    "Save a portal user's whole preferences (access notices cannot be switched off → 422).",
  listCaseDeliveries:
    "Delivery status of a case's notifications, newest event first: sent, suppressed (why) or failed.",
  listEventDeliveries: 'Delivery status of one event: who was told what, how, and why not.',
  putRecurringTask:
    "Save a recurring task under the integration's id (create or replace) with its notify-client flag: documents published for it tell clients only while it is on.",
  listRecurringTasks: "The firm's recurring tasks, by id, with their notify-client flags.",
  getRecurringTask: 'One recurring task and its notify-client flag.',
  deleteRecurringTask:
    'Delete a recurring task (idempotent: `deleted` says whether there was one): nothing can be published for it any more; earlier publications stay.',
  putCaseNotifyClient:
    "Set the case's notify-client flag (default on): documents published for a recurring task tell the case's contacts only while it is on.",
} as const satisfies RouteSummaries<typeof notificationsRoutes>;
