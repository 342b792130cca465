// The local stack killed the hard way: `npm start`'s whole process group gets SIGKILL at three
// moments (mid fan-out, mid replay of the previous run's work, while uploads are being accepted),
// is started again on the same data each time, and at the end every delivery was made exactly once
// (delivery records and inbox items: none pending, none twice), every upload S3 accepted is a
// document, and the last run mailed nothing it had mailed before. Then Ctrl-C mid fan-out: the
// stack drains its bus before DynamoDB Local stops (nothing refused, nothing left in the journal).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { firmAdminStore } from '../../functions/store/firm';
import { deliveriesOfCasePattern, inboxCounterKey, uploadIntentKey } from '../../functions/store/keys';
import { queryAll, type Table } from '../../functions/store/table';
import { localAuth, localPools } from '../../local/auth';
import { createFirm, newId, partitionOf, type TestFirm } from '../support/firms';
import { callApi } from '../support/http';
import { storedMail } from '../support/mail';
import {
  claimPorts,
  killGroup,
  portFree,
  type RunningStack,
  type StackPorts,
  sleep,
  startStack,
} from './support';

/** Internal recipients of the case, each told in-app and by email of every client upload. */
const RECIPIENTS = 40;
const CHANNELS = 2;
/** How long the last run gets to finish what the killed ones left (it needs ~10–20 s). */
const SETTLE_MS = 60_000;

let dataDir = '';
let ports: StackPorts;
let stack: RunningStack | undefined;
let table: Table | undefined;

afterAll(async () => {
  if (stack) await killGroup(stack);
  table?.client.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts `npm start` on the suite's data dir once the previous run's ports are free again. */
async function restart(): Promise<RunningStack> {
  // DynamoDB Local's guard notices its parent's death on its own (end of its stdin) and stops Java.
  const deadline = Date.now() + 30_000;
  for (const port of Object.values(ports))
    while (!(await portFree(port)) && Date.now() < deadline) await sleep(200);
  stack = await startStack(dataDir, ports);
  return stack;
}

async function kill(): Promise<void> {
  await killGroup(stack!);
  stack = undefined;
}

interface Upload {
  uploadId: string;
  /** S3 answered the POST: the client saw a successful upload. */
  accepted: boolean;
}

/** Asks for an upload ticket as the contact and posts a small PDF to S3 (no wait for ingest). */
async function upload(api: string, token: string, caseId: string, name: string): Promise<Upload> {
  const bytes = new TextEncoder().encode(`%PDF-1.7\n% ${name}\n%%EOF\n`);
  const asked = callApi(api, 'POST', `/portal/cases/${caseId}/uploads`, {
    token,
    body: { fileName: name, contentType: 'application/pdf', size: bytes.length },
  });
  // A kill during the ticket request: no upload was started (no id to follow).
  const res = await asked.catch(() => undefined);
  if (!res) return { uploadId: '', accepted: false };
  expect(res.status, res.text).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(res.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
  try {
    const posted = await fetch(res.body.url, { method: 'POST', body: form });
    return { uploadId: res.body.uploadId, accepted: posted.status < 300 };
  } catch {
    return { uploadId: res.body.uploadId, accepted: false }; // the kill cut the POST: never acknowledged
  }
}

interface Tally {
  expected: number;
  made: number;
  pending: number;
  /** Delivery records of the uploads that are neither sent nor pending (suppressed, failed). */
  other: number;
  inboxItems: number;
  duplicated: number;
  recorded: number;
  accepted: number;
  acceptedRecorded: number;
}

describe('Crash: kill -9 and restart', () => {
  it('delivers every notification exactly once and records every accepted upload across three SIGKILLs, and drains on Ctrl-C', async () => {
    // Prepare: a firm whose case has 40 internal recipients, and a client contact who may upload.
    dataDir = await mkdtemp(join(tmpdir(), 'portico-crash-'));
    ports = await claimPorts();
    await restart();
    const api = stack!.urls.api;
    const auth = await localAuth(join(dataDir, 'keys', 'jwk.json'), localPools(stack!.urls.identity));
    table = {
      client: DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: stack!.urls.dynamodb,
          region: 'us-east-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
      ),
      name: 'portico',
      cursorSecret: (await readFile(join(dataDir, 'cursor-secret'), 'utf8')).trim(),
    };
    const t = table;
    const firm: TestFirm = await createFirm(t, (c, ttl) => auth.mint(c, ttl), 'Crash & Co');
    const staff = [firm.staff, firm.admin, firm.staff2].map((s) => ({ userId: s.userId, email: s.email }));
    for (let i = staff.length; i < RECIPIENTS; i++) {
      const user = {
        firmId: firm.firmId,
        userId: newId(),
        name: `Staff ${i} of Crash & Co`,
        email: `staff${i}.${firm.firmId.toLowerCase()}@firm.test`,
        role: 'staff' as const,
        createdAt: new Date().toISOString(),
      };
      await firmAdminStore(t).putStaffUser(user);
      staff.push({ userId: user.userId, email: user.email });
    }
    const call = (method: string, path: string, token: string, body?: unknown) =>
      callApi(api, method, path, { token, ...(body !== undefined ? { body } : {}) });
    const created = await call('POST', '/cases', firm.admin.token, {
      title: 'Crash',
      ownerId: firm.staff.userId,
    });
    expect(created.status, created.text).toBe(201);
    const caseId: string = created.body.caseId;
    const saved = await call('PUT', `/cases/${caseId}/recipients`, firm.admin.token, {
      recipients: staff.map((s) => ({ userId: s.userId, inApp: true, email: true })),
    });
    expect(saved.status, saved.text).toBe(200);
    const email = `carla.${newId().toLowerCase()}@client.test`;
    const contact = await call('POST', '/contacts', firm.staff.token, { name: 'Carla Client', email });
    expect(contact.status, contact.text).toBe(201);
    const granted = await call('PUT', `/cases/${caseId}/grants/${contact.body.contactId}`, firm.admin.token, {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    expect(granted.status, granted.text).toBe(200);
    let invitation: string | undefined;
    for (let i = 0; i < 200 && !invitation; i++) {
      const mail = (await storedMail(stack!.urls.mail)).find((m) => m.destination.to.includes(email));
      invitation = /\/accept\?token=([A-Za-z0-9_.%-]+)/.exec(mail?.body.text ?? '')?.[1];
      if (!invitation) await sleep(100);
    }
    const contactToken = await auth.mint({ sub: `identity-${newId()}`, email, email_verified: true });
    const accepted = await call('POST', '/portal/invitations/accept', contactToken, {
      token: decodeURIComponent(invitation!),
    });
    expect(accepted.status, accepted.text).toBe(200);

    const deliveriesOfCase = () =>
      queryAll<Record<string, unknown>>(t, deliveriesOfCasePattern(firm.firmId, caseId), {
        consistent: true,
      });
    const uploads: Upload[] = [];
    const tally = async (): Promise<Tally> => {
      const records = await deliveriesOfCase();
      const ofUploads = records.filter((r) => r.type === 'document.uploaded');
      let recorded = 0;
      let acceptedRecorded = 0;
      for (const u of uploads) {
        if (!u.uploadId) continue;
        const intent = await t.client.send(
          new GetCommand({
            TableName: t.name,
            Key: uploadIntentKey(firm.firmId, caseId, u.uploadId),
            ConsistentRead: true,
          }),
        );
        const done = intent.Item?.status === 'completed';
        if (done) recorded++;
        if (done && u.accepted) acceptedRecorded++;
      }
      let inboxItems = 0;
      let duplicated = 0;
      for (const s of staff) {
        const items = await partitionOf(
          t,
          inboxCounterKey({ firmId: firm.firmId, kind: 'staff', id: s.userId }).PK,
        );
        const perEvent = new Map<string, number>();
        for (const item of items)
          if (item.type === 'document.uploaded' && typeof item.eventId === 'string')
            perEvent.set(item.eventId, (perEvent.get(item.eventId) ?? 0) + 1);
        for (const n of perEvent.values()) {
          inboxItems += n;
          duplicated += n - 1;
        }
      }
      return {
        expected: recorded * RECIPIENTS * CHANNELS,
        made: ofUploads.filter((r) => r.status === 'sent').length,
        pending: ofUploads.filter((r) => r.status === 'pending').length,
        other: ofUploads.filter((r) => r.status !== 'sent' && r.status !== 'pending').length,
        inboxItems,
        duplicated,
        recorded,
        accepted: uploads.filter((u) => u.accepted).length,
        acceptedRecorded,
      };
    };
    const waitForMade = async (atLeast: number) => {
      for (let i = 0; i < 600 && (await tally()).made < atLeast; i++) await sleep(50);
    };
    const moments: string[] = [];

    // Act 1: four uploads fan out to 320 deliveries; killed once some were made.
    for (let i = 0; i < 4; i++) uploads.push(await upload(api, contactToken, caseId, `a-${i}.pdf`));
    await waitForMade(40);
    moments.push(`mid fan-out (made=${(await tally()).made})`);
    await kill();

    // Act 2: restarted; three more uploads; killed while the first run's events are replayed.
    await restart();
    for (let i = 0; i < 3; i++)
      uploads.push(await upload(stack!.urls.api, contactToken, caseId, `b-${i}.pdf`));
    const before2 = (await tally()).made;
    await waitForMade(before2 + 40);
    moments.push(`mid replay (made=${(await tally()).made})`);
    await kill();

    // Act 3: restarted; three uploads at once, killed as soon as S3 acknowledged the first.
    await restart();
    const batch = [0, 1, 2].map((i) => upload(stack!.urls.api, contactToken, caseId, `c-${i}.pdf`));
    await Promise.race([
      ...batch.map((p) => p.then((u) => (u.accepted ? u : new Promise(() => undefined)))),
      Promise.all(batch),
    ]);
    moments.push('mid upload');
    await kill();
    uploads.push(...(await Promise.all(batch)));

    // The last start, on the same data: it must finish everything by itself.
    const lastStart = new Date().toISOString();
    await restart();
    const settleBy = Date.now() + SETTLE_MS;
    let final = await tally();
    while (Date.now() < settleBy) {
      if (final.accepted === final.acceptedRecorded && final.made === final.expected && final.pending === 0)
        break;
      await sleep(500);
      final = await tally();
    }
    // Mail of the last run: exactly the email deliveries it recorded as sent (local SES keeps mail in memory).
    const staffEmails = new Set(staff.map((s) => s.email));
    const mailed = (await storedMail(stack!.urls.mail)).filter((m) =>
      m.destination.to.some((to) => staffEmails.has(to)),
    );
    const records = await deliveriesOfCase();
    const sentByLastRun = records.filter(
      (r) => r.channel === 'email' && r.status === 'sent' && String(r.sentAt) >= lastStart,
    ).length;

    // Assess
    console.log(
      `crash: kills=3 (${moments.join('; ')}) deliveries expected=${final.expected} made=${final.made} pending=${final.pending} other=${final.other} inbox=${final.inboxItems} duplicated=${final.duplicated} uploads accepted=${final.accepted} recorded=${final.acceptedRecorded} (of ${uploads.length} tried, ${final.recorded} recorded) last-run mails=${mailed.length} sent-records=${sentByLastRun}`,
    );
    expect(final.accepted).toBeGreaterThanOrEqual(8);
    expect(final.acceptedRecorded).toBe(final.accepted);
    expect(final.made).toBe(final.expected);
    expect(final.pending).toBe(0);
    expect(final.other).toBe(0);
    expect(final.inboxItems).toBe(final.recorded * RECIPIENTS);
    expect(final.duplicated).toBe(0);
    expect(mailed.length).toBe(sentByLastRun);

    // Act 5: two more uploads fan out, and Ctrl-C (SIGINT to the whole foreground group) comes
    // at once: the stack drains the bus before it stops DynamoDB Local.
    for (let i = 0; i < 2; i++)
      uploads.push(await upload(stack!.urls.api, contactToken, caseId, `d-${i}.pdf`));
    const running = stack!;
    const interrupted = Date.now();
    process.kill(-running.pid, 'SIGINT');
    const code = await Promise.race([running.exited, sleep(60_000).then(() => 'timeout' as const)]);
    stack = undefined;
    const journal = (await readFile(join(dataDir, 'bus', 'journal.jsonl'), 'utf8').catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { op: 'put' | 'done'; key: string });
    const live = new Set<string>();
    for (const r of journal) r.op === 'put' ? live.add(r.key) : live.delete(r.key);
    const refused = running.output().split('ECONNREFUSED').length - 1;
    console.log(
      `ctrl-c: exit=${String(code)} stopped in ${Date.now() - interrupted} ms; journal lines=${journal.length} live=${live.size}; ECONNREFUSED=${refused}`,
    );
    expect(code, running.output().slice(-2000)).toBe(0);
    expect(journal.length).toBeGreaterThan(0);
    expect(live.size).toBe(0);
    expect(
      refused,
      running
        .output()
        .split('\n')
        .filter((l) => l.includes('ECONNREFUSED'))
        .join('\n')
        .slice(0, 3000),
    ).toBe(0);
  });
});
