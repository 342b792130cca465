// Documents, uploads, shares and downloads through HTTP on the local stack: presigned POSTs to the
// local S3, "Object Created" events through the local bus to the real ingest handler, real table.
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Grant } from '../../functions/domain/grants';
import { keyHash } from '../../functions/domain/ingest';
import { Entity, keys, patterns } from '../../functions/store/keys';
import { toItem } from '../../functions/store/table';
import { bus, objectExists, PDF, pdfBytes, s3, upload } from './support/files';
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
  const res = await call('POST', '/cases', { token: firm.staff.token, body: { title } });
  expect(res.status).toBe(201);
  return res.body.caseId;
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
  const created = await call('POST', '/contacts', { token: firm.staff.token, body: { name, email } });
  expect(created.status).toBe(201);
  const contactId = created.body.contactId as string;
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
          ...keys.grant(firm.firmId, caseId, contactId),
          ...keys.grantByIdentity(identityId, caseId),
          ...keys.grantByContact(firm.firmId, contactId, caseId),
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
      Key: keys.grant(firmId, caseId, contactId),
      ConsistentRead: true,
    }),
  );
  return res.Item as (Grant & Record<string, unknown>) | undefined;
}

const staffUpload = (firm: TestFirm, caseId: string, fileName: string, bytes = pdfBytes(fileName)) =>
  upload(`/cases/${caseId}/uploads`, firm.staff.token, { fileName, contentType: PDF, bytes });

const activityOf = async (firmId: string, caseId: string, type: string) =>
  (await partition(patterns.activityOfCase(firmId, caseId).pk)).filter(
    (i) => i.entity === 'activity' && i.type === type,
  );

const shareItemsOf = async (firmId: string, caseId: string) =>
  (await partition(patterns.sharesOfCase(firmId, caseId).pk)).filter((i) => i.entity === 'share');

// ── uploads and ingest ───────────────────────────────────────────────────────────────────────────

describe('Routes: uploads and ingest', () => {
  it('signs a POST policy bound to the exact key, the content type and the declared size; ingest records a firm document', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const bytes = pdfBytes('engagement letter');
    // Act
    const ticket = await upload(`/cases/${caseId}/uploads`, firm.staff.token, {
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
    const ttl = Date.parse(policy.expiration) - Date.now();
    expect(ttl).toBeGreaterThan(13 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(ticket.fields['Content-Type']).toBe(PDF);

    // Assess: the document, listed with source firm
    const list = await call('GET', `/cases/${caseId}/documents`, { token: firm.staff2.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        documentId: ticket.uploadId,
        caseId,
        name: '../../Engagement letter (signed) — 2024.pdf',
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
      new GetCommand({ TableName: table.name, Key: keys.uploadIntent(firm.firmId, caseId, ticket.uploadId) }),
    );
    expect(intent.Item).toMatchObject({ status: 'completed', source: 'firm', expiresAt: expect.any(Number) });

    // The staff download serves the same bytes, as an attachment under the document's name.
    const dl = await call('GET', `/cases/${caseId}/documents/${ticket.uploadId}/download`, {
      token: firm.staff.token,
    });
    expect(dl.status).toBe(200);
    const file = await fetch(dl.body.url);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(Date.parse(dl.body.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(new URL(dl.body.url).searchParams.get('response-content-disposition')).toContain('attachment;');
  });

  it('refuses a declared size over the limit with 422 file_too_large, and follows a firm limit when set', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const limit = Number(urls.env.UPLOAD_MAX_BYTES ?? 25 * 1024 * 1024);
    const before = await partition(patterns.documentsOfCase(firm.firmId, caseId).pk);
    const big = await call('POST', `/cases/${caseId}/uploads`, {
      token: firm.staff.token,
      body: { fileName: 'huge.pdf', contentType: PDF, size: limit + 1 },
    });
    expect(big.status).toBe(422);
    expect(big.body).toMatchObject({ code: 'file_too_large', details: { maxBytes: limit } });
    expect(await partition(patterns.documentsOfCase(firm.firmId, caseId).pk)).toEqual(before);

    // A firm setting lowers the limit.
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: { ...(await firmItem(firm.firmId)), uploadMaxBytes: 1000 },
      }),
    );
    const over = await call('POST', `/cases/${caseId}/uploads`, {
      token: firm.staff.token,
      body: { fileName: 'a.pdf', contentType: PDF, size: 1001 },
    });
    expect(over.status).toBe(422);
    expect(over.body.details.maxBytes).toBe(1000);
    const ok = await call('POST', `/cases/${caseId}/uploads`, {
      token: firm.staff.token,
      body: { fileName: 'a.pdf', contentType: PDF, size: 1000 },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.maxBytes).toBe(1000);
  });

  it("answers 404 for another firm's case and 400 for a content type outside the allow-list", async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const caseId = await newCase(firm);
    const foreign = await call('POST', `/cases/${caseId}/uploads`, {
      token: other.staff.token,
      body: { fileName: 'a.pdf', contentType: PDF, size: 10 },
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('case_not_found');
    expect((await call('GET', `/cases/${caseId}/documents`, { token: other.staff.token })).status).toBe(404);
    const exe = await call('POST', `/cases/${caseId}/uploads`, {
      token: firm.staff.token,
      body: { fileName: 'a.exe', contentType: 'application/x-msdownload', size: 10 },
    });
    expect(exe.status).toBe(400);
    const intents = (await partition(keys.case(firm.firmId, caseId).PK)).filter(
      (i) => i.entity === 'uploadIntent',
    );
    expect(intents).toEqual([]);
  });

  it('rejects an object larger than declared and one whose bytes contradict its type: deleted, recorded, no document', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    // Act: s3rver does not enforce the policy, so the objects do reach ingest, as a forged upload would.
    const tooBig = await upload(`/cases/${caseId}/uploads`, firm.staff.token, {
      fileName: 'big.pdf',
      contentType: PDF,
      bytes: pdfBytes('x'.repeat(200)),
      declaredSize: 20,
    });
    const fake = await upload(`/cases/${caseId}/uploads`, firm.staff.token, {
      fileName: 'invoice.pdf',
      contentType: PDF,
      bytes: new TextEncoder().encode('MZ this is no PDF at all'),
    });
    const binaryText = await upload(`/cases/${caseId}/uploads`, firm.staff.token, {
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
          Key: keys.uploadIntent(firm.firmId, caseId, ticket.uploadId),
        }),
      );
      expect(intent.Item).toMatchObject({ status: 'rejected', reason });
      const record = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: keys.uploadRejection(firm.firmId, keyHash(ticket.key)),
        }),
      );
      expect(record.Item).toMatchObject({ reason, key: ticket.key, uploadId: ticket.uploadId });
    }
    const list = await call('GET', `/cases/${caseId}/documents`, { token: firm.staff.token });
    expect(list.body.items).toEqual([]);
    const rejected = await activityOf(firm.firmId, caseId, 'upload.rejected');
    expect(rejected.map((e) => (e.detail as { reason: string }).reason).sort()).toEqual([
      'too_large',
      'type_mismatch',
      'type_mismatch',
    ]);

    // A good text file passes the same checks.
    const good = await upload(`/cases/${caseId}/uploads`, firm.staff.token, {
      fileName: 'notes.csv',
      contentType: 'text/csv',
      bytes: new TextEncoder().encode('name;amount\nCafé;12,50\n'),
    });
    expect(await objectExists(good.key)).toBe(true);
    const after = await call('GET', `/cases/${caseId}/documents`, { token: firm.staff.token });
    expect(after.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([good.uploadId]);
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
      new GetCommand({ TableName: table.name, Key: keys.uploadRejection(firm.firmId, keyHash(key)) }),
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
    const ticket = await upload(`/portal/cases/${caseId}/uploads`, carla.token, {
      fileName: 'receipt.png',
      contentType: 'image/png',
      bytes,
    });
    // Assess
    const clientDocs = await call('GET', `/cases/${caseId}/documents?source=client`, {
      token: firm.staff.token,
    });
    expect(clientDocs.body.items).toHaveLength(1);
    expect(clientDocs.body.items[0]).toMatchObject({
      documentId: ticket.uploadId,
      source: 'client',
      uploadedBy: { kind: 'contact', id: carla.contactId, name: carla.name },
      size: bytes.length,
    });
    const firmDocs = await call('GET', `/cases/${caseId}/documents?source=firm`, { token: firm.staff.token });
    expect(firmDocs.body.items).toEqual([]);
    const portal = await call('GET', `/portal/cases/${caseId}/documents`, { token: carla.token });
    expect(portal.status).toBe(200);
    expect(portal.body.items).toEqual([clientDocs.body.items[0]]);
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(1);
    const [event] = await activityOf(firm.firmId, caseId, 'document.uploaded');
    expect(event).toMatchObject({
      actor: { kind: 'contact', id: carla.contactId },
      detail: { source: 'client', contactId: carla.contactId },
    });

    // Act: S3 delivers the same event again
    const before = await partition(patterns.documentsOfCase(firm.firmId, caseId).pk);
    const put = await bus.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'default',
            Source: 'aws.s3',
            DetailType: 'Object Created',
            Detail: JSON.stringify({
              bucket: { name: urls.env.BUCKET_NAME },
              object: { key: ticket.key, size: bytes.length },
            }),
          },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    await settle();
    // Assess: same items (no second document, share, counter change or event), object kept
    expect(await partition(patterns.documentsOfCase(firm.firmId, caseId).pk)).toEqual(before);
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(1);
    expect(await objectExists(ticket.key)).toBe(true);
  });

  it('refuses an upload to a viewer (403 upload_not_allowed) and to a contact without a grant (404)', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const viewer = await grantedContact(firm, caseId, 'Vera Viewer');
    const res = await call('POST', `/portal/cases/${caseId}/uploads`, {
      token: viewer.token,
      body: { fileName: 'a.pdf', contentType: PDF, size: 10 },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('upload_not_allowed');
    const stranger = await mintToken({ sub: `identity-${newId()}` });
    const none = await call('POST', `/portal/cases/${caseId}/uploads`, {
      token: stranger,
      body: { fileName: 'a.pdf', contentType: PDF, size: 10 },
    });
    expect(none.status).toBe(404);
    const intents = (await partition(keys.case(firm.firmId, caseId).PK)).filter(
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
    const saved = await call('PUT', `/cases/${caseId}/documents/${doc.uploadId}/shares`, {
      token: firm.staff.token,
      body: { contactIds: [carla.contactId, noDl.contactId] },
    });
    // Assess
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ added: [carla.contactId, noDl.contactId], removed: [], unchanged: [] });
    const portal = await call('GET', `/portal/cases/${caseId}/documents`, { token: carla.token });
    expect(
      portal.body.items.map((d: { documentId: string; name: string }) => [d.documentId, d.name]),
    ).toEqual([[doc.uploadId, 'Tax return 2024.pdf']]);
    const dl = await call('GET', `/portal/cases/${caseId}/documents/${doc.uploadId}/download`, {
      token: carla.token,
    });
    expect(dl.status).toBe(200);
    expect(new Uint8Array(await (await fetch(dl.body.url)).arrayBuffer())).toEqual(bytes);
    const notShared = await call('GET', `/portal/cases/${caseId}/documents/${other.uploadId}/download`, {
      token: carla.token,
    });
    expect(notShared.status).toBe(404);
    expect(notShared.body.code).toBe('document_not_found');
    const forbidden = await call('GET', `/portal/cases/${caseId}/documents/${doc.uploadId}/download`, {
      token: noDl.token,
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('download_not_allowed');
    expect((await grantItem(firm.firmId, caseId, carla.contactId))?.sharedCount).toBe(1);
    const [shared] = await activityOf(firm.firmId, caseId, 'document.shared');
    expect(shared).toMatchObject({
      detail: { documentId: doc.uploadId, added: [carla.contactId, noDl.contactId], removed: [] },
    });

    // Saving the same set again changes nothing and reports no event.
    const again = await call('PUT', `/cases/${caseId}/documents/${doc.uploadId}/shares`, {
      token: firm.staff.token,
      body: { contactIds: [noDl.contactId, carla.contactId] },
    });
    expect(again.body).toEqual({ added: [], removed: [], unchanged: [noDl.contactId, carla.contactId] });
    expect(await activityOf(firm.firmId, caseId, 'document.shared')).toHaveLength(1);

    // Unsharing takes effect at once.
    const removed = await call('PUT', `/cases/${caseId}/documents/${doc.uploadId}/shares`, {
      token: firm.staff.token,
      body: { contactIds: [noDl.contactId] },
    });
    expect(removed.body).toEqual({ added: [], removed: [carla.contactId], unchanged: [noDl.contactId] });
    expect(
      (
        await call('GET', `/portal/cases/${caseId}/documents/${doc.uploadId}/download`, {
          token: carla.token,
        })
      ).status,
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
    const stranger = await call('POST', '/contacts', { token: firm.staff.token, body: { name: 'No Grant' } });
    const before = await partition(keys.case(firm.firmId, caseId).PK);

    const bad = await call('PUT', `/cases/${caseId}/documents/${doc.uploadId}/shares`, {
      token: firm.staff.token,
      body: { contactIds: [carla.contactId, revoked.contactId, stranger.body.contactId] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('contact_without_access');
    expect(bad.body.details.contactIds).toEqual([revoked.contactId, stranger.body.contactId]);
    const unknownDoc = await call('PUT', `/cases/${caseId}/documents/${newId()}/shares`, {
      token: firm.staff.token,
      body: { contactIds: [carla.contactId] },
    });
    expect(unknownDoc.status).toBe(404);
    expect(unknownDoc.body.code).toBe('document_not_found');

    const missingDocs = [newId(), newId()];
    const badDocs = await call('PUT', `/cases/${caseId}/contacts/${carla.contactId}/shares`, {
      token: firm.staff.token,
      body: { documentIds: [doc.uploadId, ...missingDocs] },
    });
    expect(badDocs.status).toBe(422);
    expect(badDocs.body).toMatchObject({ code: 'document_not_found', details: { documentIds: missingDocs } });
    const noAccess = await call('PUT', `/cases/${caseId}/contacts/${revoked.contactId}/shares`, {
      token: firm.staff.token,
      body: { documentIds: [doc.uploadId] },
    });
    expect(noAccess.status).toBe(422);
    expect(noAccess.body.code).toBe('contact_without_access');
    expect(await partition(keys.case(firm.firmId, caseId).PK)).toEqual(before);

    const other = await newFirm();
    const foreign = await call('PUT', `/cases/${caseId}/documents/${doc.uploadId}/shares`, {
      token: other.staff.token,
      body: { contactIds: [] },
    });
    expect(foreign.status).toBe(404);
  });

  it("sets a contact's whole document set, one document.shared event per changed document", async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const a = await staffUpload(firm, caseId, 'a.pdf');
    const b = await staffUpload(firm, caseId, 'b.pdf');
    const c = await staffUpload(firm, caseId, 'c.pdf');
    const carla = await grantedContact(firm, caseId, 'Carla Client');
    const path = `/cases/${caseId}/contacts/${carla.contactId}/shares`;

    const first = await call('PUT', path, {
      token: firm.staff.token,
      body: { documentIds: [a.uploadId, b.uploadId] },
    });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: [a.uploadId, b.uploadId], removed: [], unchanged: [] });
    // The contact index is eventually consistent; DynamoDB Local's is immediate.
    const second = await call('PUT', path, {
      token: firm.staff.token,
      body: { documentIds: [c.uploadId, b.uploadId] },
    });
    expect(second.body).toEqual({ added: [c.uploadId], removed: [a.uploadId], unchanged: [b.uploadId] });

    const portal = await call('GET', `/portal/cases/${caseId}/documents`, { token: carla.token });
    expect(portal.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([
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
    const ids = people.map((p) => p.contactId);
    const sets = [[ids[0]], [ids[0], ids[1]], [ids[1], ids[2], ids[3]], [], [ids[3], ids[0]]];
    // Act
    const results = await Promise.all(
      sets.map((contactIds) =>
        call('PUT', `/cases/${caseId}/documents/${doc.uploadId}/shares`, {
          token: firm.staff.token,
          body: { contactIds },
        }),
      ),
    );
    // Assess
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
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
      const res = await call('PUT', `/cases/${caseId}/documents/${d.uploadId}/shares`, {
        token: firm.staff.token,
        body: { contactIds: [carla.contactId, dan.contactId] },
      });
      expect(res.status).toBe(200);
    }
    const all = await call('GET', `/cases/${caseId}/shares`, { token: firm.staff.token });
    expect(all.body.items).toHaveLength(4);
    expect(all.body.items[0]).toEqual({
      documentId: expect.any(String),
      documentName: expect.any(String),
      contactId: expect.any(String),
      contactName: expect.any(String),
      contactEmail: expect.any(String),
      sharedAt: expect.any(String),
    });

    const byName = await call('GET', `/cases/${caseId}/shares?q=${encodeURIComponent('vat RETURN')}`, {
      token: firm.staff.token,
    });
    expect(byName.body.items.map((s: { documentId: string }) => s.documentId)).toEqual([
      vat.uploadId,
      vat.uploadId,
    ]);

    // By email, one item per page: pages may come back short or empty, the token goes on.
    const found: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const q = new URLSearchParams({
        q: dan.email.toUpperCase(),
        limit: '1',
        ...(nextToken ? { nextToken } : {}),
      });
      const page = await call('GET', `/cases/${caseId}/shares?${q}`, { token: firm.staff.token });
      expect(page.status).toBe(200);
      found.push(
        ...page.body.items.map(
          (s: { contactId: string; documentName: string }) => `${s.contactId}:${s.documentName}`,
        ),
      );
      nextToken = page.body.nextToken;
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
  const res = await table.client.send(new GetCommand({ TableName: table.name, Key: keys.firm(firmId) }));
  return res.Item!;
}
