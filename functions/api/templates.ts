// Route implementations of the `templates` group: the firm's notification texts per language, each
// template × locale × channel overridden or back to the shipped text.
import {
  deleteTemplateOverride,
  listTemplates,
  putTemplateOverride,
  type TemplatesDeps,
} from '../domain/templates';
import type { Gate } from '../http/auth';
import { templatesChecks } from '../http/checks/templates';
import { groupHandler } from '../http/handler';
import { templatesRoutes } from '../http/routes/templates';

export function templatesApi(deps: TemplatesDeps, gate: Gate) {
  return groupHandler(
    'templates',
    templatesRoutes,
    {
      listNotificationTemplates: ({ principal, query }) => listTemplates(deps, principal, query),
      putNotificationTemplate: ({ principal, params, body }) =>
        putTemplateOverride(deps, principal, params, body),
      deleteNotificationTemplate: ({ principal, params }) => deleteTemplateOverride(deps, principal, params),
    },
    gate,
    templatesChecks,
  );
}
