// Which entries of a case's activity a contact sees in the portal: one rule per event type, decided
// here and nowhere else (decision 0037). The store turns the same rules into the Query's filter.
import type { EventType } from '../events/catalogue';

/**
 * When a contact sees an entry of this type:
 * - `never`: staff-only (internal notes, settings, other contacts' access, system work);
 * - `always`: every contact with access to the case (the case's own state);
 * - `actor`: the contact did it (its own upload, comment, tick, message);
 * - `field`: a detail field names the contact (`detail.contactId`: its own grant, its own upload);
 * - `listed`: a detail list holds the contact (`detail.contactIds`: a request addressed to it).
 */
export type ContactRule =
  | { kind: 'never' }
  | { kind: 'always' }
  | { kind: 'actor' }
  | { kind: 'field'; field: string }
  | { kind: 'listed'; field: string };

const never: ContactRule = { kind: 'never' };
const always: ContactRule = { kind: 'always' };
const actor: ContactRule = { kind: 'actor' };
const field = (name: string): ContactRule => ({ kind: 'field', field: name });
const listed = (name: string): ContactRule => ({ kind: 'listed', field: name });

/**
 * The rule of every catalogued type. A type missing here (one added to the catalogue later) is
 * `never`: hidden until someone decides, never shown by accident; a unit test names it.
 */
export const CONTACT_VISIBILITY: Partial<Record<EventType, ContactRule>> = {
  // The case and the firm: internal.
  'case.created': never,
  // The case's own state: every contact with access sees it closed, reopened or renamed (its
  // title is what the portal lists); who owns it inside the firm is internal.
  'case.closed': always,
  'case.reopened': always,
  'case.renamed': always,
  'case.reassigned': never,
  'contact.created': never,
  'recipients.updated': never,
  'settings.updated': never,
  // Access: only the contact's own grant, never another contact's.
  'access.granted': field('contactId'),
  'access.updated': field('contactId'),
  'access.revoked': field('contactId'),
  'access.accepted': field('contactId'),
  'invitation.sent': field('contactId'),
  // Documents: its own uploads, and documents shared (or published) to it.
  'document.uploaded': field('contactId'),
  'document.shared': listed('added'),
  'document.published': listed('contactIds'),
  'upload.rejected': never,
  // Renames and the trash name no contacts: a contact sees the document's new name, or its absence.
  'document.renamed': never,
  'document.trashed': never,
  'document.restored': never,
  'document.purged': never,
  // Discussions and requests addressed to it; its own comments and fulfilments.
  'discussion.published': listed('contactIds'),
  'comment.added': actor,
  'filerequest.created': listed('contactIds'),
  'filerequest.fulfilled': field('contactId'),
  // The cancel names no recipients, so the entry cannot tell whom it concerns.
  'filerequest.cancelled': never,
  // Threads it is in; its own messages and ticks. Completion and reminders are the firm's view.
  'thread.created': listed('contactIds'),
  'message.posted': actor,
  'task.changed': actor,
  'tasks.completed': never,
  'reminder.due': never,
  // Closing and reopening name no contacts (the portal shows the thread's or discussion's status
  // itself); a recurring task is the firm's own template.
  'thread.closed': never,
  'thread.reopened': never,
  'discussion.closed': never,
  'discussion.reopened': never,
  'recurringtask.deleted': never,
  // Like a thread's reminders: the firm's view (the recipients get the reminder itself).
  'filerequest.reminded': never,
  // Request lists: the submitting contact sees its own submissions and how each was reviewed
  // (the return reason is written for it); templates are the firm's own.
  'filerequest.item_submitted': field('contactId'),
  'filerequest.item_accepted': field('contactId'),
  'filerequest.item_returned': field('contactId'),
  'filerequesttemplate.saved': never,
  'filerequesttemplate.deleted': never,
  // The contact directory is the firm's own (firm-level entries, in no case's trail).
  'contact.updated': never,
  'contact.removed': never,
  'contact.erased': never,
};

/** The rule for a stored entry's type; an unknown type (written by a newer version) is `never`. */
export const contactRuleOf = (type: string): ContactRule => CONTACT_VISIBILITY[type as EventType] ?? never;

/** The part of an entry the rules read. */
export interface VisibleEntry {
  type: string;
  actor: { kind: string; id: string };
  detail?: Record<string, unknown>;
}

/** Whether `contactId` sees the entry: the same decision the store's filter makes, in memory. */
export function visibleToContact(entry: VisibleEntry, contactId: string): boolean {
  const rule = contactRuleOf(entry.type);
  switch (rule.kind) {
    case 'never':
      return false;
    case 'always':
      return true;
    case 'actor':
      return entry.actor.kind === 'contact' && entry.actor.id === contactId;
    case 'field':
      return entry.detail?.[rule.field] === contactId;
    case 'listed': {
      const list = entry.detail?.[rule.field];
      return Array.isArray(list) && list.includes(contactId);
    }
  }
}

/** The types a contact may see at all (the others never reach its filter). */
export const typesVisibleToContacts = (types: readonly string[]): string[] =>
  types.filter((t) => contactRuleOf(t).kind !== 'never');
