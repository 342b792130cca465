// Routes of the `cases` group: cases and the contact directory.
import { defineRoute, type GroupRoutes, type RouteSummaries } from '../route';
import { CaseView } from '../schemas/case-view';
import {
  CaseChangeBody,
  CaseListQuery,
  CaseParams,
  ContactChangeBody,
  ContactExportView,
  ContactParams,
  ContactView,
  ErasedContactView,
  NewCaseBody,
  NewContactBody,
} from '../schemas/cases';
import { PageQuery, pageOf } from '../schemas/common';

export const casesRoutes = {
  createCase: defineRoute({
    method: 'POST',
    path: '/cases',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    body: NewCaseBody,
    response: { status: 201, schema: CaseView },
  }),
  listCases: defineRoute({
    method: 'GET',
    path: '/cases',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    query: CaseListQuery,
    response: { status: 200, schema: pageOf(CaseView) },
  }),
  getCase: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}',
    group: 'cases',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    response: { status: 200, schema: CaseView },
  }),
  updateCase: defineRoute({
    method: 'PATCH',
    path: '/cases/{caseId}',
    group: 'cases',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    body: CaseChangeBody,
    response: { status: 200, schema: CaseView },
  }),
  closeCase: defineRoute({
    method: 'POST',
    path: '/cases/{caseId}/close',
    group: 'cases',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    response: { status: 200, schema: CaseView },
  }),
  reopenCase: defineRoute({
    method: 'POST',
    path: '/cases/{caseId}/reopen',
    group: 'cases',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    response: { status: 200, schema: CaseView },
  }),
  createContact: defineRoute({
    method: 'POST',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    body: NewContactBody,
    response: { status: 201, schema: ContactView },
  }),
  listContacts: defineRoute({
    method: 'GET',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    query: PageQuery,
    response: { status: 200, schema: pageOf(ContactView) },
  }),
  updateContact: defineRoute({
    method: 'PATCH',
    path: '/contacts/{contactId}',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    params: ContactParams,
    body: ContactChangeBody,
    response: { status: 200, schema: ContactView },
  }),
  removeContact: defineRoute({
    method: 'POST',
    path: '/contacts/{contactId}/remove',
    group: 'cases',
    auth: 'admin',
    scope: 'firm',
    params: ContactParams,
    response: { status: 200, schema: ContactView },
  }),
  exportContact: defineRoute({
    method: 'GET',
    path: '/contacts/{contactId}/export',
    group: 'cases',
    auth: 'admin',
    scope: 'firm',
    params: ContactParams,
    response: { status: 200, schema: ContactExportView },
  }),
  eraseContact: defineRoute({
    method: 'POST',
    path: '/contacts/{contactId}/erase',
    group: 'cases',
    auth: 'admin',
    scope: 'firm',
    params: ContactParams,
    response: { status: 200, schema: ErasedContactView },
  }),
} as const satisfies GroupRoutes<'cases'>;

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const casesSummaries = {
  createCase: 'Create a case; the owner defaults to the caller.',
  listCases:
    "List the firm's cases: all newest first; `status` alone by title; `ownerId` (with or without `status`) open first, newest first; `q` a title prefix within a status (open unless `status=closed`), by title. `q` with `ownerId` is 400 `filter_combination`.",
  getCase: 'Get one case.',
  updateCase:
    'Rename a case and/or give it another owner (an active staff user; a saved recipients list gains the new owner). Unchanged fields write nothing; nobody is notified.',
  closeCase:
    "Close a case: read-only in the portal (uploads, comments, messages, task ticks answer 403 `case_closed`) until reopened; the case's contacts are told. Closing a closed case changes nothing.",
  reopenCase: 'Reopen a closed case: the portal may change it again. Reopening an open case changes nothing.',
  createContact: 'Create a contact (a person on the client side); emails are unique within a firm.',
  listContacts: "List the firm's contacts, oldest first.",
  updateContact:
    "Change a contact's name, email or language. Setting the email (a corrected one, or the same once it works again) clears what SES reported of that address, so mail goes out again.",
  removeContact:
    "Remove a contact from the firm (decision 0042): every grant revoked at once (each case's `access.revoked`), pending invitations deleted, the portal login signed out and disabled unless it has access in another firm. The contact stays listed with `removedAt` and cannot be granted access again (409 `contact_removed`). Removing a removed contact finishes what an interrupted removal left, with no second entry.",
  exportContact:
    "Export what the firm holds about a contact as JSON (decision 0042): the record, grants, invitations (no tokens), the portal login's preferences and push subscriptions (by service), inbox items, the documents it uploaded, the address's mail mark. Each list holds at most 500 items; a cut list is named in `truncated`.",
  eraseContact:
    'Erase a contact\'s personal data (decision 0042): removes it first, then rewrites every copy of its name, email and portal identity in its cases (documents and versions it uploaded stay, by "Former contact"), deletes its inbox, its portal login and the login\'s preferences and push subscriptions (unless the login serves another firm), and empties the record. Erasing an erased contact answers it as it is.',
} as const satisfies RouteSummaries<typeof casesRoutes>;
