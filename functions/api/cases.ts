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
import { type ContactErasureDeps, eraseContact } from '../domain/contact-erasure';
import { type ContactExportStore, exportContact } from '../domain/contact-export';
import { removeContact } from '../domain/contact-removal';
import { type ContactDeps, createContact, listContacts, updateContact } from '../domain/contacts';
import type { Gate } from '../http/auth';
import { casesChecks } from '../http/checks/cases';
import { groupHandler } from '../http/handler';
import { casesRoutes } from '../http/routes/cases';

/** What a contact's removal, export and erasure need besides (absent where a caller wires only the rest). */
export type ContactLifecycleDeps = Omit<ContactErasureDeps, 'clock' | 'ids'> & {
  exports: ContactExportStore;
};

export function casesApi(deps: CaseDeps & ContactDeps & Partial<ContactLifecycleDeps>, gate: Gate) {
  const lifecycle = () => {
    const { removal, erasure, portalLogins, exports } = deps;
    if (!removal || !erasure || !portalLogins || !exports)
      throw new Error('contact lifecycle ports not wired');
    return { ...deps, removal, erasure, portalLogins, exports };
  };
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
      removeContact: ({ principal, params }) => removeContact(lifecycle(), principal, params.contactId),
      exportContact: ({ principal, params }) => exportContact(lifecycle(), principal, params.contactId),
      eraseContact: ({ principal, params }) => eraseContact(lifecycle(), principal, params.contactId),
    },
    gate,
    casesChecks,
  );
}
