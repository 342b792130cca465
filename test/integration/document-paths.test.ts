// The two document paths on the local stack (ONVIO options 1 and 2): staff share in the portal, or an
// integration publishes for a recurring task; the firm's path choice and the notify-client flags (case
// and recurring task) decide who is told, delivery status explains every notice not given, and a
// contact is told of one document version once per channel whatever the paths and events. Emails are
// counted in the local SES, in-app items in the contact's portal inbox.
import { describe, expect, it } from 'vitest';
import type { operations } from '../../client/src/index';
import { NOTIFYING_EVENT_TYPES } from '../../functions/domain/notification-matrix';
import { activityOfCasePattern } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { PDF, pdfBytes, postToS3, upload } from './support/files';
import { mailTo } from './support/mail';
import { type PortalContact, portalContact } from './support/portal';
import { call, newFirm, newId, partition, settle, type TestFirm } from './support/stack';

const collaborator = { role: 'collaborator', canDownload: true, canUpload: true } as const;

interface World {
  firm: TestFirm;
  caseId: string;
  dora: PortalContact;
}

async function world(name: string): Promise<World> {
  const firm = await newFirm(name);
  const created = await apiAs(firm.admin.token).POST('/cases', {
    body: { title: 'Payroll 2026', ownerId: firm.staff.userId },
  });
  expect(created.response.status).toBe(201);
  const caseId = created.data!.caseId;
  return { firm, caseId, dora: await portalContact(firm, caseId, 'Dora Viewer') };
}

type Matrix = operations['putNotificationMatrix']['requestBody']['content']['application/json']['matrix'];

/** The firm's document path, saved with the whole matrix (every cell on). */
async function choosePath(firm: TestFirm, documentPath: 'portal' | 'process') {
  const saved = await apiAs(firm.admin.token).PUT('/settings/notifications', {
    body: {
      matrix: Object.fromEntries(
        NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]),
      ) as Matrix,
      mandatory: [],
      documentPath,
    },
  });
  expect(saved.response.status).toBe(200);
  expect(saved.data!.documentPath).toBe(documentPath);
}

async function saveTask(
  firm: TestFirm,
  recurringTaskId: string,
  notifyClient: boolean,
  name = 'Monthly payroll',
) {
  const saved = await apiAs(firm.admin.token).PUT('/recurring-tasks/{recurringTaskId}', {
    params: { path: { recurringTaskId } },
    body: { name, notifyClient },
  });
  expect(saved.response.status).toBe(200);
}

async function setCaseFlag(w: World, notifyClient: boolean) {
  const saved = await apiAs(w.firm.admin.token).PUT('/cases/{caseId}/notify-client', {
    params: { path: { caseId: w.caseId } },
    body: { notifyClient },
  });
  expect(saved.response.status).toBe(200);
}

async function staffDocument(w: World, fileName: string): Promise<string> {
  const ticket = await upload(w.caseId, w.firm.staff.token, {
    fileName,
    contentType: PDF,
    bytes: pdfBytes(fileName),
  });
  return ticket.uploadId;
}

async function share(w: World, documentId: string, contactIds: string[]) {
  const res = await apiAs(w.firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
    params: { path: { caseId: w.caseId, documentId } },
    body: { contactIds },
  });
  expect(res.response.status).toBe(200);
  await settle();
  return res.data;
}

async function publish(
  w: World,
  documentId: string,
  body: { recurringTaskId: string; contactIds?: string[] },
) {
  const res = await apiAs(w.firm.staff.token).POST('/cases/{caseId}/documents/{documentId}/publish', {
    params: { path: { caseId: w.caseId, documentId } },
    body,
  });
  await settle();
  return res;
}

/** The client's "new document" mails and in-app items so far. */
async function toldSoFar(c: PortalContact) {
  const mails = (await mailTo(c.email)).filter((m) => m.subject.startsWith('New document from'));
  const inbox = await apiAs(c.token).GET('/portal/inbox');
  expect(inbox.response.status).toBe(200);
  const items = inbox.data!.items.filter((i) => i.type.startsWith('document.'));
  return { mails: mails.length, inApp: items.length, subjects: mails.map((m) => m.subject), items };
}

const activityOf = async (w: World, type: string) =>
  (await partition(activityOfCasePattern(w.firm.firmId, w.caseId).pk))
    .filter((i) => i.entity === 'activity' && i.type === type)
    .map((i) => i as { eventId: string; detail: Record<string, unknown> })
    .sort((a, b) => a.eventId.localeCompare(b.eventId));

/** The delivery status of one event: `<recipient id> <channel> <status>[:<reason>]`, and the details. */
async function statusOf(w: World, eventId: string) {
  const res = await apiAs(w.firm.staff.token).GET('/deliveries/{eventId}', { params: { path: { eventId } } });
  expect(res.response.status).toBe(200);
  const items = res.data!.items;
  return {
    rows: items
      .map((d) => `${d.recipient.id} ${d.channel} ${d.status}${d.reason ? `:${d.reason}` : ''}`)
      .sort(),
    details: [...new Set(items.map((d) => d.detail).filter(Boolean))],
  };
}

const rows = (c: PortalContact, status: string) => [
  `${c.contactId} email ${status}`,
  `${c.contactId} inApp ${status}`,
];

describe('Routes: recurring tasks and notify-client flags', () => {
  it('an admin saves a recurring task (create, then replace); staff read and list it; bad ids, staff saves and other firms are refused', async () => {
    // Prepare
    const firm = await newFirm('Tasks LLP');
    const other = await newFirm('Other LLP');

    // Act
    const created = await apiAs(firm.admin.token).PUT('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'payroll.monthly' } },
      body: { name: 'Monthly payroll', notifyClient: true },
    });
    const replaced = await apiAs(firm.admin.token).PUT('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'payroll.monthly' } },
      body: { name: 'Payroll (monthly)', notifyClient: false },
    });
    await saveTask(firm, 'vat-quarterly', true, 'Quarterly VAT');
    const read = await apiAs(firm.staff.token).GET('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'payroll.monthly' } },
    });
    const page1 = await apiAs(firm.staff.token).GET('/recurring-tasks', { params: { query: { limit: 1 } } });
    const page2 = await apiAs(firm.staff.token).GET('/recurring-tasks', {
      params: { query: { limit: 1, nextToken: page1.data!.nextToken } },
    });
    const byStaff = await apiAs(firm.staff.token).PUT('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'payroll.monthly' } },
      body: { name: 'Hijack', notifyClient: true },
    });
    const badId = await apiAs(firm.admin.token).PUT('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'has space' } },
      body: { name: 'Bad', notifyClient: true },
    });
    // invalid on purpose: the typed client cannot send it (a string for a boolean)
    const badBody = await call('PUT', '/recurring-tasks/ok-id', {
      token: firm.admin.token,
      body: { name: '', notifyClient: 'yes' },
    });
    const unknown = await apiAs(firm.staff.token).GET('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'never-saved' } },
    });
    const foreign = await apiAs(other.staff.token).GET('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'payroll.monthly' } },
    });
    const foreignList = await apiAs(other.staff.token).GET('/recurring-tasks');

    // Assess
    expect(created.response.status).toBe(200);
    expect(created.data).toMatchObject({
      recurringTaskId: 'payroll.monthly',
      name: 'Monthly payroll',
      notifyClient: true,
      updatedBy: firm.admin.userId,
    });
    expect(replaced.data).toMatchObject({ name: 'Payroll (monthly)', notifyClient: false });
    expect(replaced.data!.createdAt).toBe(created.data!.createdAt);
    expect(read.data).toEqual(replaced.data);
    expect([...page1.data!.items, ...page2.data!.items].map((t) => t.recurringTaskId)).toEqual([
      'payroll.monthly',
      'vat-quarterly',
    ]);
    expect(byStaff.response.status).toBe(403);
    expect(badId.response.status).toBe(400);
    expect(badBody.status).toBe(400);
    expect(badBody.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.name',
      'body.notifyClient',
    ]);
    expect(unknown.response.status).toBe(404);
    expect(problem(unknown).code).toBe('recurring_task_not_found');
    expect(foreign.response.status).toBe(404);
    expect(foreignList.data!.items).toEqual([]);
    expect(
      (
        await apiAs(firm.staff.token).GET('/recurring-tasks/{recurringTaskId}', {
          params: { path: { recurringTaskId: 'payroll.monthly' } },
        })
      ).data!.name,
    ).toBe('Payroll (monthly)');
  });

  it("an admin sets a case's notify-client flag (default on), shown on the case; staff and other firms cannot", async () => {
    // Prepare
    const w = await world('Flags LLP');
    const other = await newFirm('Other LLP');
    const before = await apiAs(w.firm.staff.token).GET('/cases/{caseId}', {
      params: { path: { caseId: w.caseId } },
    });

    // Act
    const off = await apiAs(w.firm.admin.token).PUT('/cases/{caseId}/notify-client', {
      params: { path: { caseId: w.caseId } },
      body: { notifyClient: false },
    });
    const byStaff = await apiAs(w.firm.staff.token).PUT('/cases/{caseId}/notify-client', {
      params: { path: { caseId: w.caseId } },
      body: { notifyClient: true },
    });
    const foreign = await apiAs(other.admin.token).PUT('/cases/{caseId}/notify-client', {
      params: { path: { caseId: w.caseId } },
      body: { notifyClient: true },
    });
    const unknown = await apiAs(w.firm.admin.token).PUT('/cases/{caseId}/notify-client', {
      params: { path: { caseId: newId() } },
      body: { notifyClient: true },
    });
    const after = await apiAs(w.firm.staff.token).GET('/cases/{caseId}', {
      params: { path: { caseId: w.caseId } },
    });

    // Assess
    expect(before.data!.notifyClient).toBe(true);
    expect(off.response.status).toBe(200);
    expect(off.data).toMatchObject({
      caseId: w.caseId,
      notifyClient: false,
      notifyClientChangedBy: w.firm.admin.userId,
    });
    expect(byStaff.response.status).toBe(403);
    expect(foreign.response.status).toBe(404);
    expect(problem(foreign).code).toBe('case_not_found');
    expect(unknown.response.status).toBe(404);
    expect(after.data).toMatchObject({
      notifyClient: false,
      notifyClientChangedAt: off.data!.notifyClientChangedAt,
    });
  });
});

describe('Route: POST /cases/{caseId}/documents/{documentId}/publish', () => {
  it('shares the document with every contact with access, once per version × recurring task; a repeat answers with the first publication', async () => {
    // Prepare: Dora accepted her invitation, Ivan is only invited; the firm notifies by the portal path
    const w = await world('Publish LLP');
    const ivan = await apiAs(w.firm.admin.token).POST('/contacts', {
      body: { name: 'Ivan Invited', email: `ivan.${newId().toLowerCase()}@client.test` },
    });
    const ivanId = ivan.data!.contactId;
    expect(
      (
        await apiAs(w.firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
          params: { path: { caseId: w.caseId, contactId: ivanId } },
          body: { role: 'viewer', canDownload: true },
        })
      ).response.status,
    ).toBe(200);
    await saveTask(w.firm, 'payroll-monthly', true);
    const documentId = await staffDocument(w, 'payslips-march.pdf');
    await share(w, documentId, [w.dora.contactId]);

    // Act
    const first = await publish(w, documentId, { recurringTaskId: 'payroll-monthly' });
    const repeat = await publish(w, documentId, { recurringTaskId: 'payroll-monthly', contactIds: [ivanId] });
    const beyond = await publish(w, documentId, {
      recurringTaskId: 'payroll-monthly',
      contactIds: [(await portalContact(w.firm, w.caseId, 'Late Comer')).contactId],
    });

    // Assess: the publication, to whom, and what it shared that was not shared before
    expect(first.response.status).toBe(200);
    expect(first.data).toMatchObject({
      caseId: w.caseId,
      documentId,
      name: 'payslips-march.pdf',
      version: 1,
      recurringTaskId: 'payroll-monthly',
      newlyShared: [ivanId],
      publishedBy: { kind: 'staff', id: w.firm.staff.userId },
      alreadyPublished: false,
    });
    expect([...first.data!.contactIds].sort()).toEqual([w.dora.contactId, ivanId].sort());
    expect(repeat.response.status).toBe(200);
    expect(repeat.data).toEqual({ ...first.data, alreadyPublished: true });
    expect(beyond.response.status).toBe(409);
    expect(problem(beyond).code).toBe('already_published');

    // Assess: one event; both contacts see the document; each grant counts it once
    const events = await activityOf(w, 'document.published');
    expect(events.map((e) => e.eventId)).toEqual([first.data!.eventId]);
    expect(events[0]!.detail).toMatchObject({ documentId, version: 1, recurringTaskId: 'payroll-monthly' });
    const shares = await apiAs(w.firm.staff.token).GET('/cases/{caseId}/shares', {
      params: { path: { caseId: w.caseId } },
    });
    expect(shares.data!.items.map((s) => s.contactId).sort()).toEqual([w.dora.contactId, ivanId].sort());
    const grants = await apiAs(w.firm.staff.token).GET('/cases/{caseId}/grants', {
      params: { path: { caseId: w.caseId } },
    });
    const counts = Object.fromEntries(grants.data!.items.map((g) => [g.contactId, g.sharedCount]));
    expect(counts[w.dora.contactId]).toBe(1);
    expect(counts[ivanId]).toBe(1);
  });

  it('refuses an unknown recurring task, a contact without access and another firm’s case, writing nothing', async () => {
    // Prepare
    const w = await world('Refusals LLP');
    const other = await newFirm('Other LLP');
    await saveTask(w.firm, 'payroll-monthly', true);
    const documentId = await staffDocument(w, 'payslips.pdf');
    const stranger = await apiAs(w.firm.admin.token).POST('/contacts', {
      body: { name: 'No Access', email: `stranger.${newId().toLowerCase()}@client.test` },
    });
    await settle();
    const casePartition = activityOfCasePattern(w.firm.firmId, w.caseId).pk;
    const before = (await partition(casePartition)).length;

    // Act
    const unknownTask = await publish(w, documentId, { recurringTaskId: 'never-saved' });
    const noAccess = await publish(w, documentId, {
      recurringTaskId: 'payroll-monthly',
      contactIds: [stranger.data!.contactId],
    });
    const foreign = await apiAs(other.staff.token).POST('/cases/{caseId}/documents/{documentId}/publish', {
      params: { path: { caseId: w.caseId, documentId } },
      body: { recurringTaskId: 'payroll-monthly' },
    });
    const badTask = await publish(w, documentId, { recurringTaskId: 'no/slashes' });
    const unknownDoc = await publish(w, newId(), { recurringTaskId: 'payroll-monthly' });

    // Assess
    expect(unknownTask.response.status).toBe(422);
    expect(problem(unknownTask).code).toBe('recurring_task_unknown');
    expect(noAccess.response.status).toBe(422);
    expect(problem(noAccess).code).toBe('contact_without_access');
    expect(problem(noAccess).details).toEqual({ contactIds: [stranger.data!.contactId] });
    expect(foreign.response.status).toBe(404);
    expect(problem(foreign).code).toBe('case_not_found');
    expect(badTask.response.status).toBe(400);
    expect(unknownDoc.response.status).toBe(404);
    expect(problem(unknownDoc).code).toBe('document_not_found');
    expect((await partition(casePartition)).length).toBe(before);
  });
});

describe('ONVIO option 1: the firm tells clients through the portal path', () => {
  it('a staff share tells the client once by email and in-app; a process publication shares without telling, and delivery status says why', async () => {
    // Prepare
    const w = await world('Portal Path LLP');
    await choosePath(w.firm, 'portal');
    await saveTask(w.firm, 'payroll-monthly', true);
    const eve = await portalContact(w.firm, w.caseId, 'Eve Viewer');
    const shared = await staffDocument(w, 'engagement-letter.pdf');
    const processed = await staffDocument(w, 'payslips-march.pdf');

    // Act: a portal share to Dora; a process publication to both
    await share(w, shared, [w.dora.contactId]);
    const afterShare = await toldSoFar(w.dora);
    const published = await publish(w, processed, { recurringTaskId: 'payroll-monthly' });

    // Assess: Dora was told of the share, once, in her language's template
    expect(afterShare.mails).toBe(1);
    expect(afterShare.inApp).toBe(1);
    expect(afterShare.subjects).toEqual(['New document from Portal Path LLP: engagement-letter.pdf']);
    const [shareEvent] = await activityOf(w, 'document.shared');
    expect((await statusOf(w, shareEvent!.eventId)).rows).toEqual(rows(w.dora, 'sent'));

    // Assess: the publication shared the document with both, told nobody, and says why
    expect(published.response.status).toBe(200);
    expect(published.data!.newlyShared.sort()).toEqual([w.dora.contactId, eve.contactId].sort());
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    expect(await toldSoFar(eve)).toMatchObject({ mails: 0, inApp: 0 });
    const status = await statusOf(w, published.data!.eventId);
    expect(status.rows).toEqual(
      [...rows(w.dora, 'suppressed:policy'), ...rows(eve, 'suppressed:policy')].sort(),
    );
    expect(status.details).toEqual([
      'The firm notifies clients of documents through the portal path; this document was published by a process integration (recurring task "Monthly payroll" (payroll-monthly)).',
    ]);
    const portalDocs = await apiAs(eve.token).GET('/portal/cases/{caseId}/documents', {
      params: { path: { caseId: w.caseId } },
    });
    expect(portalDocs.data!.items.map((d) => d.documentId)).toEqual([processed]);
  });
});

describe('ONVIO option 2: the firm tells clients through the process path', () => {
  it('a portal share tells nobody; a publication tells the client only when the case and the recurring task both say so, and status explains each silence', async () => {
    // Prepare
    const w = await world('Process Path LLP');
    await choosePath(w.firm, 'process');
    await saveTask(w.firm, 'payroll-monthly', true);
    await saveTask(w.firm, 'vat-quarterly', false, 'Quarterly VAT');
    const [viaPortal, onOn, onOff, offOn] = [
      await staffDocument(w, 'engagement-letter.pdf'),
      await staffDocument(w, 'payslips-march.pdf'),
      await staffDocument(w, 'vat-q1.pdf'),
      await staffDocument(w, 'payslips-april.pdf'),
    ];

    // Act & Assess: shared in the portal → silence, explained
    await share(w, viaPortal, [w.dora.contactId]);
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 0, inApp: 0 });
    const [shareEvent] = await activityOf(w, 'document.shared');
    const shareStatus = await statusOf(w, shareEvent!.eventId);
    expect(shareStatus.rows).toEqual(rows(w.dora, 'suppressed:policy'));
    expect(shareStatus.details).toEqual([
      'The firm notifies clients of documents through the process path; this document was shared in the portal.',
    ]);

    // Act & Assess: case on, task on → told once
    const told = await publish(w, onOn, { recurringTaskId: 'payroll-monthly' });
    expect(await toldSoFar(w.dora)).toMatchObject({
      mails: 1,
      inApp: 1,
      subjects: ['New document from Process Path LLP: payslips-march.pdf'],
    });
    expect((await statusOf(w, told.data!.eventId)).rows).toEqual(rows(w.dora, 'sent'));

    // Act & Assess: case on, task off → silence, explained
    const taskOff = await publish(w, onOff, { recurringTaskId: 'vat-quarterly' });
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    const taskOffStatus = await statusOf(w, taskOff.data!.eventId);
    expect(taskOffStatus.rows).toEqual(rows(w.dora, 'suppressed:policy'));
    expect(taskOffStatus.details).toEqual([
      'Notify client is off for the recurring task "Quarterly VAT" (vat-quarterly).',
    ]);

    // Act & Assess: case off, task on → silence, explained
    await setCaseFlag(w, false);
    const caseOff = await publish(w, offOn, { recurringTaskId: 'payroll-monthly' });
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    const caseOffStatus = await statusOf(w, caseOff.data!.eventId);
    expect(caseOffStatus.rows).toEqual(rows(w.dora, 'suppressed:policy'));
    expect(caseOffStatus.details).toEqual(['Notify client is off for the case "Payroll 2026".']);

    // The case's delivery list holds every one of them, with their reasons
    const byCase = await apiAs(w.firm.staff.token).GET('/cases/{caseId}/deliveries', {
      params: { path: { caseId: w.caseId } },
    });
    expect(byCase.data!.items.filter((d) => d.status === 'suppressed')).toHaveLength(6);
  });
});

describe('Never twice per document version', () => {
  it('shared, re-shared, published twice, published for another task and after a path switch: told once per channel; a new version is told again', async () => {
    // Prepare: option 1 first; Carla (collaborator) will upload the document's version 2
    const w = await world('Dedupe LLP');
    const carla = await portalContact(w.firm, w.caseId, 'Carla Collab', collaborator);
    await choosePath(w.firm, 'portal');
    await saveTask(w.firm, 'payroll-monthly', true);
    await saveTask(w.firm, 'payroll-review', true, 'Payroll review');
    const documentId = await staffDocument(w, 'payslips.pdf');

    // Act: shared (told), unshared and shared again (same version)
    await share(w, documentId, [w.dora.contactId]);
    await share(w, documentId, []);
    await share(w, documentId, [w.dora.contactId]);
    const [firstShare, , reShare] = await activityOf(w, 'document.shared');

    // Assess
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    expect((await statusOf(w, firstShare!.eventId)).rows).toEqual(rows(w.dora, 'sent'));
    const reShareStatus = await statusOf(w, reShare!.eventId);
    expect(reShareStatus.rows).toEqual(rows(w.dora, 'suppressed:dedupe'));
    expect(reShareStatus.details.every((d) => d!.includes(firstShare!.eventId))).toBe(true);

    // Act: the firm switches to the process path; the same version is published, twice, and for another task
    await choosePath(w.firm, 'process');
    const published = await publish(w, documentId, {
      recurringTaskId: 'payroll-monthly',
      contactIds: [w.dora.contactId],
    });
    const again = await publish(w, documentId, {
      recurringTaskId: 'payroll-monthly',
      contactIds: [w.dora.contactId],
    });
    const otherTask = await publish(w, documentId, {
      recurringTaskId: 'payroll-review',
      contactIds: [w.dora.contactId],
    });

    // Assess: no second mail or in-app item; the repeat made no event; the other task's is 'dedupe'
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    expect(again.data).toMatchObject({ alreadyPublished: true, eventId: published.data!.eventId });
    expect((await activityOf(w, 'document.published')).map((e) => e.eventId)).toEqual([
      published.data!.eventId,
      otherTask.data!.eventId,
    ]);
    expect((await statusOf(w, published.data!.eventId)).rows).toEqual(rows(w.dora, 'suppressed:dedupe'));
    expect((await statusOf(w, otherTask.data!.eventId)).rows).toEqual(rows(w.dora, 'suppressed:dedupe'));

    // Act: Carla uploads version 2 (an update request), which is published for the task
    const request = await apiAs(w.firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId: w.caseId } },
      body: {
        recipients: [carla.contactId],
        subject: 'Sign the payslips',
        description: 'Please sign and upload them.',
        attachmentDocumentId: documentId,
      },
    });
    expect(request.response.status).toBe(201);
    const signed = pdfBytes('signed by Carla');
    const ticket = await apiAs(carla.token).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId: w.caseId } },
      body: {
        fileName: 'payslips-signed.pdf',
        contentType: PDF,
        size: signed.length,
        fileRequestId: request.data!.requestId,
      },
    });
    expect(ticket.response.status).toBe(201);
    await postToS3(ticket.data!, signed, PDF);
    await settle();
    const v2 = await publish(w, documentId, { recurringTaskId: 'payroll-monthly' });

    // Assess: Dora is told of version 2; Carla, who uploaded it, is not
    expect(v2.response.status).toBe(200);
    expect(v2.data).toMatchObject({ version: 2, alreadyPublished: false });
    expect(v2.data!.contactIds.sort()).toEqual([w.dora.contactId, carla.contactId].sort());
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 2, inApp: 2 });
    expect(await toldSoFar(carla)).toMatchObject({ mails: 0, inApp: 0 });
    expect((await statusOf(w, v2.data!.eventId)).rows).toEqual(rows(w.dora, 'sent'));
  });
});
