// Chat threads of a case: staff start one with contacts who have access (with a first message and
// client tasks), staff and those contacts post messages; lists for staff (filtered by task state)
// and for the portal (the contact's own threads). Task changes live in domain/tasks.ts.
import type { DomainEvent } from '../events/catalogue';
import * as z from '../zod-mini';
import { activity } from './activity';
import type { Case } from './cases';
import { notFound, unprocessable } from './errors';
import type { StaffUser } from './firm';
import { type Grant, type GrantLookup, requireContactAccess } from './grants';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type Actor, type ContactPrincipal, Person, type StaffPrincipal } from './principal';
import {
  appendPositions,
  DEFAULT_REMINDERS,
  filterState,
  MAX_TASKS_PER_THREAD,
  nextDueAt,
  type ReminderSettings,
  type TaskCounts,
  type TaskState,
  type ThreadFilter,
  taskState,
} from './task-rules';

/** Who wrote a message or changed a task, with the name shown to others. */
export type Author = Person;

export interface Thread {
  firmId: string;
  caseId: string;
  threadId: string;
  subject: string;
  contactIds: string[];
  createdAt: string;
  createdBy: Author;
  lastMessageAt: string;
  /** Exact: changed only by ADD, in the transaction of the task change it counts. */
  taskTotal: number;
  taskCompleted: number;
  /** How many times every task became done (each is one `tasks.completed`). */
  completions: number;
  reminders: ReminderSettings;
}

export interface TaskSnapshot {
  taskId: string;
  text: string;
  done: boolean;
}

export interface Task {
  firmId: string;
  caseId: string;
  threadId: string;
  taskId: string;
  /** Plain text; links are kept as typed. */
  text: string;
  /** Fractional index: the list order. */
  position: string;
  done: boolean;
  doneAt?: string;
  doneBy?: Author;
  createdAt: string;
  createdBy: Author;
  updatedAt?: string;
  updatedBy?: Author;
}

export type MessageKind = 'text' | 'tasks' | 'taskUpdate';

export interface Message {
  firmId: string;
  caseId: string;
  threadId: string;
  messageId: string;
  kind: MessageKind;
  /** What was written, or for task messages a one-line summary. */
  text: string;
  author: Author;
  createdAt: string;
  /** `tasks` (re-sent list) and `taskUpdate` (what changed): the tasks concerned, as they were. */
  tasks?: TaskSnapshot[];
  change?: DomainEventOf<'task.changed'>['detail']['change'];
}

type DomainEventOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>;

/** A thread's automatic reminder schedule; `nextDueAt` is set only while one is due. */
export interface ReminderSchedule {
  firmId: string;
  caseId: string;
  threadId: string;
  settings: ReminderSettings;
  sent: number;
  nextDueAt?: string;
}

/** What starts or stops the reminder schedule along with a change. */
export type ReminderChange = { start: string } | 'stop' | undefined;

export interface NewThreadWrite {
  thread: Thread;
  message?: Message;
  tasks: Task[];
  reminder: ReminderSchedule;
  event: DomainEvent;
}

export interface ThreadStore {
  getCase(firmId: string, caseId: string): Promise<Case | undefined>;
  getStaffUser(firmId: string, userId: string): Promise<StaffUser | undefined>;
  /** The grant of a contact on a case (any status), read consistently. */
  getGrant(firmId: string, caseId: string, contactId: string): Promise<Grant | undefined>;
  /** The firm's default reminder settings, when it saved some. */
  firmReminderDefaults(firmId: string): Promise<ReminderSettings | undefined>;
  /** Thread, members, first message, tasks, reminder schedule and event, in one transaction. */
  createThread(write: NewThreadWrite): Promise<void>;
  getThread(firmId: string, caseId: string, threadId: string): Promise<Thread | undefined>;
  /** Threads of a case newest first: all, or those in one task state (one Query each). */
  listThreads(
    firmId: string,
    caseId: string,
    state: Exclude<TaskState, 'none'> | undefined,
    page: PageRequest,
  ): Promise<Page<Thread>>;
  /** Threads of a case a contact takes part in, newest first. */
  listMemberThreads(
    firmId: string,
    caseId: string,
    contactId: string,
    page: PageRequest,
  ): Promise<Page<Thread>>;
  /** The message, the thread's lastMessageAt and the event (if any) in one transaction. */
  postMessage(message: Message, event: DomainEvent | undefined): Promise<void>;
  listMessages(firmId: string, caseId: string, threadId: string, page: PageRequest): Promise<Page<Message>>;
  /** The thread's reminder settings and its schedule (restarted or stopped) in one transaction. */
  saveReminders(
    thread: Thread,
    settings: ReminderSettings,
    change: 'stop' | { start: string },
  ): Promise<void>;
}

export interface ThreadDeps {
  threads: ThreadStore;
  grants: GrantLookup;
  clock: Clock;
  ids: Ids;
}

/** What staff and contacts see of a thread: no firm, no completion tally; its task state derived. */
export const ThreadView = z.object({
  threadId: z.string(),
  caseId: z.string(),
  subject: z.string(),
  contactIds: z.array(z.string()),
  createdAt: z.string(),
  createdBy: Person,
  lastMessageAt: z.string(),
  /** Completed/total tasks, exact. */
  taskCompleted: z.number().check(z.int(), z.nonnegative()),
  taskTotal: z.number().check(z.int(), z.nonnegative()),
  taskState: z.enum(['none', 'open', 'done']),
  reminders: z.object({ everyDays: z.number().check(z.int()), maxCount: z.number().check(z.int()) }),
});
export type ThreadView = z.output<typeof ThreadView>;

export interface NewThread {
  subject: string;
  contactIds: string[];
  message?: string | undefined;
  tasks?: string[] | undefined;
  reminders?: ReminderSettings | undefined;
}

export const threadView = (t: Thread): ThreadView => ({ ...t, taskState: taskState(countsOf(t)) });
export const countsOf = (t: Pick<Thread, 'taskCompleted' | 'taskTotal'>): TaskCounts => ({
  completed: t.taskCompleted,
  total: t.taskTotal,
});
export const snapshot = (t: Task): TaskSnapshot => ({ taskId: t.taskId, text: t.text, done: t.done });
export const toActor = (a: Author): Actor => ({ kind: a.kind, id: a.id });

export async function staffAuthor(deps: Pick<ThreadDeps, 'threads'>, by: StaffPrincipal): Promise<Author> {
  const user = await deps.threads.getStaffUser(by.firmId, by.userId);
  return { kind: 'staff', id: by.userId, name: user?.name ?? 'A staff member' };
}

export const contactAuthor = (grant: Grant): Author => ({
  kind: 'contact',
  id: grant.contactId,
  name: grant.contactName,
});

/** The case of a staff caller's firm, or 404. */
export async function requireCase(deps: Pick<ThreadDeps, 'threads'>, by: StaffPrincipal, caseId: string) {
  const c = await deps.threads.getCase(by.firmId, caseId);
  if (!c) throw notFound('case');
  return c;
}

/** A thread of a case the staff caller's firm owns, or 404. */
export async function requireStaffThread(
  deps: Pick<ThreadDeps, 'threads'>,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
): Promise<Thread> {
  await requireCase(deps, by, caseId);
  const thread = await deps.threads.getThread(by.firmId, caseId, threadId);
  if (!thread) throw notFound('thread');
  return thread;
}

/** The contact's active grant on the case and a thread it takes part in; 404 otherwise. */
export async function requirePortalThread(
  deps: Pick<ThreadDeps, 'threads' | 'grants'>,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
): Promise<{ grant: Grant; thread: Thread }> {
  const grant = await requireContactAccess(deps, by, caseId);
  const thread = await deps.threads.getThread(grant.firmId, caseId, threadId);
  if (!thread?.contactIds.includes(grant.contactId)) throw notFound('thread');
  return { grant, thread };
}

export async function createThread(deps: ThreadDeps, by: StaffPrincipal, caseId: string, input: NewThread) {
  const c = await requireCase(deps, by, caseId);
  const contactIds = [...new Set(input.contactIds)];
  const grants = await Promise.all(contactIds.map((id) => deps.threads.getGrant(by.firmId, caseId, id)));
  const without = contactIds.filter((_, i) => !grants[i] || grants[i]!.status === 'revoked');
  if (without.length > 0) {
    throw unprocessable('contact_without_access', 'Every contact of a thread must have access to the case.', {
      contactIds: without,
    });
  }
  const texts = input.tasks ?? [];
  if (texts.length > MAX_TASKS_PER_THREAD)
    throw unprocessable('too_many_tasks', `A thread holds at most ${MAX_TASKS_PER_THREAD} tasks.`);

  const now = deps.clock.now();
  const at = now.toISOString();
  const author = await staffAuthor(deps, by);
  const threadId = deps.ids.next();
  const base = { firmId: by.firmId, caseId: c.caseId, threadId };
  const reminders =
    input.reminders ?? (await deps.threads.firmReminderDefaults(by.firmId)) ?? DEFAULT_REMINDERS;
  const positions = appendPositions([], texts.length);
  const tasks: Task[] = texts.map((text, i) => ({
    ...base,
    taskId: deps.ids.next(),
    text,
    position: positions[i]!,
    done: false,
    createdAt: at,
    createdBy: author,
  }));
  const message: Message | undefined = input.message
    ? { ...base, messageId: deps.ids.next(), kind: 'text', text: input.message, author, createdAt: at }
    : undefined;
  const thread: Thread = {
    ...base,
    subject: input.subject,
    contactIds,
    createdAt: at,
    createdBy: author,
    lastMessageAt: at,
    taskTotal: tasks.length,
    taskCompleted: 0,
    completions: 0,
    reminders,
  };
  const opens = tasks.length > 0 && reminders.maxCount > 0;
  const reminder: ReminderSchedule = {
    ...base,
    settings: reminders,
    sent: 0,
    ...(opens ? { nextDueAt: nextDueAt(now, reminders) } : {}),
  };
  const event = activity(deps, 'thread.created', c, toActor(author), {
    threadId,
    subject: thread.subject,
    contactIds,
    ...(message ? { messageId: message.messageId } : {}),
    taskIds: tasks.map((t) => t.taskId),
  });
  await deps.threads.createThread({ thread, ...(message ? { message } : {}), tasks, reminder, event });
  return { ...threadView(thread), tasks };
}

export async function listThreads(
  deps: ThreadDeps,
  by: StaffPrincipal,
  caseId: string,
  query: PageRequest & { filter: ThreadFilter },
): Promise<Page<ThreadView>> {
  await requireCase(deps, by, caseId);
  const page = await deps.threads.listThreads(by.firmId, caseId, filterState(query.filter), pageOf(query));
  return { ...page, items: page.items.map(threadView) };
}

export async function getThread(deps: ThreadDeps, by: StaffPrincipal, caseId: string, threadId: string) {
  return threadView(await requireStaffThread(deps, by, caseId, threadId));
}

export async function listPortalThreads(
  deps: ThreadDeps,
  by: ContactPrincipal,
  caseId: string,
  page: PageRequest,
): Promise<Page<ThreadView>> {
  const grant = await requireContactAccess(deps, by, caseId);
  const res = await deps.threads.listMemberThreads(grant.firmId, caseId, grant.contactId, pageOf(page));
  return { ...res, items: res.items.map(threadView) };
}

export async function getPortalThread(
  deps: ThreadDeps,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
) {
  return threadView((await requirePortalThread(deps, by, caseId, threadId)).thread);
}

export async function postStaffMessage(
  deps: ThreadDeps,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
  text: string,
): Promise<Message> {
  const thread = await requireStaffThread(deps, by, caseId, threadId);
  return post(deps, thread, await staffAuthor(deps, by), text);
}

export async function postPortalMessage(
  deps: ThreadDeps,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
  text: string,
): Promise<Message> {
  const { grant, thread } = await requirePortalThread(deps, by, caseId, threadId);
  return post(deps, thread, contactAuthor(grant), text);
}

async function post(deps: ThreadDeps, thread: Thread, author: Author, text: string): Promise<Message> {
  const message: Message = {
    firmId: thread.firmId,
    caseId: thread.caseId,
    threadId: thread.threadId,
    messageId: deps.ids.next(),
    kind: 'text',
    text,
    author,
    createdAt: deps.clock.now().toISOString(),
  };
  const event = activity(deps, 'message.posted', thread, toActor(author), {
    threadId: thread.threadId,
    messageId: message.messageId,
    kind: 'text',
  });
  await deps.threads.postMessage(message, event);
  return message;
}

export async function listStaffMessages(
  deps: ThreadDeps,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
  page: PageRequest,
): Promise<Page<Message>> {
  await requireStaffThread(deps, by, caseId, threadId);
  return deps.threads.listMessages(by.firmId, caseId, threadId, pageOf(page));
}

export async function listPortalMessages(
  deps: ThreadDeps,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
  page: PageRequest,
): Promise<Page<Message>> {
  const { thread } = await requirePortalThread(deps, by, caseId, threadId);
  return deps.threads.listMessages(thread.firmId, caseId, threadId, pageOf(page));
}

/**
 * Overrides the thread's automatic reminders. While tasks are open the schedule starts afresh from
 * now (none sent yet); `maxCount` 0, or nothing open, stops it.
 */
export async function setThreadReminders(
  deps: ThreadDeps,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
  settings: ReminderSettings,
): Promise<ThreadView> {
  const thread = await requireStaffThread(deps, by, caseId, threadId);
  const reminders = { everyDays: settings.everyDays, maxCount: settings.maxCount };
  const open = taskState(countsOf(thread)) === 'open';
  const change =
    open && reminders.maxCount > 0 ? { start: nextDueAt(deps.clock.now(), reminders) } : ('stop' as const);
  await deps.threads.saveReminders(thread, reminders, change);
  return threadView({ ...thread, reminders });
}

/** Only the paging fields reach the store (a query object may carry filters too). */
const pageOf = (p: PageRequest): PageRequest => ({
  limit: p.limit,
  ...(p.nextToken ? { nextToken: p.nextToken } : {}),
});
