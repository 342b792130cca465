// Automatic reminders of open client tasks and open file requests: the scheduled run finds the
// schedules due (one index of due times for both, never a Scan) and sends each due slot once: the
// slot is claimed by a conditional write that moves the schedule on, in the same transaction as the
// `reminder.due` (or `filerequest.reminded`) event, so a second run (or two at once) finds nothing
// left to claim.
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import { statusOf } from './conversation-status';
import type { Clock, Ids, Page, PageRequest } from './ports';
import {
  type FileRequestReminder,
  type FileRequestReminderStore,
  isFileRequestReminder,
  remindFileRequest,
  SCHEDULER,
  slotDueNow,
} from './reminders-file-requests';
import { nextDueAt, remindersLeft, taskState } from './task-rules';
import type { ReminderSchedule, Thread } from './threads';

export interface ReminderStore extends FileRequestReminderStore {
  /** Schedules of one index shard due at or before `dueBy`, oldest due first (the index may lag: the claim decides). */
  due(shard: number, dueBy: string, page: PageRequest): Promise<Page<ReminderSchedule | FileRequestReminder>>;
  getReminder(firmId: string, caseId: string, threadId: string): Promise<ReminderSchedule | undefined>;
  getThread(firmId: string, caseId: string, threadId: string): Promise<Thread | undefined>;
  /**
   * Claims slot `slot`: one more sent, the next due time (or none), and the event, in one
   * transaction that holds only while the schedule's due time is still `slot`. False when another
   * run claimed it first (nothing written).
   */
  claimSlot(
    schedule: ReminderSchedule,
    slot: string,
    next: string | undefined,
    event: DomainEvent,
  ): Promise<boolean>;
  /** Takes a schedule off the index (its thread has no open task), while its due time is still `slot`. */
  stop(schedule: ReminderSchedule, slot: string): Promise<void>;
}

export interface ReminderDeps {
  reminders: ReminderStore;
  clock: Clock;
  ids: Ids;
  shards: number;
}

export interface ReminderRun {
  now: string;
  /** Due schedules found. */
  due: number;
  /** Slots claimed: one `reminder.due` (or `filerequest.reminded`) each. */
  sent: number;
  /** Schedules stopped: nothing open any more, the thread or request is gone, or reminders are off. */
  stopped: number;
  /** Already claimed by another run, moved on since the index was read, or a request's schedule started. */
  skipped: number;
}

const PAGE = 50;

/** Runs every due reminder once. The clock is a parameter: the local stack advances it in tests. */
export function reminderRunner(deps: ReminderDeps) {
  return async (): Promise<ReminderRun> => {
    const now = deps.clock.now();
    const run: ReminderRun = { now: now.toISOString(), due: 0, sent: 0, stopped: 0, skipped: 0 };
    for (let shard = 0; shard < deps.shards; shard++) {
      let nextToken: string | undefined;
      do {
        const page = await deps.reminders.due(shard, run.now, {
          limit: PAGE,
          ...(nextToken ? { nextToken } : {}),
        });
        for (const found of page.items) {
          run.due++;
          const outcome = isFileRequestReminder(found)
            ? await remindFileRequest(deps, found, now)
            : await remind(deps, found, now);
          run[outcome]++;
        }
        nextToken = page.nextToken;
      } while (nextToken);
    }
    return run;
  };
}

async function remind(
  deps: ReminderDeps,
  found: ReminderSchedule,
  now: Date,
): Promise<'sent' | 'stopped' | 'skipped'> {
  const { firmId, caseId, threadId } = found;
  const [schedule, thread] = await Promise.all([
    deps.reminders.getReminder(firmId, caseId, threadId),
    deps.reminders.getThread(firmId, caseId, threadId),
  ]);
  const slot = slotDueNow(schedule, now);
  if (!schedule || !slot) return 'skipped';
  // A closed thread reminds nobody (its close stopped the schedule; this covers a run that raced it).
  const closed = thread && statusOf(thread) === 'closed';
  if (
    !thread ||
    closed ||
    taskState({ completed: thread.taskCompleted, total: thread.taskTotal }) !== 'open'
  ) {
    await deps.reminders.stop(schedule, slot);
    return 'stopped';
  }
  const sequence = schedule.sent + 1;
  // A late run sends one reminder for the missed slots, not a burst; the next one counts from now.
  const next = remindersLeft(schedule.settings, sequence) ? nextDueAt(now, schedule.settings) : undefined;
  const event = activity(deps, 'reminder.due', thread, SCHEDULER, {
    threadId,
    slot,
    sequence,
    openTasks: thread.taskTotal - thread.taskCompleted,
  });
  return (await deps.reminders.claimSlot(schedule, slot, next, event)) ? 'sent' : 'skipped';
}
