// Routes of the `activity` group: a case's activity, read by staff and, scoped, by its contacts
// (its own Lambda: the sentences and the ICU library they render with stay out of the cases bundle).
import { defineRoute, type GroupRoutes, type RouteSummaries } from '../route';
import { ActivityEntryView, ActivityQuery } from '../schemas/activity';
import { CaseParams, pageOf } from '../schemas/common';

export const activityRoutes = {
  listCaseActivity: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/activity',
    group: 'activity',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    query: ActivityQuery,
    response: { status: 200, schema: pageOf(ActivityEntryView) },
  }),
  listPortalActivity: defineRoute({
    method: 'GET',
    path: '/portal/cases/{caseId}/activity',
    group: 'activity',
    auth: 'contact',
    scope: 'portalCase',
    params: CaseParams,
    query: ActivityQuery,
    response: { status: 200, schema: pageOf(ActivityEntryView) },
  }),
} as const satisfies GroupRoutes<'activity'>;

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const activitySummaries = {
  listCaseActivity:
    "A case's activity, newest first: who did what and when, in the firm's language. `type` keeps one or several event types (comma-separated; an unknown one answers 400 `unknown_event_type`).",
  listPortalActivity:
    "What of a case's activity concerns the caller, newest first, in its language: documents shared with it, its own uploads, comments and ticks, requests and conversations addressed to it, its own access (decision 0037). `type` as for staff.",
} as const satisfies RouteSummaries<typeof activityRoutes>;
