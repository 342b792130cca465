// Route implementations of the `cases` group: cases and the contact directory.
import {
  type CaseDeps,
  closeCase,
  createCase,
  getCase,
  listCases,
  reopenCase,
  updateCase,
} from '../domain/cases';
import { type ContactDeps, createContact, listContacts, updateContact } from '../domain/contacts';
import type { Gate } from '../http/auth';
import { groupHandler } from '../http/handler';
import { casesRoutes } from '../http/routes/cases';

export function casesApi(deps: CaseDeps & ContactDeps, gate: Gate) {
  return groupHandler(
    'cases',
    casesRoutes,
    {
      createCase: ({ principal, body }) => createCase(deps, principal, body),
      listCases: ({ principal, query }) => listCases(deps, principal, query),
      getCase: ({ principal, params }) => getCase(deps, principal, params.caseId),
      updateCase: ({ principal, params, body }) => updateCase(deps, principal, params.caseId, body),
      closeCase: ({ principal, params }) => closeCase(deps, principal, params.caseId),
      reopenCase: ({ principal, params }) => reopenCase(deps, principal, params.caseId),
      createContact: ({ principal, body }) => createContact(deps, principal, body),
      listContacts: ({ principal, query }) => listContacts(deps, principal, query),
      updateContact: ({ principal, params, body }) => updateContact(deps, principal, params.contactId, body),
    },
    gate,
  );
}
