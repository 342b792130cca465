// Chat threads with client tasks through HTTP on the local stack: create with tasks, ticks by the
// contact and by staff (team inbox items), reorder, completion mail to the firm once per
// completion, filters with cursors, resend, and the "show message context" privacy setting.
import { describe, expect, it } from 'vitest';
import type { operations } from '../../client/src/index';
import { activityOfCasePattern, threadsOfCasePattern } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { mailTo } from './support/mail';
import { call, newFirm, newId, partition, settle } from './support/stack';
import { newThread, type Setup, setup, setupSecondContact, tick } from './support/threads';

const staffInbox = async (token: string) => (await apiAs(token).GET('/inbox')).data!.items;

const activityTypes = async (s: Setup) =>
  (await partition(activityOfCasePattern(s.firm.firmId, s.caseId).pk))
    .filter((i) => i.entity === 'activity')
    .map((i) => i.type as string);

describe('Routes: chat threads and client tasks', () => {
  it('creates a thread with tasks; the contact sees it in chats & tasks and ticks one; the team inbox shows who, which task and its status', async () => {
    // Prepare
    const s = await setup();
    await apiAs(s.firm.staff.token).PUT('/cases/{caseId}/recipients', {
      params: { path: { caseId: s.caseId } },
      body: {
        recipients: [
          { userId: s.firm.staff.userId, inApp: true, email: true },
          { userId: s.firm.staff2.userId, inApp: true, email: false },
        ],
      },
    });
    // Act
    const thread = await newThread(s, {
      message: 'Please send these.',
      tasks: ['Send W-2', 'Send 1099', 'Sign 8879'],
    });
    const listed = await apiAs(s.contact).GET('/portal/cases/{caseId}/threads', {
      params: { path: { caseId: s.caseId } },
    });
    const ticked = await tick(s, thread.threadId, thread.tasks[0]!.taskId);
    await settle();
    // Assess
    expect(listed.response.status).toBe(200);
    expect(listed.data!.items).toMatchObject([
      { threadId: thread.threadId, taskCompleted: 0, taskTotal: 3, taskState: 'open' },
    ]);
    expect(ticked.response.status).toBe(200);
    expect(ticked.data).toMatchObject({
      text: 'Send W-2',
      done: true,
      doneBy: { kind: 'contact', id: s.contactId, name: 'Carla Client' },
      doneAt: expect.any(String),
    });
    const got = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    expect(got.data).toMatchObject({ taskCompleted: 1, taskTotal: 3, taskState: 'open' });
    for (const user of [s.firm.staff, s.firm.staff2]) {
      const items = (await staffInbox(user.token)).filter((i) => i.type === 'task.changed');
      expect(items).toHaveLength(1);
      expect(items[0]!.title).toBe('Task completed by Carla Client');
      expect(items[0]!.body).toContain('Carla Client (client) completed “Send W-2”');
      expect(items[0]!.body).toContain('Status: done');
      expect(items[0]!.body).toContain('1/3');
    }
    const messages = await apiAs(s.contact).GET('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    expect(messages.data!.items.map((m) => [m.kind, m.text])).toEqual([
      ['text', 'Please send these.'],
      ['taskUpdate', 'Carla Client completed “Send W-2”'],
    ]);
  });

  it('staff ticks and unticks: the task update names staff, and the actor gets no inbox item of its own change', async () => {
    // Prepare
    const s = await setup();
    await apiAs(s.firm.staff.token).PUT('/cases/{caseId}/recipients', {
      params: { path: { caseId: s.caseId } },
      body: {
        recipients: [
          { userId: s.firm.staff.userId, inApp: true, email: true },
          { userId: s.firm.staff2.userId, inApp: true, email: false },
        ],
      },
    });
    const thread = await newThread(s, { tasks: ['Send W-2'] });
    // Act
    const done = await tick(s, thread.threadId, thread.tasks[0]!.taskId, s.firm.staff.token);
    const again = await tick(s, thread.threadId, thread.tasks[0]!.taskId, s.firm.staff.token);
    const reopened = await tick(s, thread.threadId, thread.tasks[0]!.taskId, s.firm.staff.token, false);
    await settle();
    // Assess
    expect(done.data).toMatchObject({ done: true, doneBy: { kind: 'staff', id: s.firm.staff.userId } });
    expect(again.data).toEqual(done.data);
    expect(reopened.data!.done).toBe(false);
    expect(reopened.data!.doneBy).toBeUndefined();
    expect(reopened.data!.updatedBy).toMatchObject({ kind: 'staff', id: s.firm.staff.userId });
    expect((await staffInbox(s.firm.staff.token)).filter((i) => i.type === 'task.changed')).toEqual([]);
    const seen = (await staffInbox(s.firm.staff2.token)).filter((i) => i.type === 'task.changed');
    expect(seen.map((i) => i.title).sort()).toEqual([
      'Task completed by Staff of Thread Firm',
      'Task reopened by Staff of Thread Firm',
    ]);
    expect(seen.find((i) => i.title.startsWith('Task reopened'))!.body).toContain('(staff)');
    expect((await activityTypes(s)).filter((t) => t === 'task.changed')).toHaveLength(2);
  });

  it('reorders a task between two neighbours with one write of its position only', async () => {
    // Prepare
    const s = await setup();
    const thread = await newThread(s, { tasks: ['A', 'B', 'C', 'D'] });
    const [a, b, c, d] = thread.tasks;
    const staff = apiAs(s.firm.staff.token);
    const onThread = { path: { caseId: s.caseId, threadId: thread.threadId } };
    const listTasks = async () =>
      (await staff.GET('/cases/{caseId}/threads/{threadId}/tasks', { params: onThread })).data!.items;
    const move = (taskId: string, body: { afterTaskId?: string; beforeTaskId?: string }) =>
      staff.POST('/cases/{caseId}/threads/{threadId}/tasks/{taskId}/move', {
        params: { path: { ...onThread.path, taskId } },
        body,
      });
    const before = await listTasks();
    const messagesBefore = (
      await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}/messages', {
        params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      })
    ).data!.items.length;
    // Act
    const moved = await move(d!.taskId, { afterTaskId: a!.taskId, beforeTaskId: b!.taskId });
    const toStart = await move(c!.taskId, { beforeTaskId: a!.taskId });
    const notAdjacent = await move(a!.taskId, { afterTaskId: b!.taskId, beforeTaskId: d!.taskId });
    const after = await listTasks();
    // Assess
    expect(moved.response.status).toBe(200);
    expect(toStart.response.status).toBe(200);
    expect(after.map((t) => t.text)).toEqual(['C', 'A', 'D', 'B']);
    // Only the moved tasks' positions changed: no renumbering of the others.
    const pos = (list: { taskId: string; position: string }[], id: string) =>
      list.find((t) => t.taskId === id)!.position;
    expect(pos(after, a!.taskId)).toBe(pos(before, a!.taskId));
    expect(pos(after, b!.taskId)).toBe(pos(before, b!.taskId));
    expect(pos(after, d!.taskId)).toBe(moved.data!.position);
    expect(notAdjacent.response.status).toBe(422);
    expect(problem(notAdjacent).code).toBe('move_neighbours_not_adjacent');
    const messagesAfter = (
      await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}/messages', {
        params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      })
    ).data!.items.length;
    expect(messagesAfter).toBe(messagesBefore);
    // The portal sees the same order.
    const seen = (
      await apiAs(s.contact).GET('/portal/cases/{caseId}/threads/{threadId}/tasks', {
        params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      })
    ).data!.items;
    expect(seen.map((t) => t.text)).toEqual(['C', 'A', 'D', 'B']);
  });

  it('emails the firm once when the client completes every task; an untick and tick again is a new completion', async () => {
    // Prepare
    const s = await setup();
    const thread = await newThread(s, { tasks: ['One', 'Two', 'Three'] });
    const [one, two, three] = thread.tasks;
    await settle();
    const mailsBefore = (await mailTo(s.firm.staff.email)).length;
    // Act: the contact ticks the rest, one of them twice
    await tick(s, thread.threadId, one!.taskId);
    await tick(s, thread.threadId, two!.taskId);
    await tick(s, thread.threadId, three!.taskId);
    await tick(s, thread.threadId, three!.taskId);
    await settle();
    const afterFirst = await mailTo(s.firm.staff.email);
    await tick(s, thread.threadId, three!.taskId, s.contact, false);
    await tick(s, thread.threadId, three!.taskId);
    await settle();
    const afterSecond = await mailTo(s.firm.staff.email);
    // Assess
    const completions = (m: Awaited<ReturnType<typeof mailTo>>) =>
      m.filter((x) => x.subject.includes('completed all 3 tasks'));
    expect(afterFirst).toHaveLength(mailsBefore + 1);
    expect(completions(afterFirst)).toHaveLength(1);
    expect(completions(afterFirst)[0]!.body.text).toContain(
      'Carla Client completed all 3 tasks in “Documents for your return”',
    );
    expect(completions(afterSecond)).toHaveLength(2);
    expect((await activityTypes(s)).filter((t) => t === 'tasks.completed')).toHaveLength(2);
    const got = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    expect(got.data).toMatchObject({ taskCompleted: 3, taskTotal: 3, taskState: 'done' });
  });

  it('keeps counts exact and completes once under concurrent ticks', async () => {
    // Prepare
    const s = await setup();
    const thread = await newThread(s, { tasks: ['1', '2', '3', '4', '5', '6'] });
    // Act
    const results = await Promise.all(
      thread.tasks.map((t, i) => tick(s, thread.threadId, t.taskId, i % 2 ? s.contact : s.firm.staff.token)),
    );
    // Assess
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const got = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    expect(got.data).toMatchObject({ taskCompleted: 6, taskTotal: 6, taskState: 'done' });
    const types = await activityTypes(s);
    expect(types.filter((t) => t === 'task.changed')).toHaveLength(6);
    expect(types.filter((t) => t === 'tasks.completed')).toHaveLength(1);
  });

  it('filters threads by incomplete, completed and all, each one Query with a cursor', async () => {
    // Prepare: a thread without tasks, one with open tasks, one with all done, and one done then reopened by a new task
    const s = await setup();
    const none = await newThread(s, { subject: 'No tasks', message: 'Hello' });
    const open = await newThread(s, { subject: 'Open', tasks: ['x', 'y'] });
    const done = await newThread(s, { subject: 'Done', tasks: ['z'] });
    await tick(s, done.threadId, done.tasks[0]!.taskId);
    const reopened = await newThread(s, { subject: 'Reopened', tasks: ['w'] });
    await tick(s, reopened.threadId, reopened.tasks[0]!.taskId);
    const added = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads/{threadId}/tasks', {
      params: { path: { caseId: s.caseId, threadId: reopened.threadId } },
      body: { tasks: ['one more'] },
    });
    expect(added.response.status).toBe(201);
    type Query = NonNullable<operations['listThreads']['parameters']['query']>;
    const list = (filter?: Query['filter'], page: Omit<Query, 'filter'> = {}) =>
      apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads', {
        params: { path: { caseId: s.caseId }, query: { ...(filter ? { filter } : {}), ...page } },
      });
    const ids = (r: Awaited<ReturnType<typeof list>>) => r.data!.items.map((t) => t.threadId);
    // Act
    const incomplete = await list('incomplete');
    const completed = await list('completed');
    const all = await list();
    // invalid on purpose: the typed client cannot send it (a filter the document does not list)
    const bad = await call('GET', `/cases/${s.caseId}/threads?filter=everything`, {
      token: s.firm.staff.token,
    });
    // Assess
    expect(ids(incomplete)).toEqual([reopened.threadId, open.threadId]);
    expect(incomplete.data!.items.map((t) => `${t.taskCompleted}/${t.taskTotal}`)).toEqual(['1/2', '0/2']);
    expect(ids(completed)).toEqual([done.threadId]);
    expect(ids(all)).toEqual([reopened.threadId, done.threadId, open.threadId, none.threadId]);
    expect(bad.status).toBe(400);
    // Pages of one: the cursor walks the filtered list only, and cannot be replayed on another filter.
    const first = await list('incomplete', { limit: 1 });
    expect(ids(first)).toEqual([reopened.threadId]);
    const second = await list('incomplete', { limit: 1, nextToken: first.data!.nextToken });
    expect(ids(second)).toEqual([open.threadId]);
    const replayed = await list('completed', { limit: 1, nextToken: first.data!.nextToken });
    expect(replayed.response.status).toBe(400);
    // Deleting the open task of "Reopened" completes it again (staff did it: no completion mail, but the filter follows).
    const reopenedTasks = (
      await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}/tasks', {
        params: { path: { caseId: s.caseId, threadId: reopened.threadId } },
      })
    ).data!.items;
    const openTask = reopenedTasks.find((t) => !t.done);
    const deleted = await apiAs(s.firm.staff.token).DELETE(
      '/cases/{caseId}/threads/{threadId}/tasks/{taskId}',
      { params: { path: { caseId: s.caseId, threadId: reopened.threadId, taskId: openTask!.taskId } } },
    );
    expect(deleted.data).toMatchObject({ taskCompleted: 1, taskTotal: 1, taskState: 'done' });
    expect(ids(await list('completed'))).toEqual([reopened.threadId, done.threadId]);
  });

  it('resend posts the current task list into the thread and mails the contact', async () => {
    // Prepare
    const s = await setup();
    const thread = await newThread(s, { tasks: ['Send W-2', 'Sign 8879'] });
    await tick(s, thread.threadId, thread.tasks[0]!.taskId);
    await settle();
    const mailsBefore = (await mailTo(s.email)).length;
    // Act
    const resent = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads/{threadId}/resend-tasks', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    await settle();
    // Assess
    expect(resent.response.status).toBe(201);
    expect(resent.data).toMatchObject({
      kind: 'tasks',
      tasks: [
        { text: 'Send W-2', done: true },
        { text: 'Sign 8879', done: false },
      ],
    });
    expect(resent.data!.text).toContain('1/2 done');
    const messages = await apiAs(s.contact).GET('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    expect(messages.data!.items.at(-1)).toMatchObject({ messageId: resent.data!.messageId, kind: 'tasks' });
    const mails = await mailTo(s.email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.body.text).toContain('You have 1 open task.');
  });

  it('shows message and task texts in client emails only when an admin switches message context on', async () => {
    // Prepare
    const s = await setup('Privacy Firm');
    const admin = apiAs(s.firm.admin.token);
    const initial = await admin.GET('/settings/client-notifications');
    const refused = await apiAs(s.firm.staff.token).PUT('/settings/client-notifications', {
      body: { showMessageContext: true, taskReminders: { everyDays: 3, maxCount: 3 } },
    });
    // Act: off (the default)
    const thread = await newThread(s, {
      message: 'Your balance due is 12,345.',
      tasks: ['Upload the bank statement'],
    });
    await settle();
    const hidden = (await mailTo(s.email)).at(-1)!;
    const saved = await admin.PUT('/settings/client-notifications', {
      body: { showMessageContext: true, taskReminders: { everyDays: 2, maxCount: 4 } },
    });
    await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      body: { text: 'Refund expected: 678.' },
    });
    await settle();
    const shown = (await mailTo(s.email)).at(-1)!;
    // Assess
    expect(initial.data).toEqual({ showMessageContext: false, taskReminders: { everyDays: 3, maxCount: 3 } });
    expect(refused.response.status).toBe(403);
    expect(hidden.subject).toBe('New message from Privacy Firm');
    for (const part of [hidden.body.text!, hidden.body.html!]) {
      expect(part).not.toContain('12,345');
      expect(part).not.toContain('Upload the bank statement');
      expect(part).not.toContain('Documents for your return');
    }
    expect(hidden.body.text).toContain('You have 1 open task.');
    expect(hidden.body.text).toContain(`/cases/${s.caseId}/threads/${thread.threadId}`);
    expect(saved.response.status).toBe(200);
    expect((await admin.GET('/settings/client-notifications')).data).toEqual({
      showMessageContext: true,
      taskReminders: { everyDays: 2, maxCount: 4 },
    });
    expect(shown.subject).toBe('New message from Privacy Firm: Documents for your return');
    expect(shown.body.text).toContain('Staff of Privacy Firm: Refund expected: 678.');
    expect(shown.body.text).toContain('• Upload the bank statement');
    // The firm item keeps its other attributes.
    const firm = (await partition(`FIRM#${s.firm.firmId}`)).find((i) => i.SK === 'FIRM')!;
    expect(firm).toMatchObject({ name: 'Privacy Firm', showMessageContext: true });
    // New threads take the firm's default reminders.
    const later = await newThread(s);
    expect(
      (
        await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}', {
          params: { path: { caseId: s.caseId, threadId: later.threadId } },
        })
      ).data!.reminders,
    ).toEqual({
      everyDays: 2,
      maxCount: 4,
    });
  });

  it("a client's reply tells the case team in their inbox; the thread's other contacts get mail and a portal inbox item, the author neither", async () => {
    // Prepare
    const s = await setup();
    const other = await setupSecondContact(s);
    const thread = await newThread(s, { contactIds: [s.contactId, other.contactId], message: 'Welcome' });
    await settle();
    const before = { author: (await mailTo(s.email)).length, other: (await mailTo(other.email)).length };
    const portalInbox = async (token: string) =>
      (await apiAs(token).GET('/portal/inbox')).data!.items.filter((i) => i.type === 'message.posted');
    // Act
    const reply = await apiAs(s.contact).POST('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      body: { text: 'Here you go.\nBest, Carla' },
    });
    await settle();
    // Assess
    expect(reply.response.status).toBe(201);
    expect(reply.data).toMatchObject({
      kind: 'text',
      author: { kind: 'contact', id: s.contactId, name: 'Carla Client' },
    });
    const team = (await staffInbox(s.firm.staff.token)).filter((i) => i.type === 'message.posted');
    expect(team).toHaveLength(1);
    expect(team[0]!.title).toBe('New message from Carla Client');
    expect(await mailTo(s.email)).toHaveLength(before.author);
    expect(await mailTo(other.email)).toHaveLength(before.other + 1);
    expect(await portalInbox(s.contact)).toEqual([]);
    expect(await portalInbox(other.token)).toHaveLength(1);
    const messages = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    expect(messages.data!.items.map((m) => m.text)).toEqual(['Welcome', 'Here you go.\nBest, Carla']);
  });

  it('refuses bad input with a 4xx and a code, writing nothing; hides other firms and threads the contact is not in', async () => {
    // Prepare
    const s = await setup();
    const other = await newFirm();
    const stranger = await apiAs(s.firm.staff.token).POST('/contacts', {
      body: { name: 'No Access', email: `n-${newId().toLowerCase()}@client.test` },
    });
    const thread = await newThread(s, { tasks: ['A'] });
    const before = await partition(threadsOfCasePattern(s.firm.firmId, s.caseId).pk);
    // Act
    const noAccess = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads', {
      params: { path: { caseId: s.caseId } },
      body: { subject: 'Hi', contactIds: [stranger.data!.contactId] },
    });
    const empty = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads', {
      params: { path: { caseId: s.caseId } },
      body: { subject: ' ', contactIds: [s.contactId] },
    });
    const unknownField = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads', {
      params: { path: { caseId: s.caseId } },
      body: { subject: 'Hi', contactIds: [s.contactId], priority: 'high' },
    });
    const otherFirm = await apiAs(other.staff.token).GET('/cases/{caseId}/threads/{threadId}', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    const unknownTask = await tick(s, thread.threadId, newId());
    const after = await partition(threadsOfCasePattern(s.firm.firmId, s.caseId).pk);
    // A second contact of the case who is not in the thread does not see it.
    const second = await setupSecondContact(s);
    const hidden = await apiAs(second.token).GET('/portal/cases/{caseId}/threads/{threadId}', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    const hiddenList = await apiAs(second.token).GET('/portal/cases/{caseId}/threads', {
      params: { path: { caseId: s.caseId } },
    });
    // Assess
    expect(noAccess.response.status).toBe(422);
    expect(problem(noAccess).code).toBe('contact_without_access');
    expect(empty.response.status).toBe(400);
    expect(unknownField.response.status).toBe(400);
    expect(otherFirm.response.status).toBe(404);
    expect(unknownTask.response.status).toBe(404);
    expect(problem(unknownTask).code).toBe('task_not_found');
    expect(after.length).toBe(before.length);
    expect(hidden.response.status).toBe(404);
    expect(problem(hidden).code).toBe('thread_not_found');
    expect(hiddenList.data!.items).toEqual([]);
    // A revoked contact loses the thread at once.
    await apiAs(s.firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: s.caseId, contactId: s.contactId } },
    });
    expect(
      (
        await apiAs(s.contact).GET('/portal/cases/{caseId}/threads/{threadId}/tasks', {
          params: { path: { caseId: s.caseId, threadId: thread.threadId } },
        })
      ).response.status,
    ).toBe(404);
  });
});
