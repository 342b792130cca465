// One due slot of a file request's reminder schedule (decision 0044): stopped without sending once
// the request is no longer open; otherwise claimed like a task reminder's slot (a conditional move
// of the schedule in the same transaction as the `filerequest.reminded` event). The schedule is
// written with the request and starts on its first run, which fixes the firm's settings of the day.
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import type { FileRequest } from './file-requests';
import type { Clock, Ids } from './ports';
import { firstFileRequestSlot, isOverdue, nextFileRequestSlot } from './reminders-file-request-rules';
import { DEFAULT_REMINDERS, type ReminderSettings } from './task-rules';

/** The reminder schedule of a file request (its own item, next to the request). */
export interface FileRequestReminder {
  kind: 'fileRequest';
  firmId: string;
  caseId: string;
  requestId: string;
  /** The request's creation: the first slot counts from it. */
  createdAt: string;
  /** `YYYY-MM-DD`: reminders escalate after it. */
  dueDate?: string;
  /** The firm's reminder settings, fixed by the schedule's first run; absent until then. */
  settings?: ReminderSettings;
  sent: number;
  /** Of `sent`, those sent after the due date. */
  overdueSent: number;
  /** The slot waited for; absent once the schedule is done. */
  nextDueAt?: string;
}

/** A move of a schedule off slot `slot`: its settings, its next slot (none: done), and a reminder sent. */
export interface FileRequestReminderMove {
  settings: ReminderSettings;
  next: string | undefined;
  sent?: { overdue: boolean; event: DomainEvent };
}

export interface FileRequestReminderStore {
  getFileRequestReminder(
    firmId: string,
    caseId: string,
    requestId: string,
  ): Promise<FileRequestReminder | undefined>;
  getFileRequest(firmId: string, caseId: string, requestId: string): Promise<FileRequest | undefined>;
  /** The firm's saved reminder defaults (those of new threads), if any. */
  reminderDefaults(firmId: string): Promise<ReminderSettings | undefined>;
  /**
   * Moves the schedule off `slot` (with the event, when one is sent) in one transaction that holds
   * only while its due time is still `slot`. False when another run moved it first (nothing written).
   */
  moveFileRequestReminder(
    schedule: FileRequestReminder,
    slot: string,
    move: FileRequestReminderMove,
  ): Promise<boolean>;
}

/** The system actor of the reminders run (task and file-request reminders alike). */
export const SCHEDULER = { kind: 'system', id: 'reminders' } as const;

/** The slot a schedule (read consistently) waits for, if it is due by `now`. */
export function slotDueNow(schedule: { nextDueAt?: string } | undefined, now: Date): string | undefined {
  const slot = schedule?.nextDueAt;
  // The index lags behind the item: only a schedule still due now is served.
  return slot && slot <= now.toISOString() ? slot : undefined;
}

export const isFileRequestReminder = (s: object): s is FileRequestReminder =>
  (s as { kind?: unknown }).kind === 'fileRequest';

/** The schedule written with a new request: due at once, so the next run starts it. */
export const newFileRequestReminder = (r: FileRequest): FileRequestReminder => ({
  kind: 'fileRequest',
  firmId: r.firmId,
  caseId: r.caseId,
  requestId: r.requestId,
  createdAt: r.createdAt,
  ...(r.dueDate ? { dueDate: r.dueDate } : {}),
  sent: 0,
  overdueSent: 0,
  nextDueAt: r.createdAt,
});

export async function remindFileRequest(
  deps: { reminders: FileRequestReminderStore; clock: Clock; ids: Ids },
  found: FileRequestReminder,
  now: Date,
): Promise<'sent' | 'stopped' | 'skipped'> {
  const { firmId, caseId, requestId } = found;
  const [schedule, request] = await Promise.all([
    deps.reminders.getFileRequestReminder(firmId, caseId, requestId),
    deps.reminders.getFileRequest(firmId, caseId, requestId),
  ]);
  const slot = slotDueNow(schedule, now);
  if (!schedule || !slot) return 'skipped';
  const settings = schedule.settings ?? (await deps.reminders.reminderDefaults(firmId)) ?? DEFAULT_REMINDERS;
  // Fulfilled, cancelled, or any status a later version adds: only an open request is reminded.
  if (request?.status !== 'open') {
    await deps.reminders.moveFileRequestReminder(schedule, slot, { settings, next: undefined });
    return 'stopped';
  }
  if (!schedule.settings) {
    // The first run: the schedule takes the firm's settings and waits for its first real slot.
    const first = firstFileRequestSlot(schedule.createdAt, settings, schedule.dueDate);
    if (first === undefined || first > now.toISOString()) {
      const moved = await deps.reminders.moveFileRequestReminder(schedule, slot, { settings, next: first });
      return moved && first === undefined ? 'stopped' : 'skipped';
    }
  }
  const overdue = isOverdue(now, schedule.dueDate);
  const counts = { sent: schedule.sent + 1, overdueSent: schedule.overdueSent + (overdue ? 1 : 0) };
  // A late run sends one reminder for the missed slots, not a burst; the next one counts from now.
  const next = nextFileRequestSlot(now, settings, schedule.dueDate, counts);
  const event = activity(deps, 'filerequest.reminded', request, SCHEDULER, {
    requestId,
    subject: request.subject,
    slot,
    sequence: counts.sent,
    overdue,
    ...(schedule.dueDate ? { dueDate: schedule.dueDate } : {}),
  });
  const claimed = await deps.reminders.moveFileRequestReminder(schedule, slot, {
    settings,
    next,
    sent: { overdue, event },
  });
  return claimed ? 'sent' : 'skipped';
}
