// The two document paths on the local stack (ONVIO options 1 and 2): staff share in the portal, or an
// integration publishes for a recurring task; the firm's path choice and the notify-client flags (case
// and recurring task) decide who is told, delivery status explains every notice not given, and a
// contact is told of one document version once per channel whatever the paths and events. Emails are
// counted in the local SES, in-app items in the contact's portal inbox.
import { describe, expect, it } from 'vitest';
import { NOTIFYING_EVENT_TYPES } from '../../functions/domain/notification-matrix';
import { patterns } from '../../functions/store/keys';
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
  const created = await call('POST', '/cases', {
    token: firm.admin.token,
    body: { title: 'Payroll 2026', ownerId: firm.staff.userId },
  });
  expect(created.status).toBe(201);
  const caseId = created.body.caseId as string;
  return { firm, caseId, dora: await portalContact(firm, caseId, 'Dora Viewer') };
}

/** The firm's document path, saved with the whole matrix (every cell on). */
async function choosePath(firm: TestFirm, documentPath: 'portal' | 'process') {
  const saved = await call('PUT', '/settings/notifications', {
    token: firm.admin.token,
    body: {
      matrix: Object.fromEntries(
        NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]),
      ),
      mandatory: [],
      documentPath,
    },
  });
  expect(saved.status).toBe(200);
  expect(saved.body.documentPath).toBe(documentPath);
}

async function saveTask(
  firm: TestFirm,
  recurringTaskId: string,
  notifyClient: boolean,
  name = 'Monthly payroll',
) {
  const saved = await call('PUT', `/recurring-tasks/${recurringTaskId}`, {
    token: firm.admin.token,
    body: { name, notifyClient },
  });
  expect(saved.status).toBe(200);
}

async function setCaseFlag(w: World, notifyClient: boolean) {
  const saved = await call('PUT', `/cases/${w.caseId}/notify-client`, {
    token: w.firm.admin.token,
    body: { notifyClient },
  });
  expect(saved.status).toBe(200);
}

async function staffDocument(w: World, fileName: string): Promise<string> {
  const ticket = await upload(`/cases/${w.caseId}/uploads`, w.firm.staff.token, {
    fileName,
    contentType: PDF,
    bytes: pdfBytes(fileName),
  });
  return ticket.uploadId;
}

async function share(w: World, documentId: string, contactIds: string[]) {
  const res = await call('PUT', `/cases/${w.caseId}/documents/${documentId}/shares`, {
    token: w.firm.staff.token,
    body: { contactIds },
  });
  expect(res.status).toBe(200);
  await settle();
  return res.body;
}

async function publish(
  w: World,
  documentId: string,
  body: { recurringTaskId: string; contactIds?: string[] },
) {
  const res = await call('POST', `/cases/${w.caseId}/documents/${documentId}/publish`, {
    token: w.firm.staff.token,
    body,
  });
  await settle();
  return res;
}

/** The client's "new document" mails and in-app items so far. */
async function toldSoFar(c: PortalContact) {
  const mails = (await mailTo(c.email)).filter((m) => m.subject.startsWith('New document from'));
  const inbox = await call('GET', '/portal/inbox', { token: c.token });
  expect(inbox.status).toBe(200);
  const items = (inbox.body.items as { type: string; title: string; eventId: string }[]).filter((i) =>
    i.type.startsWith('document.'),
  );
  return { mails: mails.length, inApp: items.length, subjects: mails.map((m) => m.subject), items };
}

const activityOf = async (w: World, type: string) =>
  (await partition(patterns.activityOfCase(w.firm.firmId, w.caseId).pk))
    .filter((i) => i.entity === 'activity' && i.type === type)
    .map((i) => i as { eventId: string; detail: Record<string, unknown> })
    .sort((a, b) => a.eventId.localeCompare(b.eventId));

/** The delivery status of one event: `<recipient id> <channel> <status>[:<reason>]`, and the details. */
async function statusOf(w: World, eventId: string) {
  const res = await call('GET', `/deliveries/${eventId}`, { token: w.firm.staff.token });
  expect(res.status).toBe(200);
  const items = res.body.items as {
    recipient: { id: string };
    channel: string;
    status: string;
    reason?: string;
    detail?: string;
  }[];
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
    const created = await call('PUT', '/recurring-tasks/payroll.monthly', {
      token: firm.admin.token,
      body: { name: 'Monthly payroll', notifyClient: true },
    });
    const replaced = await call('PUT', '/recurring-tasks/payroll.monthly', {
      token: firm.admin.token,
      body: { name: 'Payroll (monthly)', notifyClient: false },
    });
    await saveTask(firm, 'vat-quarterly', true, 'Quarterly VAT');
    const read = await call('GET', '/recurring-tasks/payroll.monthly', { token: firm.staff.token });
    const page1 = await call('GET', '/recurring-tasks?limit=1', { token: firm.staff.token });
    const page2 = await call(
      'GET',
      `/recurring-tasks?limit=1&nextToken=${encodeURIComponent(page1.body.nextToken)}`,
      { token: firm.staff.token },
    );
    const byStaff = await call('PUT', '/recurring-tasks/payroll.monthly', {
      token: firm.staff.token,
      body: { name: 'Hijack', notifyClient: true },
    });
    const badId = await call('PUT', '/recurring-tasks/has%20space', {
      token: firm.admin.token,
      body: { name: 'Bad', notifyClient: true },
    });
    const badBody = await call('PUT', '/recurring-tasks/ok-id', {
      token: firm.admin.token,
      body: { name: '', notifyClient: 'yes' },
    });
    const unknown = await call('GET', '/recurring-tasks/never-saved', { token: firm.staff.token });
    const foreign = await call('GET', '/recurring-tasks/payroll.monthly', { token: other.staff.token });
    const foreignList = await call('GET', '/recurring-tasks', { token: other.staff.token });

    // Assess
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      recurringTaskId: 'payroll.monthly',
      name: 'Monthly payroll',
      notifyClient: true,
      updatedBy: firm.admin.userId,
    });
    expect(replaced.body).toMatchObject({ name: 'Payroll (monthly)', notifyClient: false });
    expect(replaced.body.createdAt).toBe(created.body.createdAt);
    expect(read.body).toEqual(replaced.body);
    expect(
      [...page1.body.items, ...page2.body.items].map((t: { recurringTaskId: string }) => t.recurringTaskId),
    ).toEqual(['payroll.monthly', 'vat-quarterly']);
    expect(byStaff.status).toBe(403);
    expect(badId.status).toBe(400);
    expect(badBody.status).toBe(400);
    expect(badBody.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body.name',
      'body.notifyClient',
    ]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('recurring_task_not_found');
    expect(foreign.status).toBe(404);
    expect(foreignList.body.items).toEqual([]);
    expect(
      (await call('GET', '/recurring-tasks/payroll.monthly', { token: firm.staff.token })).body.name,
    ).toBe('Payroll (monthly)');
  });

  it("an admin sets a case's notify-client flag (default on), shown on the case; staff and other firms cannot", async () => {
    // Prepare
    const w = await world('Flags LLP');
    const other = await newFirm('Other LLP');
    const before = await call('GET', `/cases/${w.caseId}`, { token: w.firm.staff.token });

    // Act
    const off = await call('PUT', `/cases/${w.caseId}/notify-client`, {
      token: w.firm.admin.token,
      body: { notifyClient: false },
    });
    const byStaff = await call('PUT', `/cases/${w.caseId}/notify-client`, {
      token: w.firm.staff.token,
      body: { notifyClient: true },
    });
    const foreign = await call('PUT', `/cases/${w.caseId}/notify-client`, {
      token: other.admin.token,
      body: { notifyClient: true },
    });
    const unknown = await call('PUT', `/cases/${newId()}/notify-client`, {
      token: w.firm.admin.token,
      body: { notifyClient: true },
    });
    const after = await call('GET', `/cases/${w.caseId}`, { token: w.firm.staff.token });

    // Assess
    expect(before.body.notifyClient).toBe(true);
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({
      caseId: w.caseId,
      notifyClient: false,
      notifyClientChangedBy: w.firm.admin.userId,
    });
    expect(byStaff.status).toBe(403);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('case_not_found');
    expect(unknown.status).toBe(404);
    expect(after.body).toMatchObject({
      notifyClient: false,
      notifyClientChangedAt: off.body.notifyClientChangedAt,
    });
  });
});

describe('Route: POST /cases/{caseId}/documents/{documentId}/publish', () => {
  it('shares the document with every contact with access, once per version × recurring task; a repeat answers with the first publication', async () => {
    // Prepare: Dora accepted her invitation, Ivan is only invited; the firm notifies by the portal path
    const w = await world('Publish LLP');
    const ivan = await call('POST', '/contacts', {
      token: w.firm.admin.token,
      body: { name: 'Ivan Invited', email: `ivan.${newId().toLowerCase()}@client.test` },
    });
    const ivanId = ivan.body.contactId as string;
    expect(
      (
        await call('PUT', `/cases/${w.caseId}/grants/${ivanId}`, {
          token: w.firm.admin.token,
          body: { role: 'viewer', canDownload: true },
        })
      ).status,
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
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      caseId: w.caseId,
      documentId,
      name: 'payslips-march.pdf',
      version: 1,
      recurringTaskId: 'payroll-monthly',
      newlyShared: [ivanId],
      publishedBy: { kind: 'staff', id: w.firm.staff.userId },
      alreadyPublished: false,
    });
    expect([...first.body.contactIds].sort()).toEqual([w.dora.contactId, ivanId].sort());
    expect(repeat.status).toBe(200);
    expect(repeat.body).toEqual({ ...first.body, alreadyPublished: true });
    expect(beyond.status).toBe(409);
    expect(beyond.body.code).toBe('already_published');

    // Assess: one event; both contacts see the document; each grant counts it once
    const events = await activityOf(w, 'document.published');
    expect(events.map((e) => e.eventId)).toEqual([first.body.eventId]);
    expect(events[0]!.detail).toMatchObject({ documentId, version: 1, recurringTaskId: 'payroll-monthly' });
    const shares = await call('GET', `/cases/${w.caseId}/shares`, { token: w.firm.staff.token });
    expect(shares.body.items.map((s: { contactId: string }) => s.contactId).sort()).toEqual(
      [w.dora.contactId, ivanId].sort(),
    );
    const grants = await call('GET', `/cases/${w.caseId}/grants`, { token: w.firm.staff.token });
    const counts = Object.fromEntries(
      grants.body.items.map((g: { contactId: string; sharedCount: number }) => [g.contactId, g.sharedCount]),
    );
    expect(counts[w.dora.contactId]).toBe(1);
    expect(counts[ivanId]).toBe(1);
  });

  it('refuses an unknown recurring task, a contact without access and another firm’s case, writing nothing', async () => {
    // Prepare
    const w = await world('Refusals LLP');
    const other = await newFirm('Other LLP');
    await saveTask(w.firm, 'payroll-monthly', true);
    const documentId = await staffDocument(w, 'payslips.pdf');
    const stranger = await call('POST', '/contacts', {
      token: w.firm.admin.token,
      body: { name: 'No Access', email: `stranger.${newId().toLowerCase()}@client.test` },
    });
    await settle();
    const casePartition = patterns.activityOfCase(w.firm.firmId, w.caseId).pk;
    const before = (await partition(casePartition)).length;

    // Act
    const unknownTask = await publish(w, documentId, { recurringTaskId: 'never-saved' });
    const noAccess = await publish(w, documentId, {
      recurringTaskId: 'payroll-monthly',
      contactIds: [stranger.body.contactId],
    });
    const foreign = await call('POST', `/cases/${w.caseId}/documents/${documentId}/publish`, {
      token: other.staff.token,
      body: { recurringTaskId: 'payroll-monthly' },
    });
    const badTask = await publish(w, documentId, { recurringTaskId: 'no/slashes' });
    const unknownDoc = await publish(w, newId(), { recurringTaskId: 'payroll-monthly' });

    // Assess
    expect(unknownTask.status).toBe(422);
    expect(unknownTask.body.code).toBe('recurring_task_unknown');
    expect(noAccess.status).toBe(422);
    expect(noAccess.body.code).toBe('contact_without_access');
    expect(noAccess.body.details).toEqual({ contactIds: [stranger.body.contactId] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('case_not_found');
    expect(badTask.status).toBe(400);
    expect(unknownDoc.status).toBe(404);
    expect(unknownDoc.body.code).toBe('document_not_found');
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
    expect(published.status).toBe(200);
    expect(published.body.newlyShared.sort()).toEqual([w.dora.contactId, eve.contactId].sort());
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    expect(await toldSoFar(eve)).toMatchObject({ mails: 0, inApp: 0 });
    const status = await statusOf(w, published.body.eventId);
    expect(status.rows).toEqual(
      [...rows(w.dora, 'suppressed:policy'), ...rows(eve, 'suppressed:policy')].sort(),
    );
    expect(status.details).toEqual([
      'The firm notifies clients of documents through the portal path; this document was published by a process integration (recurring task "Monthly payroll" (payroll-monthly)).',
    ]);
    const portalDocs = await call('GET', `/portal/cases/${w.caseId}/documents`, { token: eve.token });
    expect(portalDocs.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([processed]);
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
    expect((await statusOf(w, told.body.eventId)).rows).toEqual(rows(w.dora, 'sent'));

    // Act & Assess: case on, task off → silence, explained
    const taskOff = await publish(w, onOff, { recurringTaskId: 'vat-quarterly' });
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    const taskOffStatus = await statusOf(w, taskOff.body.eventId);
    expect(taskOffStatus.rows).toEqual(rows(w.dora, 'suppressed:policy'));
    expect(taskOffStatus.details).toEqual([
      'Notify client is off for the recurring task "Quarterly VAT" (vat-quarterly).',
    ]);

    // Act & Assess: case off, task on → silence, explained
    await setCaseFlag(w, false);
    const caseOff = await publish(w, offOn, { recurringTaskId: 'payroll-monthly' });
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 1, inApp: 1 });
    const caseOffStatus = await statusOf(w, caseOff.body.eventId);
    expect(caseOffStatus.rows).toEqual(rows(w.dora, 'suppressed:policy'));
    expect(caseOffStatus.details).toEqual(['Notify client is off for the case "Payroll 2026".']);

    // The case's delivery list holds every one of them, with their reasons
    const byCase = await call('GET', `/cases/${w.caseId}/deliveries`, { token: w.firm.staff.token });
    expect(byCase.body.items.filter((d: { status: string }) => d.status === 'suppressed')).toHaveLength(6);
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
    expect(again.body).toMatchObject({ alreadyPublished: true, eventId: published.body.eventId });
    expect((await activityOf(w, 'document.published')).map((e) => e.eventId)).toEqual([
      published.body.eventId,
      otherTask.body.eventId,
    ]);
    expect((await statusOf(w, published.body.eventId)).rows).toEqual(rows(w.dora, 'suppressed:dedupe'));
    expect((await statusOf(w, otherTask.body.eventId)).rows).toEqual(rows(w.dora, 'suppressed:dedupe'));

    // Act: Carla uploads version 2 (an update request), which is published for the task
    const request = await call('POST', `/cases/${w.caseId}/file-requests`, {
      token: w.firm.staff.token,
      body: {
        recipients: [carla.contactId],
        subject: 'Sign the payslips',
        description: 'Please sign and upload them.',
        attachmentDocumentId: documentId,
      },
    });
    expect(request.status).toBe(201);
    const signed = pdfBytes('signed by Carla');
    const ticket = await call('POST', `/portal/cases/${w.caseId}/uploads`, {
      token: carla.token,
      body: {
        fileName: 'payslips-signed.pdf',
        contentType: PDF,
        size: signed.length,
        fileRequestId: request.body.requestId,
      },
    });
    expect(ticket.status).toBe(201);
    await postToS3(ticket.body, signed, PDF);
    await settle();
    const v2 = await publish(w, documentId, { recurringTaskId: 'payroll-monthly' });

    // Assess: Dora is told of version 2; Carla, who uploaded it, is not
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ version: 2, alreadyPublished: false });
    expect(v2.body.contactIds.sort()).toEqual([w.dora.contactId, carla.contactId].sort());
    expect(await toldSoFar(w.dora)).toMatchObject({ mails: 2, inApp: 2 });
    expect(await toldSoFar(carla)).toMatchObject({ mails: 0, inApp: 0 });
    expect((await statusOf(w, v2.body.eventId)).rows).toEqual(rows(w.dora, 'sent'));
  });
});
