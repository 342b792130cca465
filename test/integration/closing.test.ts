// Closing conversations and deleting recurring tasks through HTTP on the local stack (issue 18):
// a closed thread refuses messages and ticks (staff still read, the portal shows it closed; its
// reminders stop: reminders.test.ts, under the fake clock); a closed discussion refuses comments; a deleted recurring task is
// gone for good (publishing for it is refused), and a second delete changes nothing.
import { describe, expect, it } from 'vitest';
import { activityKey, activityOfCasePattern } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { PDF, pdfBytes, upload } from './support/files';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { newFirm, partition, settle } from './support/stack';
import { newThread, type Setup, setup, tick } from './support/threads';

/** The event types of a case's activity trail, oldest first. */
const caseEvents = async (firmId: string, caseId: string) =>
  (await partition(activityOfCasePattern(firmId, caseId).pk))
    .filter((i) => i.entity === 'activity')
    .map((i) => i.type as string);

/** A refusal: 403 with its machine-readable code. */
function expectRefused(res: { response: Response; error?: unknown }, code: string) {
  expect(res.response.status).toBe(403);
  expect(problem(res).code).toBe(code);
}

const threadRef = (s: Setup, threadId: string) => ({ path: { caseId: s.caseId, threadId } });

describe('Routes: close and reopen a chat thread', () => {
  it('closed: the contact can neither post nor tick (403 thread_closed), nor can staff post; staff and the contact still read it; reopened: both work again', async () => {
    // Prepare
    const s = await setup('Closing Firm');
    const thread = await newThread(s, { message: 'Please send these.', tasks: ['Send W-2', 'Sign 8879'] });
    const ref = threadRef(s, thread.threadId);
    const staff = apiAs(s.firm.staff.token);
    const contact = apiAs(s.contact);
    // Act: close (twice: idempotent), then write as the contact and as staff, then read
    const closed = await staff.POST('/cases/{caseId}/threads/{threadId}/close', { params: ref });
    const again = await staff.POST('/cases/{caseId}/threads/{threadId}/close', { params: ref });
    const clientPost = await contact.POST('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: ref,
      body: { text: 'Here they are.' },
    });
    const clientTick = await tick(s, thread.threadId, thread.tasks[0]!.taskId);
    const staffPost = await staff.POST('/cases/{caseId}/threads/{threadId}/messages', {
      params: ref,
      body: { text: 'Any news?' },
    });
    const staffRead = await staff.GET('/cases/{caseId}/threads/{threadId}/messages', { params: ref });
    const portalView = await contact.GET('/portal/cases/{caseId}/threads/{threadId}', { params: ref });
    const portalList = await contact.GET('/portal/cases/{caseId}/threads', {
      params: { path: { caseId: s.caseId } },
    });
    // Assess: closed
    expect(closed.response.status).toBe(200);
    expect(closed.data).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(again.response.status).toBe(200);
    expect(again.data!.closedAt).toBe(closed.data!.closedAt);
    expectRefused(clientPost, 'thread_closed');
    expectRefused(clientTick, 'thread_closed');
    expectRefused(staffPost, 'thread_closed');
    expect(staffRead.response.status).toBe(200);
    expect(staffRead.data!.items.map((m) => m.text)).toEqual(['Please send these.']);
    expect(portalView.data).toMatchObject({ status: 'closed', taskCompleted: 0 });
    expect(portalList.data!.items).toMatchObject([{ threadId: thread.threadId, status: 'closed' }]);

    // Act: reopen, then the contact posts and ticks
    const reopened = await staff.POST('/cases/{caseId}/threads/{threadId}/reopen', { params: ref });
    const posted = await contact.POST('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: ref,
      body: { text: 'Here they are.' },
    });
    const ticked = await tick(s, thread.threadId, thread.tasks[0]!.taskId);
    await settle();
    // Assess: open again; one event per change, none for the repeated close
    expect(reopened.response.status).toBe(200);
    expect(reopened.data!.status).toBe('open');
    expect(reopened.data).not.toHaveProperty('closedAt');
    expect(posted.response.status).toBe(201);
    expect(ticked.response.status).toBe(200);
    const types = await caseEvents(s.firm.firmId, s.caseId);
    expect(types.filter((t) => t === 'thread.closed')).toHaveLength(1);
    expect(types.filter((t) => t === 'thread.reopened')).toHaveLength(1);
  });

  it('a closed thread tells nobody: the contact gets no mail of the close', async () => {
    // Prepare
    const s = await setup('Quiet Close Firm');
    const thread = await newThread(s, { tasks: ['Send W-2'] });
    await settle();
    const before = (await mailTo(s.email)).length;
    // Act
    const closed = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads/{threadId}/close', {
      params: threadRef(s, thread.threadId),
    });
    await settle();
    // Assess
    expect(closed.response.status).toBe(200);
    expect((await mailTo(s.email)).length).toBe(before);
  });

  it('another firm cannot close the thread (404), nor can a contact (its token is not a staff one: 401)', async () => {
    // Prepare
    const s = await setup('Owner Firm');
    const other = await newFirm('Other Firm');
    const thread = await newThread(s, { tasks: ['Send W-2'] });
    // Act
    const foreign = await apiAs(other.staff.token).POST('/cases/{caseId}/threads/{threadId}/close', {
      params: threadRef(s, thread.threadId),
    });
    const asContact = await apiAs(s.contact).POST('/cases/{caseId}/threads/{threadId}/close', {
      params: threadRef(s, thread.threadId),
    });
    const after = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}', {
      params: threadRef(s, thread.threadId),
    });
    // Assess
    expect(foreign.response.status).toBe(404);
    expect(asContact.response.status).toBe(401);
    expect(after.data!.status).toBe('open');
  });
});

describe('Routes: close and reopen a discussion', () => {
  it('closed: comments are refused for the contact and for staff (403 discussion_closed); both still read; only an admin closes; reopened: comments are taken', async () => {
    // Prepare
    const firm = await newFirm('Closing Discussions LLP');
    const created = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Audit 2026' } });
    const caseId = created.data!.caseId;
    const carla = await portalContact(firm, caseId, 'Carla Viewer');
    const published = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
      params: { path: { caseId } },
      body: { subject: 'Kick-off', message: 'Questions here.', shareWith: 'all' },
    });
    const ref = { path: { caseId, discussionId: published.data!.discussionId } };
    const admin = apiAs(firm.admin.token);
    const staff = apiAs(firm.staff.token);
    const contact = apiAs(carla.token);
    // Act: staff may not close; the admin closes; comments are tried
    const byStaff = await staff.POST('/cases/{caseId}/discussions/{discussionId}/close', { params: ref });
    const closed = await admin.POST('/cases/{caseId}/discussions/{discussionId}/close', { params: ref });
    const again = await admin.POST('/cases/{caseId}/discussions/{discussionId}/close', { params: ref });
    const clientComment = await contact.POST('/portal/cases/{caseId}/discussions/{discussionId}/comments', {
      params: ref,
      body: { body: 'One more question.' },
    });
    const staffComment = await staff.POST('/cases/{caseId}/discussions/{discussionId}/comments', {
      params: ref,
      body: { body: 'An answer.' },
    });
    const staffRead = await staff.GET('/cases/{caseId}/discussions/{discussionId}/comments', { params: ref });
    const portalView = await contact.GET('/portal/cases/{caseId}/discussions/{discussionId}', {
      params: ref,
    });
    // Assess: closed
    expectRefused(byStaff, 'admin_only');
    expect(closed.response.status).toBe(200);
    expect(closed.data).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(again.data!.closedAt).toBe(closed.data!.closedAt);
    expectRefused(clientComment, 'discussion_closed');
    expectRefused(staffComment, 'discussion_closed');
    expect(staffRead.response.status).toBe(200);
    expect(staffRead.data!.items).toEqual([]);
    expect(portalView.data).toMatchObject({ status: 'closed', commentCount: 0 });
    expect(portalView.data).not.toHaveProperty('sharedWith');

    // Act: reopen, then the contact comments
    const reopened = await admin.POST('/cases/{caseId}/discussions/{discussionId}/reopen', { params: ref });
    const commented = await contact.POST('/portal/cases/{caseId}/discussions/{discussionId}/comments', {
      params: ref,
      body: { body: 'One more question.' },
    });
    // Assess: open again; one event per change
    expect(reopened.data).toMatchObject({ status: 'open' });
    expect(commented.response.status).toBe(201);
    const types = await caseEvents(firm.firmId, caseId);
    expect(types.filter((t) => t === 'discussion.closed')).toHaveLength(1);
    expect(types.filter((t) => t === 'discussion.reopened')).toHaveLength(1);
  });
});

describe('Route: DELETE /recurring-tasks/{recurringTaskId}', () => {
  it('deletes once (a repeat answers deleted: false, no second event); the task is gone and nothing can be published for it', async () => {
    // Prepare: a saved recurring task and a document of a case
    const firm = await newFirm('Payroll Bureau');
    const admin = apiAs(firm.admin.token);
    const id = { path: { recurringTaskId: 'monthly-payroll' } };
    await admin.PUT('/recurring-tasks/{recurringTaskId}', {
      params: id,
      body: { name: 'Monthly payroll', notifyClient: true },
    });
    const created = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Payroll 2026' } });
    const caseId = created.data!.caseId;
    const doc = await upload(caseId, firm.staff.token, {
      fileName: 'payslips.pdf',
      contentType: PDF,
      bytes: pdfBytes('payslips'),
    });
    // Act
    const byStaff = await apiAs(firm.staff.token).DELETE('/recurring-tasks/{recurringTaskId}', {
      params: id,
    });
    const deleted = await admin.DELETE('/recurring-tasks/{recurringTaskId}', { params: id });
    const again = await admin.DELETE('/recurring-tasks/{recurringTaskId}', { params: id });
    const got = await admin.GET('/recurring-tasks/{recurringTaskId}', { params: id });
    const listed = await admin.GET('/recurring-tasks');
    const published = await apiAs(firm.staff.token).POST('/cases/{caseId}/documents/{documentId}/publish', {
      params: { path: { caseId, documentId: doc.uploadId } },
      body: { recurringTaskId: 'monthly-payroll' },
    });
    // Assess
    expect(byStaff.response.status).toBe(403);
    expect(deleted.response.status).toBe(200);
    expect(deleted.data).toEqual({ recurringTaskId: 'monthly-payroll', deleted: true });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual({ recurringTaskId: 'monthly-payroll', deleted: false });
    expect(got.response.status).toBe(404);
    expect(listed.data!.items.map((t) => t.recurringTaskId)).not.toContain('monthly-payroll');
    expect(published.response.status).toBe(422);
    expect(problem(published).code).toBe('recurring_task_unknown');
    const trail = await partition(activityKey(firm.firmId, undefined, 'x').PK);
    const events = trail.filter((i) => i.entity === 'activity' && i.type === 'recurringtask.deleted');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      detail: { recurringTaskId: 'monthly-payroll', name: 'Monthly payroll' },
    });
  });
});
