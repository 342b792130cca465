// Automatic reminders of open client tasks, and below of open file requests, through the local
// stack: the scheduled function runs at a fake time (POST /local/reminders/run with `now`), finds
// due schedules through the due-date index, and sends each due slot once however often it runs; a
// closed thread, a cancelled or fulfilled request is reminded of nothing.
import { describe, expect, it } from 'vitest';
import { activityOfCasePattern, fileRequestReminderKey, reminderKey } from '../../functions/store/keys';
import { getItem } from '../../functions/store/table';
import { apiAs } from './support/client';
import { PDF, pdfBytes, upload } from './support/files';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
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
    reminderKey(s.firm.firmId, s.caseId, threadId),
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
  (await partition(activityOfCasePattern(s.firm.firmId, s.caseId).pk)).filter(
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
      reminderKey(s.firm.firmId, s.caseId, thread.threadId),
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

// ── file-request reminders (issue 18, decision 0044) ──
// In this file, not one of their own: their runs go up to two days ahead and would claim the
// one-day slots of the thread reminders above if both files ran at once.

const requestMails = async (email: string, subject: string) =>
  (await mailTo(email)).filter(
    (m) => m.subject === `Reminder: ${subject}` || m.subject === `Overdue: ${subject}`,
  );

const requestReminderEvents = async (s: Setup) =>
  (await partition(activityOfCasePattern(s.firm.firmId, s.caseId).pk)).filter(
    (i) => i.entity === 'activity' && i.type === 'filerequest.reminded',
  );

/** A request's schedule as the stack wrote it (read consistently). */
const requestSchedule = (s: Setup, requestId: string) =>
  getItem<{ nextDueAt?: string; sent: number; overdueSent: number; settings?: object }>(
    table,
    fileRequestReminderKey(s.firm.firmId, s.caseId, requestId),
    { consistent: true },
  );

/** The firm's reminder settings (those of new threads apply to file requests too). */
async function firmReminders(s: Setup, taskReminders: { everyDays: number; maxCount: number }) {
  const saved = await apiAs(s.firm.admin.token).PUT('/settings/client-notifications', {
    body: { showMessageContext: false, taskReminders },
  });
  expect(saved.response.status).toBe(200);
}

async function newRequest(s: Setup, subject: string, recipients: string[], dueDate?: string) {
  const res = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/file-requests', {
    params: { path: { caseId: s.caseId } },
    body: { recipients, subject, description: 'For the year-end file.', ...(dueDate ? { dueDate } : {}) },
  });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return res.data!;
}

/** The schedule's first run (it takes the firm's settings; the stack's own timer may have run it), then its first slot. */
async function startedSlot(s: Setup, requestId: string): Promise<number> {
  const written = await requestSchedule(s, requestId);
  expect(written?.nextDueAt, 'the schedule is written with the request').toBeDefined();
  if (!written!.settings) await runAt(new Date(Date.parse(written!.nextDueAt!) + 1000));
  const started = await requestSchedule(s, requestId);
  expect(started?.nextDueAt, 'the request has a reminder due').toBeDefined();
  return Date.parse(started!.nextDueAt!);
}

describe('Scheduled: file-request reminders', () => {
  it('reminds each recipient once per slot however often the run repeats, then says overdue after the due date', async () => {
    // Prepare: one regular reminder a day, and the request due tomorrow (UTC)
    const s = await setup('Request Reminder Firm');
    await firmReminders(s, { everyDays: 1, maxCount: 1 });
    const dueDate = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const request = await newRequest(s, 'Bank statements', [s.contactId], dueDate);
    const slot = await startedSlot(s, request.requestId);
    const startedMails = await requestMails(s.email, 'Bank statements');
    // Act: the first slot three times (two at once), then the moment it becomes overdue twice
    const first = new Date(slot + 60_000);
    const runs = [...(await Promise.all([runAt(first), runAt(first)])), await runAt(first)];
    const afterFirst = await requestMails(s.email, 'Bank statements');
    const inboxAfterFirst = await apiAs(s.contact).GET('/portal/inbox');
    const escalation = await requestSchedule(s, request.requestId);
    const overdueAt = new Date(Date.parse(escalation!.nextDueAt!) + 60_000);
    await runAt(overdueAt);
    await runAt(overdueAt);
    const afterOverdue = await requestMails(s.email, 'Bank statements');
    const inboxAfterOverdue = await apiAs(s.contact).GET('/portal/inbox');
    const done = await requestSchedule(s, request.requestId);
    // Assess
    expect(startedMails).toEqual([]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(afterFirst.map((m) => m.subject)).toEqual(['Reminder: Bank statements']);
    expect(afterFirst[0]!.body.text).toContain(`Due date: ${dueDate}`);
    expect(afterFirst[0]!.body.text).toContain(`/cases/${s.caseId}/file-requests/${request.requestId}`);
    const reminders = (items: { type: string }[]) => items.filter((i) => i.type === 'filerequest.reminded');
    expect(reminders(inboxAfterFirst.data!.items)).toHaveLength(1);
    // The regular reminder used up: the next slot is the end of the due date in UTC.
    expect(escalation?.nextDueAt).toBe(new Date(Date.parse(`${dueDate}T00:00:00.000Z`) + DAY).toISOString());
    expect(afterOverdue.map((m) => m.subject)).toEqual([
      'Reminder: Bank statements',
      'Overdue: Bank statements',
    ]);
    expect(afterOverdue[1]!.body.text).toContain(`It was due on ${dueDate} and is now overdue.`);
    expect(reminders(inboxAfterOverdue.data!.items)).toHaveLength(2);
    // One overdue reminder at most (maxCount 1): the schedule is done.
    expect(done).toMatchObject({ sent: 2, overdueSent: 1 });
    expect(done?.nextDueAt).toBeUndefined();
    const events = await requestReminderEvents(s);
    expect(
      events
        .map((e) => e.detail as { sequence: number; overdue: boolean })
        .sort((a, b) => a.sequence - b.sequence),
    ).toMatchObject([
      { sequence: 1, overdue: false },
      { sequence: 2, overdue: true },
    ]);
  });

  it('sends nothing more once a request is cancelled or fulfilled: the due slot stops its schedule', async () => {
    // Prepare: a daily reminder, two requests, one recipient who can upload
    const s = await setup('Request Stop Firm');
    await firmReminders(s, { everyDays: 1, maxCount: 3 });
    const colin = await portalContact(s.firm, s.caseId, 'Colin Collab', {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    const cancelled = await newRequest(s, 'Payroll summary', [s.contactId, colin.contactId]);
    const fulfilled = await newRequest(s, 'Signed engagement', [colin.contactId]);
    const slot = Math.max(
      await startedSlot(s, cancelled.requestId),
      await startedSlot(s, fulfilled.requestId),
    );
    // Act: one reminder of both, then the cancel and the upload, then the next slot
    await runAt(new Date(slot + 60_000));
    const before = {
      carla: await requestMails(s.email, 'Payroll summary'),
      colin: await requestMails(colin.email, 'Signed engagement'),
    };
    const cancel = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/file-requests/{requestId}/cancel', {
      params: { path: { caseId: s.caseId, requestId: cancelled.requestId } },
    });
    await upload(
      s.caseId,
      colin.token,
      {
        fileName: 'Engagement.pdf',
        contentType: PDF,
        bytes: pdfBytes('signed'),
        fileRequestId: fulfilled.requestId,
      },
      'portal',
    );
    const next = new Date(slot + DAY + 120_000);
    const stopRun = await runAt(next);
    await runAt(new Date(next.getTime() + 60_000));
    // Assess
    expect(cancel.response.status).toBe(200);
    const status = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/file-requests/{requestId}', {
      params: { path: { caseId: s.caseId, requestId: fulfilled.requestId } },
    });
    expect(status.data!.status).toBe('fulfilled');
    expect(before.carla.map((m) => m.subject)).toEqual(['Reminder: Payroll summary']);
    expect(before.colin.map((m) => m.subject)).toEqual(['Reminder: Signed engagement']);
    expect(await requestMails(s.email, 'Payroll summary')).toHaveLength(1);
    expect(await requestMails(colin.email, 'Payroll summary')).toHaveLength(1);
    expect(await requestMails(colin.email, 'Signed engagement')).toHaveLength(1);
    expect(stopRun.stopped).toBeGreaterThanOrEqual(2);
    expect((await requestSchedule(s, cancelled.requestId))?.nextDueAt).toBeUndefined();
    expect((await requestSchedule(s, fulfilled.requestId))?.nextDueAt).toBeUndefined();
    expect(await requestReminderEvents(s)).toHaveLength(2);
  });
});
