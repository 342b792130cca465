// File requests through HTTP on the local stack: the detailed-notifications setting, the mail each
// recipient gets, an update request fulfilled by an upload (new version, request closed, staff told),
// and the refusals: a viewer uploading, a contact not among the recipients, another firm's staff.
import { describe, expect, it } from 'vitest';
import { PDF, pdfBytes, postToS3, upload } from './support/files';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { call, newFirm, settle, type TestFirm } from './support/stack';

async function newCase(firm: TestFirm, title = 'Tax return 2026'): Promise<string> {
  const res = await call('POST', '/cases', { token: firm.staff.token, body: { title } });
  expect(res.status).toBe(201);
  return res.body.caseId;
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
    const defaults = await call('GET', '/settings', { token: firm.admin.token });
    const refused = await call('POST', `/cases/${caseId}/file-requests`, {
      token: firm.staff.token,
      body: request,
    });
    const staffSave = await call('PUT', '/settings', {
      token: firm.staff.token,
      body: { detailedNotifications: true, uploadMaxBytes: 1_000_000 },
    });
    const saved = await call('PUT', '/settings', {
      token: firm.admin.token,
      body: { detailedNotifications: true, uploadMaxBytes: 1_000_000 },
    });
    const created = await call('POST', `/cases/${caseId}/file-requests`, {
      token: firm.staff.token,
      body: request,
    });
    await settle();

    // Assess
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({ detailedNotifications: false });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('detailed_notifications_off');
    expect(staffSave.status).toBe(403);
    expect(staffSave.body.code).toBe('admin_only');
    expect(saved.status).toBe(200);
    expect((await call('GET', '/settings', { token: firm.admin.token })).body).toMatchObject({
      detailedNotifications: true,
      uploadMaxBytes: 1_000_000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
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
    expect(text).toContain(`/cases/${caseId}/file-requests/${created.body.requestId}`);
    expect(mails[0]!.body.html).not.toContain('**');
    const inbox = await call('GET', '/portal/inbox', { token: carla.token });
    expect(inbox.body.items.map((i: { type: string }) => i.type)).toContain('filerequest.created');

    // The new request is also listed for the contact, and by status and contact for staff
    const mine = await call('GET', `/portal/cases/${caseId}/file-requests?status=open`, {
      token: carla.token,
    });
    expect(mine.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([created.body.requestId]);
    const byContact = await call('GET', `/cases/${caseId}/file-requests?contactId=${carla.contactId}`, {
      token: firm.staff2.token,
    });
    expect(byContact.body.items).toHaveLength(1);
  });

  it('an update request: upload → new version of the document, request fulfilled, staff notified', async () => {
    // Prepare: a firm document, a collaborator asked for a signed version of it
    const firm = await newFirm('Versions LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Signer', collaborator);
    const original = await upload(`/cases/${caseId}/uploads`, firm.staff.token, {
      fileName: 'Engagement letter.pdf',
      contentType: PDF,
      bytes: pdfBytes('unsigned'),
    });
    const documentId = original.uploadId;
    const created = await call('POST', `/cases/${caseId}/file-requests`, {
      token: firm.staff2.token,
      body: {
        recipients: [carla.contactId],
        subject: 'Sign the engagement letter',
        description: 'Please sign and upload it.',
        attachmentDocumentId: documentId,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'update',
      document: { documentId, name: 'Engagement letter.pdf' },
    });
    const requestId = created.body.requestId as string;
    await settle();
    const before = {
      owner: (await mailTo(firm.staff.email)).length,
      asker: (await mailTo(firm.staff2.email)).length,
    };

    // Act: the recipient uploads through the upload flow with the request id
    const signed = pdfBytes('signed by Carla');
    const ticket = await call('POST', `/portal/cases/${caseId}/uploads`, {
      token: carla.token,
      body: {
        fileName: 'Signed letter.pdf',
        contentType: PDF,
        size: signed.length,
        fileRequestId: requestId,
      },
    });
    expect(ticket.status).toBe(201);
    await postToS3(ticket.body, signed, PDF);
    await settle();

    // Assess: the same document now has version 2 (current), version 1 kept
    const versions = await call('GET', `/cases/${caseId}/documents/${documentId}/versions`, {
      token: firm.staff.token,
    });
    expect(versions.status).toBe(200);
    expect(versions.body.items).toMatchObject([
      {
        version: 2,
        current: true,
        fileName: 'Signed letter.pdf',
        uploadedBy: { kind: 'contact', id: carla.contactId },
        fileRequestId: requestId,
      },
      { version: 1, current: false, fileName: 'Engagement letter.pdf', uploadedBy: { kind: 'staff' } },
    ]);
    const docs = await call('GET', `/cases/${caseId}/documents`, { token: firm.staff.token });
    expect(docs.body.items).toHaveLength(1);
    expect(docs.body.items[0]).toMatchObject({
      documentId,
      name: 'Engagement letter.pdf',
      version: 2,
      size: signed.length,
    });
    const download = await call('GET', `/cases/${caseId}/documents/${documentId}/download`, {
      token: firm.staff.token,
    });
    expect(new Uint8Array(await (await fetch(download.body.url)).arrayBuffer())).toEqual(signed);
    // The request is fulfilled, with its history
    const closed = await call('GET', `/cases/${caseId}/file-requests/${requestId}`, {
      token: firm.staff.token,
    });
    expect(closed.body).toMatchObject({
      status: 'fulfilled',
      fulfilment: { contactId: carla.contactId, documentId, version: 2 },
      history: [{ status: 'open' }, { status: 'fulfilled', by: { kind: 'contact', id: carla.contactId } }],
    });
    const fulfilledList = await call('GET', `/cases/${caseId}/file-requests?status=fulfilled`, {
      token: firm.staff.token,
    });
    expect(fulfilledList.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([requestId]);
    expect(
      (await call('GET', `/cases/${caseId}/file-requests?status=open`, { token: firm.staff.token })).body
        .items,
    ).toEqual([]);
    // Staff who asked and the case owner (internal recipient) are told, once each
    const askerMails = (await mailTo(firm.staff2.email)).slice(before.asker);
    const ownerMails = (await mailTo(firm.staff.email)).slice(before.owner);
    expect(askerMails.map((m) => m.subject)).toEqual(['File request fulfilled: Sign the engagement letter']);
    expect(ownerMails.map((m) => m.subject)).toEqual(['File request fulfilled: Sign the engagement letter']);
    expect(askerMails[0]!.body.text).toContain('version 2 of Engagement letter.pdf');
    const inbox = await call('GET', '/inbox', { token: firm.staff2.token });
    expect(inbox.body.items.map((i: { type: string }) => i.type)).toEqual(['filerequest.fulfilled']);

    // A second upload for the closed request is refused
    const again = await call('POST', `/portal/cases/${caseId}/uploads`, {
      token: carla.token,
      body: { fileName: 'Again.pdf', contentType: PDF, size: 10, fileRequestId: requestId },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('file_request_not_open');
  });

  it("refuses a viewer uploading, a contact not among the recipients, and another firm's staff", async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const viewer = await portalContact(firm, caseId, 'Vera Viewer');
    const carla = await portalContact(firm, caseId, 'Carla Collab', collaborator);
    const paulo = await portalContact(firm, caseId, 'Paulo Collab', collaborator);
    const other = await newFirm('Other LLP');
    const created = await call('POST', `/cases/${caseId}/file-requests`, {
      token: firm.staff.token,
      body: {
        recipients: [viewer.contactId, carla.contactId],
        subject: 'ID',
        description: 'A copy of your ID.',
      },
    });
    expect(created.status).toBe(201);
    const requestId = created.body.requestId as string;
    const uploadFor = (token: string) =>
      call('POST', `/portal/cases/${caseId}/uploads`, {
        token,
        body: { fileName: 'id.pdf', contentType: PDF, size: 100, fileRequestId: requestId },
      });

    // Act
    const byViewer = await uploadFor(viewer.token);
    const byOutsider = await uploadFor(paulo.token);
    const foreignList = await call('GET', `/cases/${caseId}/file-requests`, { token: other.staff.token });
    const foreignCreate = await call('POST', `/cases/${caseId}/file-requests`, {
      token: other.staff.token,
      body: { recipients: [carla.contactId], subject: 'x', description: 'y' },
    });
    const foreignCancel = await call('POST', `/cases/${caseId}/file-requests/${requestId}/cancel`, {
      token: other.staff.token,
    });
    const notRecipient = await call('POST', `/cases/${caseId}/file-requests`, {
      token: firm.staff.token,
      body: { recipients: [carla.contactId, other.admin.userId], subject: 'x', description: 'y' },
    });
    const staffUpload = await call('POST', `/cases/${caseId}/uploads`, {
      token: firm.staff.token,
      body: { fileName: 'id.pdf', contentType: PDF, size: 100, fileRequestId: requestId },
    });

    // Assess
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.code).toBe('upload_not_allowed');
    expect(byOutsider.status).toBe(403);
    expect(byOutsider.body.code).toBe('not_a_recipient');
    expect(foreignList.status).toBe(404);
    expect(foreignCreate.status).toBe(404);
    expect(foreignCancel.status).toBe(404);
    expect(notRecipient.status).toBe(422);
    expect(notRecipient.body).toMatchObject({
      code: 'recipient_without_access',
      details: { contactIds: [other.admin.userId] },
    });
    expect(staffUpload.status).toBe(422);
    expect(staffUpload.body.code).toBe('file_request_by_recipient');

    // Staff cancel it: open → cancelled, once
    const cancelled = await call('POST', `/cases/${caseId}/file-requests/${requestId}/cancel`, {
      token: firm.staff.token,
    });
    const twice = await call('POST', `/cases/${caseId}/file-requests/${requestId}/cancel`, {
      token: firm.staff.token,
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.history.map((h: { status: string }) => h.status)).toEqual(['open', 'cancelled']);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('file_request_not_open');
    const late = await uploadFor(carla.token);
    expect(late.status).toBe(409);
  });
});
