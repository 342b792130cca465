// THE route table. CDK builds the HttpApi routes from it, the local gateway serves from it, the
// OpenAPI document is generated from it and the authorization matrix iterates over it. Handlers
// are bound by route id in functions/api/<group>.ts, so each Lambda bundles only its own group.

import { defineRoute, type RouteDef, type RouteGroup } from './route';
import {
  AcceptBody,
  AcceptedView,
  GrantBody,
  GrantParams,
  GrantView,
  InvitationView,
  PortalCaseView,
  PortalLinkView,
} from './schemas/access';
import { CaseParams, CaseView, ContactView, NewCaseBody, NewContactBody } from './schemas/cases';
import { PageQuery, pageOf } from './schemas/common';
import {
  ContactSharesBody,
  ContactSharesParams,
  DocumentParams,
  DocumentSharesBody,
  DocumentsQuery,
  DocumentView,
  DownloadView,
  ShareSetView,
  SharesQuery,
  ShareView,
  UploadBody,
  UploadView,
} from './schemas/documents';
import {
  InboxItemParams,
  InboxItemView,
  ReadAllView,
  RecipientsBody,
  RecipientsView,
  UnreadView,
} from './schemas/inbox';

const inboxOperations = {
  list: {
    method: 'GET',
    path: '/inbox',
    summary: 'Inbox items, newest first (archived ones left out).',
    query: PageQuery,
    response: { status: 200, schema: pageOf(InboxItemView) },
  },
  unread: {
    method: 'GET',
    path: '/inbox/unread-count',
    summary: 'Number of unread inbox items.',
    response: { status: 200, schema: UnreadView },
  },
  read: {
    method: 'POST',
    path: '/inbox/{itemId}/read',
    summary: 'Mark one item read (idempotent).',
    params: InboxItemParams,
    response: { status: 200, schema: InboxItemView },
  },
  readAll: {
    method: 'POST',
    path: '/inbox/read-all',
    summary: 'Mark every item read.',
    response: { status: 200, schema: ReadAllView },
  },
  archive: {
    method: 'POST',
    path: '/inbox/{itemId}/archive',
    summary: 'Archive one item (it leaves the list; read if it was not).',
    params: InboxItemParams,
    response: { status: 200, schema: InboxItemView },
  },
} as const;

export const routes = {
  createCase: defineRoute({
    method: 'POST',
    path: '/cases',
    group: 'cases',
    auth: 'staff',
    summary: 'Create a case; the owner defaults to the caller.',
    body: NewCaseBody,
    response: { status: 201, schema: CaseView },
  }),
  listCases: defineRoute({
    method: 'GET',
    path: '/cases',
    group: 'cases',
    auth: 'staff',
    summary: "List the firm's cases, newest first.",
    query: PageQuery,
    response: { status: 200, schema: pageOf(CaseView) },
  }),
  getCase: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}',
    group: 'cases',
    auth: 'staff',
    summary: 'Get one case.',
    params: CaseParams,
    response: { status: 200, schema: CaseView },
  }),
  createContact: defineRoute({
    method: 'POST',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    summary: 'Create a contact (a person on the client side); emails are unique within a firm.',
    body: NewContactBody,
    response: { status: 201, schema: ContactView },
  }),
  listContacts: defineRoute({
    method: 'GET',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    summary: "List the firm's contacts, oldest first.",
    query: PageQuery,
    response: { status: 200, schema: pageOf(ContactView) },
  }),

  // ── access: grants, invitations, the portal's cases ────────────────────────────────────────
  putGrant: defineRoute({
    method: 'PUT',
    path: '/cases/{caseId}/grants/{contactId}',
    group: 'access',
    auth: 'staff',
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
    auth: 'staff',
    summary: "Revoke a contact's access to a case; the contact loses its view of the case at once.",
    params: GrantParams,
    response: { status: 200, schema: GrantView },
  }),
  listGrants: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/grants',
    group: 'access',
    auth: 'staff',
    summary: 'Access list of a case: each contact, rights, invitation dates and documents shared.',
    params: CaseParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(GrantView) },
  }),
  resendInvitation: defineRoute({
    method: 'POST',
    path: '/cases/{caseId}/grants/{contactId}/invitation',
    group: 'access',
    auth: 'staff',
    summary: 'Mail a new invitation; the previous link stops working.',
    params: GrantParams,
    response: { status: 202, schema: InvitationView },
  }),
  getPortalLink: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/portal-link',
    group: 'access',
    auth: 'staff',
    summary: 'The portal URL of a case (what a contact opens).',
    params: CaseParams,
    response: { status: 200, schema: PortalLinkView },
  }),
  acceptInvitation: defineRoute({
    method: 'POST',
    path: '/portal/invitations/accept',
    group: 'access',
    auth: 'contact',
    summary: "Accept an invitation: binds the caller's portal identity to the invited contact.",
    body: AcceptBody,
    response: { status: 200, schema: AcceptedView },
  }),
  listPortalCases: defineRoute({
    method: 'GET',
    path: '/portal/cases',
    group: 'access',
    auth: 'contact',
    summary: 'The cases the caller was granted, across firms.',
    query: PageQuery,
    response: { status: 200, schema: pageOf(PortalCaseView) },
  }),

  // ── documents: uploads, documents, shares, downloads ───────────────────────────────────────
  createUpload: defineRoute({
    method: 'POST',
    path: '/cases/{caseId}/uploads',
    group: 'documents',
    auth: 'staff',
    summary: 'Start a staff upload: records an upload intent and returns a presigned POST.',
    params: CaseParams,
    body: UploadBody,
    response: { status: 201, schema: UploadView },
  }),
  listDocuments: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/documents',
    group: 'documents',
    auth: 'staff',
    summary: 'Documents of a case, newest first; filter by source (firm | client).',
    params: CaseParams,
    query: DocumentsQuery,
    response: { status: 200, schema: pageOf(DocumentView) },
  }),
  downloadDocument: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/documents/{documentId}/download',
    group: 'documents',
    auth: 'staff',
    summary: 'A short-lived presigned GET of a document.',
    params: DocumentParams,
    response: { status: 200, schema: DownloadView },
  }),
  putDocumentShares: defineRoute({
    method: 'PUT',
    path: '/cases/{caseId}/documents/{documentId}/shares',
    group: 'documents',
    auth: 'staff',
    summary: 'Set the contacts a document is shared with (explicit save of the whole set).',
    params: DocumentParams,
    body: DocumentSharesBody,
    response: { status: 200, schema: ShareSetView },
  }),
  putContactShares: defineRoute({
    method: 'PUT',
    path: '/cases/{caseId}/contacts/{contactId}/shares',
    group: 'documents',
    auth: 'staff',
    summary: 'Set the documents shared with a contact (explicit save of the whole set).',
    params: ContactSharesParams,
    body: ContactSharesBody,
    response: { status: 200, schema: ShareSetView },
  }),
  listShares: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/shares',
    group: 'documents',
    auth: 'staff',
    summary: 'Shares of a case; `q` searches document name and contact name or email.',
    params: CaseParams,
    query: SharesQuery,
    response: { status: 200, schema: pageOf(ShareView) },
  }),
  createPortalUpload: defineRoute({
    method: 'POST',
    path: '/portal/cases/{caseId}/uploads',
    group: 'documents',
    auth: 'contact',
    summary: 'Start a client upload (collaborators allowed to upload): presigned POST.',
    params: CaseParams,
    body: UploadBody,
    response: { status: 201, schema: UploadView },
  }),
  listPortalDocuments: defineRoute({
    method: 'GET',
    path: '/portal/cases/{caseId}/documents',
    group: 'documents',
    auth: 'contact',
    summary: 'Documents shared with the caller in a case, newest first.',
    params: CaseParams,
    query: PageQuery,
    response: { status: 200, schema: pageOf(DocumentView) },
  }),
  downloadPortalDocument: defineRoute({
    method: 'GET',
    path: '/portal/cases/{caseId}/documents/{documentId}/download',
    group: 'documents',
    auth: 'contact',
    summary:
      'A short-lived presigned GET of a document shared with the caller, if the grant allows download.',
    params: DocumentParams,
    response: { status: 200, schema: DownloadView },
  }),

  // ── inbox and internal recipients ──────────────────────────────────────────────────────────
  getRecipients: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/recipients',
    group: 'inbox',
    auth: 'staff',
    summary: "The case's internal notification recipients (default: the owner, in-app and email).",
    params: CaseParams,
    response: { status: 200, schema: RecipientsView },
  }),
  putRecipients: defineRoute({
    method: 'PUT',
    path: '/cases/{caseId}/recipients',
    group: 'inbox',
    auth: 'staff',
    summary: 'Save the whole recipients list; the owner may be off only when another recipient is on.',
    params: CaseParams,
    body: RecipientsBody,
    response: { status: 200, schema: RecipientsView },
  }),
  listStaffInbox: inboxRoute('staff', 'list'),
  countStaffUnread: inboxRoute('staff', 'unread'),
  readStaffInboxItem: inboxRoute('staff', 'read'),
  readAllStaffInbox: inboxRoute('staff', 'readAll'),
  archiveStaffInboxItem: inboxRoute('staff', 'archive'),
  listPortalInbox: inboxRoute('contact', 'list'),
  countPortalUnread: inboxRoute('contact', 'unread'),
  readPortalInboxItem: inboxRoute('contact', 'read'),
  readAllPortalInbox: inboxRoute('contact', 'readAll'),
  archivePortalInboxItem: inboxRoute('contact', 'archive'),
} as const satisfies Record<string, RouteDef>;

/** The inbox API is the same for staff (`/inbox`) and contacts (`/portal/inbox`). */
function inboxRoute<A extends 'staff' | 'contact', O extends keyof typeof inboxOperations>(
  auth: A,
  operation: O,
) {
  const op = inboxOperations[operation];
  return defineRoute({
    ...op,
    path: `${auth === 'staff' ? '' : '/portal'}${op.path}`,
    group: 'inbox',
    auth,
  } as Omit<(typeof inboxOperations)[O], 'path'> & { path: string; group: 'inbox'; auth: A });
}

export type Routes = typeof routes;
export type RouteId = keyof Routes;
export type RouteIdsOf<G extends RouteGroup> = {
  [K in RouteId]: Routes[K]['group'] extends G ? K : never;
}[RouteId];

export const routeGroups: RouteGroup[] = [...new Set(Object.values(routes).map((r) => r.group))];

/** `POST /cases`: the API Gateway route key of a route. */
export const routeKey = (r: RouteDef) => `${r.method} ${r.path}`;

export const routeEntries = () => Object.entries(routes) as [RouteId, RouteDef][];
