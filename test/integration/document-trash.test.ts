// Documents after upload, through the typed client: rename (staff and portal lists show the new
// name), the trash (gone from the portal at once, listed in the staff trash), restore (shares back),
// and the purge run under a fake clock (POST /local/reminders/run with `now`): objects of every
// version and the document's items removed once, a second run finds nothing, a restored one stays.

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { TRASH_DAYS } from '../../functions/domain/document-trash';
import { activityOfCasePattern, grantKey } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { objectExists, PDF, pdfBytes, postToS3, upload } from './support/files';
import { portalContact } from './support/portal';
import { call, newFirm, partition, settle, type TestFirm, table } from './support/stack';

async function sharedDocument(firmName: string, fileName = 'Engagement letter.pdf') {
  const firm = await newFirm(firmName);
  const staff = apiAs(firm.staff.token);
  const created = await staff.POST('/cases', { body: { title: 'Annual accounts' } });
  expect(created.response.status).toBe(201);
  const caseId = created.data!.caseId;
  const contact = await portalContact(firm, caseId, 'Carla Client', {
    role: 'collaborator',
    canDownload: true,
    canUpload: true,
  });
  const ticket = await upload(caseId, firm.staff.token, {
    fileName,
    contentType: PDF,
    bytes: pdfBytes(fileName),
  });
  const documentId = ticket.uploadId;
  const shared = await staff.PUT('/cases/{caseId}/documents/{documentId}/shares', {
    params: { path: { caseId, documentId } },
    body: { contactIds: [contact.contactId] },
  });
  expect(shared.response.status).toBe(200);
  return { firm, staff, caseId, contact, documentId, key: ticket.key, portal: apiAs(contact.token) };
}

/** Asks the contact for a new version of the document (a file request with it attached). */
const updateRequest = (s: Awaited<ReturnType<typeof sharedDocument>>) =>
  s.staff.POST('/cases/{caseId}/file-requests', {
    params: { path: { caseId: s.caseId } },
    body: {
      recipients: [s.contact.contactId],
      subject: 'Sign the letter',
      description: 'Please sign it.',
      attachmentDocumentId: s.documentId,
    },
  });

const doc = (caseId: string, documentId: string) => ({ params: { path: { caseId, documentId } } });
const ofCase = (caseId: string) => ({ params: { path: { caseId }, query: {} } });

const activityOf = async (firm: TestFirm, caseId: string, type: string) =>
  (await partition(activityOfCasePattern(firm.firmId, caseId).pk)).filter(
    (i) => i.entity === 'activity' && i.type === type,
  );

const grantCount = async (firm: TestFirm, caseId: string, contactId: string) =>
  (
    await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: grantKey(firm.firmId, caseId, contactId),
        ConsistentRead: true,
      }),
    )
  ).Item?.sharedCount as number;

/** Runs the scheduled run (reminders, then the trash purge) as if it were `at`. */
async function runAt(at: Date) {
  const res = await call('POST', '/local/reminders/run', { body: { now: at.toISOString() } });
  expect(res.status).toBe(200);
  await settle();
  return (res.body as { purge: { purged: number; failures: unknown[] } }).purge;
}

const afterTrashDays = () => new Date(Date.now() + (TRASH_DAYS + 1) * 24 * 3600 * 1000);

describe('Routes: document rename', () => {
  it('renames under the display-name rule: staff and portal lists show the new name, the object key stays, one event', async () => {
    // Prepare
    const s = await sharedDocument('Rename LLP');
    // Act
    const renamed = await s.staff.PATCH('/cases/{caseId}/documents/{documentId}', {
      ...doc(s.caseId, s.documentId),
      body: { name: 'Signed\u202E letter/2026.pdf' },
    });
    const again = await s.staff.PATCH('/cases/{caseId}/documents/{documentId}', {
      ...doc(s.caseId, s.documentId),
      body: { name: 'Signed letter_2026.pdf' },
    });
    // Assess
    expect(renamed.response.status).toBe(200);
    expect(renamed.data!.name).toBe('Signed letter_2026.pdf');
    expect(again.data).toEqual(renamed.data);
    const staffList = await s.staff.GET('/cases/{caseId}/documents', ofCase(s.caseId));
    expect(staffList.data!.items.map((d) => d.name)).toEqual(['Signed letter_2026.pdf']);
    const portalList = await s.portal.GET('/portal/cases/{caseId}/documents', ofCase(s.caseId));
    expect(portalList.data!.items.map((d) => d.name)).toEqual(['Signed letter_2026.pdf']);
    const shares = await s.staff.GET('/cases/{caseId}/shares', {
      params: { path: { caseId: s.caseId }, query: { q: 'letter_2026' } },
    });
    expect(shares.data!.items).toHaveLength(1);
    expect(await objectExists(s.key)).toBe(true);
    expect(await activityOf(s.firm, s.caseId, 'document.renamed')).toHaveLength(1);
  });

  it('answers 404 for an unknown document and 400 for an empty name, writing nothing', async () => {
    const s = await sharedDocument('Rename Errors LLP');
    const unknown = await s.staff.PATCH('/cases/{caseId}/documents/{documentId}', {
      ...doc(s.caseId, '01J00000000000000000000000'),
      body: { name: 'x.pdf' },
    });
    expect(unknown.response.status).toBe(404);
    const empty = await s.staff.PATCH('/cases/{caseId}/documents/{documentId}', {
      ...doc(s.caseId, s.documentId),
      body: { name: '   ' },
    });
    expect(empty.response.status).toBe(400);
    expect(await activityOf(s.firm, s.caseId, 'document.renamed')).toHaveLength(0);
  });
});

describe('Routes: document trash and restore', () => {
  it('a trashed document is gone from the portal at once (list, download 404), listed in the staff trash, refused for sharing; a retry answers the same', async () => {
    // Prepare
    const s = await sharedDocument('Trash LLP');
    expect(await grantCount(s.firm, s.caseId, s.contact.contactId)).toBe(1);
    // Act
    const trashed = await s.staff.DELETE(
      '/cases/{caseId}/documents/{documentId}',
      doc(s.caseId, s.documentId),
    );
    const retried = await s.staff.DELETE(
      '/cases/{caseId}/documents/{documentId}',
      doc(s.caseId, s.documentId),
    );
    // Assess
    expect(trashed.response.status).toBe(200);
    expect(retried.data).toEqual(trashed.data);
    const purgeAt = Date.parse(trashed.data!.purgeAt) - Date.parse(trashed.data!.deletedAt);
    expect(purgeAt).toBe(TRASH_DAYS * 24 * 3600 * 1000);
    const portalList = await s.portal.GET('/portal/cases/{caseId}/documents', ofCase(s.caseId));
    expect(portalList.data!.items).toEqual([]);
    const download = await s.portal.GET(
      '/portal/cases/{caseId}/documents/{documentId}/download',
      doc(s.caseId, s.documentId),
    );
    expect(download.response.status).toBe(404);
    const staffList = await s.staff.GET('/cases/{caseId}/documents', ofCase(s.caseId));
    expect(staffList.data!.items).toEqual([]);
    const shares = await s.staff.GET('/cases/{caseId}/shares', ofCase(s.caseId));
    expect(shares.data!.items).toEqual([]);
    const trash = await s.staff.GET('/cases/{caseId}/trash', ofCase(s.caseId));
    expect(trash.data!.items.map((d) => [d.documentId, d.deletedAt, d.purgeAt])).toEqual([
      [s.documentId, trashed.data!.deletedAt, trashed.data!.purgeAt],
    ]);
    expect(await grantCount(s.firm, s.caseId, s.contact.contactId)).toBe(0);
    expect(await activityOf(s.firm, s.caseId, 'document.trashed')).toHaveLength(1);
    const share = await s.staff.PUT('/cases/{caseId}/documents/{documentId}/shares', {
      ...doc(s.caseId, s.documentId),
      body: { contactIds: [] },
    });
    expect(share.response.status).toBe(409);
    expect(problem(share).code).toBe('document_in_trash');
    const rename = await s.staff.PATCH('/cases/{caseId}/documents/{documentId}', {
      ...doc(s.caseId, s.documentId),
      body: { name: 'Other.pdf' },
    });
    expect(problem(rename).code).toBe('document_in_trash');
    const attach = await updateRequest(s);
    expect(attach.response.status).toBe(409);
    expect(problem(attach).code).toBe('document_in_trash');
  });

  it('restore brings it back as it was, shares included; a retry answers the same with one event', async () => {
    // Prepare
    const s = await sharedDocument('Restore LLP');
    const before = await s.portal.GET('/portal/cases/{caseId}/documents', ofCase(s.caseId));
    await s.staff.DELETE('/cases/{caseId}/documents/{documentId}', doc(s.caseId, s.documentId));
    // Act
    const restored = await s.staff.POST(
      '/cases/{caseId}/documents/{documentId}/restore',
      doc(s.caseId, s.documentId),
    );
    const again = await s.staff.POST(
      '/cases/{caseId}/documents/{documentId}/restore',
      doc(s.caseId, s.documentId),
    );
    // Assess
    expect(restored.response.status).toBe(200);
    expect(again.data).toEqual(restored.data);
    const after = await s.portal.GET('/portal/cases/{caseId}/documents', ofCase(s.caseId));
    expect(after.data!.items).toEqual(before.data!.items);
    const download = await s.portal.GET(
      '/portal/cases/{caseId}/documents/{documentId}/download',
      doc(s.caseId, s.documentId),
    );
    expect(download.response.status).toBe(200);
    const staffList = await s.staff.GET('/cases/{caseId}/documents', ofCase(s.caseId));
    expect(staffList.data!.items.map((d) => d.documentId)).toEqual([s.documentId]);
    const trash = await s.staff.GET('/cases/{caseId}/trash', ofCase(s.caseId));
    expect(trash.data!.items).toEqual([]);
    expect(await grantCount(s.firm, s.caseId, s.contact.contactId)).toBe(1);
    expect(await activityOf(s.firm, s.caseId, 'document.restored')).toHaveLength(1);
  });
});

describe('Scheduled: trash purge', () => {
  it('purges a document trashed past its time (objects of every version, items), once; a restored one stays; a second run finds nothing', async () => {
    // Prepare: a document with two versions (an update request fulfilled), trashed; another trashed and restored
    const s = await sharedDocument('Purge LLP');
    const request = await updateRequest(s);
    expect(request.response.status).toBe(201);
    const signed = pdfBytes('signed');
    const ticket = await s.portal.POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId: s.caseId } },
      body: {
        fileName: 'Signed.pdf',
        contentType: PDF,
        size: signed.length,
        fileRequestId: request.data!.requestId,
      },
    });
    expect(ticket.response.status).toBe(201);
    await postToS3(ticket.data!, signed, PDF);
    await settle();
    const versions = await s.staff.GET('/cases/{caseId}/documents/{documentId}/versions', {
      params: { path: { caseId: s.caseId, documentId: s.documentId }, query: {} },
    });
    expect(versions.data!.items).toHaveLength(2);
    const kept = await upload(s.caseId, s.firm.staff.token, {
      fileName: 'Kept.pdf',
      contentType: PDF,
      bytes: pdfBytes('kept'),
    });
    await s.staff.DELETE('/cases/{caseId}/documents/{documentId}', doc(s.caseId, s.documentId));
    await s.staff.DELETE('/cases/{caseId}/documents/{documentId}', doc(s.caseId, kept.uploadId));
    await s.staff.POST('/cases/{caseId}/documents/{documentId}/restore', doc(s.caseId, kept.uploadId));
    expect(await objectExists(ticket.data!.key)).toBe(true);
    const itemsOf = async (documentId: string) =>
      (await partition(activityOfCasePattern(s.firm.firmId, s.caseId).pk)).filter(
        (i) => i.entity !== 'activity' && i.documentId === documentId,
      );
    expect((await itemsOf(s.documentId)).length).toBeGreaterThan(0);

    // Act: nothing is due now; 31 days later it is, twice
    const early = await runAt(new Date());
    const first = await runAt(afterTrashDays());
    const second = await runAt(afterTrashDays());

    // Assess
    expect(early.failures).toEqual([]);
    expect(first.failures).toEqual([]);
    expect(first.purged).toBeGreaterThanOrEqual(1);
    expect(second.failures).toEqual([]);
    expect(await objectExists(s.key)).toBe(false);
    expect(await objectExists(ticket.data!.key)).toBe(false);
    // Every item of the document (itself, its versions, its share) is gone; the file request is the
    // case's, and upload intents expire by TTL within the hour.
    const left = (await itemsOf(s.documentId)).filter(
      (i) => i.entity !== 'fileRequest' && i.entity !== 'uploadIntent',
    );
    expect(left).toEqual([]);
    expect(await activityOf(s.firm, s.caseId, 'document.purged')).toHaveLength(1);
    const restore = await s.staff.POST(
      '/cases/{caseId}/documents/{documentId}/restore',
      doc(s.caseId, s.documentId),
    );
    expect(restore.response.status).toBe(404);
    expect(await objectExists(kept.key)).toBe(true);
    const staffList = await s.staff.GET('/cases/{caseId}/documents', ofCase(s.caseId));
    expect(staffList.data!.items.map((d) => d.documentId)).toEqual([kept.uploadId]);
  });
});
