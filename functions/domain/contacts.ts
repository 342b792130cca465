// Contacts: people on the client side. A firm-level directory; access to cases comes from grants.
import type { DomainEvent } from '../events/catalogue';
import * as z from '../zod-mini';
import { activity } from './activity';
import { notFound, unprocessable } from './errors';
import {
  type MailAddressStore,
  type MailMark,
  MailStatusView,
  mailStatusOf,
  normalizeEmail,
} from './mail-addresses';
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
  /**
   * Writes `after` over `before` (refused with `contact_changed` if the contact changed meanwhile),
   * moves the email-uniqueness claim when the email changes (`contact_email_taken`), updates the
   * name and email its grants repeat, and clears the mail mark of `after.email` when there is one:
   * in one transaction.
   */
  updateContact(before: Contact, after: Contact): Promise<void>;
}

export interface ContactDeps {
  contacts: ContactStore;
  /** What SES reported of contacts' addresses (bounces, complaints), shown on the contact (absent: not shown). */
  mailAddresses?: Pick<MailAddressStore, 'marksOf'>;
  clock: Clock;
  ids: Ids;
}

/** A contact as staff see it: with whether its address still receives mail (absent: nothing known against it). */
export const ContactView = z.object({
  contactId: z.string(),
  name: z.string(),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
  locale: z.optional(z.string()),
  createdAt: z.string(),
  /**
   * Present when SES reported the address: `unreachable` (a hard bounce: nothing is mailed to it)
   * or `complained` (marked as spam: only mandatory notifications are mailed). Setting the email clears it.
   */
  mail: z.optional(MailStatusView),
});
export type ContactView = z.output<typeof ContactView>;

/** The contacts with their mail status, reading every address's mark in one BatchGet. */
async function withMail(
  deps: Pick<ContactDeps, 'mailAddresses'>,
  contacts: Contact[],
): Promise<ContactView[]> {
  const emails = contacts.flatMap((c) => (c.email ? [c.email] : []));
  const marks =
    emails.length > 0 && deps.mailAddresses
      ? await deps.mailAddresses.marksOf(emails)
      : new Map<string, MailMark>();
  return contacts.map((c) => {
    const mail = c.email ? mailStatusOf(marks.get(c.email)) : undefined;
    return mail ? { ...c, mail } : c;
  });
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
): Promise<ContactView> {
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
  // The address may be known to bounce already (another firm's contact, a staff user): say so.
  return (await withMail(deps, [c]))[0]!;
}

export async function listContacts(
  deps: Pick<ContactDeps, 'contacts' | 'mailAddresses'>,
  by: StaffPrincipal,
  page: PageRequest,
): Promise<Page<ContactView>> {
  const found = await deps.contacts.listContacts(by.firmId, page);
  return { ...found, items: await withMail(deps, found.items) };
}

export interface ContactChange {
  name?: string;
  email?: string;
  locale?: string;
}

/**
 * Changes a contact's name, email or language. Setting the email (a new one, or the same one again
 * once the person says it works) clears what SES reported of that address, so mail goes out again.
 */
export async function updateContact(
  deps: Pick<ContactDeps, 'contacts' | 'mailAddresses'>,
  by: StaffPrincipal,
  contactId: string,
  change: ContactChange,
): Promise<ContactView> {
  if (change.name === undefined && change.email === undefined && change.locale === undefined)
    throw unprocessable('contact_change_empty', 'Give at least one of name, email, locale to change.');
  const before = await deps.contacts.getContact(by.firmId, contactId);
  if (!before) throw notFound('contact');
  const after: Contact = {
    ...before,
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.email !== undefined ? { email: normalizeEmail(change.email) } : {}),
    ...(change.locale !== undefined ? { locale: change.locale } : {}),
  };
  await deps.contacts.updateContact(before, after);
  return (await withMail(deps, [after]))[0]!;
}
