// Removing a contact from the firm (decision 0042): every grant revoked in one call, pending
// invitations dead, and the portal login signed out and disabled when it serves no other firm.
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import { type Contact, type ContactView, recordView } from './contacts';
import { notFound } from './errors';
import type { Grant } from './grants';
import type { Clock, Ids } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

/** What a removal reads and writes. */
export interface ContactRemovalStore {
  /** The contact (read consistently) and every grant it holds in the firm; undefined: no such contact. */
  removalOf(
    firmId: string,
    contactId: string,
  ): Promise<{ contact: Contact & { identityId?: string }; grants: Grant[] } | undefined>;
  /**
   * Marks the contact removed with `removed` (its entry; absent when it was removed already) and
   * revokes `grants` (out of the portal's index at once, their invitations deleted), each with its
   * `revoked` entry: in transactions of at most 100 items, the contact's in the first. A grant
   * revoked meanwhile is left as it is (and its entry unwritten), so a removal sent again finishes
   * what an interrupted one left.
   */
  remove(work: {
    contact: Contact;
    removed: DomainEvent | undefined;
    grants: Grant[];
    revoked: (g: Grant) => DomainEvent;
  }): Promise<void>;
  /** Whether the portal identity still has an active grant in another firm (its login serves it). */
  servesOtherFirms(identityId: string, firmId: string): Promise<boolean>;
}

/** Port: the identity provider's portal logins, as an admin acts on them (Cognito's contact pool). */
export interface PortalLoginAdmin {
  /** Revokes the login's sessions (refresh tokens), then disables it; nothing when there is none. */
  signOutAndDisable(identityId: string): Promise<void>;
  /** Deletes the login; nothing when there is none. */
  remove(identityId: string): Promise<void>;
}

export interface ContactRemovalDeps {
  removal: ContactRemovalStore;
  portalLogins: PortalLoginAdmin;
  clock: Clock;
  ids: Ids;
}

/** What a removal works on: the contact and its grants, or 404 `contact`. */
export type RemovalTarget = NonNullable<Awaited<ReturnType<ContactRemovalStore['removalOf']>>>;

export async function removalOf(
  deps: Pick<ContactRemovalDeps, 'removal'>,
  by: StaffPrincipal,
  contactId: string,
): Promise<RemovalTarget> {
  const found = await deps.removal.removalOf(by.firmId, contactId);
  if (!found) throw notFound('contact');
  return found;
}

/**
 * Removes a contact from the firm: revokes every grant it holds (the portal loses access at once,
 * each case gets its `access.revoked` entry), deletes its pending invitations, and signs its portal
 * login out and disables it unless that login still has access in another firm. The contact stays
 * listed, marked `removedAt`, and cannot be granted access again. Idempotent: a removed contact is
 * removed again without a second entry, finishing whatever an interrupted removal left.
 */
export async function removeContact(
  deps: ContactRemovalDeps,
  by: StaffPrincipal,
  contactId: string,
): Promise<ContactView> {
  const found = await removalOf(deps, by, contactId);
  const removedAt = await removeFound(deps, by, found);
  return recordView({ ...found.contact, removedAt });
}

/** The removal of a contact already read; answers when it was removed. */
export async function removeFound(
  deps: ContactRemovalDeps,
  by: StaffPrincipal,
  { contact, grants }: RemovalTarget,
): Promise<string> {
  const actor = staffActor(by);
  const removed = contact.removedAt
    ? undefined
    : activity(deps, 'contact.removed', { firmId: by.firmId }, actor, { contactId: contact.contactId });
  await deps.removal.remove({
    contact,
    removed,
    grants: grants.filter((g) => g.status !== 'revoked'),
    revoked: (g) => activity(deps, 'access.revoked', g, actor, { contactId: contact.contactId }),
  });
  // The login is the person's across firms: another firm's cases keep it enabled (this firm's
  // grants are revoked, which is what decides every portal call here).
  const identityId = contact.identityId;
  if (identityId && !(await deps.removal.servesOtherFirms(identityId, by.firmId)))
    await deps.portalLogins.signOutAndDisable(identityId);
  return contact.removedAt ?? removed!.occurredAt;
}
