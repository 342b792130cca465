// Routes of the `access` group: grants, invitations, the portal's cases.
import { defineRoute, type GroupRoutes, type RouteSummaries, THROTTLE } from '../route';
import {
  AcceptBody,
  AcceptedView,
  GrantBody,
  GrantParams,
  GrantView,
  InvitationView,
  OpenedInvitationView,
  PortalCaseView,
  PortalLinkView,
} from '../schemas/access';
import { CaseParams, PageQuery, pageOf } from '../schemas/common';

export const accessRoutes = {
  putGrant: defineRoute({
    throttle: THROTTLE.mail,
    method: 'PUT',
    path: '/cases/{caseId}/grants/{contactId}',
    group: 'access',
    auth: 'admin',
    scope: 'case',
    params: GrantParams,
    body: GrantBody,
    response: { status: 200, schema: GrantView },
  }),
  revokeGrant: defineRoute({
    method: 'DELETE',
    path: '/cases/{caseId}/grants/{contactId}',
    group: 'access',
    auth: 'admin',
    scope: 'case',
    params: GrantParams,
    response: { status: 200, schema: GrantView },
  }),
  listGrants: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/grants',
    group: 'access',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(GrantView) },
  }),
  resendInvitation: defineRoute({
    throttle: THROTTLE.mail,
    method: 'POST',
    path: '/cases/{caseId}/grants/{contactId}/invitation',
    group: 'access',
    auth: 'admin',
    scope: 'case',
    params: GrantParams,
    response: { status: 202, schema: InvitationView },
  }),
  getPortalLink: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/portal-link',
    group: 'access',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    response: { status: 200, schema: PortalLinkView },
  }),
  openInvitation: defineRoute({
    throttle: THROTTLE.secret,
    method: 'POST',
    path: '/portal/invitations/open',
    group: 'access',
    // Before sign-in: the token is the credential (single use, only its hash stored).
    auth: 'public',
    scope: 'none',
    body: AcceptBody,
    response: { status: 200, schema: OpenedInvitationView },
  }),
  acceptInvitation: defineRoute({
    throttle: THROTTLE.secret,
    method: 'POST',
    path: '/portal/invitations/accept',
    group: 'access',
    auth: 'contact',
    scope: 'none',
    body: AcceptBody,
    response: { status: 200, schema: AcceptedView },
  }),
  listPortalCases: defineRoute({
    method: 'GET',
    path: '/portal/cases',
    group: 'access',
    auth: 'contact',
    scope: 'none',
    query: PageQuery,
    response: { status: 200, schema: pageOf(PortalCaseView) },
  }),
} as const satisfies GroupRoutes<'access'>;

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const accessSummaries = {
  putGrant:
    'Grant a contact access to a case, or change its rights (explicit save). A new grant mails an invitation.',
  revokeGrant: "Revoke a contact's access to a case; the contact loses its view of the case at once.",
  listGrants: 'Access list of a case: each contact, rights, invitation dates and documents shared.',
  resendInvitation: 'Mail a new invitation; the previous link stops working.',
  getPortalLink: 'The portal URL of a case (what a contact opens).',
  openInvitation:
    "Open an invitation (no sign-in yet): finds or creates the invited address's portal login and answers what the portal needs to start the email-code sign-in. Writes nothing; used, revoked, superseded or expired invitations answer the accept codes.",
  acceptInvitation:
    "Accept an invitation: binds the caller's portal identity to the invited contact. Only a login whose verified email is the invited address may accept (403 invitation_email_mismatch).",
  listPortalCases: 'The cases the caller was granted, across firms.',
} as const satisfies RouteSummaries<typeof accessRoutes>;
