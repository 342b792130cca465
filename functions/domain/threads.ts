// Chat threads of a case: staff start one with contacts who have access (with a first message and
// client tasks), staff and those contacts post messages; lists for staff (filtered by task state)
// and for the portal (the contact's own threads). Task changes live in domain/tasks.ts.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import type { Case } from './cases';
import { checkedAlongside, pageUnderCase } from './checks';
import {
  type Closable,
  ConversationStatus,
  changesStatus,
  requireThreadOpen,
  type StatusChange,
  statusView,
} from './conversation-status';
import { conflict, notFound, unprocessable } from './errors';
import type { StaffUser } from './firm';
import { type Grant, type GrantLocation, type GrantLocator, withContactParts } from './grants';
import { type Clock, type Ids, type Page, type PageRequest, pageOf } from './ports';
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

export interface Thread extends Closable {
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

/** What starting a thread reads in one BatchGetItem. */
export interface NewThreadParts {
  case?: Case;
  /** The chosen contacts' grants (any status), in the order asked; undefined where there is none. */
  grants: (Grant | undefined)[];
  user?: StaffUser;
}

export interface ThreadStore {
  /**
   * The case, the thread (when given) and the caller's staff record (when given), in one
   * consistent BatchGetItem: a staff route's check and what it works on, in one round trip.
   */
  staffThreadParts(
    firmId: string,
    caseId: string,
    threadId: string | undefined,
    userId: string | undefined,
  ): Promise<{ case?: Case; thread?: Thread; user?: StaffUser }>;
  /** The contact's grant at `at` and the thread (when given), in one consistent BatchGetItem. */
  portalThreadParts(
    at: GrantLocation,
    threadId: string | undefined,
  ): Promise<{ grant?: Grant; thread?: Thread }>;
  /** The case, the chosen contacts' grants and the author: one consistent BatchGetItem. */
  newThreadParts(
    firmId: string,
    caseId: string,
    contactIds: string[],
    userId: string,
  ): Promise<NewThreadParts>;
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
  /**
   * Closes or reopens the thread, with its reminder change and event, in one transaction that holds
   * only while the thread's status is still the one read. False when it is not (nothing written).
   */
  setThreadStatus(
    thread: Thread,
    change: StatusChange,
    reminder: ReminderChange,
    event: DomainEvent,
  ): Promise<boolean>;
}

export interface ThreadDeps {
  threads: ThreadStore;
  grantLocator: GrantLocator;
  clock: Clock;
  ids: Ids;
}

/** What staff and contacts see of a thread: no firm, no completion tally; its task state derived. */
export const ThreadView = lazySchema(() =>
  z.object({
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
    /** `closed`: read-only until staff reopen it (no messages, no task changes). */
    status: ConversationStatus,
    closedAt: z.optional(z.string()),
  }),
);
export type ThreadView = z.output<typeof ThreadView>;

export interface NewThread {
  subject: string;
  contactIds: string[];
  message?: string | undefined;
  tasks?: string[] | undefined;
  reminders?: ReminderSettings | undefined;
}

export const threadView = (t: Thread): ThreadView => {
  const { status: _, closedAt: __, ...rest } = t;
  return { ...rest, taskState: taskState(countsOf(t)), ...statusView(t) };
};
export const countsOf = (t: Pick<Thread, 'taskCompleted' | 'taskTotal'>): TaskCounts => ({
  completed: t.taskCompleted,
  total: t.taskTotal,
});
export const snapshot = (t: Task): TaskSnapshot => ({ taskId: t.taskId, text: t.text, done: t.done });
export const toActor = (a: Author): Actor => ({ kind: a.kind, id: a.id });

const staffAuthorOf = (by: StaffPrincipal, user: StaffUser | undefined): Author => ({
  kind: 'staff',
  id: by.userId,
  name: user?.name ?? 'A staff member',
});

export const contactAuthor = (grant: Grant): Author => ({
  kind: 'contact',
  id: grant.contactId,
  name: grant.contactName,
});

/** The case of a staff caller's firm, or 404 (one read). */
export async function requireCase(deps: Pick<ThreadDeps, 'threads'>, by: StaffPrincipal, caseId: string) {
  const { case: c } = await deps.threads.staffThreadParts(by.firmId, caseId, undefined, undefined);
  if (!c) throw notFound('case');
  return c;
}

/**
 * A thread of a case the staff caller's firm owns (404 case, then 404 thread) with the caller as
 * author, in one BatchGetItem; `data` (what the route reads of the thread) goes out alongside and
 * is returned only when the thread is the caller's.
 */
export async function staffThreadWith<D = undefined>(
  deps: Pick<ThreadDeps, 'threads'>,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
  data?: () => Promise<D>,
): Promise<{ thread: Thread; author: Author; data: D }> {
  const check = deps.threads.staffThreadParts(by.firmId, caseId, threadId, by.userId).then((p) => {
    if (!p.case) throw notFound('case');
    if (!p.thread) throw notFound('thread');
    return { thread: p.thread, author: staffAuthorOf(by, p.user) };
  });
  const [parts, d] = await checkedAlongside(check, data ? data() : Promise.resolve(undefined as D));
  return { ...parts, data: d };
}

/** A thread of a case the staff caller's firm owns, or 404. */
export const requireStaffThread = async (
  deps: Pick<ThreadDeps, 'threads'>,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
): Promise<Thread> => (await staffThreadWith(deps, by, caseId, threadId)).thread;

/**
 * The contact's active grant on the case and a thread it takes part in (404 otherwise), read
 * together; `data` (what the route reads of the thread) alongside, returned only when both hold.
 */
export async function portalThreadWith<D = undefined>(
  deps: Pick<ThreadDeps, 'threads' | 'grantLocator'>,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
  data?: (at: GrantLocation) => Promise<D>,
): Promise<{ grant: Grant; thread: Thread; data: D }> {
  const { parts, data: d } = await withContactParts(
    deps,
    by,
    caseId,
    'view',
    (at) => deps.threads.portalThreadParts(at, threadId),
    data,
  );
  if (!parts.thread?.contactIds.includes(parts.grant.contactId)) throw notFound('thread');
  return { grant: parts.grant, thread: parts.thread, data: d };
}

/** The contact's active grant on the case and a thread it takes part in; 404 otherwise. */
export const requirePortalThread = (
  deps: Pick<ThreadDeps, 'threads' | 'grantLocator'>,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
): Promise<{ grant: Grant; thread: Thread }> => portalThreadWith(deps, by, caseId, threadId);

export async function createThread(deps: ThreadDeps, by: StaffPrincipal, caseId: string, input: NewThread) {
  const contactIds = [...new Set(input.contactIds)];
  // The firm's reminder defaults live on the firm item (its own store): read alongside, not after.
  const [parts, defaults] = await Promise.all([
    deps.threads.newThreadParts(by.firmId, caseId, contactIds, by.userId),
    input.reminders ? undefined : deps.threads.firmReminderDefaults(by.firmId),
  ]);
  const c = parts.case;
  if (!c) throw notFound('case');
  const grants = parts.grants;
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
  const author = staffAuthorOf(by, parts.user);
  const threadId = deps.ids.next();
  const base = { firmId: by.firmId, caseId: c.caseId, threadId };
  const reminders = input.reminders ?? defaults ?? DEFAULT_REMINDERS;
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
  const page = await pageUnderCase(
    async () => !!(await deps.threads.staffThreadParts(by.firmId, caseId, undefined, undefined)).case,
    (p) => deps.threads.listThreads(by.firmId, caseId, filterState(query.filter), p),
    query,
  );
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
  const { data: res } = await withContactParts(
    deps,
    by,
    caseId,
    'view',
    (at) => deps.threads.portalThreadParts(at, undefined),
    (at) => deps.threads.listMemberThreads(at.firmId, caseId, at.contactId, pageOf(page)),
  );
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
  const { thread, author } = await staffThreadWith(deps, by, caseId, threadId);
  return post(deps, thread, author, text);
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
  requireThreadOpen(thread);
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
  const { data } = await staffThreadWith(deps, by, caseId, threadId, () =>
    deps.threads.listMessages(by.firmId, caseId, threadId, pageOf(page)),
  );
  return data;
}

export async function listPortalMessages(
  deps: ThreadDeps,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
  page: PageRequest,
): Promise<Page<Message>> {
  const { data } = await portalThreadWith(deps, by, caseId, threadId, (at) =>
    deps.threads.listMessages(at.firmId, caseId, threadId, pageOf(page)),
  );
  return data;
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
  requireThreadOpen(thread);
  const reminders = { everyDays: settings.everyDays, maxCount: settings.maxCount };
  const open = taskState(countsOf(thread)) === 'open';
  const change =
    open && reminders.maxCount > 0 ? { start: nextDueAt(deps.clock.now(), reminders) } : ('stop' as const);
  await deps.threads.saveReminders(thread, reminders, change);
  return threadView({ ...thread, reminders });
}

/**
 * What a close or reopen does to the reminders: a closed thread reminds nobody (its tasks cannot
 * be ticked); a reopened one starts afresh (none sent yet) while tasks are open and reminders on.
 */
export function reminderOnStatus(thread: Thread, wanted: ConversationStatus, now: Date): ReminderChange {
  if (wanted === 'closed') return 'stop';
  const open = taskState(countsOf(thread)) === 'open';
  return open && thread.reminders.maxCount > 0 ? { start: nextDueAt(now, thread.reminders) } : undefined;
}

/**
 * Closes (`closed`) or reopens (`open`) a thread. Idempotent: one already so is returned as it is,
 * with no event. A concurrent change of its status makes it read the thread once more.
 */
export async function setThreadStatus(
  deps: ThreadDeps,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
  wanted: ConversationStatus,
): Promise<ThreadView> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const { thread, author } = await staffThreadWith(deps, by, caseId, threadId);
    if (!changesStatus(thread, wanted)) return threadView(thread);
    const now = deps.clock.now();
    const change: StatusChange = { status: wanted, at: now.toISOString(), by: by.userId };
    const event = activity(
      deps,
      wanted === 'closed' ? 'thread.closed' : 'thread.reopened',
      thread,
      toActor(author),
      {
        threadId,
      },
    );
    const written = await deps.threads.setThreadStatus(
      thread,
      change,
      reminderOnStatus(thread, wanted, now),
      event,
    );
    if (written) {
      const { closedAt: _, ...rest } = thread;
      return threadView(
        wanted === 'closed' ? { ...rest, status: wanted, closedAt: change.at } : { ...rest, status: wanted },
      );
    }
  }
  throw conflict(
    'concurrent_status_change',
    'The thread was closed and reopened at the same time; try again.',
  );
}
