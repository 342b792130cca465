// Contacts: people on the client side. A firm-level directory; access to cases comes from grants.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import { conflict, notFound, unprocessable } from './errors';
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
  /** Removed from the firm (decision 0042): every grant revoked; the contact stays listed, marked. */
  removedAt?: string;
  /** Personal data erased (decision 0042): name empty, no email, phone, language or login. */
  erasedAt?: string;
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
   * Reads the contact (consistently) and, at the same time, what the write needs besides; `edit`
   * turns it into `after`, written over it (refused with `contact_changed` if the contact changed
   * meanwhile), with the email-uniqueness claim moved when the email changes (`contact_email_taken`),
   * the name and email its grants repeat updated, and the mail mark of `after.email` cleared when
   * there is one: in one transaction. Answers `after`, or undefined (nothing written) when there is
   * no such contact.
   */
  updateContact(
    firmId: string,
    contactId: string,
    edit: (before: Contact) => Contact,
    /**
     * The activity entry of the change (undefined: nothing changed, none written), given how many
     * pending invitations it withdraws: those of grants whose address copy is not `after.email`.
     * They are marked withdrawn in the same transaction (an erased contact: `contact_erased`).
     */
    eventOf?: (before: Contact, after: Contact, invitationsWithdrawn: number) => DomainEvent | undefined,
  ): Promise<Contact | undefined>;
}

export interface ContactDeps {
  contacts: ContactStore;
  /** What SES reported of contacts' addresses (bounces, complaints), shown on the contact (absent: not shown). */
  mailAddresses?: Pick<MailAddressStore, 'marksOf'>;
  clock: Clock;
  ids: Ids;
}

/** A contact as staff see it: with whether its address still receives mail (absent: nothing known against it). */
export const ContactView = lazySchema(() =>
  z.object({
    contactId: z.string(),
    name: z.string(),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    locale: z.optional(z.string()),
    createdAt: z.string(),
    /** Removed from the firm: no access to any case; still listed, so its history reads. */
    removedAt: z.optional(z.string()),
    /** Personal data erased: the name is empty and nothing else personal is kept. */
    erasedAt: z.optional(z.string()),
    /**
     * Present when SES reported the address: `unreachable` (a hard bounce: nothing is mailed to it)
     * or `complained` (marked as spam: only mandatory notifications are mailed). Setting the email clears it.
     */
    mail: z.optional(MailStatusView),
  }),
);
export type ContactView = z.output<typeof ContactView>;

/** A contact as staff see it, without its address's mail mark (a removed or erased one is mailed nothing). */
export const recordView = (c: Contact & { identityId?: string }): ContactView => {
  const { firmId: _firm, identityId: _identity, ...view } = c;
  return view;
};

/** What SES reported of these addresses, in one BatchGet (none when nobody asks: unit fakes). */
function marksOf(deps: Pick<ContactDeps, 'mailAddresses'>, emails: string[]): Promise<Map<string, MailMark>> {
  return emails.length > 0 && deps.mailAddresses
    ? deps.mailAddresses.marksOf(emails)
    : Promise.resolve(new Map<string, MailMark>());
}

/** A contact as staff see it, with its address's mark among `marks`. */
function viewOf(c: Contact, marks: Map<string, MailMark>): ContactView {
  const mail = c.email ? mailStatusOf(marks.get(c.email)) : undefined;
  return mail ? { ...c, mail } : c;
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
  // The address may be known to bounce already (another firm's contact, a staff user): say so. Its
  // mark is read alongside the write (nothing here changes it) and shown only once the write succeeded.
  const [, marks] = await Promise.all([
    deps.contacts.createContact(c, event),
    marksOf(deps, c.email ? [c.email] : []),
  ]);
  return viewOf(c, marks);
}

export async function listContacts(
  deps: Pick<ContactDeps, 'contacts' | 'mailAddresses'>,
  by: StaffPrincipal,
  page: PageRequest,
): Promise<Page<ContactView>> {
  const found = await deps.contacts.listContacts(by.firmId, page);
  const marks = await marksOf(
    deps,
    found.items.flatMap((c) => (c.email ? [c.email] : [])),
  );
  return { ...found, items: found.items.map((c) => viewOf(c, marks)) };
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
  deps: Pick<ContactDeps, 'contacts' | 'mailAddresses' | 'clock' | 'ids'>,
  by: StaffPrincipal,
  contactId: string,
  change: ContactChange,
): Promise<ContactView> {
  if (change.name === undefined && change.email === undefined && change.locale === undefined)
    throw unprocessable('contact_change_empty', 'Give at least one of name, email, locale to change.');
  const after = await deps.contacts.updateContact(
    by.firmId,
    contactId,
    (before) => ({
      ...before,
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.email !== undefined ? { email: normalizeEmail(change.email) } : {}),
      ...(change.locale !== undefined ? { locale: change.locale } : {}),
    }),
    (before, next, invitationsWithdrawn) => {
      const changed = (['name', 'email', 'locale'] as const).filter((f) => before[f] !== next[f]);
      // Sent again with nothing left to change: no second entry (the copies may still be completed).
      if (changed.length === 0) return undefined;
      return activity(deps, 'contact.updated', { firmId: by.firmId }, staffActor(by), {
        contactId,
        changed,
        invitationsWithdrawn,
      });
    },
  );
  if (!after) throw notFound('contact');
  // The write cleared the mark of the address it set: the contact has no mail status to show.
  return after;
}

export const contactErased = () =>
  conflict('contact_erased', "The contact's personal data was erased; create a new contact instead.");
