// Upload abuse: oversize, declared type vs magic bytes, unknown key, expired intent, a key outside
// the intent's, path traversal and control characters in names, a viewer or a revoked contact
// asking for an upload URL, and an uploader cut off after asking (revoked, downgraded, a staff user
// gone) posting with the policy it still holds. Each is refused with a clear code, nothing is recorded as a document,
// and a refused object is deleted. The local S3 enforces no POST policy: the policy's conditions are
// decoded and asserted, and ingest is shown to refuse what a lax store would have let through.
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postLifetimeSeconds } from '../../functions/domain/uploads';
import { grantKey, staffKey, uploadIntentKey } from '../../functions/store/keys';
import { captureLogs } from './support/logs';
import { diff, type Harness, newId, scanTable, snapshot, startHarness } from './support/stack';
import { useTally } from './support/tally';
import {
  acceptAs,
  buildFirmWorld,
  type FirmWorld,
  grant,
  newContact,
  PDF,
  pdfBytes,
  postToS3,
  type Ticket,
} from './support/world';

const tally = useTally('uploads');
const logs = captureLogs();
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

let h: Harness;
let A: FirmWorld;

beforeAll(async () => {
  h = await startHarness();
  A = await buildFirmWorld(h, 'Alpha & Co');
  logs.secret(A.firm.staff.token, A.collaborator.token, A.viewer.token, A.revoked.token);
  tally.ready();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const ticket = async (body: Record<string, unknown>, token = A.collaborator.token) => {
  const res = await h.call('POST', `/portal/cases/${A.case1}/uploads`, { token, body });
  if (res.status === 201) {
    logs.secret(res.body.url, res.body.fields?.Policy, res.body.fields?.['X-Amz-Signature']);
  }
  return res;
};

async function exists(key: string): Promise<boolean> {
  try {
    await h.s3.send(new HeadObjectCommand({ Bucket: h.stack.env.BUCKET_NAME, Key: key }));
    return true;
  } catch (err) {
    if (['NotFound', 'NoSuchKey'].includes((err as Error).name)) return false;
    throw err;
  }
}

const putObject = (key: string, bytes: Uint8Array, type = PDF) =>
  h.s3.send(
    new PutObjectCommand({ Bucket: h.stack.env.BUCKET_NAME, Key: key, Body: bytes, ContentType: type }),
  );

/** After ingest: no document for the upload, the object gone, the rejection recorded with `reason`. */
async function refusedByIngest(key: string, uploadId: string | undefined, reason: string): Promise<string[]> {
  await h.settle();
  const items = await scanTable(h.table);
  const problems: string[] = [];
  if (
    items.some((i) => i.entity === 'document' && (i.s3Key === key || (uploadId && i.documentId === uploadId)))
  )
    problems.push(`${key}: a document was recorded`);
  if (await exists(key)) problems.push(`${key}: the object was not deleted`);
  const rejection = items.find((i) => i.entity === 'uploadRejection' && i.key === key);
  if (key.startsWith(`firms/${A.firm.firmId}/`) && rejection?.reason !== reason)
    problems.push(`${key}: rejection reason ${String(rejection?.reason)}, expected ${reason}`);
  return problems;
}

describe('Reliability: upload abuse', () => {
  it('signs a POST policy bound to the exact key, type, size range and a short expiry', async () => {
    const res = await ticket({ fileName: 'return.pdf', contentType: PDF, size: 1234 });
    expect(res.status).toBe(201);
    const policy = JSON.parse(Buffer.from(res.body.fields.Policy, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 1234]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', PDF]);
    expect(policy.conditions).toContainEqual({ key: res.body.key });
    expect(policy.conditions).toContainEqual({ bucket: h.stack.env.BUCKET_NAME });
    // No condition that widens the key (starts-with) or the type.
    expect(JSON.stringify(policy.conditions)).not.toContain('starts-with');
    // As short as a 1 Mbit/s connection allows for the declared size (two minutes to start).
    const ttl = Date.parse(policy.expiration) - Date.now();
    expect(ttl).toBeGreaterThan((postLifetimeSeconds(1234) - 30) * 1000);
    expect(ttl).toBeLessThanOrEqual(postLifetimeSeconds(1234) * 1000 + 5000);
    expect(res.body.key).toMatch(
      new RegExp(`^firms/${A.firm.firmId}/cases/${A.case1}/${res.body.uploadId}/return\\.pdf$`),
    );
    tally.add('cells');
  });

  it('refuses bad upload requests with a clear code and writes nothing', async () => {
    await h.settle();
    const before = await snapshot(h.table);
    const cases: [string, () => Promise<{ status: number; body: { code?: string } }>, number, string][] = [
      [
        'oversize',
        () => ticket({ fileName: 'huge.pdf', contentType: PDF, size: 26 * 1024 * 1024 }),
        422,
        'file_too_large',
      ],
      [
        'control characters in the name',
        () => ticket({ fileName: 'a\u0000b.pdf', contentType: PDF, size: 10 }),
        400,
        'validation_failed',
      ],
      [
        'a newline in the name',
        () => ticket({ fileName: 'inv\noice.pdf', contentType: PDF, size: 10 }),
        400,
        'validation_failed',
      ],
      [
        'an unknown content type',
        () => ticket({ fileName: 'x.exe', contentType: 'application/x-msdownload', size: 10 }),
        400,
        'validation_failed',
      ],
      [
        'a zero size',
        () => ticket({ fileName: 'x.pdf', contentType: PDF, size: 0 }),
        400,
        'validation_failed',
      ],
      [
        'a viewer',
        () => ticket({ fileName: 'x.pdf', contentType: PDF, size: 10 }, A.viewer.token),
        403,
        'upload_not_allowed',
      ],
      [
        'a revoked contact',
        () => ticket({ fileName: 'x.pdf', contentType: PDF, size: 10 }, A.revoked.token),
        404,
        'case_not_found',
      ],
    ];
    const problems: string[] = [];
    for (const [what, run, status, code] of cases) {
      const res = await run();
      if (res.status !== status || res.body.code !== code)
        problems.push(`${what}: ${res.status} ${res.body.code} (expected ${status} ${code})`);
    }
    await h.settle();
    const written = diff(before, await snapshot(h.table));
    tally.add('cells', cases.length);
    tally.fail(problems.length + written.length);
    expect(problems).toEqual([]);
    expect(written).toEqual([]);
  });

  it('keeps traversal out of object keys: the name is sanitized into the intent’s own prefix', async () => {
    const names = [
      '../../other-firm/evil.pdf',
      '..\\..\\evil.pdf',
      '/etc/passwd',
      '%2e%2e%2fescape.pdf',
      'ok/../../x.pdf',
      '\u202Egnp.pdf',
      '....pdf',
    ];
    const problems: string[] = [];
    for (const fileName of names) {
      const res = await ticket({ fileName, contentType: PDF, size: 10 });
      if (res.status !== 201) {
        problems.push(`${JSON.stringify(fileName)}: ${res.status}`);
        continue;
      }
      const prefix = `firms/${A.firm.firmId}/cases/${A.case1}/${res.body.uploadId}/`;
      const rest = String(res.body.key).slice(prefix.length);
      if (
        !String(res.body.key).startsWith(prefix) ||
        !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(rest) ||
        rest.includes('..')
      )
        problems.push(`${JSON.stringify(fileName)} → ${res.body.key}`);
    }
    tally.add('cells', names.length);
    tally.fail(problems.length);
    expect(problems).toEqual([]);
  });

  it('ingest refuses what a lax store lets through, deletes the object and records no document', async () => {
    const problems: string[] = [];
    const take = async (body: Record<string, unknown>) => (await ticket(body)).body as Ticket;

    // Bigger than declared (S3 would refuse it by content-length-range; s3rver does not).
    const big = await take({ fileName: 'big.pdf', contentType: PDF, size: 20 });
    await postToS3(big, pdfBytes('x'.repeat(200)), PDF);
    problems.push(...(await refusedByIngest(big.key, big.uploadId, 'too_large')));

    // Declared a PDF, is a PNG (the magic bytes decide).
    const png = await take({ fileName: 'scan.pdf', contentType: PDF, size: PNG.length });
    await postToS3(png, PNG, PDF);
    problems.push(...(await refusedByIngest(png.key, png.uploadId, 'type_mismatch')));

    // An object no intent announced: inside the firm's prefix, and outside any prefix of ours.
    const unknownKey = `firms/${A.firm.firmId}/cases/${A.case1}/${newId()}/planted.pdf`;
    await putObject(unknownKey, pdfBytes('planted'));
    problems.push(...(await refusedByIngest(unknownKey, undefined, 'unknown_key')));
    const stray = `tmp/${newId()}.pdf`;
    await putObject(stray, pdfBytes('stray'));
    problems.push(...(await refusedByIngest(stray, undefined, 'unknown_key')));

    // The intent's upload id, another name: outside the one key the intent allows.
    const other = await take({ fileName: 'allowed.pdf', contentType: PDF, size: 100 });
    const sideKey = other.key.replace(/allowed\.pdf$/, 'smuggled.pdf');
    await putObject(sideKey, pdfBytes('side'));
    problems.push(...(await refusedByIngest(sideKey, other.uploadId, 'key_mismatch')));

    // An expired intent (its expiry moved into the past, as time would).
    const late = await take({ fileName: 'late.pdf', contentType: PDF, size: 100 });
    await h.table.client.send(
      new UpdateCommand({
        TableName: h.table.name,
        Key: uploadIntentKey(A.firm.firmId, A.case1, late.uploadId),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 60 },
      }),
    );
    await postToS3(late, pdfBytes('late'), PDF);
    problems.push(...(await refusedByIngest(late.key, late.uploadId, 'intent_expired')));

    // Empty file.
    const empty = await take({ fileName: 'empty.pdf', contentType: PDF, size: 10 });
    await putObject(empty.key, new Uint8Array());
    problems.push(...(await refusedByIngest(empty.key, empty.uploadId, 'empty')));

    tally.add('cells', 7);
    tally.fail(problems.length);
    expect(problems).toEqual([]);
    // The refused uploads notified nobody and left no dead letter.
    expect(await h.stack.bus.deadLetters('ingest')).toEqual([]);
  });

  it('refuses the object of an uploader who lost the right after asking: revoked, downgraded, no canUpload, a racing revoke, a staff user gone', async () => {
    // Prepare: four collaborators of case1 and a staff user, each holding a valid presigned POST
    const people = await Promise.all(
      ['Rob Revoked', 'Dina Downgraded', 'Nora No Upload', 'Rae Raced'].map((n) => newContact(h, A.firm, n)),
    );
    for (const c of people)
      await grant(h, A.firm, A.case1, c, { role: 'collaborator', canDownload: true, canUpload: true });
    await h.settle();
    const [rob, dina, nora, rae] = await Promise.all(people.map((c) => acceptAs(h, c)));
    const take = async (token: string, path = `/portal/cases/${A.case1}/uploads`) => {
      const res = await h.call('POST', path, {
        token,
        body: { fileName: 'late.pdf', contentType: PDF, size: 40 },
      });
      expect(res.status, res.text).toBe(201);
      logs.secret(res.body.url, res.body.fields?.Policy, res.body.fields?.['X-Amz-Signature']);
      return res.body as Ticket;
    };
    const tickets = {
      revoked: await take(rob!.token),
      downgraded: await take(dina!.token),
      noUpload: await take(nora!.token),
      raced: await take(rae!.token),
      staffGone: await take(A.firm.staff2.token, `/cases/${A.case1}/uploads`),
    };
    const inboxBefore = (await h.call('GET', '/inbox', { token: A.firm.staff.token })).body.items.length;
    // Act: the firm cuts them off (a route each; the race as a grant changed under a pending intent)
    const changes = [
      await h.call('DELETE', `/cases/${A.case1}/grants/${rob!.contactId}`, { token: A.firm.admin.token }),
      await h.call('PUT', `/cases/${A.case1}/grants/${dina!.contactId}`, {
        token: A.firm.admin.token,
        body: { role: 'viewer', canDownload: true },
      }),
      await h.call('PUT', `/cases/${A.case1}/grants/${nora!.contactId}`, {
        token: A.firm.admin.token,
        body: { role: 'collaborator', canDownload: true, canUpload: false },
      }),
    ];
    expect(changes.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.table.client.send(
      new UpdateCommand({
        TableName: h.table.name,
        Key: grantKey(A.firm.firmId, A.case1, rae!.contactId),
        UpdateExpression: 'SET #s = :revoked REMOVE GSI1PK, GSI1SK',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':revoked': 'revoked' },
      }),
    );
    await h.table.client.send(
      new DeleteCommand({ TableName: h.table.name, Key: staffKey(A.firm.firmId, A.firm.staff2.userId) }),
    );
    // Then each posts the file with the policy it already holds.
    for (const t of Object.values(tickets)) await postToS3(t, pdfBytes('late'), PDF);
    // Assess
    const problems: string[] = [];
    for (const [t, reason] of [
      [tickets.revoked, 'revoked'],
      [tickets.downgraded, 'upload_not_allowed'],
      [tickets.noUpload, 'upload_not_allowed'],
      [tickets.raced, 'revoked'],
      [tickets.staffGone, 'uploader_gone'],
    ] as const)
      problems.push(...(await refusedByIngest(t.key, t.uploadId, reason)));
    const items = await scanTable(h.table);
    for (const c of [rob!, dina!, nora!, rae!]) {
      const g = items.find(
        (i) => i.entity === 'grant' && i.caseId === A.case1 && i.contactId === c.contactId,
      );
      if (g?.sharedCount !== 0) problems.push(`${c.name}: shared count ${String(g?.sharedCount)}`);
    }
    const inboxAfter = (await h.call('GET', '/inbox', { token: A.firm.staff.token })).body.items.length;
    if (inboxAfter !== inboxBefore)
      problems.push(`staff inbox went from ${inboxBefore} to ${inboxAfter} items`);
    tally.add('cells', 5);
    tally.fail(problems.length);
    expect(problems).toEqual([]);
    expect(await h.stack.bus.deadLetters('ingest')).toEqual([]);
  });

  it('logs no presigned URL, policy, signature or token while refusing uploads', () => {
    const leaks = logs.leaks();
    tally.fail(leaks.length);
    expect(leaks).toEqual([]);
  });
});
