// Pure rules of file-request reminders (decision 0044): the task reminders' cadence until the due
// date, then escalation: a reminder the moment the request becomes overdue and daily ones after it.
import { nextDueAt, type ReminderSettings } from './task-rules';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Overdue reminders come daily: a firm's cadence is whole days, so no setting is shorter. */
export const OVERDUE_EVERY_DAYS = 1;

/** What a schedule has sent: in all, and of those after the due date. */
export interface SentCounts {
  sent: number;
  overdueSent: number;
}

/**
 * The instant a request due on `dueDate` (`YYYY-MM-DD`) becomes overdue: the end of that day in
 * UTC (firms have no time zone setting), so a request is on time all through its due date.
 */
export const overdueFrom = (dueDate: string): string =>
  new Date(Date.parse(`${dueDate}T00:00:00.000Z`) + DAY_MS).toISOString();

/** Whether a request due on `dueDate` is overdue at `at` (never without a due date). */
export const isOverdue = (at: Date, dueDate: string | undefined): boolean =>
  dueDate !== undefined && at.toISOString() >= overdueFrom(dueDate);

/**
 * When the reminder after one sent at `from` falls due, or undefined when the schedule is done.
 * Before the due date: every `everyDays` days, at most `maxCount` times, and never past the moment
 * the request becomes overdue (that moment is a slot of its own, even when the regular ones are
 * used up). Once overdue: daily, at most `maxCount` more. `maxCount` 0 turns reminders off.
 */
export function nextFileRequestSlot(
  from: Date,
  settings: ReminderSettings,
  dueDate: string | undefined,
  counts: SentCounts,
): string | undefined {
  if (settings.maxCount <= 0) return undefined;
  if (isOverdue(from, dueDate))
    return counts.overdueSent < settings.maxCount
      ? nextDueAt(from, { ...settings, everyDays: Math.min(settings.everyDays, OVERDUE_EVERY_DAYS) })
      : undefined;
  const regular =
    counts.sent - counts.overdueSent < settings.maxCount ? nextDueAt(from, settings) : undefined;
  if (dueDate === undefined) return regular;
  const escalation = overdueFrom(dueDate);
  return regular !== undefined && regular < escalation ? regular : escalation;
}

/** The first slot of a request created at `createdAt`: nothing sent yet. */
export const firstFileRequestSlot = (
  createdAt: string,
  settings: ReminderSettings,
  dueDate: string | undefined,
): string | undefined =>
  nextFileRequestSlot(new Date(createdAt), settings, dueDate, { sent: 0, overdueSent: 0 });
