// Routes of the `templates` group: the firm's notification texts per language (the shipped texts
// and the firm's overrides). Settings of the firm like the others, in their own Lambda because only
// they need the ICU parser and the shipped catalogue (decision 0050).
import { defineRoute, type GroupRoutes, type RouteSummaries } from '../route';
import { pageOf } from '../schemas/common';
import { TemplateOverrideBody, TemplateParams, TemplatesQuery, TemplateView } from '../schemas/templates';

export const templatesRoutes = {
  listNotificationTemplates: defineRoute({
    method: 'GET',
    path: '/settings/notifications/templates',
    group: 'templates',
    auth: 'admin',
    scope: 'firm',
    query: TemplatesQuery,
    response: { status: 200, schema: pageOf(TemplateView) },
  }),
  putNotificationTemplate: defineRoute({
    method: 'PUT',
    path: '/settings/notifications/templates/{templateId}/{locale}/{channel}',
    group: 'templates',
    auth: 'admin',
    scope: 'firm',
    params: TemplateParams,
    body: TemplateOverrideBody,
    response: { status: 200, schema: TemplateView },
  }),
  deleteNotificationTemplate: defineRoute({
    method: 'DELETE',
    path: '/settings/notifications/templates/{templateId}/{locale}/{channel}',
    group: 'templates',
    auth: 'admin',
    scope: 'firm',
    params: TemplateParams,
    response: { status: 200, schema: TemplateView },
  }),
} as const satisfies GroupRoutes<'templates'>;

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const templatesSummaries = {
  listNotificationTemplates:
    "Notification texts: each template (event type × audience) × locale with its variables, the shipped texts and the firm's overrides per channel.",
  putNotificationTemplate:
    "Save the firm's own text of a template × locale × channel (email: subject + body; inApp/push: title + body; ICU). Checked at save: invalid → 422 template_invalid, nothing saved.",
  deleteNotificationTemplate:
    "Remove the firm's text of a template × locale × channel: the shipped text applies again (idempotent).",
} as const satisfies RouteSummaries<typeof templatesRoutes>;
