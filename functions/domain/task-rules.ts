// Pure rules of client tasks: a thread's task state from its counts, what a change does to the
// counts and the state, the filters, fractional positions for drag-and-drop, reminder due times.
import { generateKeyBetween } from 'fractional-indexing';
import { unprocessable } from './errors';

/** Where a thread stands: no tasks, some open, all done. */
export type TaskState = 'none' | 'open' | 'done';
/** The thread list filters: `incomplete` (has open tasks), `completed` (has tasks, all done), `all`. */
export type ThreadFilter = 'all' | 'incomplete' | 'completed';

export interface TaskCounts {
  completed: number;
  total: number;
}

/** At most this many tasks in one thread: the whole list is read in one consistent Query. */
export const MAX_TASKS_PER_THREAD = 100;

export function taskState({ completed, total }: TaskCounts): TaskState {
  if (total === 0) return 'none';
  return completed >= total ? 'done' : 'open';
}

/** The state a filter selects; `all` selects every thread (no state). */
export function filterState(filter: ThreadFilter): Exclude<TaskState, 'none'> | undefined {
  if (filter === 'incomplete') return 'open';
  if (filter === 'completed') return 'done';
  return undefined;
}

/**
 * Whether `delta` leaves `counts` in range (0 ≤ completed ≤ total). A change planned from a thread
 * read before a sibling's tick and tasks read after it can fail this: the reads straddle a change,
 * which is a race to re-read, not a broken invariant.
 */
export function fits(counts: TaskCounts, delta: TaskCounts): boolean {
  const completed = counts.completed + delta.completed;
  const total = counts.total + delta.total;
  return completed >= 0 && total >= 0 && completed <= total;
}

/** The counts after adding `total` tasks and ticking (`+1`) or unticking (`-1`) `completed` ones. */
export function applyDelta(counts: TaskCounts, delta: TaskCounts): TaskCounts {
  if (!fits(counts, delta)) throw new Error(`task counts out of range: ${JSON.stringify({ counts, delta })}`);
  return { completed: counts.completed + delta.completed, total: counts.total + delta.total };
}

/** What a change does to the thread: its state before and after, and whether it completed it. */
export interface Transition {
  before: TaskState;
  after: TaskState;
  counts: TaskCounts;
  /** All tasks are done now and were not before: a new completion (tasks.completed). */
  completes: boolean;
  /** Open tasks appeared where there were none: automatic reminders start. */
  opens: boolean;
  /** No open task is left where there were some: reminders stop. */
  closes: boolean;
}

export function transition(counts: TaskCounts, delta: TaskCounts): Transition {
  const next = applyDelta(counts, delta);
  const before = taskState(counts);
  const after = taskState(next);
  return {
    before,
    after,
    counts: next,
    completes: after === 'done' && before !== 'done',
    opens: after === 'open' && before !== 'open',
    closes: before === 'open' && after !== 'open',
  };
}

export interface Positioned {
  taskId: string;
  position: string;
}

/** Tasks in list order: by position; equal positions (concurrent adds) by id, so the order is stable. */
export function inListOrder<T extends Positioned>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) =>
    a.position < b.position ? -1 : a.position > b.position ? 1 : a.taskId < b.taskId ? -1 : 1,
  );
}

/** Positions for `n` new tasks appended after the last one. */
export function appendPositions(ordered: readonly Positioned[], n: number): string[] {
  let last = ordered.at(-1)?.position ?? null;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    last = generateKeyBetween(last, null);
    out.push(last);
  }
  return out;
}

/**
 * The new position of task `moving` dropped between `afterId` and `beforeId` (either may be absent:
 * the start or the end of the list). Only the moved task changes: one write, no renumbering.
 * The two neighbours must be adjacent in the current order (what the person saw), else 422.
 */
export function movePosition(
  ordered: readonly Positioned[],
  movingId: string,
  target: { afterId?: string | undefined; beforeId?: string | undefined },
): string {
  const others = ordered.filter((t) => t.taskId !== movingId);
  const index = (id: string | undefined) => {
    if (id === undefined) return undefined;
    if (id === movingId) throw unprocessable('move_relative_to_itself', 'A task cannot move next to itself.');
    const i = others.findIndex((t) => t.taskId === id);
    if (i < 0) throw unprocessable('neighbour_task_not_found', `Task ${id} is not a task of this thread.`);
    return i;
  };
  const a = index(target.afterId);
  const b = index(target.beforeId);
  if (a === undefined && b === undefined) {
    throw unprocessable(
      'move_target_required',
      'Say where the task goes: afterTaskId, beforeTaskId or both.',
    );
  }
  // Only one neighbour given: the other is the one next to it in the current order.
  const lowerIndex = a ?? b! - 1;
  const upperIndex = b ?? a! + 1;
  if (upperIndex !== lowerIndex + 1) {
    throw unprocessable(
      'move_neighbours_not_adjacent',
      'afterTaskId and beforeTaskId must be next to each other in the current order; reload the list and try again.',
    );
  }
  const lower = others[lowerIndex]?.position ?? null;
  const upper = others[upperIndex]?.position ?? null;
  return generateKeyBetween(lower, upper);
}

/** Automatic reminder settings: every `everyDays` days while tasks are open, at most `maxCount` times (0 = off). */
export interface ReminderSettings {
  everyDays: number;
  maxCount: number;
}

/** The firm default when the firm saved none: every 3 days, at most 3 times. */
export const DEFAULT_REMINDERS: ReminderSettings = { everyDays: 3, maxCount: 3 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** When the reminder after `from` falls due. */
export const nextDueAt = (from: Date, settings: ReminderSettings): string =>
  new Date(from.getTime() + settings.everyDays * DAY_MS).toISOString();

/** Whether another reminder may follow the `sent` ones. */
export const remindersLeft = (settings: ReminderSettings, sent: number): boolean => sent < settings.maxCount;

/** A stable shard (0…shards-1) for a thread id: spreads due reminders over index partitions. */
export function shardOf(threadId: string, shards: number): number {
  let h = 0;
  for (let i = 0; i < threadId.length; i++) h = (h * 31 + threadId.charCodeAt(i)) >>> 0;
  return h % shards;
}
