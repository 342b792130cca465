// Shared documents follow their current version, and attachments reach their readers, on the local
// stack (typed client, real ingest through the local bus, local S3 and SES): a client's upload for an
// update request shows as version 2 in every contact's portal list and downloads the new bytes; a
// discussion's attachment is shared with the contacts it is published to (counters exact, their
// grant's download right respected) and they hear of it once, through the discussion's notice.
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/client';
import { PDF, pdfBytes, replayObjectCreated, upload } from './support/files';
import { mailTo } from './support/mail';
import { type PortalContact, portalContact } from './support/portal';
import { newFirm, settle, type TestFirm } from './support/stack';

const collaborator = { role: 'collaborator', canDownload: true, canUpload: true } as const;
const viewerWithoutDownload = { role: 'viewer', canDownload: false } as const;

async function newCase(firm: TestFirm): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Annual accounts 2026' } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

async function portalDocuments(caseId: string, contact: PortalContact) {
  const res = await apiAs(contact.token).GET('/portal/cases/{caseId}/documents', {
    params: { path: { caseId } },
  });
  expect(res.response.status).toBe(200);
  return res.data!.items;
}

/** The bytes a contact gets through the portal download (or the refusal's status and code). */
async function portalDownload(caseId: string, documentId: string, contact: PortalContact) {
  const res = await apiAs(contact.token).GET('/portal/cases/{caseId}/documents/{documentId}/download', {
    params: { path: { caseId, documentId } },
  });
  if (!res.data) return { status: res.response.status, code: (res.error as { code?: string }).code };
  const file = await fetch(res.data.url);
  return { status: res.response.status, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function sharedCounts(firm: TestFirm, caseId: string) {
  const res = await apiAs(firm.staff.token).GET('/cases/{caseId}/grants', { params: { path: { caseId } } });
  expect(res.response.status).toBe(200);
  return Object.fromEntries(res.data!.items.map((g) => [g.contactId, g.sharedCount]));
}

async function portalInboxTypes(contact: PortalContact) {
  const res = await apiAs(contact.token).GET('/portal/inbox', {});
  expect(res.response.status).toBe(200);
  return res.data!.items.map((i) => i.type);
}

describe('Shared documents follow their current version', () => {
  it("a client's upload for an update request: every contact's portal list shows version 2 with its size, and the download serves the new bytes", async () => {
    // Prepare: a firm document shared (version 1) with Paulo; Carla is asked for a signed version
    const firm = await newFirm('Versions & Co');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Signer', collaborator);
    const paulo = await portalContact(firm, caseId, 'Paulo Reader');
    const unsigned = pdfBytes('unsigned letter');
    const original = await upload(caseId, firm.staff.token, {
      contentType: PDF,
      fileName: 'Engagement letter.pdf',
      bytes: unsigned,
    });
    const documentId = original.uploadId;
    const shared = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId } },
      body: { contactIds: [paulo.contactId] },
    });
    expect(shared.response.status).toBe(200);
    const request = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: {
        recipients: [carla.contactId],
        subject: 'Sign the engagement letter',
        description: 'Please sign and upload it.',
        attachmentDocumentId: documentId,
      },
    });
    expect(request.response.status).toBe(201);
    await settle();

    // The recipient can open the document it is asked to update, without a "new document" notice
    expect(await portalDocuments(caseId, carla)).toMatchObject([{ documentId, version: 1 }]);
    expect(await portalDownload(caseId, documentId, carla)).toEqual({ status: 200, bytes: unsigned });
    expect(await portalInboxTypes(carla)).toEqual(['filerequest.created']);
    expect(await sharedCounts(firm, caseId)).toEqual({ [carla.contactId]: 1, [paulo.contactId]: 1 });

    // Act: Carla uploads the signed letter for the request (ingest records version 2)
    const signed = pdfBytes('signed by Carla, a little longer than the unsigned one');
    const ticket = await upload(
      caseId,
      carla.token,
      {
        contentType: PDF,
        fileName: 'Signed letter.pdf',
        bytes: signed,
        fileRequestId: request.data!.requestId,
      },
      'portal',
    );

    // Assess: both contacts' lists show version 2 with its size; both download the signed bytes
    for (const contact of [carla, paulo]) {
      expect(await portalDocuments(caseId, contact)).toEqual([
        expect.objectContaining({
          documentId,
          name: 'Engagement letter.pdf',
          version: 2,
          size: signed.length,
          uploadedBy: expect.objectContaining({ kind: 'contact', id: carla.contactId }),
        }),
      ]);
      expect(await portalDownload(caseId, documentId, contact)).toEqual({ status: 200, bytes: signed });
    }
    // Counters unchanged: a new version moves shares, it neither adds nor removes one
    expect(await sharedCounts(firm, caseId)).toEqual({ [carla.contactId]: 1, [paulo.contactId]: 1 });
    // The case's share list (staff) holds the same two shares
    const shares = await apiAs(firm.staff.token).GET('/cases/{caseId}/shares', {
      params: { path: { caseId } },
    });
    expect(shares.data!.items.map((s) => s.contactId).sort()).toEqual(
      [carla.contactId, paulo.contactId].sort(),
    );

    // Act: S3 delivers the same event again
    await replayObjectCreated(ticket.key, signed.length);

    // Assess: nothing moved
    expect(await portalDocuments(caseId, paulo)).toMatchObject([
      { documentId, version: 2, size: signed.length },
    ]);
    expect(await sharedCounts(firm, caseId)).toEqual({ [carla.contactId]: 1, [paulo.contactId]: 1 });
  });
});

describe('Discussion attachments reach their readers', () => {
  it('a discussion with an attachment shared with two contacts: both list it, download as their grant allows, counters exact, only the discussion notice is sent', async () => {
    // Prepare: Carla may download, Paulo may not; Nora is not among the discussion's contacts
    const firm = await newFirm('Attach & Co');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Reader', collaborator);
    const paulo = await portalContact(firm, caseId, 'Paulo Viewer', viewerWithoutDownload);
    const nora = await portalContact(firm, caseId, 'Nora Outside');
    const bytes = pdfBytes('year-end checklist');
    const doc = await upload(caseId, firm.staff.token, {
      contentType: PDF,
      fileName: 'Checklist.pdf',
      bytes,
    });
    const documentId = doc.uploadId;
    await settle();
    const mailsBefore = {
      carla: (await mailTo(carla.email)).length,
      paulo: (await mailTo(paulo.email)).length,
      nora: (await mailTo(nora.email)).length,
    };

    // Act: the admin publishes a discussion with the document attached to Carla and Paulo
    const published = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
      params: { path: { caseId } },
      body: {
        subject: 'Year-end questions',
        message: 'Please go through the attached checklist.',
        attachmentDocumentId: documentId,
        shareWith: [carla.contactId, paulo.contactId],
      },
    });
    await settle();

    // Assess: both list the attachment; Carla downloads it, Paulo's grant refuses, Nora sees nothing
    expect(published.response.status).toBe(201);
    expect(published.data).toMatchObject({ attachment: { documentId, name: 'Checklist.pdf' } });
    for (const contact of [carla, paulo])
      expect(await portalDocuments(caseId, contact)).toMatchObject([
        { documentId, name: 'Checklist.pdf', version: 1, size: bytes.length },
      ]);
    expect(await portalDownload(caseId, documentId, carla)).toEqual({ status: 200, bytes });
    expect(await portalDownload(caseId, documentId, paulo)).toEqual({
      status: 403,
      code: 'download_not_allowed',
    });
    expect(await portalDocuments(caseId, nora)).toEqual([]);
    expect(await portalDownload(caseId, documentId, nora)).toMatchObject({ status: 404 });
    expect(await sharedCounts(firm, caseId)).toEqual({
      [carla.contactId]: 1,
      [paulo.contactId]: 1,
      [nora.contactId]: 0,
    });
    // Each of the two is told once, by the discussion's notice; no "new document" mail or in-app item
    for (const [contact, before] of [
      [carla, mailsBefore.carla],
      [paulo, mailsBefore.paulo],
    ] as const) {
      const mails = (await mailTo(contact.email)).slice(before);
      expect(mails.map((m) => m.subject)).toEqual(['New discussion: Year-end questions']);
      expect(mails[0]!.body.text).toContain('Attached: Checklist.pdf');
      expect(await portalInboxTypes(contact)).toEqual(['discussion.published']);
    }
    expect(await mailTo(nora.email)).toHaveLength(mailsBefore.nora);

    // Act: a second discussion with the same attachment, to every contact
    const second = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
      params: { path: { caseId } },
      body: {
        subject: 'Follow-up',
        message: 'Same checklist, for everyone.',
        attachmentDocumentId: documentId,
        shareWith: 'all',
      },
    });
    await settle();

    // Assess: only Nora gets a share; the others are not counted twice
    expect(second.response.status).toBe(201);
    expect(await sharedCounts(firm, caseId)).toEqual({
      [carla.contactId]: 1,
      [paulo.contactId]: 1,
      [nora.contactId]: 1,
    });
    expect(await portalDocuments(caseId, nora)).toMatchObject([{ documentId }]);
    expect((await mailTo(nora.email)).slice(mailsBefore.nora).map((m) => m.subject)).toEqual([
      'New discussion: Follow-up',
    ]);
  });
});
