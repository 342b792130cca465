import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Grant } from '../../functions/domain/grants';
import { keyHash } from '../../functions/domain/ingest';
import { postLifetimeSeconds } from '../../functions/domain/uploads';
import {
  activityOfCasePattern,
  caseKey,
  documentsOfCasePattern,
  Entity,
  firmKey,
  grantByContactKey,
  grantByIdentityKey,
  grantKey,
  sharesOfCasePattern,
  uploadIntentKey,
  uploadRejectionKey,
} from '../../functions/store/keys';
import { toItem } from '../../functions/store/table';
import { apiAs, problem } from './support/client';
import { objectExists, PDF, pdfBytes, replayObjectCreated, s3, upload } from './support/files';
import {
  call,
  mintToken,
  newFirm,
  newId,
  partition,
  settle,
  type TestFirm,
  table,
  urls,
} from './support/stack';

// ── fixtures ─────────────────────────────────────────────────────────────────────────────────────

async function newCase(firm: TestFirm, title = 'Annual accounts'): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

interface TestContact {
  contactId: string;
  name: string;
  email: string;
  identityId: string;
  token: string;
}

type Rights = Pick<Grant, 'role' | 'canDownload' | 'canUpload'> & { status?: Grant['status'] };

/**
 * A contact with an accepted grant on the case, written straight into the table (the access routes
 * are another group's; this test is about documents).
 */
async function grantedContact(
  firm: TestFirm,
  caseId: string,
  name: string,
  rights: Rights = { role: 'viewer', canDownload: true, canUpload: false },
): Promise<TestContact> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${newId().toLowerCase()}@client.test`;
  const created = await apiAs(firm.staff.token).POST('/contacts', { body: { name, email } });
  expect(created.response.status).toBe(201);
  const contactId = created.data!.contactId;
  const identityId = `identity-${newId()}`;
  const grant: Grant = {
    firmId: firm.firmId,
    caseId,
    contactId,
    contactName: name,
    contactEmail: email,
    caseTitle: 'Annual accounts',
    firmName: 'Test Firm',
    role: rights.role,
    canDownload: rights.canDownload,
    canUpload: rights.canUpload,
    status: rights.status ?? 'active',
    invitedAt: new Date().toISOString(),
    acceptedAt: new Date().toISOString(),
    identityId,
    sharedCount: 0,
  };
  await table.client.send(
    new PutCommand({
      TableName: table.name,
      Item: toItem(
        {
          ...grantKey(firm.firmId, caseId, contactId),
          ...grantByIdentityKey(identityId, caseId),
          ...grantByContactKey(firm.firmId, contactId, caseId),
        },
        Entity.grant,
        grant,
      ),
    }),
  );
  return { contactId, name, email, identityId, token: await mintToken({ sub: identityId }) };
}

async function grantItem(firmId: string, caseId: string, contactId: string) {
  const res = await table.client.send(
    new GetCommand({
      TableName: table.name,
      Key: grantKey(firmId, caseId, contactId),
      ConsistentRead: true,
    }),
  );
  return res.Item as (Grant & Record<string, unknown>) | undefined;
}

const staffUpload = (firm: TestFirm, caseId: string, fileName: string, bytes = pdfBytes(fileName)) =>
  upload(caseId, firm.staff.token, { fileName, contentType: PDF, bytes });

const activityOf = async (firmId: string, caseId: string, type: string) =>
  (await partition(activityOfCasePattern(firmId, caseId).pk)).filter(
    (i) => i.entity === 'activity' && i.type === type,
  );

const shareItemsOf = async (firmId: string, caseId: string) =>
  (await partition(sharesOfCasePattern(firmId, caseId).pk)).filter((i) => i.entity === 'share');

// ── uploads and ingest ───────────────────────────────────────────────────────────────────────────

describe('Routes: uploads and ingest', () => {
  it('signs a POST policy bound to the exact key, the content type and the declared size; ingest records a firm document', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const bytes = pdfBytes('engagement letter');
    // Act
    const ticket = await upload(caseId, firm.staff.token, {
      fileName: '  ../../Engagement letter (signed) — 2024.pdf ',
      contentType: PDF,
      bytes,
    });
    // Assess: the policy S3 enforces in production
    expect(ticket.key).toBe(
      `firms/${firm.firmId}/cases/${caseId}/${ticket.uploadId}/Engagement_letter_signed_2024.pdf`,
    );
    expect(ticket.maxBytes).toBe(bytes.length);
    const policy = JSON.parse(Buffer.from(ticket.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, bytes.length]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', PDF]);
    expect(policy.conditions).toContainEqual({ key: ticket.key });
    expect(policy.conditions).toContainEqual({ bucket: urls.env.BUCKET_NAME });
    // As long as a slow connection needs for the declared size (upload() waited for ingest meanwhile).
    const ttl = Date.parse(policy.expiration) - Date.now();
    expect(ttl).toBeGreaterThan((postLifetimeSeconds(bytes.length) - 60) * 1000);
    expect(ttl).toBeLessThanOrEqual(postLifetimeSeconds(bytes.length) * 1000);
    expect(ticket.fields['Content-Type']).toBe(PDF);

    // Assess: the document, listed with source firm
    const list = await apiAs(firm.staff2.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(list.response.status).toBe(200);
    expect(list.data!.items).toEqual([
      {
        documentId: ticket.uploadId,
        caseId,
        // The display-name rule drops the path (decision 0018).
        name: 'Engagement letter (signed) — 2024.pdf',
        contentType: PDF,
        size: bytes.length,
        source: 'firm',
        uploadedBy: { kind: 'staff', id: firm.staff.userId, name: firm.staff.name },
        status: 'available',
        version: 1,
        createdAt: expect.any(String),
      },
    ]);
    const [event] = await activityOf(firm.firmId, caseId, 'document.uploaded');
    expect(event).toMatchObject({
      actor: { kind: 'staff', id: firm.staff.userId },
      detail: {
        documentId: ticket.uploadId,
        source: 'firm',
        size: bytes.length,
        version: 1,
        contentType: PDF,
      },
    });
    const intent = await table.client.send(
      new GetCommand({ TableName: table.name, Key: uploadIntentKey(firm.firmId, caseId, ticket.uploadId) }),
    );
    expect(intent.Item).toMatchObject({ status: 'completed', source: 'firm', expiresAt: expect.any(Number) });
    // The completed intent outlives every redelivery of the S3 event (retries for 6 h, a DLQ redrive
    // later): a late one must find it and replay, never take the document's file for an unknown object.
    expect(intent.Item!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);

    // The staff download serves the same bytes, as an attachment under the document's name.
    const dl = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId, documentId: ticket.uploadId } },
    });
    expect(dl.response.status).toBe(200);
    const file = await fetch(dl.data!.url);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(Date.parse(dl.data!.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(new URL(dl.data!.url).searchParams.get('response-content-disposition')).toContain('attachment;');
  });

  it('refuses a declared size over the limit with 422 file_too_large, and follows a firm limit when set', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const limit = Number(urls.env.UPLOAD_MAX_BYTES ?? 25 * 1024 * 1024);
    const before = await partition(documentsOfCasePattern(firm.firmId, caseId).pk);
    const big = await apiAs(firm.staff.token).POST('/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'huge.pdf', contentType: PDF, size: limit + 1 },
    });
    expect(big.response.status).toBe(422);
    expect(big.error).toMatchObject({ code: 'file_too_large', details: { maxBytes: limit } });
    expect(await partition(documentsOfCasePattern(firm.firmId, caseId).pk)).toEqual(before);

    // A firm setting lowers the limit.
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...(await firmItem(firm.firmId)), uploadMaxBytes: 1000 },
      }),
    );
    const over = await apiAs(firm.staff.token).POST('/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'a.pdf', contentType: PDF, size: 1001 },
    });
    expect(over.response.status).toBe(422);
    expect(problem(over).details!.maxBytes).toBe(1000);
    const ok = await apiAs(firm.staff.token).POST('/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'a.pdf', contentType: PDF, size: 1000 },
    });
    expect(ok.response.status).toBe(201);
    expect(ok.data!.maxBytes).toBe(1000);
  });

  it("answers 404 for another firm's case and 400 for a content type outside the allow-list", async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const caseId = await newCase(firm);
    const foreign = await apiAs(other.staff.token).POST('/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'a.pdf', contentType: PDF, size: 10 },
    });
    expect(foreign.response.status).toBe(404);
    expect(problem(foreign).code).toBe('case_not_found');
    expect(
      (await apiAs(other.staff.token).GET('/cases/{caseId}/documents', { params: { path: { caseId } } }))
        .response.status,
    ).toBe(404);
    // invalid on purpose: the typed client cannot send it (a content type outside the allow-list)
    const exe = await call('POST', `/cases/${caseId}/uploads`, {
      token: firm.staff.token,
      body: { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
    });
    expect(exe.status).toBe(400);
    const intents = (await partition(caseKey(firm.firmId, caseId).PK)).filter(
      (i) => i.entity === 'uploadIntent',
    );
    expect(intents).toEqual([]);
  });

  it('rejects an object larger than declared and one whose bytes contradict its type: deleted, recorded, no document', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    // Act: s3rver does not enforce the policy, so the objects do reach ingest, as a forged upload would.
    const tooBig = await upload(caseId, firm.staff.token, {
      fileName: 'big.pdf',
      contentType: PDF,
      bytes: pdfBytes('x'.repeat(200)),
      declaredSize: 20,
    });
    const fake = await upload(caseId, firm.staff.token, {
      fileName: 'invoice.pdf',
      contentType: PDF,
      bytes: new TextEncoder().encode('MZ this is no PDF at all'),
    });
    const binaryText = await upload(caseId, firm.staff.token, {
      fileName: 'notes.txt',
      contentType: 'text/plain',
      bytes: new Uint8Array([0x68, 0x69, 0x00, 0x01]),
    });
    // Assess
    for (const [ticket, reason] of [
      [tooBig, 'too_large'],
      [fake, 'type_mismatch'],
      [binaryText, 'type_mismatch'],
    ] as const) {
      expect(await objectExists(ticket.key)).toBe(false);
      const intent = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: uploadIntentKey(firm.firmId, caseId, ticket.uploadId),
        }),
      );
      expect(intent.Item).toMatchObject({ status: 'rejected', reason });
      const record = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: uploadRejectionKey(firm.firmId, keyHash(ticket.key)),
        }),
      );
      expect(record.Item).toMatchObject({ reason, key: ticket.key, uploadId: ticket.uploadId });
    }
    const list = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(list.data!.items).toEqual([]);
    const rejected = await activityOf(firm.firmId, caseId, 'upload.rejected');
    expect(rejected.map((e) => (e.detail as { reason: string }).reason).sort()).toEqual([
      'too_large',
      'type_mismatch',
      'type_mismatch',
    ]);

    // A good text file passes the same checks.
    const good = await upload(caseId, firm.staff.token, {
      fileName: 'notes.csv',
      contentType: 'text/csv',
      bytes: new TextEncoder().encode('name;amount\nCafé;12,50\n'),
    });
    expect(await objectExists(good.key)).toBe(true);
    const after = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(after.data!.items.map((d: { documentId: string }) => d.documentId)).toEqual([good.uploadId]);
  });

  it('deletes an object whose key matches no upload intent', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const key = `firms/${firm.firmId}/cases/${caseId}/${newId()}/stray.pdf`;
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    await s3.send(
      new PutObjectCommand({ Bucket: urls.env.BUCKET_NAME, Key: key, Body: pdfBytes(), ContentType: PDF }),
    );
    await settle();
    expect(await objectExists(key)).toBe(false);
    const record = await table.client.send(
      new GetCommand({ TableName: table.name, Key: uploadRejectionKey(firm.firmId, keyHash(key)) }),
    );
    expect(record.Item).toMatchObject({ reason: 'unknown_key', key });
  });

  it('a collaborator uploads: a client document shared with the uploader and counted on its grant; a replayed event changes nothing', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const carla = await grantedContact(firm, caseId, 'Carla Client', {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    // Act
    const ticket = await upload(
      caseId,
      carla.token,
      { fileName: 'receipt.png', contentType: 'image/png', bytes },
      'portal',
    );
    // Assess
    const clientDocs = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId }, query: { source: 'client' } },
    });
    expect(clientDocs.data!.items).toHaveLength(1);
    expect(clientDocs.data!.items[0]).toMatchObject({
      documentId: ticket.uploadId,
      source: 'client',
      uploadedBy: { kind: 'contact', id: carla.contactId, name: carla.name },
      size: bytes.length,
    });
    const firmDocs = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', {
      params: { path: { caseId }, query: { source: 'firm' } },
    });
    expect(firmDocs.data!.items).toEqual([]);
    const portal = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(portal.response.status).toBe(200);
    expect(portal.data!.items).toEqual([clientDocs.data!.items[0]]);
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(1);
    const [event] = await activityOf(firm.firmId, caseId, 'document.uploaded');
    expect(event).toMatchObject({
      actor: { kind: 'contact', id: carla.contactId },
      detail: { source: 'client', contactId: carla.contactId },
    });

    // Act: S3 delivers the same event again
    const before = await partition(documentsOfCasePattern(firm.firmId, caseId).pk);
    await replayObjectCreated(ticket.key, bytes.length);
    // Assess: same items (no second document, share, counter change or event), object kept
    expect(await partition(documentsOfCasePattern(firm.firmId, caseId).pk)).toEqual(before);
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(1);
    expect(await objectExists(ticket.key)).toBe(true);
  });

  it('refuses an upload to a viewer (403 upload_not_allowed) and to a contact without a grant (404)', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const viewer = await grantedContact(firm, caseId, 'Vera Viewer');
    const res = await apiAs(viewer.token).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'a.pdf', contentType: PDF, size: 10 },
    });
    expect(res.response.status).toBe(403);
    expect(problem(res).code).toBe('upload_not_allowed');
    const stranger = await mintToken({ sub: `identity-${newId()}` });
    const none = await apiAs(stranger).POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'a.pdf', contentType: PDF, size: 10 },
    });
    expect(none.response.status).toBe(404);
    const intents = (await partition(caseKey(firm.firmId, caseId).PK)).filter(
      (i) => i.entity === 'uploadIntent',
    );
    expect(intents).toEqual([]);
  });
});

// ── shares and portal downloads ──────────────────────────────────────────────────────────────────

describe('Routes: shares and portal documents', () => {
  it('shares a document with a contact, who lists and downloads it; canDownload false answers 403', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const bytes = pdfBytes('tax return');
    const doc = await staffUpload(firm, caseId, 'Tax return 2024.pdf', bytes);
    const other = await staffUpload(firm, caseId, 'Internal memo.pdf');
    const carla = await grantedContact(firm, caseId, 'Carla Client');
    const noDl = await grantedContact(firm, caseId, 'Nadia NoDownload', {
      role: 'viewer',
      canDownload: false,
      canUpload: false,
    });
    // Act
    const saved = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId: doc.uploadId } },
      body: { contactIds: [carla.contactId, noDl.contactId] },
    });
    // Assess
    expect(saved.response.status).toBe(200);
    expect(saved.data).toEqual({ added: [carla.contactId, noDl.contactId], removed: [], unchanged: [] });
    const portal = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(
      portal.data!.items.map((d: { documentId: string; name: string }) => [d.documentId, d.name]),
    ).toEqual([[doc.uploadId, 'Tax return 2024.pdf']]);
    const dl = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId, documentId: doc.uploadId } },
    });
    expect(dl.response.status).toBe(200);
    expect(new Uint8Array(await (await fetch(dl.data!.url)).arrayBuffer())).toEqual(bytes);
    const notShared = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId, documentId: other.uploadId } },
    });
    expect(notShared.response.status).toBe(404);
    expect(problem(notShared).code).toBe('document_not_found');
    const forbidden = await apiAs(noDl.token).GET('/portal/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId, documentId: doc.uploadId } },
    });
    expect(forbidden.response.status).toBe(403);
    expect(problem(forbidden).code).toBe('download_not_allowed');
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(1);
    const [shared] = await activityOf(firm.firmId, caseId, 'document.shared');
    expect(shared).toMatchObject({
      detail: { documentId: doc.uploadId, added: [carla.contactId, noDl.contactId], removed: [] },
    });

    // Saving the same set again changes nothing and reports no event.
    const again = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId: doc.uploadId } },
      body: { contactIds: [noDl.contactId, carla.contactId] },
    });
    expect(again.data).toEqual({ added: [], removed: [], unchanged: [noDl.contactId, carla.contactId] });
    expect(await activityOf(firm.firmId, caseId, 'document.shared')).toHaveLength(1);

    // Unsharing takes effect at once.
    const removed = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId: doc.uploadId } },
      body: { contactIds: [noDl.contactId] },
    });
    expect(removed.data).toEqual({ added: [], removed: [carla.contactId], unchanged: [noDl.contactId] });
    expect(
      (
        await apiAs(carla.token).GET('/portal/cases/{caseId}/documents/{documentId}/download', {
          params: { path: { caseId, documentId: doc.uploadId } },
        })
      ).response.status,
    ).toBe(404);
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(0);
  });

  it('validates a share set as a whole: 422 and nothing written for a contact without access or an unknown document', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const doc = await staffUpload(firm, caseId, 'a.pdf');
    const carla = await grantedContact(firm, caseId, 'Carla Client');
    const revoked = await grantedContact(firm, caseId, 'Rita Revoked', {
      role: 'viewer',
      canDownload: true,
      canUpload: false,
      status: 'revoked',
    });
    const stranger = await apiAs(firm.staff.token).POST('/contacts', { body: { name: 'No Grant' } });
    const before = await partition(caseKey(firm.firmId, caseId).PK);

    const bad = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId: doc.uploadId } },
      body: { contactIds: [carla.contactId, revoked.contactId, stranger.data!.contactId] },
    });
    expect(bad.response.status).toBe(422);
    expect(problem(bad).code).toBe('contact_without_access');
    expect(problem(bad).details!.contactIds).toEqual([revoked.contactId, stranger.data!.contactId]);
    const unknownDoc = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId: newId() } },
      body: { contactIds: [carla.contactId] },
    });
    expect(unknownDoc.response.status).toBe(404);
    expect(problem(unknownDoc).code).toBe('document_not_found');

    const missingDocs = [newId(), newId()];
    const badDocs = await apiAs(firm.staff.token).PUT('/cases/{caseId}/contacts/{contactId}/shares', {
      params: { path: { caseId, contactId: carla.contactId } },
      body: { documentIds: [doc.uploadId, ...missingDocs] },
    });
    expect(badDocs.response.status).toBe(422);
    expect(badDocs.error).toMatchObject({
      code: 'document_not_found',
      details: { documentIds: missingDocs },
    });
    const noAccess = await apiAs(firm.staff.token).PUT('/cases/{caseId}/contacts/{contactId}/shares', {
      params: { path: { caseId, contactId: revoked.contactId } },
      body: { documentIds: [doc.uploadId] },
    });
    expect(noAccess.response.status).toBe(422);
    expect(problem(noAccess).code).toBe('contact_without_access');
    expect(await partition(caseKey(firm.firmId, caseId).PK)).toEqual(before);

    const other = await newFirm();
    const foreign = await apiAs(other.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      params: { path: { caseId, documentId: doc.uploadId } },
      body: { contactIds: [] },
    });
    expect(foreign.response.status).toBe(404);
  });

  it("sets a contact's whole document set, one document.shared event per changed document", async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const a = await staffUpload(firm, caseId, 'a.pdf');
    const b = await staffUpload(firm, caseId, 'b.pdf');
    const c = await staffUpload(firm, caseId, 'c.pdf');
    const carla = await grantedContact(firm, caseId, 'Carla Client');
    const setShares = (documentIds: string[]) =>
      apiAs(firm.staff.token).PUT('/cases/{caseId}/contacts/{contactId}/shares', {
        params: { path: { caseId, contactId: carla.contactId } },
        body: { documentIds },
      });

    const first = await setShares([a.uploadId, b.uploadId]);
    expect(first.response.status).toBe(200);
    expect(first.data).toEqual({ added: [a.uploadId, b.uploadId], removed: [], unchanged: [] });
    // The contact index is eventually consistent; DynamoDB Local's is immediate.
    const second = await setShares([c.uploadId, b.uploadId]);
    expect(second.data).toEqual({ added: [c.uploadId], removed: [a.uploadId], unchanged: [b.uploadId] });

    const portal = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents', {
      params: { path: { caseId } },
    });
    expect(portal.data!.items.map((d: { documentId: string }) => d.documentId)).toEqual([
      c.uploadId,
      b.uploadId,
    ]);
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(2);
    const events = await activityOf(firm.firmId, caseId, 'document.shared');
    expect(events).toHaveLength(4);
    expect(events.map((e) => e.detail)).toContainEqual({
      documentId: a.uploadId,
      name: 'a.pdf',
      added: [],
      removed: [carla.contactId],
      version: 1,
    });
  });

  it('keeps every grant counter exact under five concurrent saves of the same document', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const doc = await staffUpload(firm, caseId, 'shared.pdf');
    const people = await Promise.all(
      ['Ann', 'Ben', 'Cid', 'Dee'].map((n) => grantedContact(firm, caseId, n)),
    );
    const ids = people.map((p) => p.contactId) as [string, string, string, string];
    const sets = [[ids[0]], [ids[0], ids[1]], [ids[1], ids[2], ids[3]], [], [ids[3], ids[0]]];
    // Act
    const results = await Promise.all(
      sets.map((contactIds) =>
        apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
          params: { path: { caseId, documentId: doc.uploadId } },
          body: { contactIds },
        }),
      ),
    );
    // Assess
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 200]);
    const shares = await shareItemsOf(firm.firmId, caseId);
    for (const p of people) {
      const real = shares.filter((s) => s.contactId === p.contactId).length;
      expect(real).toBeLessThanOrEqual(1);
      expect((await grantItem(firm.firmId, caseId, p.contactId))?.sharedCount).toBe(real);
    }
  });

  it('searches shares by document name and by contact email, case-insensitively, paging through filtered pages', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const vat = await staffUpload(firm, caseId, 'VAT return Q3.pdf');
    const payroll = await staffUpload(firm, caseId, 'Payroll March.pdf');
    const carla = await grantedContact(firm, caseId, 'Carla Client');
    const dan = await grantedContact(firm, caseId, 'Dan Director');
    for (const d of [vat, payroll]) {
      const res = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
        params: { path: { caseId, documentId: d.uploadId } },
        body: { contactIds: [carla.contactId, dan.contactId] },
      });
      expect(res.response.status).toBe(200);
    }
    const all = await apiAs(firm.staff.token).GET('/cases/{caseId}/shares', { params: { path: { caseId } } });
    expect(all.data!.items).toHaveLength(4);
    expect(all.data!.items[0]).toEqual({
      documentId: expect.any(String),
      documentName: expect.any(String),
      contactId: expect.any(String),
      contactName: expect.any(String),
      contactEmail: expect.any(String),
      sharedAt: expect.any(String),
    });

    const byName = await apiAs(firm.staff.token).GET('/cases/{caseId}/shares', {
      params: { path: { caseId }, query: { q: 'vat RETURN' } },
    });
    expect(byName.data!.items.map((s: { documentId: string }) => s.documentId)).toEqual([
      vat.uploadId,
      vat.uploadId,
    ]);

    // By email, one item per page: pages may come back short or empty, the token goes on.
    const found: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await apiAs(firm.staff.token).GET('/cases/{caseId}/shares', {
        params: { path: { caseId }, query: { q: dan.email.toUpperCase(), limit: 1, nextToken } },
      });
      expect(page.response.status).toBe(200);
      found.push(
        ...page.data!.items.map(
          (s: { contactId: string; documentName: string }) => `${s.contactId}:${s.documentName}`,
        ),
      );
      nextToken = page.data!.nextToken;
      pages++;
    } while (nextToken && pages < 10);
    expect(found.sort()).toEqual([
      `${dan.contactId}:Payroll March.pdf`,
      `${dan.contactId}:VAT return Q3.pdf`,
    ]);
    expect(pages).toBeGreaterThanOrEqual(2);
  });
});

async function firmItem(firmId: string) {
  const res = await table.client.send(new GetCommand({ TableName: table.name, Key: firmKey(firmId) }));
  return res.Item!;
}
