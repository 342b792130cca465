// Erasing a contact's personal data on request (decision 0042): removed from the firm first, then
// every copy of its name, email and portal identity rewritten, its own items deleted, and last the
// contact record itself, with its entry. Uploaded documents stay with the firm, by "Former contact".
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import { type ContactRemovalDeps, removalOf, removeFound } from './contact-removal';
import { type Contact, ContactView, recordView } from './contacts';
import { type StaffPrincipal, staffActor } from './principal';

/** What stored copies of an erased contact's name say instead (documents, versions, messages, grants…). */
export const FORMER_CONTACT = 'Former contact';

/** What an erasure rewrote and deleted, for the firm's answer. */
export const ErasureCount = lazySchema(() =>
  z.object({
    /** Items in which a copy of the name, address or portal identity was rewritten. */
    rewritten: z.number(),
    /** The contact's own items deleted (inbox, and the login's preferences and push subscriptions). */
    deleted: z.number(),
  }),
);
export type ErasureCount = z.output<typeof ErasureCount>;

/** An erased contact, with what this call rewrote and deleted (zeros when it was erased already). */
export const ErasedContactView = lazySchema(() => z.object({ ...ContactView.shape, erased: ErasureCount }));
export type ErasedContactView = z.output<typeof ErasedContactView>;

export interface ContactErasureStore {
  /**
   * Rewrites every copy of `person` (the contact's name, email and portal identity) in the items
   * keyed by the contact and its cases: the cases' partitions and their threads', the delivery
   * records of the cases' events and the staff inbox items they made, the firm's trail; deletes the
   * contact's inbox and, with `identityItems`, the portal identity's preferences and push
   * subscriptions. Rewriting a copy that is already rewritten changes nothing.
   */
  scrubCopies(work: {
    contact: Contact;
    caseIds: string[];
    person: { name: string; email?: string; identityId?: string };
    identityItems: boolean;
  }): Promise<ErasureCount>;
  /**
   * The contact's record emptied (name '', no email, phone, language or identity; `erasedAt`), its
   * email claim and its address's mail mark deleted, and `event`: one transaction; refused (false,
   * nothing written) when it was erased meanwhile.
   */
  eraseRecord(contact: Contact, event: DomainEvent): Promise<boolean>;
}

export interface ContactErasureDeps extends ContactRemovalDeps {
  erasure: ContactErasureStore;
}

/**
 * Erases a contact: its removal first (every grant revoked, login signed out), then the copies of
 * its personal data, its portal login (deleted unless it serves another firm), and its record.
 * The record goes last, so an erasure interrupted anywhere is finished by the same call sent again
 * (the name and address to look for are still on it). An erased contact answers as it is.
 */
export async function eraseContact(
  deps: ContactErasureDeps,
  by: StaffPrincipal,
  contactId: string,
): Promise<ErasedContactView> {
  const found = await removalOf(deps, by, contactId);
  const { contact } = found;
  if (contact.erasedAt) return { ...recordView(contact), erased: { rewritten: 0, deleted: 0 } };
  const removedAt = await removeFound(deps, by, found);
  const identityId = contact.identityId;
  const identityItems = !!identityId && !(await deps.removal.servesOtherFirms(identityId, by.firmId));
  if (identityId && identityItems) await deps.portalLogins.remove(identityId);
  const erased = await deps.erasure.scrubCopies({
    contact,
    caseIds: found.grants.map((g) => g.caseId),
    person: {
      name: contact.name,
      ...(contact.email ? { email: contact.email } : {}),
      ...(identityId ? { identityId } : {}),
    },
    identityItems,
  });
  const event = activity(deps, 'contact.erased', { firmId: by.firmId }, staffActor(by), { contactId });
  await deps.erasure.eraseRecord(contact, event);
  const record: Contact = {
    firmId: contact.firmId,
    contactId,
    name: '',
    createdAt: contact.createdAt,
    removedAt,
    erasedAt: event.occurredAt,
  };
  return { ...recordView(record), erased };
}
