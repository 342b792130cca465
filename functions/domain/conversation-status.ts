// Open and closed chat threads and discussions: a closed one is read-only (no messages, comments
// or task changes, by staff or contacts) until staff reopen it. Items written before the status
// existed carry none: they are open.
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { forbidden } from './errors';

export const ConversationStatus = lazySchema(() => z.enum(['open', 'closed']));
export type ConversationStatus = z.output<typeof ConversationStatus>;

/** What a thread or a discussion stores of its status (absent on items older than the status). */
export interface Closable {
  status?: ConversationStatus;
  closedAt?: string;
}

export const statusOf = (c: Closable): ConversationStatus => c.status ?? 'open';

/** The status fields of a view: the status always, when it was closed only while it is. */
export const statusView = (c: Closable): { status: ConversationStatus; closedAt?: string } =>
  statusOf(c) === 'closed' && c.closedAt
    ? { status: 'closed', closedAt: c.closedAt }
    : { status: statusOf(c) };

/**
 * The thread's own guard, apart from any guard on its case: a write into a closed thread is 403
 * `thread_closed` (staff reopen it first).
 */
export function requireThreadOpen(thread: Closable): void {
  if (statusOf(thread) === 'closed') throw threadClosed();
}

export const threadClosed = () =>
  forbidden('thread_closed', 'This thread is closed: nothing can be posted or ticked until staff reopen it.');

/** The discussion's own guard: a comment on a closed discussion is 403 `discussion_closed`. */
export function requireDiscussionOpen(discussion: Closable): void {
  if (statusOf(discussion) === 'closed') throw discussionClosed();
}

export const discussionClosed = () =>
  forbidden('discussion_closed', 'This discussion is closed: no new comments until staff reopen it.');

/** A close or reopen of something already so changes nothing (idempotent, no second event). */
export const changesStatus = (c: Closable, wanted: ConversationStatus): boolean => statusOf(c) !== wanted;

/** What a status change writes on the item: who and when on a close, cleared on a reopen. */
export interface StatusChange {
  status: ConversationStatus;
  at: string;
  by: string;
}
