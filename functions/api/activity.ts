// Route implementations of the `activity` group: a case's activity for staff and for its contacts.
import { type CaseActivityDeps, listCaseActivity, listPortalActivity } from '../domain/case-activity';
import type { Gate } from '../http/auth';
import { activityChecks } from '../http/checks/activity';
import { groupHandler } from '../http/handler';
import { activityRoutes } from '../http/routes/activity';

export function activityApi(deps: CaseActivityDeps, gate: Gate) {
  return groupHandler(
    'activity',
    activityRoutes,
    {
      listCaseActivity: ({ principal, params, query, caller }) =>
        listCaseActivity(deps, principal, params.caseId, query, caller),
      listPortalActivity: ({ principal, params, query }) =>
        listPortalActivity(deps, principal, params.caseId, query),
    },
    gate,
    activityChecks,
  );
}
