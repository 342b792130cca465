// The right to add files is decided when the object arrives (issue 13, part 1): a contact revoked or
// downgraded after asking for an upload, a staff user no longer in the firm, a case that is gone —
// their objects are deleted, with no document, share, counter or event, and the intent says why.
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { activity } from '../../functions/domain/activity';
import type { Document } from '../../functions/domain/documents';
import { keyHash } from '../../functions/domain/ingest';
import { systemClock } from '../../functions/domain/ports';
import type { Share } from '../../functions/domain/shares';
import { postLifetimeSeconds } from '../../functions/domain/uploads';
import {
  activityOfCasePattern,
  caseKey,
  grantKey,
  staffKey,
  uploadIntentKey,
  uploadRejectionKey,
} from '../../functions/store/keys';
import { uploadStore } from '../../functions/store/uploads';
import { ulidIds } from '../../functions/wiring/ids';
import { apiAs } from './support/client';
import { objectExists, PDF, pdfBytes, postToS3, upload } from './support/files';
import { portalContact } from './support/portal';
import { newFirm, partition, settle, type TestFirm, table } from './support/stack';

const collaborator = { role: 'collaborator', canDownload: true, canUpload: true } as const;

async function newCase(firm: TestFirm): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Tax return 2025' } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

/** A ticket for a small PDF, asked for by a contact (portal) or a staff user. */
async function ticketFor(caseId: string, token: string, as: 'portal' | 'staff', fileName = 'return.pdf') {
  const bytes = pdfBytes(fileName);
  const body = { fileName, contentType: PDF, size: bytes.length };
  const params = { path: { caseId } };
  const res =
    as === 'portal'
      ? await apiAs(token).POST('/portal/cases/{caseId}/uploads', { params, body })
      : await apiAs(token).POST('/cases/{caseId}/uploads', { params, body });
  expect(res.response.status, JSON.stringify(res.error)).toBe(201);
  return { ticket: res.data!, bytes };
}

const intentOf = async (firmId: string, caseId: string, uploadId: string) =>
  (
    await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: uploadIntentKey(firmId, caseId, uploadId),
        ConsistentRead: true,
      }),
    )
  ).Item;

/** The case's own partition: its documents, shares, grants, intents and activity. */
const casePartition = (firmId: string, caseId: string) => partition(activityOfCasePattern(firmId, caseId).pk);

/** What must hold after a refused object: deleted, recorded with `reason`, nothing else of it. */
async function expectRefused(
  firmId: string,
  caseId: string,
  ticket: { key: string; uploadId: string },
  reason: string,
) {
  expect(await objectExists(ticket.key)).toBe(false);
  expect(await intentOf(firmId, caseId, ticket.uploadId)).toMatchObject({ status: 'rejected', reason });
  const record = await table.client.send(
    new GetCommand({ TableName: table.name, Key: uploadRejectionKey(firmId, keyHash(ticket.key)) }),
  );
  expect(record.Item).toMatchObject({ reason, uploadId: ticket.uploadId });
  const items = await casePartition(firmId, caseId);
  expect(items.filter((i) => i.documentId === ticket.uploadId && i.entity !== 'uploadIntent')).toEqual([]);
  // No event told anyone of a document or a fulfilled request made of this object.
  const told = items.filter(
    (i) => i.entity === 'activity' && JSON.stringify(i.detail ?? {}).includes(ticket.uploadId),
  );
  expect(told.map((e) => e.type)).toEqual(['upload.rejected']);
  expect(told[0]?.detail).toEqual({ uploadId: ticket.uploadId, key: ticket.key, reason });
}

describe('Ingest: the right to add files, when the object arrives', () => {
  it('a contact revoked after asking for an upload adds nothing: intent cancelled at once, object deleted, no document, share count or event', async () => {
    // Prepare: a collaborator holds a valid presigned POST
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
    const { ticket, bytes } = await ticketFor(caseId, carla.token, 'portal');
    // Act: the firm cuts the contact off, then the contact posts with the policy it already holds
    const revoked = await apiAs(firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId, contactId: carla.contactId } },
    });
    expect(revoked.response.status).toBe(200);
    // Assess: the revoke closed the open upload in its own transaction
    expect(await intentOf(firm.firmId, caseId, ticket.uploadId)).toMatchObject({
      status: 'cancelled',
      reason: 'revoked',
    });
    await postToS3(ticket, bytes, PDF);
    await settle();
    await expectRefused(firm.firmId, caseId, ticket, 'revoked');
    const grants = await apiAs(firm.staff.token).GET('/cases/{caseId}/grants', {
      params: { path: { caseId } },
    });
    expect(grants.data!.items).toMatchObject([
      { contactId: carla.contactId, status: 'revoked', sharedCount: 0 },
    ]);
    const docs = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(docs.data!.items).toEqual([]);
  });

  it('a contact downgraded to viewer, or whose canUpload is turned off, is refused with upload_not_allowed', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const vera = await portalContact(firm, caseId, 'Vera Downgraded', collaborator);
    const uma = await portalContact(firm, caseId, 'Uma No Upload', collaborator);
    const toViewer = await ticketFor(caseId, vera.token, 'portal', 'a.pdf');
    const noUpload = await ticketFor(caseId, uma.token, 'portal', 'b.pdf');
    // Act
    for (const [contactId, body] of [
      [vera.contactId, { role: 'viewer', canDownload: true }],
      [uma.contactId, { role: 'collaborator', canDownload: true, canUpload: false }],
    ] as const) {
      const saved = await apiAs(firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
        params: { path: { caseId, contactId } },
        body,
      });
      expect(saved.response.status).toBe(200);
    }
    // Assess
    for (const { ticket, bytes } of [toViewer, noUpload]) {
      expect(await intentOf(firm.firmId, caseId, ticket.uploadId)).toMatchObject({
        status: 'cancelled',
        reason: 'upload_not_allowed',
      });
      await postToS3(ticket, bytes, PDF);
    }
    await settle();
    for (const { ticket } of [toViewer, noUpload])
      await expectRefused(firm.firmId, caseId, ticket, 'upload_not_allowed');
  });

  it('decides with the grant as it is when the object arrives, even when nothing cancelled the intent', async () => {
    // Prepare: a revoke that raced with the ticket (the grant revoked, the intent left pending)
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
    const { ticket, bytes } = await ticketFor(caseId, carla.token, 'portal');
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: grantKey(firm.firmId, caseId, carla.contactId),
        UpdateExpression: 'SET #s = :revoked REMOVE GSI1PK, GSI1SK',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':revoked': 'revoked' },
      }),
    );
    expect(await intentOf(firm.firmId, caseId, ticket.uploadId)).toMatchObject({ status: 'pending' });
    // Act
    await postToS3(ticket, bytes, PDF);
    await settle();
    // Assess
    await expectRefused(firm.firmId, caseId, ticket, 'revoked');
  });

  it('an update request answered after the request was cancelled and the contact downgraded: no new version, refused', async () => {
    // Prepare: a collaborator asked for a new version of a firm document holds a ticket for it
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Signer', collaborator);
    const original = await upload(caseId, firm.staff.token, {
      fileName: 'Engagement letter.pdf',
      contentType: PDF,
      bytes: pdfBytes('unsigned'),
    });
    const created = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests', {
      params: { path: { caseId } },
      body: {
        recipients: [carla.contactId],
        subject: 'Sign the engagement letter',
        description: 'Please sign and upload it.',
        attachmentDocumentId: original.uploadId,
      },
    });
    expect(created.response.status).toBe(201);
    const requestId = created.data!.requestId;
    const signed = pdfBytes('signed');
    const ticket = await apiAs(carla.token).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'Signed.pdf', contentType: PDF, size: signed.length, fileRequestId: requestId },
    });
    expect(ticket.response.status).toBe(201);
    // Act: the firm cancels the request and takes the upload right away, then the file comes
    const cancelled = await apiAs(firm.staff.token).POST('/cases/{caseId}/file-requests/{requestId}/cancel', {
      params: { path: { caseId, requestId } },
    });
    expect(cancelled.response.status).toBe(200);
    const saved = await apiAs(firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId, contactId: carla.contactId } },
      body: { role: 'viewer', canDownload: true },
    });
    expect(saved.response.status).toBe(200);
    await postToS3(ticket.data!, signed, PDF);
    await settle();
    // Assess: the document stays at version 1 and no client document was made of the file instead
    await expectRefused(firm.firmId, caseId, ticket.data!, 'upload_not_allowed');
    const docs = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(docs.data!.items.map((d) => [d.documentId, d.version])).toEqual([[original.uploadId, 1]]);
  });

  it('refuses a staff upload once the user is no longer in the firm, and any upload into a case that is gone', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const gone = await ticketFor(caseId, firm.staff2.token, 'staff', 'gone-user.pdf');
    const otherCase = await newCase(firm);
    const orphan = await ticketFor(otherCase, firm.staff.token, 'staff', 'orphan.pdf');
    // Act: the staff user's record and the other case's item are removed (by an operator)
    await table.client.send(
      new DeleteCommand({ TableName: table.name, Key: staffKey(firm.firmId, firm.staff2.userId) }),
    );
    await table.client.send(
      new DeleteCommand({ TableName: table.name, Key: caseKey(firm.firmId, otherCase) }),
    );
    await postToS3(gone.ticket, gone.bytes, PDF);
    await postToS3(orphan.ticket, orphan.bytes, PDF);
    await settle();
    // Assess
    await expectRefused(firm.firmId, caseId, gone.ticket, 'uploader_gone');
    await expectRefused(firm.firmId, otherCase, orphan.ticket, 'case_gone');
  });

  it('signs the POST for as long as a slow connection needs for the declared size, not a fixed quarter hour', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const { ticket, bytes } = await ticketFor(caseId, firm.staff.token, 'staff');
    const policy = JSON.parse(Buffer.from(ticket.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
    };
    const lifetime = (Date.parse(policy.expiration) - Date.now()) / 1000;
    expect(lifetime).toBeLessThanOrEqual(postLifetimeSeconds(bytes.length));
    expect(lifetime).toBeGreaterThan(postLifetimeSeconds(bytes.length) - 30);
    // The ticket tells the browser the same deadline (the policy's is cut to whole seconds).
    // (The SDK takes its own clock reading for the policy, a moment after the domain's.)
    expect(Math.abs(Date.parse(ticket.expiresAt) - Date.parse(policy.expiration))).toBeLessThan(5000);
  });
});

describe('Store: completing an upload', () => {
  it('refuses the write itself (uploader_changed, nothing written) when the grant no longer allows uploading', async () => {
    // Prepare: a pending intent of a collaborator whose grant then loses the right, as ingest would
    // see it when its read came just before the change
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
    const { ticket } = await ticketFor(caseId, carla.token, 'portal');
    const store = uploadStore(table);
    const intent = (await store.getIntent(firm.firmId, caseId, ticket.uploadId))!;
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: grantKey(firm.firmId, caseId, carla.contactId),
        UpdateExpression: 'SET #r = :viewer, canUpload = :no',
        ExpressionAttributeNames: { '#r': 'role' },
        ExpressionAttributeValues: { ':viewer': 'viewer', ':no': false },
      }),
    );
    const before = await casePartition(firm.firmId, caseId);
    const at = new Date().toISOString();
    const document: Document = {
      firmId: firm.firmId,
      caseId,
      documentId: intent.uploadId,
      name: intent.fileName,
      contentType: intent.contentType,
      size: 10,
      source: 'client',
      uploadedBy: intent.uploadedBy,
      status: 'available',
      version: 1,
      s3Key: intent.key,
      createdAt: at,
    };
    const share: Share = {
      firmId: firm.firmId,
      caseId,
      documentId: intent.uploadId,
      contactId: carla.contactId,
      documentName: document.name,
      contentType: document.contentType,
      size: document.size,
      source: 'client',
      uploadedBy: intent.uploadedBy,
      version: 1,
      documentCreatedAt: at,
      contactName: carla.name,
      contactEmail: carla.email,
      sharedAt: at,
      sharedBy: { kind: 'contact', id: carla.contactId },
    };
    const event = () =>
      activity({ clock: systemClock, ids: ulidIds }, 'document.uploaded', intent, share.sharedBy, {
        documentId: document.documentId,
        name: document.name,
        contentType: document.contentType,
        size: document.size,
        source: 'client',
        version: 1,
        contactId: carla.contactId,
      });
    // Act + Assess: with the share counted on the grant, and without (as an update request's version)
    await expect(store.completeUpload({ intent, document, share, event: event() })).rejects.toMatchObject({
      code: 'uploader_changed',
    });
    await expect(store.completeUpload({ intent, document, event: event() })).rejects.toMatchObject({
      code: 'uploader_changed',
    });
    expect(await casePartition(firm.firmId, caseId)).toEqual(before);
  });
});
