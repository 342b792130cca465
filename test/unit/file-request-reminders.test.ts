// File-request reminders (decision 0044): the due-time rules before and after the due date, the
// run's step for one due slot against an in-memory store (start, send, stop on any status other
// than open, a lost claim), and the reminder's texts before and after the due date.
import { describe, expect, it } from 'vitest';
import type { FileRequest } from '../../functions/domain/file-requests';
import type { Ids } from '../../functions/domain/ports';
import {
  firstFileRequestSlot,
  isOverdue,
  nextFileRequestSlot,
  overdueFrom,
} from '../../functions/domain/reminders-file-request-rules';
import {
  type FileRequestReminder,
  type FileRequestReminderMove,
  type FileRequestReminderStore,
  newFileRequestReminder,
  remindFileRequest,
} from '../../functions/domain/reminders-file-requests';
import type { ReminderSettings } from '../../functions/domain/task-rules';
import type { DomainEvent } from '../../functions/events/catalogue';
import { fileRequestRemindedPolicy } from '../../functions/notify/policies/filerequest-reminded';
import type { PolicyContext, Recipient } from '../../functions/notify/policy';
import { shippedTexts } from '../../functions/notify/texts';

const DAY = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const every3 = { everyDays: 3, maxCount: 3 };
const none = { sent: 0, overdueSent: 0 };

describe('Rule: file-request reminder due times', () => {
  it('is overdue from the end of the due date in UTC, never without a due date', () => {
    expect(overdueFrom('2026-12-10')).toBe('2026-12-11T00:00:00.000Z');
    expect(isOverdue(at('2026-12-10T23:59:59.999Z'), '2026-12-10')).toBe(false);
    expect(isOverdue(at('2026-12-11T00:00:00.000Z'), '2026-12-10')).toBe(true);
    expect(isOverdue(at('2099-01-01T00:00:00.000Z'), undefined)).toBe(false);
  });

  it('without a due date: every `everyDays` days, at most `maxCount` times, like a thread', () => {
    const from = at('2026-12-01T09:00:00.000Z');
    expect(nextFileRequestSlot(from, every3, undefined, none)).toBe('2026-12-04T09:00:00.000Z');
    expect(nextFileRequestSlot(from, every3, undefined, { sent: 2, overdueSent: 0 })).toBe(
      '2026-12-04T09:00:00.000Z',
    );
    expect(nextFileRequestSlot(from, every3, undefined, { sent: 3, overdueSent: 0 })).toBeUndefined();
  });

  it('before the due date: the regular cadence, but never past the moment it becomes overdue', () => {
    const from = at('2026-12-01T09:00:00.000Z');
    // Due far ahead: the regular slot.
    expect(nextFileRequestSlot(from, every3, '2026-12-31', none)).toBe('2026-12-04T09:00:00.000Z');
    // Due before the regular slot: the escalation slot comes first.
    expect(nextFileRequestSlot(from, every3, '2026-12-02', none)).toBe('2026-12-03T00:00:00.000Z');
    // Regular reminders used up: the escalation slot still comes.
    expect(nextFileRequestSlot(from, every3, '2026-12-20', { sent: 3, overdueSent: 0 })).toBe(
      '2026-12-21T00:00:00.000Z',
    );
  });

  it('after the due date: daily, at most `maxCount` overdue reminders, whatever was sent before', () => {
    const from = at('2026-12-21T00:00:00.000Z');
    const counts = (overdueSent: number) => ({ sent: 3 + overdueSent, overdueSent });
    expect(nextFileRequestSlot(from, every3, '2026-12-20', counts(1))).toBe('2026-12-22T00:00:00.000Z');
    expect(nextFileRequestSlot(from, every3, '2026-12-20', counts(2))).toBe('2026-12-22T00:00:00.000Z');
    expect(nextFileRequestSlot(from, every3, '2026-12-20', counts(3))).toBeUndefined();
  });

  it('sends nothing when reminders are off (maxCount 0), due date or not', () => {
    const off = { everyDays: 3, maxCount: 0 };
    expect(firstFileRequestSlot('2026-12-01T09:00:00.000Z', off, '2026-12-02')).toBeUndefined();
    expect(firstFileRequestSlot('2026-12-01T09:00:00.000Z', off, undefined)).toBeUndefined();
  });

  it('property: slots only move forward, and a schedule ends after at most 2 × maxCount reminders', () => {
    for (const everyDays of [1, 2, 3, 7]) {
      for (const maxCount of [1, 2, 3]) {
        for (const dueIn of [undefined, 0, 1, 4, 10]) {
          const created = '2026-12-01T09:00:00.000Z';
          const dueDate = dueIn === undefined ? undefined : plus(created, dueIn * DAY).slice(0, 10);
          const settings = { everyDays, maxCount };
          let slot = firstFileRequestSlot(created, settings, dueDate);
          const counts = { sent: 0, overdueSent: 0 };
          let last = created;
          while (slot !== undefined) {
            expect(slot > last).toBe(true);
            last = slot;
            counts.sent++;
            if (isOverdue(at(slot), dueDate)) counts.overdueSent++;
            slot = nextFileRequestSlot(at(slot), settings, dueDate, counts);
            expect(counts.sent).toBeLessThanOrEqual(2 * maxCount);
          }
          // Every request with a due date is told once it is overdue.
          if (dueDate) expect(counts.overdueSent).toBeGreaterThan(0);
        }
      }
    }
  });
});

// ── the run's step for one due slot ──

const CREATED = '2026-12-01T09:00:00.000Z';

function request(over: Partial<FileRequest> = {}): FileRequest {
  return {
    firmId: 'F1',
    caseId: 'C1',
    requestId: 'R1',
    kind: 'new',
    subject: 'Bank statements',
    description: 'March, please.',
    recipients: [{ contactId: 'K1', name: 'Carla' }],
    recipientIds: ['K1'],
    status: 'open',
    history: [{ status: 'open', at: CREATED, by: { kind: 'staff', id: 'U1' } }],
    createdBy: { kind: 'staff', id: 'U1', name: 'Sam Staff' },
    createdAt: CREATED,
    ...over,
  };
}

/** An in-memory store whose move holds only while the schedule still waits for the slot, like the table's. */
function memoryStore(r: FileRequest | undefined, schedule: FileRequestReminder, defaults?: ReminderSettings) {
  const state = {
    schedule: { ...schedule },
    events: [] as DomainEvent[],
    moves: [] as FileRequestReminderMove[],
  };
  const store: FileRequestReminderStore = {
    getFileRequestReminder: async () => ({ ...state.schedule }),
    getFileRequest: async () => r,
    reminderDefaults: async () => defaults,
    async moveFileRequestReminder(_s, slot, move) {
      if (state.schedule.nextDueAt !== slot) return false;
      state.moves.push(move);
      const { nextDueAt: _, ...rest } = state.schedule;
      state.schedule = {
        ...rest,
        settings: move.settings,
        ...(move.next ? { nextDueAt: move.next } : {}),
        ...(move.sent
          ? { sent: rest.sent + 1, overdueSent: rest.overdueSent + (move.sent.overdue ? 1 : 0) }
          : {}),
      };
      if (move.sent) state.events.push(move.sent.event);
      return true;
    },
  };
  return { store, state };
}

let n = 0;
const ids: Ids = { next: () => `E${++n}` };
const deps = (store: FileRequestReminderStore, now: string) => ({
  reminders: store,
  clock: { now: () => at(now) },
  ids,
});

/** A started schedule (settings fixed) waiting for `nextDueAt`. */
const waiting = (r: FileRequest, nextDueAt: string): FileRequestReminder => ({
  ...newFileRequestReminder(r),
  settings: every3,
  nextDueAt,
});
/** The run's step for `schedule` as found on the index, at `now`. */
const remindAt = (store: FileRequestReminderStore, schedule: FileRequestReminder, now: string) =>
  remindFileRequest(deps(store, now), schedule, at(now));

describe('Domain: one due slot of a file request', () => {
  it('starts a new schedule on its first run with the firm defaults, then sends at the slot once', async () => {
    const r = request({ dueDate: '2026-12-20' });
    const { store, state } = memoryStore(r, newFileRequestReminder(r), { everyDays: 2, maxCount: 1 });
    // Act
    const started = await remindAt(store, state.schedule, CREATED);
    const slot = state.schedule.nextDueAt!;
    const sent = await remindAt(store, state.schedule, slot);
    const again = await remindAt(store, { ...state.schedule, nextDueAt: slot }, slot);
    // Assess
    expect(started).toBe('skipped');
    expect(slot).toBe('2026-12-03T09:00:00.000Z');
    expect(sent).toBe('sent');
    expect(again).toBe('skipped');
    expect(state.events).toHaveLength(1);
    expect(state.events[0]).toMatchObject({
      type: 'filerequest.reminded',
      firmId: 'F1',
      caseId: 'C1',
      actor: { kind: 'system', id: 'reminders' },
      detail: {
        requestId: 'R1',
        subject: 'Bank statements',
        slot,
        sequence: 1,
        overdue: false,
        dueDate: '2026-12-20',
      },
    });
    // The one regular reminder is used up: next is the moment it becomes overdue.
    expect(state.schedule.nextDueAt).toBe('2026-12-21T00:00:00.000Z');
  });

  it('says overdue after the due date and counts it apart', async () => {
    const r = request({ dueDate: '2026-12-02' });
    const schedule = waiting(r, '2026-12-03T00:00:00.000Z');
    const { store, state } = memoryStore(r, schedule);
    // Act
    const outcome = await remindAt(store, schedule, '2026-12-03T00:10:00.000Z');
    // Assess
    expect(outcome).toBe('sent');
    expect(state.events[0]!.detail).toMatchObject({ overdue: true, sequence: 1 });
    expect(state.schedule).toMatchObject({ sent: 1, overdueSent: 1, nextDueAt: '2026-12-04T00:10:00.000Z' });
  });

  it.each(['fulfilled', 'cancelled', 'accepted'])(
    'stops a schedule whose request is %s, sending nothing',
    async (status) => {
      const r = request({ status: status as FileRequest['status'] });
      const schedule = waiting(r, '2026-12-04T09:00:00.000Z');
      const { store, state } = memoryStore(r, schedule);
      // Act
      const outcome = await remindAt(store, schedule, '2026-12-05T00:00:00.000Z');
      // Assess
      expect(outcome).toBe('stopped');
      expect(state.events).toEqual([]);
      expect(state.schedule.nextDueAt).toBeUndefined();
    },
  );

  it('stops the schedule of a request that is gone, and one whose firm turned reminders off', async () => {
    const gone = memoryStore(undefined, newFileRequestReminder(request()));
    const off = memoryStore(request(), newFileRequestReminder(request()), { everyDays: 3, maxCount: 0 });
    // Act
    const outcomes = [
      await remindAt(gone.store, gone.state.schedule, CREATED),
      await remindAt(off.store, off.state.schedule, CREATED),
    ];
    // Assess
    expect(outcomes).toEqual(['stopped', 'stopped']);
    expect([gone.state.schedule.nextDueAt, off.state.schedule.nextDueAt]).toEqual([undefined, undefined]);
    expect([...gone.state.events, ...off.state.events]).toEqual([]);
  });

  it('skips a slot not yet due (the index lagged) and a slot another run moved first', async () => {
    const r = request();
    const schedule = waiting(r, '2026-12-04T09:00:00.000Z');
    const { store, state } = memoryStore(r, schedule);
    // Act
    const early = await remindAt(store, schedule, CREATED);
    const stale = await remindAt(store, schedule, '2026-12-05T00:00:00.000Z');
    const late = await remindAt(store, schedule, '2026-12-05T00:00:00.000Z');
    // Assess
    expect(early).toBe('skipped');
    expect(stale).toBe('sent');
    expect(late).toBe('skipped');
    expect(state.events).toHaveLength(1);
  });
});

// ── the reminder's texts ──

describe('Policy: filerequest.reminded', () => {
  const carla = (locale: string): Recipient => ({
    kind: 'contact',
    firmId: 'F1',
    id: 'K1',
    name: 'Carla',
    email: 'carla@example.com',
    locale,
  });
  const ctx = (r: FileRequest | undefined, recipients: Recipient[]): PolicyContext =>
    ({
      now: () => at(CREATED),
      texts: shippedTexts(),
      ports: {
        caseActivity: {
          fileRequest: async () => r,
          contactsOf: async (_f: string, _c: string, contactIds: string[]) =>
            recipients.filter((x) => contactIds.includes(x.id)),
          portalUrl: async () => 'https://portal.example',
        },
      },
    }) as unknown as PolicyContext;
  const event = (overdue: boolean) =>
    ({
      type: 'filerequest.reminded',
      eventId: 'E1',
      firmId: 'F1',
      caseId: 'C1',
      actor: { kind: 'system', id: 'reminders' },
      occurredAt: CREATED,
      detail: {
        requestId: 'R1',
        subject: 'Bank statements',
        slot: CREATED,
        sequence: 1,
        overdue,
        dueDate: '2026-12-20',
      },
    }) as const;

  it('tells each recipient in-app and by email when the request is due, and that it is overdue after it', async () => {
    const r = request({ dueDate: '2026-12-20' });
    // Act
    const before = await fileRequestRemindedPolicy(event(false), ctx(r, [carla('en')]));
    const after = await fileRequestRemindedPolicy(event(true), ctx(r, [carla('en')]));
    const mailBefore = await before.find((d) => d.channel === 'email')!.render();
    const mailAfter = await after.find((d) => d.channel === 'email')!.render();
    // Assess
    expect(before.map((d) => d.channel).sort()).toEqual(['email', 'inApp']);
    expect(mailBefore.subject).toBe('Reminder: Bank statements');
    expect(mailBefore.text).toContain('Due date: 2026-12-20');
    expect(mailBefore.text).toContain('https://portal.example/cases/C1/file-requests/R1');
    expect(mailAfter.subject).toBe('Overdue: Bank statements');
    expect(mailAfter.text).toContain('It was due on 2026-12-20 and is now overdue.');
    expect(mailAfter.body).toBe('This file request was due on 2026-12-20 and is still open.');
  });

  it.each([
    ['es', 'Recordatorio: Bank statements', 'Vencida: Bank statements'],
    ['pt-BR', 'Lembrete: Bank statements', 'Atrasada: Bank statements'],
  ])('speaks %s', async (locale, due, overdue) => {
    const r = request({ dueDate: '2026-12-20' });
    // Act
    const before = await (
      await fileRequestRemindedPolicy(event(false), ctx(r, [carla(locale)]))
    )[0]!.render();
    const after = await (await fileRequestRemindedPolicy(event(true), ctx(r, [carla(locale)])))[0]!.render();
    // Assess
    expect(before.subject).toBe(due);
    expect(after.subject).toBe(overdue);
  });

  it('tells nobody once the request is no longer open', async () => {
    // Act
    const fulfilled = await fileRequestRemindedPolicy(
      event(false),
      ctx(request({ status: 'fulfilled' }), [carla('en')]),
    );
    const gone = await fileRequestRemindedPolicy(event(false), ctx(undefined, [carla('en')]));
    // Assess
    expect(fulfilled).toEqual([]);
    expect(gone).toEqual([]);
  });
});
