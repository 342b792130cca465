// Upload rules: file-name sanitizing, object keys, size limits and the intent a ticket records.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflict, type DomainError } from '../../functions/domain/errors';
import type { Grant } from '../../functions/domain/grants';
import {
  type IngestDeps,
  ingestObject,
  UPLOADER_CHANGED,
  type UploaderStanding,
} from '../../functions/domain/ingest';
import {
  createPortalUpload,
  createUpload,
  objectKey,
  parseObjectKey,
  postLifetimeSeconds,
  sanitizeFileName,
  type UploadDeps,
  type UploadIntent,
} from '../../functions/domain/uploads';
import { ALICE, counterIds, FIRM_A, fixedClock, grantsFrom, NOW, staffOf, ulidOf } from './fakes';

const CASE = ulidOf(900);

function deps(over: { firmLimit?: number; grant?: Partial<Grant> } = {}) {
  const intents: UploadIntent[] = [];
  const presigned: unknown[] = [];
  const d: UploadDeps = {
    cases: {
      getCase: async (firmId, caseId) =>
        firmId === FIRM_A && caseId === CASE ? ({ caseId } as never) : undefined,
    },
    firm: {
      getStaffUser: async (_f, userId) =>
        userId === ALICE ? ({ name: 'Alice Accountant' } as never) : undefined,
    },
    grants: grantsFrom(async (identityId, caseId) =>
      over.grant && identityId === 'id-1' && caseId === CASE
        ? ({
            firmId: FIRM_A,
            caseId,
            contactId: ulidOf(77),
            contactName: 'Carla Client',
            contactEmail: 'carla@client.test',
            role: 'collaborator',
            canDownload: true,
            canUpload: true,
            status: 'active',
            identityId,
            ...over.grant,
          } as Grant)
        : undefined,
    ),
    uploads: { uploadLimit: async () => over.firmLimit, putIntent: async (i) => void intents.push(i) },
    files: {
      presignUpload: async (input) => {
        presigned.push(input);
        return { url: 'http://s3.test/bucket', fields: { key: input.key } };
      },
    },
    clock: fixedClock(),
    ids: counterIds(1),
    uploadMaxBytes: 1000,
  };
  return { d, intents, presigned };
}

const pdf = (size: number, fileName = 'Report.pdf') => ({ fileName, contentType: 'application/pdf', size });

describe('Function: sanitizeFileName', () => {
  it.each([
    ['Report 2024.pdf', 'Report_2024.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\Relatório final.docx', 'Relatorio_final.docx'],
    ['..hidden..pdf', 'hidden.pdf'],
    ['a\u0000b\u001fc.txt', 'abc.txt'],
    ['契約書.pdf', 'file.pdf'],
    ['.env', 'file.env'],
    ['///', 'file'],
    ['...', 'file'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('keeps the extension when it cuts a long name to 120 characters', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.xlsx')).toBe(true);
  });

  it('always yields a safe, stable key segment (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (input) => {
        const out = sanitizeFileName(input);
        expect(out).toMatch(/^[A-Za-z0-9._-]{1,120}$/);
        expect(out).not.toContain('..');
        expect(out.startsWith('.')).toBe(false);
        expect(sanitizeFileName(out)).toBe(out);
      }),
    );
  });
});

describe('Function: parseObjectKey', () => {
  it('round-trips every key objectKey builds (property)', () => {
    const ulid = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    fc.assert(
      fc.property(ulid, ulid, ulid, fc.string(), (firmId, caseId, uploadId, name) => {
        const safeName = sanitizeFileName(name);
        expect(parseObjectKey(objectKey(firmId, caseId, uploadId, safeName))).toEqual({
          firmId,
          caseId,
          uploadId,
          name: safeName,
        });
      }),
    );
  });

  it.each([
    'firms/x/cases/y/z/a.pdf',
    `firms/${FIRM_A}/cases/${CASE}/${ulidOf(1)}/../a.pdf`,
    `firms/${FIRM_A}/cases/${CASE}/${ulidOf(1)}/sub/a.pdf`,
    `other/${FIRM_A}/cases/${CASE}/${ulidOf(1)}/a.pdf`,
  ])('refuses %s', (key) => {
    expect(parseObjectKey(key)).toBeUndefined();
  });
});

describe('Function: createUpload', () => {
  it('records a pending intent and presigns the exact key with the declared size as ceiling', async () => {
    // Prepare
    const { d, intents, presigned } = deps();
    // Act
    const ticket = await createUpload(d, staffOf(FIRM_A, ALICE), CASE, pdf(600, ' Q3 report.pdf'));
    // Assess
    const uploadId = ulidOf(1);
    const key = `firms/${FIRM_A}/cases/${CASE}/${uploadId}/Q3_report.pdf`;
    expect(ticket).toEqual({
      uploadId,
      key,
      url: 'http://s3.test/bucket',
      fields: { key },
      maxBytes: 600,
      // 600 bytes: the two minutes to start, and one second of transfer at 1 Mbit/s.
      expiresAt: new Date(Date.parse(NOW) + 121_000).toISOString(),
    });
    expect(presigned).toEqual([
      { key, contentType: 'application/pdf', maxBytes: 600, expiresInSeconds: 121 },
    ]);
    expect(intents).toEqual([
      {
        uploadId,
        firmId: FIRM_A,
        caseId: CASE,
        key,
        fileName: 'Q3 report.pdf',
        contentType: 'application/pdf',
        declaredSize: 600,
        maxBytes: 600,
        source: 'firm',
        uploadedBy: { kind: 'staff', id: ALICE, name: 'Alice Accountant' },
        status: 'pending',
        createdAt: NOW,
        // The POST's lifetime and an hour more, for an upload started late and a retried ingest.
        expiresAt: Date.parse(NOW) / 1000 + 121 + 3600,
      },
    ]);
  });

  it('presigns for as long as a slow (1 Mbit/s) connection needs to send the declared size, an hour at most', () => {
    expect(postLifetimeSeconds(1)).toBe(121);
    // 25 MiB, the default limit: 2 minutes to start and 210 s of transfer.
    expect(postLifetimeSeconds(25 * 1024 * 1024)).toBe(120 + 210);
    expect(postLifetimeSeconds(5 * 1024 ** 3)).toBe(3600);
  });

  it('refuses a size over the configured limit, or over the firm limit when set, writing nothing', async () => {
    const byConfig = deps();
    await expect(createUpload(byConfig.d, staffOf(FIRM_A, ALICE), CASE, pdf(1001))).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'file_too_large',
      details: { maxBytes: 1000 },
    });
    expect(byConfig.intents).toEqual([]);
    const byFirm = deps({ firmLimit: 5000 });
    await expect(createUpload(byFirm.d, staffOf(FIRM_A, ALICE), CASE, pdf(4000))).resolves.toMatchObject({
      maxBytes: 4000,
    });
    await expect(createUpload(byFirm.d, staffOf(FIRM_A, ALICE), CASE, pdf(5001))).rejects.toMatchObject({
      details: { maxBytes: 5000 },
    });
  });

  it("answers 404 for a case outside the caller's firm", async () => {
    const { d, intents } = deps();
    await expect(createUpload(d, staffOf(ulidOf(5), ALICE), CASE, pdf(10))).rejects.toMatchObject({
      code: 'case_not_found',
    });
    expect(intents).toEqual([]);
  });
});

describe('Function: createPortalUpload', () => {
  it('records a client upload by the contact of the grant', async () => {
    const { d, intents } = deps({ grant: {} });
    await createPortalUpload(d, { kind: 'contact', identityId: 'id-1' }, CASE, pdf(10));
    expect(intents[0]).toMatchObject({
      source: 'client',
      uploadedBy: { kind: 'contact', id: ulidOf(77), name: 'Carla Client' },
      contactId: ulidOf(77),
      contactEmail: 'carla@client.test',
    });
  });

  it('refuses a viewer with 403 upload_not_allowed and an unknown identity with 404', async () => {
    const viewer = deps({ grant: { role: 'viewer', canUpload: false } });
    await expect(
      createPortalUpload(viewer.d, { kind: 'contact', identityId: 'id-1' }, CASE, pdf(10)),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'upload_not_allowed',
    });
    await expect(
      createPortalUpload(viewer.d, { kind: 'contact', identityId: 'id-2' }, CASE, pdf(10)),
    ).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(viewer.intents).toEqual([]);
  });
});

describe('Function: ingestObject', () => {
  const key = `firms/${FIRM_A}/cases/${CASE}/${ulidOf(1)}/a.pdf`;
  const intentOf = (over: Partial<UploadIntent> = {}): UploadIntent => ({
    uploadId: ulidOf(1),
    firmId: FIRM_A,
    caseId: CASE,
    key,
    fileName: 'a.pdf',
    contentType: 'application/pdf',
    declaredSize: 100,
    maxBytes: 100,
    source: 'firm',
    uploadedBy: { kind: 'staff', id: ALICE, name: 'Alice' },
    status: 'pending',
    createdAt: NOW,
    expiresAt: Date.parse(NOW) / 1000 + 3600,
    ...over,
  });

  const allowed: UploaderStanding = {
    caseExists: true,
    staffUser: true,
    grant: { status: 'active', role: 'collaborator', canUpload: true },
  };

  function ingestDeps(
    intent: UploadIntent | undefined,
    head = new TextEncoder().encode('%PDF-1.7'),
    standings: UploaderStanding[] = [allowed],
    completeFails?: DomainError,
  ) {
    const calls = { completed: [] as unknown[], rejected: [] as unknown[], removed: [] as string[] };
    // What ingest did to the object store and the table, in order (tagging before the write matters).
    const steps: string[] = [];
    let objectThere = true;
    let reads = 0;
    const d: IngestDeps = {
      uploads: {
        getIntent: async () => intent,
        // Each read returns the next standing (the last one stays): the right as it is at that moment.
        uploaderStanding: async () => standings[Math.min(reads++, standings.length - 1)]!,
        completeUpload: async (u) => {
          steps.push('complete');
          if (completeFails) throw completeFails;
          calls.completed.push(u);
          return true;
        },
        rejectUpload: async (r, i, e) => {
          steps.push('reject');
          calls.rejected.push({ reason: r.reason, intent: i?.uploadId, event: e?.type });
          return true;
        },
      },
      files: {
        readStart: async () => head,
        markRecorded: async (k) => {
          steps.push(`tag ${k}`);
          return objectThere;
        },
        remove: async (k) => {
          steps.push('remove');
          calls.removed.push(k);
        },
      },
      clock: fixedClock(),
      ids: counterIds(500),
    };
    const vanish = () => {
      objectThere = false;
    };
    return { d, calls, steps, vanish };
  }

  it('records a document whose id is the upload id, with its event', async () => {
    const { d, calls } = ingestDeps(intentOf());
    await expect(ingestObject(d, { key, size: 50 })).resolves.toEqual({
      outcome: 'recorded',
      documentId: ulidOf(1),
    });
    expect(calls.completed).toMatchObject([
      { document: { documentId: ulidOf(1), size: 50, version: 1 }, event: { type: 'document.uploaded' } },
    ]);
    expect(calls.removed).toEqual([]);
  });

  it.each([
    ['intent_expired', intentOf({ expiresAt: Date.parse(NOW) / 1000 - 1 }), 50],
    ['key_mismatch', intentOf({ key: `${key}x` }), 50],
    ['too_large', intentOf(), 101],
    ['empty', intentOf(), 0],
  ] as const)('rejects with %s: recorded with its event, then deleted', async (reason, intent, size) => {
    const { d, calls } = ingestDeps(intent);
    await expect(ingestObject(d, { key, size })).resolves.toEqual({ outcome: 'rejected', reason });
    expect(calls.rejected).toEqual([{ reason, intent: ulidOf(1), event: 'upload.rejected' }]);
    expect(calls.removed).toEqual([key]);
    expect(calls.completed).toEqual([]);
  });

  it('judges the expiry by when the object arrived, not by when its (late or replayed) event is handled', async () => {
    // Prepare: the intent expired a minute before ingest runs (NOW).
    const intent = intentOf({ expiresAt: Date.parse(NOW) / 1000 - 60 });
    const inTime = ingestDeps(intent);
    const late = ingestDeps(intent);

    // Act
    const arrivedInTime = await ingestObject(inTime.d, {
      key,
      size: 50,
      arrivedAt: new Date(Date.parse(NOW) - 120_000),
    });
    const arrivedLate = await ingestObject(late.d, {
      key,
      size: 50,
      arrivedAt: new Date(Date.parse(NOW) - 30_000),
    });

    // Assess
    expect(arrivedInTime).toEqual({ outcome: 'recorded', documentId: ulidOf(1) });
    expect(arrivedLate).toEqual({ outcome: 'rejected', reason: 'intent_expired' });
  });

  it('rejects bytes that contradict the declared type, and a key without an intent', async () => {
    const png = ingestDeps(intentOf(), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    await expect(ingestObject(png.d, { key, size: 50 })).resolves.toEqual({
      outcome: 'rejected',
      reason: 'type_mismatch',
    });
    const none = ingestDeps(undefined);
    await expect(ingestObject(none.d, { key, size: 50 })).resolves.toEqual({
      outcome: 'rejected',
      reason: 'unknown_key',
    });
    expect(none.calls.rejected).toEqual([{ reason: 'unknown_key', intent: undefined, event: undefined }]);
    expect(none.calls.removed).toEqual([key]);
  });

  const contactIntent = (over: Partial<UploadIntent> = {}) =>
    intentOf({
      source: 'client',
      uploadedBy: { kind: 'contact', id: ulidOf(77), name: 'Carla Client' },
      contactId: ulidOf(77),
      ...over,
    });

  it.each([
    ['revoked', contactIntent(), { caseExists: true, grant: { ...allowed.grant!, status: 'revoked' } }],
    ['revoked', contactIntent(), { caseExists: true }],
    [
      'upload_not_allowed',
      contactIntent(),
      { caseExists: true, grant: { ...allowed.grant!, role: 'viewer' } },
    ],
    [
      'upload_not_allowed',
      contactIntent(),
      { caseExists: true, grant: { ...allowed.grant!, canUpload: false } },
    ],
    ['uploader_gone', intentOf(), { caseExists: true, staffUser: false }],
    ['case_gone', intentOf(), { caseExists: false, staffUser: true }],
  ] as const)(
    'rejects with %s when the uploader may no longer add files when the object arrives',
    async (reason, intent, standing) => {
      const { d, calls } = ingestDeps(intent, undefined, [standing as UploaderStanding]);
      await expect(ingestObject(d, { key, size: 50 })).resolves.toEqual({ outcome: 'rejected', reason });
      expect(calls.rejected).toEqual([{ reason, intent: ulidOf(1), event: 'upload.rejected' }]);
      expect(calls.removed).toEqual([key]);
      expect(calls.completed).toEqual([]);
    },
  );

  it('rejects when the right is withdrawn between its read and the write (the write is guarded)', async () => {
    // Prepare: allowed when read, revoked when the guarded write fails and ingest reads again
    const revoked: UploaderStanding = { caseExists: true, grant: { ...allowed.grant!, status: 'revoked' } };
    const { d, calls } = ingestDeps(
      contactIntent(),
      undefined,
      [allowed, revoked],
      conflict(UPLOADER_CHANGED, 'changed'),
    );
    // Act
    const out = await ingestObject(d, { key, size: 50 });
    // Assess
    expect(out).toEqual({ outcome: 'rejected', reason: 'revoked' });
    expect(calls.rejected).toEqual([{ reason: 'revoked', intent: ulidOf(1), event: 'upload.rejected' }]);
    expect(calls.removed).toEqual([key]);
  });

  it('refuses an object whose intent a revoke cancelled, with the reason the revoke recorded', async () => {
    const { d, calls } = ingestDeps(contactIntent({ status: 'cancelled', reason: 'upload_not_allowed' }));
    await expect(ingestObject(d, { key, size: 50 })).resolves.toEqual({
      outcome: 'rejected',
      reason: 'upload_not_allowed',
    });
    expect(calls.removed).toEqual([key]);
    expect(calls.completed).toEqual([]);
  });

  it('changes nothing when the upload was already completed (a replayed S3 event)', async () => {
    const { d, calls } = ingestDeps(intentOf({ status: 'completed' }));
    await expect(ingestObject(d, { key, size: 50 })).resolves.toEqual({ outcome: 'replay' });
    expect(calls).toEqual({ completed: [], rejected: [], removed: [] });
  });

  it('tags the object recorded before it writes the document, so a crash cannot leave a document whose object expires', async () => {
    // Prepare
    const { d, steps } = ingestDeps(intentOf());
    // Act
    await ingestObject(d, { key, size: 50 });
    // Assess
    expect(steps).toEqual([`tag ${key}`, 'complete']);
  });

  it('leaves the tag of a refused object alone (it is deleted, and what S3 keeps of it expires as pending)', async () => {
    const { d, steps } = ingestDeps(intentOf(), new TextEncoder().encode('GIF89a'));
    await expect(ingestObject(d, { key, size: 50 })).resolves.toEqual({
      outcome: 'rejected',
      reason: 'type_mismatch',
    });
    expect(steps).toEqual(['reject', 'remove']);
  });

  it('refuses as object_missing, writing no document, when the object is gone by the time it is tagged', async () => {
    const { d, steps, vanish } = ingestDeps(intentOf());
    vanish();
    await expect(ingestObject(d, { key, size: 50 })).resolves.toEqual({
      outcome: 'rejected',
      reason: 'object_missing',
    });
    expect(steps).toEqual([`tag ${key}`, 'reject', 'remove']);
  });

  it('tags again on a replay of a completed upload: the same policy may have stored the key again, tagged pending', async () => {
    const { d, steps } = ingestDeps(intentOf({ status: 'completed' }));
    await ingestObject(d, { key, size: 50 });
    expect(steps).toEqual([`tag ${key}`]);
  });
});
