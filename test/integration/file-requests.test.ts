// File requests through HTTP on the local stack: the detailed-notifications setting, the mail each
// recipient gets, an update request fulfilled by an upload (new version, request closed, staff told),
// and the refusals: a viewer uploading, a contact not among the recipients, another firm's staff.
import { describe, expect, it } from 'vitest';
import { apiAs, problem } from './support/client';
import { PDF, pdfBytes, postToS3, upload } from './support/files';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { newFirm, settle, type TestFirm } from './support/stack';

async function newCase(firm: TestFirm, title = 'Tax return 2026'): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

const collaborator = { role: 'collaborator', canDownload: true, canUpload: true } as const;

describe('Routes: file requests', () => {
  it('accepts an additional message only with detailed notifications on, and mails one flat paragraph', async () => {
    // Prepare
    const firm = await newFirm('Requests LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Collab', collaborator);
    const request = {
      recipients: [carla.contactId],
      subject: 'Bank statements',
      description: 'Please send the **bank statements**\nfor March.',
      additionalMessage: 'Thanks in advance.',
      dueDate: '2099-01-31',
    };

    // Act: the setting is off by default
    const defaults = await apiAs(firm.admin.token).GET('/settings');
    const refused = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: request,
    });
    const staffSave = await apiAs(firm.staff.token).PUT('/settings', {
      body: { detailedNotifications: true, uploadMaxBytes: 1_000_000 },
    });
    const saved = await apiAs(firm.admin.token).PUT('/settings', {
      body: { detailedNotifications: true, uploadMaxBytes: 1_000_000 },
    });
    const created = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: request,
    });
    await settle();

    // Assess
    expect(defaults.response.status).toBe(200);
    expect(defaults.data).toMatchObject({ detailedNotifications: false });
    expect(refused.response.status).toBe(422);
    expect(problem(refused).code).toBe('detailed_notifications_off');
    expect(staffSave.response.status).toBe(403);
    expect(problem(staffSave).code).toBe('admin_only');
    expect(saved.response.status).toBe(200);
    expect((await apiAs(firm.admin.token).GET('/settings')).data).toMatchObject({
      detailedNotifications: true,
      uploadMaxBytes: 1_000_000,
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      kind: 'new',
      status: 'open',
      description: 'Please send the **bank statements**\nfor March.',
      recipients: [{ contactId: carla.contactId, name: 'Carla Collab' }],
      history: [{ status: 'open', by: { kind: 'staff', id: firm.staff.userId } }],
    });
    const mails = (await mailTo(carla.email)).filter((m) => m.subject === 'File request: Bank statements');
    expect(mails).toHaveLength(1);
    const text = mails[0]!.body.text!;
    // Formatting and line breaks flattened; description and additional message in one paragraph
    expect(text).toContain('\nPlease send the bank statements for March. Thanks in advance.\n');
    expect(text).toContain('Due date: 2099-01-31');
    expect(text).toContain(`/cases/${caseId}/file-requests/${created.data!.requestId}`);
    expect(mails[0]!.body.html).not.toContain('**');
    const inbox = await apiAs(carla.token).GET('/portal/inbox');
    expect(inbox.data!.items.map((i) => i.type)).toContain('filerequest.created');

    // The new request is also listed for the contact, and by status and contact for staff
    const mine = await apiAs(carla.token).GET('/portal/cases/{caseId}/file-requests', {
      params: { path: { caseId }, query: { status: 'open' } },
    });
    expect(mine.data!.items.map((r) => r.requestId)).toEqual([created.data!.requestId]);
    const byContact = await apiAs(firm.staff2.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId }, query: { contactId: carla.contactId } },
    });
    expect(byContact.data!.items).toHaveLength(1);
  });

  it('an update request: upload → new version of the document, request fulfilled, staff notified', async () => {
    // Prepare: a firm document, a collaborator asked for a signed version of it
    const firm = await newFirm('Versions LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Signer', collaborator);
    const original = await upload(caseId, firm.staff.token, {
      fileName: 'Engagement letter.pdf',
      contentType: PDF,
      bytes: pdfBytes('unsigned'),
    });
    const documentId = original.uploadId;
    const created = await apiAs(firm.staff2.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: {
        recipients: [carla.contactId],
        subject: 'Sign the engagement letter',
        description: 'Please sign and upload it.',
        attachmentDocumentId: documentId,
      },
    });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      kind: 'update',
      document: { documentId, name: 'Engagement letter.pdf' },
    });
    const requestId = created.data!.requestId;
    await settle();
    const before = {
      owner: (await mailTo(firm.staff.email)).length,
      asker: (await mailTo(firm.staff2.email)).length,
    };

    // Act: the recipient uploads through the upload flow with the request id
    const signed = pdfBytes('signed by Carla');
    const ticket = await apiAs(carla.token).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: {
        fileName: 'Signed letter.pdf',
        contentType: PDF,
        size: signed.length,
        fileRequestId: requestId,
      },
    });
    expect(ticket.response.status).toBe(201);
    await postToS3(ticket.data!, signed, PDF);
    await settle();

    // Assess: the same document now has version 2 (current), version 1 kept
    const versions = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents/{documentId}/versions', {
      params: { path: { caseId, documentId } },
    });
    expect(versions.response.status).toBe(200);
    expect(versions.data!.items).toMatchObject([
      {
        version: 2,
        current: true,
        fileName: 'Signed letter.pdf',
        uploadedBy: { kind: 'contact', id: carla.contactId },
        fileRequestId: requestId,
      },
      { version: 1, current: false, fileName: 'Engagement letter.pdf', uploadedBy: { kind: 'staff' } },
    ]);
    const docs = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(docs.data!.items).toHaveLength(1);
    expect(docs.data!.items[0]).toMatchObject({
      documentId,
      name: 'Engagement letter.pdf',
      version: 2,
      size: signed.length,
    });
    const download = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId, documentId } },
    });
    expect(new Uint8Array(await (await fetch(download.data!.url)).arrayBuffer())).toEqual(signed);
    // The request is fulfilled, with its history
    const closed = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests/{requestId}', {
      params: { path: { caseId, requestId } },
    });
    expect(closed.data).toMatchObject({
      status: 'fulfilled',
      fulfilment: { contactId: carla.contactId, documentId, version: 2 },
      history: [{ status: 'open' }, { status: 'fulfilled', by: { kind: 'contact', id: carla.contactId } }],
    });
    const fulfilledList = await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId }, query: { status: 'fulfilled' } },
    });
    expect(fulfilledList.data!.items.map((r) => r.requestId)).toEqual([requestId]);
    expect(
      (
        await apiAs(firm.staff.token).GET('/cases/{caseId}/file-requests', {
          params: { path: { caseId }, query: { status: 'open' } },
        })
      ).data!.items,
    ).toEqual([]);
    // Staff who asked and the case owner (internal recipient) are told, once each
    const askerMails = (await mailTo(firm.staff2.email)).slice(before.asker);
    const ownerMails = (await mailTo(firm.staff.email)).slice(before.owner);
    expect(askerMails.map((m) => m.subject)).toEqual(['File request fulfilled: Sign the engagement letter']);
    expect(ownerMails.map((m) => m.subject)).toEqual(['File request fulfilled: Sign the engagement letter']);
    expect(askerMails[0]!.body.text).toContain('version 2 of Engagement letter.pdf');
    const inbox = await apiAs(firm.staff2.token).GET('/inbox');
    expect(inbox.data!.items.map((i) => i.type)).toEqual(['filerequest.fulfilled']);

    // A second upload for the closed request is refused
    const again = await apiAs(carla.token).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'Again.pdf', contentType: PDF, size: 10, fileRequestId: requestId },
    });
    expect(again.response.status).toBe(409);
    expect(problem(again).code).toBe('file_request_not_open');
  });

  it("refuses a viewer uploading, a contact not among the recipients, and another firm's staff", async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const viewer = await portalContact(firm, caseId, 'Vera Viewer');
    const carla = await portalContact(firm, caseId, 'Carla Collab', collaborator);
    const paulo = await portalContact(firm, caseId, 'Paulo Collab', collaborator);
    const other = await newFirm('Other LLP');
    const created = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: {
        recipients: [viewer.contactId, carla.contactId],
        subject: 'ID',
        description: 'A copy of your ID.',
      },
    });
    expect(created.response.status).toBe(201);
    const requestId = created.data!.requestId;
    const uploadFor = (token: string) =>
      apiAs(token).POST('/portal/cases/{caseId}/uploads', {
        params: { path: { caseId } },
        body: { fileName: 'id.pdf', contentType: PDF, size: 100, fileRequestId: requestId },
      });

    // Act
    const byViewer = await uploadFor(viewer.token);
    const byOutsider = await uploadFor(paulo.token);
    const foreignList = await apiAs(other.staff.token).GET('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
    });
    const foreignCreate = await apiAs(other.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: { recipients: [carla.contactId], subject: 'x', description: 'y' },
    });
    const foreignCancel = await apiAs(other.staff.token).POST(
      '/cases/{caseId}/file-requests/{requestId}/cancel',
      { params: { path: { caseId, requestId } } },
    );
    const notRecipient = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: { recipients: [carla.contactId, other.admin.userId], subject: 'x', description: 'y' },
    });
    const staffUpload = await apiAs(firm.staff.token).POST('/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'id.pdf', contentType: PDF, size: 100, fileRequestId: requestId },
    });

    // Assess
    expect(byViewer.response.status).toBe(403);
    expect(problem(byViewer).code).toBe('upload_not_allowed');
    expect(byOutsider.response.status).toBe(403);
    expect(problem(byOutsider).code).toBe('not_a_recipient');
    expect(foreignList.response.status).toBe(404);
    expect(foreignCreate.response.status).toBe(404);
    expect(foreignCancel.response.status).toBe(404);
    expect(notRecipient.response.status).toBe(422);
    expect(notRecipient.error).toMatchObject({
      code: 'recipient_without_access',
      details: { contactIds: [other.admin.userId] },
    });
    expect(staffUpload.response.status).toBe(422);
    expect(problem(staffUpload).code).toBe('file_request_by_recipient');

    // Staff cancel it: open → cancelled, once
    const cancelled = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests/{requestId}/cancel', {
      params: { path: { caseId, requestId } },
    });
    const twice = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests/{requestId}/cancel', {
      params: { path: { caseId, requestId } },
    });
    expect(cancelled.response.status).toBe(200);
    expect(cancelled.data!.history.map((h) => h.status)).toEqual(['open', 'cancelled']);
    expect(twice.response.status).toBe(409);
    expect(problem(twice).code).toBe('file_request_not_open');
    const late = await uploadFor(carla.token);
    expect(late.response.status).toBe(409);
  });
});
