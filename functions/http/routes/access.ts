// Routes of the `access` group: grants, invitations, the portal's cases.
import { defineRoute, type GroupRoutes, THROTTLE } from '../route';
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
import { CaseParams } from '../schemas/cases';
import { PageQuery, pageOf } from '../schemas/common';

export const accessRoutes = {
  putGrant: defineRoute({
    throttle: THROTTLE.mail,
    method: 'PUT',
    path: '/cases/{caseId}/grants/{contactId}',
    group: 'access',
    auth: 'admin',
    scope: 'case',
    summary:
      'Grant a contact access to a case, or change its rights (explicit save). A new grant mails an invitation.',
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
    summary: "Revoke a contact's access to a case; the contact loses its view of the case at once.",
    params: GrantParams,
    response: { status: 200, schema: GrantView },
  }),
  listGrants: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/grants',
    group: 'access',
    auth: 'staff',
    scope: 'case',
    summary: 'Access list of a case: each contact, rights, invitation dates and documents shared.',
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
    summary: 'Mail a new invitation; the previous link stops working.',
    params: GrantParams,
    response: { status: 202, schema: InvitationView },
  }),
  getPortalLink: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/portal-link',
    group: 'access',
    auth: 'staff',
    scope: 'case',
    summary: 'The portal URL of a case (what a contact opens).',
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
    summary:
      "Open an invitation (no sign-in yet): finds or creates the invited address's portal login and answers what the portal needs to start the email-code sign-in. Writes nothing; used, revoked, superseded or expired invitations answer the accept codes.",
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
    summary:
      "Accept an invitation: binds the caller's portal identity to the invited contact. Only a login whose verified email is the invited address may accept (403 invitation_email_mismatch).",
    body: AcceptBody,
    response: { status: 200, schema: AcceptedView },
  }),
  listPortalCases: defineRoute({
    method: 'GET',
    path: '/portal/cases',
    group: 'access',
    auth: 'contact',
    scope: 'none',
    summary: 'The cases the caller was granted, across firms.',
    query: PageQuery,
    response: { status: 200, schema: pageOf(PortalCaseView) },
  }),
} as const satisfies GroupRoutes<'access'>;
