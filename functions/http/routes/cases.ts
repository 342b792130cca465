// Routes of the `cases` group: cases and the contact directory.
import { defineRoute, type GroupRoutes } from '../route';
import {
  CaseParams,
  CaseView,
  ContactChangeBody,
  ContactParams,
  ContactView,
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
    summary: 'Create a case; the owner defaults to the caller.',
    body: NewCaseBody,
    response: { status: 201, schema: CaseView },
  }),
  listCases: defineRoute({
    method: 'GET',
    path: '/cases',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    summary: "List the firm's cases, newest first.",
    query: PageQuery,
    response: { status: 200, schema: pageOf(CaseView) },
  }),
  getCase: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}',
    group: 'cases',
    auth: 'staff',
    scope: 'case',
    summary: 'Get one case.',
    params: CaseParams,
    response: { status: 200, schema: CaseView },
  }),
  createContact: defineRoute({
    method: 'POST',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    summary: 'Create a contact (a person on the client side); emails are unique within a firm.',
    body: NewContactBody,
    response: { status: 201, schema: ContactView },
  }),
  listContacts: defineRoute({
    method: 'GET',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    summary: "List the firm's contacts, oldest first.",
    query: PageQuery,
    response: { status: 200, schema: pageOf(ContactView) },
  }),
  updateContact: defineRoute({
    method: 'PATCH',
    path: '/contacts/{contactId}',
    group: 'cases',
    auth: 'staff',
    scope: 'firm',
    summary:
      "Change a contact's name, email or language. Setting the email (a corrected one, or the same once it works again) clears what SES reported of that address, so mail goes out again.",
    params: ContactParams,
    body: ContactChangeBody,
    response: { status: 200, schema: ContactView },
  }),
} as const satisfies GroupRoutes<'cases'>;
