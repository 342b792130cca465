// Route implementations of the `access` group: grants, invitations and the portal's case list.
import {
  type AccessDeps,
  acceptInvitation,
  getPortalLink,
  listGrants,
  listPortalCases,
  putGrant,
  resendInvitation,
  revokeGrant,
} from '../domain/access';
import { openInvitation, type SignInDeps } from '../domain/invitation-sign-in';
import type { Gate } from '../http/auth';
import { accessChecks } from '../http/checks/access';
import { groupHandler } from '../http/handler';
import { accessRoutes } from '../http/routes/access';

export function accessApi(deps: AccessDeps & SignInDeps, gate: Gate) {
  return groupHandler(
    'access',
    accessRoutes,
    {
      putGrant: ({ principal, params, body }) =>
        putGrant(deps, principal, params.caseId, params.contactId, body),
      revokeGrant: ({ principal, params }) => revokeGrant(deps, principal, params.caseId, params.contactId),
      listGrants: ({ principal, params, query }) => listGrants(deps, principal, params.caseId, query),
      resendInvitation: ({ principal, params }) =>
        resendInvitation(deps, principal, params.caseId, params.contactId),
      getPortalLink: ({ principal, params }) => getPortalLink(deps, principal, params.caseId),
      openInvitation: ({ body }) => openInvitation(deps, body.token),
      acceptInvitation: ({ principal, body }) => acceptInvitation(deps, principal, body.token),
      listPortalCases: ({ principal, query }) => listPortalCases(deps, principal, query),
    },
    gate,
    accessChecks,
  );
}
