// Client tasks of a chat thread: add, edit, delete, reorder, tick / untick (staff or contact), list
// and re-send. Each change (but a reorder) writes the tasks, the thread's counts (ADD), a
// task-update message and its events in one transaction, guarded by the counts and task states it
// read: a concurrent change makes it re-read and try again (after a short random pause, up to
// ATTEMPTS times, then 409 concurrent_task_change), so counts and filter state stay exact.
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import { requireThreadOpen } from './conversation-status';
import { conflict, DomainError, notFound, unprocessable } from './errors';
import type { Page } from './ports';
import type { ContactPrincipal, StaffPrincipal } from './principal';
import {
  appendPositions,
  fits,
  inListOrder,
  MAX_TASKS_PER_THREAD,
  movePosition,
  nextDueAt,
  type TaskCounts,
  transition,
} from './task-rules';
import {
  type Author,
  contactAuthor,
  countsOf,
  type Message,
  portalThreadWith,
  type ReminderChange,
  snapshot,
  staffThreadWith,
  type Task,
  type Thread,
  type ThreadDeps,
  type ThreadStore,
  threadView,
  toActor,
} from './threads';

export type TaskChange = Extract<DomainEvent, { type: 'task.changed' }>['detail']['change'];

/** One task change as the store writes it, in one transaction. */
export interface TaskChangeWrite {
  /** The thread as read: the write holds only while its counts are still these. */
  thread: Thread;
  /** The counts' change; the store sets the filter partition from the counts it leads to. */
  delta: TaskCounts;
  /** This change completes every task: the thread's completions go up by one. */
  completes: boolean;
  added: Task[];
  /** Changed tasks, each written only while its `done` is still `wasDone`. */
  updated: { task: Task; wasDone: boolean }[];
  deleted: Task[];
  message: Message;
  events: DomainEvent[];
  reminder: ReminderChange;
  at: string;
}

export interface TaskStore extends Pick<ThreadStore, 'postMessage'> {
  /** Every task of a thread, read consistently (bounded by MAX_TASKS_PER_THREAD). */
  tasksOf(firmId: string, caseId: string, threadId: string): Promise<Task[]>;
  /**
   * Writes the change. Throws a `concurrent_task_change` conflict when the thread's counts or a
   * task changed since they were read (nothing is written then).
   */
  writeTaskChange(write: TaskChangeWrite): Promise<void>;
  /** A reorder: one write of the moved task's position (only while the task exists). */
  moveTask(task: Task, position: string, at: string, by: Author): Promise<void>;
}

export interface TaskDeps extends ThreadDeps {
  tasks: TaskStore;
}

const CONCURRENT = 'concurrent_task_change';
/** Concurrent ticks on one thread are few (a few people); beyond this the caller retries. */
const ATTEMPTS = 8;

/** A random pause before the next attempt (full jitter, growing): racers stop colliding in step. */
const pause = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(attempt, 5)));

export const concurrentTaskChange = () =>
  conflict(CONCURRENT, 'The tasks of this thread changed at the same time; try again.');

/** What a change plans from the thread and its tasks, or `unchanged` with the result to return. */
type Plan<R> =
  | { unchanged: R }
  | {
      change: TaskChange;
      added?: Task[];
      updated?: { task: Task; wasDone: boolean }[];
      deleted?: Task[];
      delta: TaskCounts;
      /** The tasks the update message and the event are about, as they are after the change. */
      subjects: Task[];
      result: R;
    };

/** The thread, the caller as author and the thread's tasks (list order), read in one round trip. */
interface Caller {
  thread: Thread;
  author: Author;
  tasks: Task[];
}

async function changeTasks<R>(
  deps: TaskDeps,
  load: () => Promise<Caller>,
  plan: (thread: Thread, tasks: Task[], author: Author, at: string) => Plan<R>,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const { thread, author, tasks } = await load();
    requireThreadOpen(thread);
    const now = deps.clock.now();
    const at = now.toISOString();
    const p = plan(thread, tasks, author, at);
    if ('unchanged' in p) return p.unchanged;
    // The thread and its tasks are two reads: a change committed between them can make the plan
    // (from the tasks) impossible on the counts (from the thread). That is a race, not a fault.
    if (!fits(countsOf(thread), p.delta)) {
      if (attempt >= ATTEMPTS) throw concurrentTaskChange();
      await pause(attempt);
      continue;
    }
    const t = transition(countsOf(thread), p.delta);
    const detail = {
      threadId: thread.threadId,
      change: p.change,
      tasks: p.subjects.map(snapshot),
      completed: t.counts.completed,
      total: t.counts.total,
    };
    const events: DomainEvent[] = [activity(deps, 'task.changed', thread, toActor(author), detail)];
    if (t.completes) {
      events.push(
        activity(deps, 'tasks.completed', thread, toActor(author), {
          threadId: thread.threadId,
          total: t.counts.total,
          completion: thread.completions + 1,
        }),
      );
    }
    const reminder: ReminderChange =
      t.opens && thread.reminders.maxCount > 0
        ? { start: nextDueAt(now, thread.reminders) }
        : t.closes
          ? 'stop'
          : undefined;
    const message: Message = {
      firmId: thread.firmId,
      caseId: thread.caseId,
      threadId: thread.threadId,
      messageId: deps.ids.next(),
      kind: 'taskUpdate',
      text: updateText(author, p.change, p.subjects),
      author,
      createdAt: at,
      tasks: p.subjects.map(snapshot),
      change: p.change,
    };
    try {
      await deps.tasks.writeTaskChange({
        thread,
        delta: p.delta,
        completes: t.completes,
        added: p.added ?? [],
        updated: p.updated ?? [],
        deleted: p.deleted ?? [],
        message,
        events,
        reminder,
        at,
      });
      return p.result;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === CONCURRENT) || attempt >= ATTEMPTS) throw err;
      await pause(attempt);
    }
  }
}

/** "Carla Client completed “Send the W-2”", "Ann Staff added 2 tasks: “A”, “B”". */
export function updateText(author: Author, change: TaskChange, tasks: Task[]): string {
  const names = tasks.map((t) => `“${t.text}”`).join(', ');
  const verb: Record<TaskChange, string> = {
    added: tasks.length === 1 ? 'added a task:' : `added ${tasks.length} tasks:`,
    edited: 'edited a task:',
    deleted: 'deleted a task:',
    completed: 'completed',
    reopened: 'reopened',
  };
  return `${author.name} ${verb[change]} ${names}`;
}

const find = (tasks: Task[], taskId: string) => {
  const task = tasks.find((t) => t.taskId === taskId);
  if (!task) throw notFound('task');
  return task;
};

const staffCaller =
  (deps: TaskDeps, by: StaffPrincipal, caseId: string, threadId: string) => async (): Promise<Caller> => {
    const { thread, author, data } = await staffThreadWith(deps, by, caseId, threadId, () =>
      deps.tasks.tasksOf(by.firmId, caseId, threadId),
    );
    return { thread, author, tasks: inListOrder(data) };
  };

const portalCaller =
  (deps: TaskDeps, by: ContactPrincipal, caseId: string, threadId: string) => async (): Promise<Caller> => {
    const { grant, thread, data } = await portalThreadWith(deps, by, caseId, threadId, (at) =>
      deps.tasks.tasksOf(at.firmId, caseId, threadId),
    );
    return { thread, author: contactAuthor(grant), tasks: inListOrder(data) };
  };

export function addTasks(
  deps: TaskDeps,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
  texts: string[],
) {
  return changeTasks(deps, staffCaller(deps, by, caseId, threadId), (thread, tasks, author, at) => {
    if (tasks.length + texts.length > MAX_TASKS_PER_THREAD)
      throw unprocessable('too_many_tasks', `A thread holds at most ${MAX_TASKS_PER_THREAD} tasks.`, {
        current: tasks.length,
      });
    const positions = appendPositions(tasks, texts.length);
    const added: Task[] = texts.map((text, i) => ({
      firmId: thread.firmId,
      caseId: thread.caseId,
      threadId: thread.threadId,
      taskId: deps.ids.next(),
      text,
      position: positions[i]!,
      done: false,
      createdAt: at,
      createdBy: author,
    }));
    return {
      change: 'added',
      added,
      delta: { completed: 0, total: added.length },
      subjects: added,
      result: { items: added },
    };
  });
}

export function editTask(
  deps: TaskDeps,
  by: StaffPrincipal,
  ref: { caseId: string; threadId: string; taskId: string },
  text: string,
) {
  return changeTasks<Task>(
    deps,
    staffCaller(deps, by, ref.caseId, ref.threadId),
    (_thread, tasks, author, at) => {
      const task = find(tasks, ref.taskId);
      if (task.text === text) return { unchanged: task };
      const next: Task = { ...task, text, updatedAt: at, updatedBy: author };
      return {
        change: 'edited',
        updated: [{ task: next, wasDone: task.done }],
        delta: { completed: 0, total: 0 },
        subjects: [next],
        result: next,
      };
    },
  );
}

export function deleteTask(
  deps: TaskDeps,
  by: StaffPrincipal,
  ref: { caseId: string; threadId: string; taskId: string },
) {
  return changeTasks(deps, staffCaller(deps, by, ref.caseId, ref.threadId), (thread, tasks) => {
    const task = find(tasks, ref.taskId);
    return {
      change: 'deleted',
      deleted: [task],
      delta: { completed: task.done ? -1 : 0, total: -1 },
      subjects: [task],
      result: threadView({
        ...thread,
        taskTotal: thread.taskTotal - 1,
        taskCompleted: thread.taskCompleted - (task.done ? 1 : 0),
      }),
    };
  });
}

/** Tick (`done`) or untick a task; ticking a ticked task changes nothing (idempotent). */
function setDone(deps: TaskDeps, load: () => Promise<Caller>, taskId: string, done: boolean) {
  return changeTasks<Task>(deps, load, (_thread, tasks, author, at) => {
    const task = find(tasks, taskId);
    if (task.done === done) return { unchanged: task };
    const { doneAt: _a, doneBy: _b, ...rest } = task;
    // Who ticked it and when stay on the task; an untick clears them and is recorded as its last change.
    const changed = { ...rest, done, updatedAt: at, updatedBy: author };
    const next: Task = done ? { ...changed, doneAt: at, doneBy: author } : changed;
    return {
      change: done ? 'completed' : 'reopened',
      updated: [{ task: next, wasDone: task.done }],
      delta: { completed: done ? 1 : -1, total: 0 },
      subjects: [next],
      result: next,
    };
  });
}

export const setStaffTaskDone = (
  deps: TaskDeps,
  by: StaffPrincipal,
  ref: { caseId: string; threadId: string; taskId: string },
  done: boolean,
) => setDone(deps, staffCaller(deps, by, ref.caseId, ref.threadId), ref.taskId, done);

export const setPortalTaskDone = (
  deps: TaskDeps,
  by: ContactPrincipal,
  ref: { caseId: string; threadId: string; taskId: string },
  done: boolean,
) => setDone(deps, portalCaller(deps, by, ref.caseId, ref.threadId), ref.taskId, done);

/** Drag and drop: the task goes between `afterTaskId` and `beforeTaskId`; one write. */
export async function moveTask(
  deps: TaskDeps,
  by: StaffPrincipal,
  ref: { caseId: string; threadId: string; taskId: string },
  target: { afterTaskId?: string | undefined; beforeTaskId?: string | undefined },
): Promise<Task> {
  const { thread, author, tasks } = await staffCaller(deps, by, ref.caseId, ref.threadId)();
  requireThreadOpen(thread);
  const task = find(tasks, ref.taskId);
  const position = movePosition(tasks, task.taskId, {
    afterId: target.afterTaskId,
    beforeId: target.beforeTaskId,
  });
  const at = deps.clock.now().toISOString();
  await deps.tasks.moveTask(task, position, at, author);
  return { ...task, position, updatedAt: at, updatedBy: author };
}

export const listStaffTasks = async (
  deps: TaskDeps,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
): Promise<Page<Task>> => ({ items: (await staffCaller(deps, by, caseId, threadId)()).tasks });

export const listPortalTasks = async (
  deps: TaskDeps,
  by: ContactPrincipal,
  caseId: string,
  threadId: string,
): Promise<Page<Task>> => ({ items: (await portalCaller(deps, by, caseId, threadId)()).tasks });

/** "Resend client tasks": the current list goes into the thread as a message (contacts are told). */
export async function resendTasks(
  deps: TaskDeps,
  by: StaffPrincipal,
  caseId: string,
  threadId: string,
): Promise<Message> {
  const { thread, author, tasks } = await staffCaller(deps, by, caseId, threadId)();
  requireThreadOpen(thread);
  if (tasks.length === 0) throw unprocessable('no_tasks', 'This thread has no tasks to re-send.');
  const done = tasks.filter((t) => t.done).length;
  const message: Message = {
    firmId: thread.firmId,
    caseId: thread.caseId,
    threadId: thread.threadId,
    messageId: deps.ids.next(),
    kind: 'tasks',
    text: `Client tasks (${done}/${tasks.length} done): ${tasks.map((t) => `${t.done ? '☑' : '☐'} ${t.text}`).join('; ')}`,
    author,
    createdAt: deps.clock.now().toISOString(),
    tasks: tasks.map(snapshot),
  };
  const event = activity(deps, 'message.posted', thread, toActor(author), {
    threadId: thread.threadId,
    messageId: message.messageId,
    kind: 'tasks',
  });
  await deps.tasks.postMessage(message, event);
  return message;
}
