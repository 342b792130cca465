// Automatic reminders of open client tasks through the local stack: the scheduled function runs
// at a fake time (POST /local/reminders/run with `now`), finds due schedules through the due-date
// index, and sends each due slot once however often it runs; a closed thread is reminded of nothing.
import { describe, expect, it } from 'vitest';
import { keys, patterns } from '../../functions/store/keys';
import { getItem } from '../../functions/store/table';
import { apiAs } from './support/client';
import { mailTo } from './support/mail';
import { call, partition, settle, table } from './support/stack';
import { newThread, type Setup, setup, tick } from './support/threads';

const DAY = 24 * 60 * 60 * 1000;
// Runs here stay within 3 days of now: other suites' threads (the default, every 3 days) share the
// index and must not fall due under this suite's fake clock. Every fake time is taken from the
// schedule the stack itself wrote (its nextDueAt), never from a wall clock read before the setup:
// a loaded machine then moves the slot and the runs together.

/** When a thread's first reminder falls due, as its schedule says (read consistently). */
async function firstDueAt(s: Setup, threadId: string): Promise<number> {
  const schedule = await getItem<{ nextDueAt?: string }>(
    table,
    keys.reminder(s.firm.firmId, s.caseId, threadId),
    { consistent: true },
  );
  expect(schedule?.nextDueAt, 'the thread has a reminder due').toBeDefined();
  return Date.parse(schedule!.nextDueAt!);
}

/** Runs the reminders function as if it were `at`, then waits for notify. */
async function runAt(at: Date) {
  // A /local dev route, not in the document: the untyped helper.
  const res = await call('POST', '/local/reminders/run', { body: { now: at.toISOString() } });
  expect(res.status).toBe(200);
  await settle();
  return res.body as { due: number; sent: number; stopped: number; skipped: number };
}

const reminderMails = async (s: Setup) =>
  (await mailTo(s.email)).filter((m) => m.subject.startsWith('Reminder: open tasks'));

const reminderEvents = async (s: Setup) =>
  (await partition(patterns.activityOfCase(s.firm.firmId, s.caseId).pk)).filter(
    (i) => i.entity === 'activity' && i.type === 'reminder.due',
  );

describe('Scheduled: automatic reminders', () => {
  it('sends a due reminder once when the reminder function runs twice, then the next slot, at most maxCount times', async () => {
    // Prepare
    const s = await setup('Reminder Firm');
    const thread = await newThread(s, {
      tasks: ['Send W-2', 'Sign 8879'],
      reminders: { everyDays: 1, maxCount: 2 },
    });
    await tick(s, thread.threadId, thread.tasks[0]!.taskId);
    const due = await firstDueAt(s, thread.threadId);
    // Act: before the slot, at the slot twice, the next slot, and long after the last one
    await runAt(new Date(due - 60_000));
    const early = await reminderMails(s);
    const firstSlot = new Date(due + 60_000);
    const runs = [...(await Promise.all([runAt(firstSlot), runAt(firstSlot)])), await runAt(firstSlot)];
    const afterFirst = await reminderMails(s);
    await runAt(new Date(firstSlot.getTime() + DAY + 60_000));
    const afterSecond = await reminderMails(s);
    await runAt(new Date(firstSlot.getTime() + 1.5 * DAY));
    const afterMax = await reminderMails(s);
    // Assess
    expect(early).toEqual([]);
    // Three runs at the same slot (two of them at once): one claim, one mail.
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]!.subject).toBe('Reminder: open tasks for Reminder Firm');
    expect(afterFirst[0]!.body.text).toContain('You have 1 open task.');
    expect(afterFirst[0]!.body.text).not.toContain('Sign 8879');
    expect(afterSecond).toHaveLength(2);
    expect(afterMax).toHaveLength(2);
    const events = await reminderEvents(s);
    expect(events.map((e) => (e.detail as { sequence: number }).sequence).sort()).toEqual([1, 2]);
  });

  it('stops reminding once every task is done, and a thread override of 0 sends none', async () => {
    // Prepare
    const s = await setup();
    const done = await newThread(s, {
      subject: 'Done soon',
      tasks: ['Only task'],
      reminders: { everyDays: 1, maxCount: 3 },
    });
    const silenced = await newThread(s, {
      subject: 'Quiet',
      tasks: ['Task'],
      reminders: { everyDays: 1, maxCount: 3 },
    });
    // Both schedules started with their threads: the run below is a day past the later one.
    const lastDue = Math.max(await firstDueAt(s, done.threadId), await firstDueAt(s, silenced.threadId));
    const override = await apiAs(s.firm.staff.token).PUT('/cases/{caseId}/threads/{threadId}/reminders', {
      params: { path: { caseId: s.caseId, threadId: silenced.threadId } },
      body: { everyDays: 1, maxCount: 0 },
    });
    // Act
    await tick(s, done.threadId, done.tasks[0]!.taskId);
    await runAt(new Date(lastDue + DAY));
    // Assess
    expect(override.response.status).toBe(200);
    expect(override.data!.reminders).toEqual({ everyDays: 1, maxCount: 0 });
    expect(await reminderMails(s)).toEqual([]);
    expect(await reminderEvents(s)).toEqual([]);
  });

  it('a closed thread is not reminded at its due slot; reopening starts its schedule afresh', async () => {
    // Prepare: a thread due for a reminder in a day (here, not in closing.test.ts: the runs of this
    // file would otherwise claim or leave slots of another file's one-day schedules)
    const s = await setup('Closed Reminder Firm');
    const thread = await newThread(s, { tasks: ['Send W-2'], reminders: { everyDays: 1, maxCount: 2 } });
    const due = await firstDueAt(s, thread.threadId);
    const staff = apiAs(s.firm.staff.token);
    const params = { path: { caseId: s.caseId, threadId: thread.threadId } };
    // Act: close, run just after the slot, reopen
    const closed = await staff.POST('/cases/{caseId}/threads/{threadId}/close', { params });
    await runAt(new Date(due + 60_000));
    await staff.POST('/cases/{caseId}/threads/{threadId}/reopen', { params });
    const restarted = await getItem<{ nextDueAt?: string; sent: number }>(
      table,
      keys.reminder(s.firm.firmId, s.caseId, thread.threadId),
      { consistent: true },
    );
    // Closed again: no slot of this thread is left for a later run of this file.
    await staff.POST('/cases/{caseId}/threads/{threadId}/close', { params });
    // Assess
    expect(closed.data!.status).toBe('closed');
    expect(await reminderMails(s)).toEqual([]);
    expect(await reminderEvents(s)).toEqual([]);
    expect(restarted?.nextDueAt).toBeDefined();
    expect(Date.parse(restarted!.nextDueAt!)).toBeGreaterThan(due - 60_000);
    expect(restarted?.sent).toBe(0);
  });

  it('refuses a run at a time that is not an ISO date-time', async () => {
    // A /local dev route, not in the document: the untyped helper.
    const res = await call('POST', '/local/reminders/run', { body: { now: 'tomorrow' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});
