// Contacts: people on the client side. A firm-level directory; access to cases comes from grants.

import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

export interface Contact {
  firmId: string;
  contactId: string;
  name: string;
  /** Lower-cased; unique within a firm. Required before a contact can be granted access. */
  email?: string;
  phone?: string;
  locale?: string;
  createdAt: string;
}

export interface ContactStore {
  /**
   * Writes the contact, its email-uniqueness claim and its activity entry in one transaction.
   * Throws a `contact_email_taken` conflict when another contact of the firm has the email.
   */
  createContact(c: Contact, event: DomainEvent): Promise<void>;
  getContact(firmId: string, contactId: string): Promise<Contact | undefined>;
  /** Contacts of a firm, oldest first. */
  listContacts(firmId: string, page: PageRequest): Promise<Page<Contact>>;
}

export interface ContactDeps {
  contacts: ContactStore;
  clock: Clock;
  ids: Ids;
}

export interface NewContact {
  name: string;
  email?: string;
  phone?: string;
  locale?: string;
}

export async function createContact(
  deps: ContactDeps,
  by: StaffPrincipal,
  input: NewContact,
): Promise<Contact> {
  const c: Contact = {
    firmId: by.firmId,
    contactId: deps.ids.next(),
    name: input.name,
    ...(input.email ? { email: normalizeEmail(input.email) } : {}),
    ...(input.phone ? { phone: input.phone } : {}),
    ...(input.locale ? { locale: input.locale } : {}),
    createdAt: deps.clock.now().toISOString(),
  };
  const event = activity(deps, 'contact.created', { firmId: by.firmId }, staffActor(by), {
    contactId: c.contactId,
    name: c.name,
  });
  await deps.contacts.createContact(c, event);
  return c;
}

export function listContacts(
  deps: Pick<ContactDeps, 'contacts'>,
  by: StaffPrincipal,
  page: PageRequest,
): Promise<Page<Contact>> {
  return deps.contacts.listContacts(by.firmId, page);
}

/** Emails compare case-insensitively and without surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
