// Request lists through HTTP on the local stack (decision 0043): a request with several items, each
// submitted and reviewed on its own (return with a reason the client reads and is told of, a
// resubmission as the next version, accept, the request complete), retried reviews writing once,
// the overdue filter, items in bulk from a template and from CSV (a bad CSV writes nothing).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../client/src/index';
import { fileRequestKey } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { PDF, pdfBytes, postToS3 } from './support/files';
import { mailTo } from './support/mail';
import { type PortalContact, portalContact } from './support/portal';
import { newFirm, settle, type TestFirm, table } from './support/stack';

async function newCase(firm: TestFirm, title = 'Audit 2026'): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

const collaborator = { role: 'collaborator', canDownload: true, canUpload: true } as const;
const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The contact uploads a file against an item (ticket, POST to S3) and waits until ingest handled it. */
async function submit(c: PortalContact, caseId: string, requestId: string, itemId: string, text: string) {
  const bytes = pdfBytes(text);
  const ticket = await apiAs(c.token).POST('/portal/cases/{caseId}/uploads', {
    params: { path: { caseId } },
    body: {
      fileName: `${text}.pdf`,
      contentType: PDF,
      size: bytes.length,
      fileRequestId: requestId,
      fileRequestItemId: itemId,
    },
  });
  expect(ticket.response.status, JSON.stringify(ticket.error)).toBe(201);
  await postToS3(ticket.data!, bytes, PDF);
  await settle();
}

const staffGet = (firm: TestFirm, caseId: string, requestId: string) =>
  apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests/{requestId}', {
    params: { path: { caseId, requestId } },
  });

const review = (firm: TestFirm, caseId: string, requestId: string, itemId: string, reason?: string) => {
  const params = { path: { caseId, requestId, itemId } };
  return reason === undefined
    ? apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests/{requestId}/items/{itemId}/accept', {
        params,
      })
    : apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests/{requestId}/items/{itemId}/return', {
        params,
        body: { reason },
      });
};

async function activityTypes(firm: TestFirm, caseId: string): Promise<string[]> {
  const res = await apiAs(firm.staff.token).GET('/cases/{caseId}/activity', {
    params: { path: { caseId }, query: { limit: 100 } },
  });
  expect(res.response.status).toBe(200);
  return res.data!.items.map((e) => e.type);
}

/** A firm, a case and a collaborator asked for a request list of `items` (answered 201). */
async function requestList(firmName: string, subject: string, items: Schemas['NewFileRequestBody']['items']) {
  const firm = await newFirm(firmName);
  const caseId = await newCase(firm);
  const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
  const created = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
    params: { path: { caseId } },
    body: { recipients: [carla.contactId], subject, description: 'What we need.', items },
  });
  expect(created.response.status, JSON.stringify(created.error)).toBe(201);
  return { firm, caseId, carla, created: created.data! };
}

describe('Routes: request lists', () => {
  it('items: submit → return with a reason (client told, sees it) → resubmit as version 2 → accept → request complete', async () => {
    // Prepare: a request list of two items for a collaborator
    const { firm, caseId, carla, created } = await requestList('Audit LLP', 'Year-end list', [
      { subject: 'Bank statements', description: 'All accounts, March.' },
      { subject: 'Payroll summary', dueDate: daysFromToday(10) },
    ]);
    const requestId = created.requestId;
    const [bank, payroll] = created.items!;
    expect(created).toMatchObject({ status: 'open', dueDate: daysFromToday(10) });
    await settle();
    const asked = (await mailTo(carla.email)).filter((m) => m.subject === 'File request: Year-end list');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.text).toContain('asks you for 2 items: Bank statements; Payroll summary.');
    expect(created.items!.map((i) => [i.subject, i.status])).toEqual([
      ['Bank statements', 'open'],
      ['Payroll summary', 'open'],
    ]);

    // Act 1: an upload naming the request but no item is refused; the first item is submitted
    const noItem = await apiAs(carla.token).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'x.pdf', contentType: PDF, size: 10, fileRequestId: requestId },
    });
    await submit(carla, caseId, requestId, bank!.itemId, 'statements-v1');
    const early = await review(firm, caseId, requestId, payroll!.itemId);

    // Assess 1
    expect(noItem.response.status).toBe(422);
    expect(problem(noItem).code).toBe('file_request_item_required');
    expect(early.response.status).toBe(409);
    expect(problem(early)).toMatchObject({
      code: 'file_request_item_not_submitted',
      details: { status: 'open' },
    });
    const afterSubmit = await staffGet(firm, caseId, requestId);
    const submitted = afterSubmit.data!.items![0]!;
    expect(submitted).toMatchObject({
      status: 'submitted',
      submissions: 1,
      submission: { contactId: carla.contactId, version: 1 },
    });
    const documentId = submitted.submission!.documentId;

    // Act 2: staff return it with a reason, twice (a retry)
    const mailsBefore = (await mailTo(carla.email)).length;
    const returned = await review(
      firm,
      caseId,
      requestId,
      bank!.itemId,
      'Page 2 of the\nMarch statement is missing.',
    );
    const again = await review(
      firm,
      caseId,
      requestId,
      bank!.itemId,
      'Page 2 of the\nMarch statement is missing.',
    );
    await settle();

    // Assess 2: one move, one event, one notice; the client reads the reason in the portal
    expect(returned.response.status).toBe(200);
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual(returned.data);
    expect(returned.data!.status).toBe('open');
    expect(returned.data!.items![0]).toMatchObject({
      status: 'returned',
      returnReason: 'Page 2 of the\nMarch statement is missing.',
    });
    // Only the return notices: another suite's reminder run "days later" may remind carla meanwhile.
    const notices = (await mailTo(carla.email))
      .slice(mailsBefore)
      .filter((m) => m.subject.startsWith('Please upload again'));
    expect(notices.map((m) => m.subject)).toEqual(['Please upload again: Bank statements']);
    expect(notices[0]!.body.text).toContain('Page 2 of the March statement is missing.');
    expect(notices[0]!.body.text).toContain(`/cases/${caseId}/file-requests/${requestId}`);
    const inbox = await apiAs(carla.token).GET('/portal/inbox');
    expect(inbox.data!.items.map((i) => i.type)).toContain('filerequest.item_returned');
    const portal = await apiAs(carla.token).GET('/portal/cases/{caseId}/file-requests/{requestId}', {
      params: { path: { caseId, requestId } },
    });
    expect(portal.response.status).toBe(200);
    expect(portal.data!.items![0]).toMatchObject({
      status: 'returned',
      returnReason: 'Page 2 of the\nMarch statement is missing.',
    });
    // Another contact of the case does not see a request not addressed to it
    const paulo = await portalContact(firm, caseId, 'Paulo Other', collaborator);
    const notHis = await apiAs(paulo.token).GET('/portal/cases/{caseId}/file-requests/{requestId}', {
      params: { path: { caseId, requestId } },
    });
    expect(notHis.response.status).toBe(404);
    expect(problem(notHis).code).toBe('file_request_not_found');
    const portalList = await apiAs(carla.token).GET('/portal/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
    });
    expect(portalList.data!.items[0]!.items!.map((i) => i.status)).toEqual(['returned', 'open']);

    // Act 3: the client resubmits (version 2 of the same document) and answers the second item
    await submit(carla, caseId, requestId, bank!.itemId, 'statements-v2');
    await submit(carla, caseId, requestId, payroll!.itemId, 'payroll');

    // Assess 3
    const versions = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents/{documentId}/versions', {
      params: { path: { caseId, documentId } },
    });
    expect(versions.data!.items.map((v) => [v.version, v.fileName, v.fileRequestId])).toEqual([
      [2, 'statements-v2.pdf', requestId],
      [1, 'statements-v1.pdf', requestId],
    ]);
    const resubmitted = (await staffGet(firm, caseId, requestId)).data!;
    expect(resubmitted.items![0]).toMatchObject({
      status: 'submitted',
      submissions: 2,
      submission: { documentId, version: 2 },
    });
    expect(resubmitted.items![0]!.history.map((h) => h.status)).toEqual([
      'open',
      'submitted',
      'returned',
      'submitted',
    ]);

    // Act 4: accept both (the first twice: a retry); a late upload against an accepted item is refused
    const acceptBank = await review(firm, caseId, requestId, bank!.itemId);
    const acceptBankAgain = await review(firm, caseId, requestId, bank!.itemId);
    const acceptPayroll = await review(firm, caseId, requestId, payroll!.itemId);
    const acceptPayrollAgain = await review(firm, caseId, requestId, payroll!.itemId);
    const lateUpload = await apiAs(carla.token).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: {
        fileName: 'x.pdf',
        contentType: PDF,
        size: 10,
        fileRequestId: requestId,
        fileRequestItemId: bank!.itemId,
      },
    });
    const returnAccepted = await review(firm, caseId, requestId, bank!.itemId, 'Too late');

    // Assess 4: open until the last item is accepted, then fulfilled; one event per move
    expect(acceptBank.data!.status).toBe('open');
    expect(acceptBankAgain.response.status).toBe(200);
    expect(acceptBankAgain.data!.status).toBe('open');
    expect(acceptPayroll.data).toMatchObject({ status: 'fulfilled' });
    expect(acceptPayroll.data!.history.map((h) => h.status)).toEqual(['open', 'fulfilled']);
    expect(acceptPayrollAgain.data).toEqual(acceptPayroll.data);
    expect(acceptPayroll.data!.items!.map((i) => i.status)).toEqual(['accepted', 'accepted']);
    expect(lateUpload.response.status).toBe(409);
    expect(returnAccepted.response.status).toBe(409);
    expect(problem(returnAccepted)).toMatchObject({
      code: 'file_request_item_not_submitted',
      details: { status: 'accepted' },
    });
    const types = await activityTypes(firm, caseId);
    expect(types.filter((t) => t === 'filerequest.item_submitted')).toHaveLength(3);
    expect(types.filter((t) => t === 'filerequest.item_returned')).toHaveLength(1);
    expect(types.filter((t) => t === 'filerequest.item_accepted')).toHaveLength(2);
    const fulfilled = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId }, query: { status: 'fulfilled' } },
    });
    expect(fulfilled.data!.items.map((r) => r.requestId)).toEqual([requestId]);
    // The case's staff heard of each submission to review
    const staffInbox = await apiAs(firm.staff.token).GET('/inbox');
    expect(staffInbox.data!.items.filter((i) => i.type === 'filerequest.item_submitted')).toHaveLength(3);
  });

  it('concurrent reviews: the last items accepted at once complete the request once, every move kept', async () => {
    // Prepare: four items, all submitted
    const { firm, caseId, carla, created } = await requestList(
      'Race LLP',
      'Quarter close',
      ['Q1', 'Q2', 'Q3', 'Q4'].map((subject) => ({ subject })),
    );
    const requestId = created.requestId;
    const itemIds = created.items!.map((i) => i.itemId);
    for (const itemId of itemIds) await submit(carla, caseId, requestId, itemId, `file-${itemId}`);

    // Act: every item accepted at once, each twice
    const answers = await Promise.all(
      [...itemIds, ...itemIds].map((itemId) => review(firm, caseId, requestId, itemId)),
    );

    // Assess: no refusal; fulfilled once, each item accepted once
    expect(answers.map((a) => a.response.status)).toEqual(answers.map(() => 200));
    const after = (await staffGet(firm, caseId, requestId)).data!;
    expect(after.status).toBe('fulfilled');
    expect(after.history.map((h) => h.status)).toEqual(['open', 'fulfilled']);
    expect(after.items!.map((i) => i.history.map((h) => h.status))).toEqual(
      itemIds.map(() => ['open', 'submitted', 'accepted']),
    );
    const types = await activityTypes(firm, caseId);
    expect(types.filter((t) => t === 'filerequest.item_accepted')).toHaveLength(4);
  });

  it('overdue: only open requests due before today (UTC), for staff', async () => {
    // Prepare: HTTP routes run on the real clock, so time passes the way it would: due dates a
    // request could not be created with (they are in the past) are set in the table afterwards.
    const firm = await newFirm('Deadlines LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
    const make = async (subject: string, dueDate?: string) => {
      const res = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
        params: { path: { caseId } },
        body: {
          recipients: [carla.contactId],
          subject,
          description: 'Please.',
          ...(dueDate ? { dueDate } : {}),
        },
      });
      expect(res.response.status).toBe(201);
      return res.data!.requestId;
    };
    const late = await make('Late', daysFromToday(3));
    const lateCancelled = await make('Late but cancelled', daysFromToday(3));
    const dueToday = await make('Due today', today());
    const future = await make('Future', daysFromToday(30));
    await make('No due date');
    for (const requestId of [late, lateCancelled])
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: fileRequestKey(firm.firmId, caseId, requestId),
          UpdateExpression: 'SET dueDate = :d',
          ExpressionAttributeValues: { ':d': daysFromToday(-2) },
        }),
      );
    const cancelled = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests/{requestId}/cancel', {
      params: { path: { caseId, requestId: lateCancelled } },
    });
    expect(cancelled.response.status).toBe(200);

    // Act
    const overdue = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId }, query: { overdue: 'true', limit: 1 } },
    });
    const all = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId }, query: { overdue: 'false' } },
    });
    const overdueCancelled = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId }, query: { overdue: 'true', status: 'cancelled' } },
    });

    // Assess
    expect(overdue.response.status).toBe(200);
    expect(overdue.data!.items.map((r) => r.requestId)).toEqual([late]);
    expect(overdue.data!.nextToken).toBeUndefined();
    expect(all.data!.items).toHaveLength(5);
    expect(overdueCancelled.data!.items).toEqual([]);
    expect([dueToday, future]).not.toContain(late);
  });

  it('templates: admins save and delete, staff read; a request takes its items with due days counted from today', async () => {
    // Prepare
    const firm = await newFirm('Templates LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
    const body = {
      name: 'Year-end audit',
      items: [
        { subject: 'Bank statements', description: 'All accounts.', dueInDays: 14 },
        { subject: 'Fixed asset register' },
      ],
    };
    const path = { path: { templateId: 'year-end' } };

    // Act
    const byStaff = await apiAs(firm.staff.token).PUT('/file-request-templates/{templateId}', {
      params: path,
      body,
    });
    const saved = await apiAs(firm.admin.token).PUT('/file-request-templates/{templateId}', {
      params: path,
      body,
    });
    const savedAgain = await apiAs(firm.admin.token).PUT('/file-request-templates/{templateId}', {
      params: path,
      body,
    });
    const listed = await apiAs(firm.staff.token).GET('/file-request-templates');
    const one = await apiAs(firm.staff.token).GET('/file-request-templates/{templateId}', { params: path });
    const fromTemplate = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: {
        recipients: [carla.contactId],
        subject: 'Audit 2026',
        description: 'Our list.',
        templateId: 'year-end',
      },
    });
    const twoSources = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: {
        recipients: [carla.contactId],
        subject: 'x',
        description: 'y',
        templateId: 'year-end',
        items: [{ subject: 'z' }],
      },
    });
    const staffDelete = await apiAs(firm.staff.token).DELETE('/file-request-templates/{templateId}', {
      params: path,
    });
    const deleted = await apiAs(firm.admin.token).DELETE('/file-request-templates/{templateId}', {
      params: path,
    });
    const deletedAgain = await apiAs(firm.admin.token).DELETE('/file-request-templates/{templateId}', {
      params: path,
    });
    const gone = await apiAs(firm.staff.token).GET('/file-request-templates/{templateId}', { params: path });
    const fromGone = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: { recipients: [carla.contactId], subject: 'x', description: 'y', templateId: 'year-end' },
    });
    const other = await newFirm('Other LLP');
    const foreign = await apiAs(other.staff.token).GET('/file-request-templates');

    // Assess
    expect(byStaff.response.status).toBe(403);
    expect(saved.response.status).toBe(200);
    expect(saved.data).toMatchObject({ templateId: 'year-end', ...body, updatedBy: firm.admin.userId });
    expect(savedAgain.data).toEqual(saved.data);
    expect(listed.data!.items.map((t) => t.templateId)).toEqual(['year-end']);
    expect(one.data).toEqual(saved.data);
    expect(fromTemplate.response.status, JSON.stringify(fromTemplate.error)).toBe(201);
    expect(fromTemplate.data!.items!.map((i) => [i.subject, i.description, i.dueDate, i.status])).toEqual([
      ['Bank statements', 'All accounts.', daysFromToday(14), 'open'],
      ['Fixed asset register', '', undefined, 'open'],
    ]);
    expect(fromTemplate.data!.dueDate).toBe(daysFromToday(14));
    expect(twoSources.response.status).toBe(400);
    expect(problem(twoSources).code).toBe('items_one_source');
    expect(staffDelete.response.status).toBe(403);
    expect(deleted.data).toEqual({ templateId: 'year-end', deleted: true });
    expect(deletedAgain.data).toEqual({ templateId: 'year-end', deleted: false });
    expect(gone.response.status).toBe(404);
    expect(fromGone.response.status).toBe(422);
    expect(problem(fromGone).code).toBe('file_request_template_unknown');
    expect(foreign.data!.items).toEqual([]);
    // The request made from it keeps its items
    expect((await staffGet(firm, caseId, fromTemplate.data!.requestId)).data!.items).toHaveLength(2);
  });

  it('CSV: a good list becomes the items; a bad one writes nothing and names every bad line', async () => {
    // Prepare
    const firm = await newFirm('Bulk LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
    const ask = (csv: string) =>
      apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
        params: { path: { caseId } },
        body: { recipients: [carla.contactId], subject: 'From CSV', description: 'Our list.', csv },
      });
    const bad = [
      'subject,description,dueDate',
      'Bank statements,All accounts,',
      ',No subject here,',
      `Payroll,Monthly,${daysFromToday(-1)}`,
      'Invoices,"Quoted, with a comma",2026-02-30',
      'Too,many,fields,here',
    ].join('\r\n');
    const tooMany = ['subject', ...Array.from({ length: 51 }, (_, i) => `Item ${i + 1}`)].join('\n');

    // Act
    const refused = await ask(bad);
    const refusedSize = await ask(tooMany);
    const badHeader = await ask('title,notes\nA,B');
    const none = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
    });
    const good = await ask(
      `Subject,Description,DueDate\nBank statements,"All accounts, March\nand April",${daysFromToday(7)}\n"Payroll ""summary""",,\n`,
    );

    // Assess
    expect(refused.response.status).toBe(400);
    expect(problem(refused).code).toBe('csv_invalid');
    expect(problem(refused).details!.lines).toEqual([
      { line: 3, code: 'subject_missing', message: expect.any(String) },
      { line: 4, code: 'due_date_in_past', message: expect.any(String) },
      { line: 5, code: 'due_date_invalid', message: expect.any(String) },
      { line: 6, code: 'wrong_field_count', message: expect.any(String) },
    ]);
    expect(refusedSize.response.status).toBe(400);
    expect(problem(refusedSize).details!.lines).toEqual([
      { line: 52, code: 'too_many_rows', message: expect.any(String) },
    ]);
    expect(problem(badHeader).details!.lines).toEqual([
      { line: 1, code: 'csv_header', message: expect.any(String) },
    ]);
    expect(none.data!.items).toEqual([]);
    expect(good.response.status, JSON.stringify(good.error)).toBe(201);
    expect(good.data!.items!.map((i) => [i.subject, i.description, i.dueDate ?? null])).toEqual([
      ['Bank statements', 'All accounts, March\nand April', daysFromToday(7)],
      ['Payroll "summary"', '', null],
    ]);
    const after = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
    });
    expect(after.data!.items).toHaveLength(1);
  });
});
