// Digests of bursts on the local stack: a firm digests document emails; a client's burst of
// uploads gives the staff recipient every in-app item at once and ONE email once the window is due
// (the scheduled digests function, run at a fake time through POST /local/digests/run); delivery
// status says which digest each email went into. The DynamoDB adapters' own guarantees (idempotent
// add, an entry arriving while its window is sending opens the next one, racing adds open one
// window, one mail per window whatever runs at once) are checked against DynamoDB Local directly.
import { describe, expect, it } from 'vitest';
import type { operations } from '../../client/src/index';
import { type DigestStore, digestRunner } from '../../functions/domain/digests';
import { NOTIFYING_EVENT_TYPES } from '../../functions/domain/notification-matrix';
import type { DigestEntry, Mail } from '../../functions/notify/core';
import { digestMail } from '../../functions/notify/digest-mail';
import { digestSink, digestStore } from '../../functions/store/digests';
import { DIGEST_SHARDS, digestLatestKey, entriesOfDigestPattern } from '../../functions/store/keys';
import { apiAs } from './support/client';
import { PDF, pdfBytes, postToS3 } from './support/files';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { call, newFirm, newId, partition, settle, type TestFirm, table } from './support/stack';

const MINUTE = 60_000;
type MatrixBody = operations['putNotificationMatrix']['requestBody']['content']['application/json'];

const allOn = () =>
  Object.fromEntries(
    NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]),
  ) as MatrixBody['matrix'];

async function digestFirm(windows: NonNullable<MatrixBody['digest']>) {
  const firm = await newFirm('Digest Firm');
  const saved = await apiAs(firm.admin.token).PUT('/settings/notifications', {
    body: { matrix: allOn(), mandatory: [], digest: windows },
  });
  expect(saved.response.status).toBe(200);
  expect(saved.data!.digest).toEqual(windows);
  const created = await apiAs(firm.admin.token).POST('/cases', {
    body: { title: 'Payroll 2026', ownerId: firm.staff.userId },
  });
  expect(created.response.status).toBe(201);
  return { firm, caseId: created.data!.caseId };
}

/** A contact's uploads, all at once (presigned POSTs straight to S3), then ingest and notify settle. */
async function burst(caseId: string, token: string, names: string[]) {
  const tickets = await Promise.all(
    names.map((fileName) =>
      apiAs(token).POST('/portal/cases/{caseId}/uploads', {
        params: { path: { caseId } },
        body: { fileName, contentType: PDF, size: pdfBytes(fileName).length },
      }),
    ),
  );
  for (const t of tickets) expect(t.response.status).toBe(201);
  await Promise.all(tickets.map((t, i) => postToS3(t.data!, pdfBytes(names[i]), PDF)));
  await settle();
}

async function runDigestsAt(at: Date) {
  // A /local dev route, not in the document: the untyped helper.
  const res = await call('POST', '/local/digests/run', { body: { now: at.toISOString() } });
  expect(res.status).toBe(200);
  return res.body as { due: number; sent: number; skipped: number; failures: unknown[] };
}

/** The due time a digested email's delivery status names ("… digest mailed at <ISO> (digest …)"). */
function dueAtOf(detail: string): number {
  const at = / mailed at (\S+) \(digest /.exec(detail)?.[1];
  expect(at, detail).toBeDefined();
  return Date.parse(at!);
}

const emailDeliveries = async (firm: TestFirm, caseId: string) => {
  const res = await apiAs(firm.staff2.token).GET('/cases/{caseId}/deliveries', {
    params: { path: { caseId }, query: { limit: 100 } },
  });
  expect(res.response.status).toBe(200);
  // The client's uploads only (the invitation mail of the contact is a delivery of the case too).
  return res.data!.items.filter((d) => d.channel === 'email' && d.type === 'document.uploaded');
};

describe('Function: digests of a burst', () => {
  it('collapses 10 client uploads into one email after the window, keeps 10 in-app items, explains each email, and mails it once', async () => {
    // Prepare
    const { firm, caseId } = await digestFirm({ documents: 5 });
    const dora = await portalContact(firm, caseId, 'Dora Digest', {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    const names = Array.from({ length: 10 }, (_, i) => `payslip-${i + 1}.pdf`);
    const before = Date.now();

    // Act: the burst
    await burst(caseId, dora.token, names);
    const after = Date.now();

    // Assess: 10 in-app items at once, no email yet
    const inbox = await apiAs(firm.staff.token).GET('/inbox', { params: { query: { limit: 50 } } });
    expect(inbox.data!.items.filter((i) => i.type === 'document.uploaded')).toHaveLength(10);
    expect(await mailTo(firm.staff.email)).toEqual([]);
    // Assess: every email delivery is suppressed 'digest', all into one digest, with words saying which and when
    const emails = await emailDeliveries(firm, caseId);
    expect(emails).toHaveLength(10);
    for (const d of emails) {
      expect(d).toMatchObject({ status: 'suppressed', reason: 'digest' });
      expect(d.detail).toMatch(/^Batched into the documents digest mailed at .+ \(digest [0-9A-Z]+\)\.$/);
    }
    expect(new Set(emails.map((d) => /\(digest (\w+)\)/.exec(d.detail!)![1])).size).toBe(1);
    // The window opened with the burst's first email and lasts 5 minutes: its due time lies between
    // 5 minutes after the burst began and 5 minutes after it settled, however slow the machine.
    const dueAt = dueAtOf(emails[0]!.detail!);
    expect(dueAt).toBeGreaterThanOrEqual(before + 5 * MINUTE);
    expect(dueAt).toBeLessThanOrEqual(after + 5 * MINUTE);

    // Act: the digest function (its fake clock taken from the window's due time), a minute before
    // the window is due, then after it, then again
    const early = await runDigestsAt(new Date(dueAt - MINUTE));
    const afterEarly = await mailTo(firm.staff.email);
    const due = await runDigestsAt(new Date(dueAt + MINUTE));
    const again = await Promise.all([
      runDigestsAt(new Date(dueAt + MINUTE)),
      runDigestsAt(new Date(dueAt + 2 * MINUTE)),
    ]);

    // Assess: exactly one email, listing the 10 files
    expect(early.failures).toEqual([]);
    expect(afterEarly).toEqual([]);
    expect(due.sent).toBeGreaterThanOrEqual(1);
    expect(again.flatMap((r) => r.failures)).toEqual([]);
    const mails = await mailTo(firm.staff.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('10 new files');
    for (const name of names) expect(mails[0]!.body.text).toContain(`- Dora Digest uploaded ${name}`);
    expect(mails[0]!.body.text).toContain('Here is what happened in the last 5 minutes:');
    expect(mails[0]!.body.html).toContain(`uploaded ${names[0]}</a>`);

    // Act: a later upload opens a new digest, mailed once its own window is due
    await burst(caseId, dora.token, ['late.pdf']);
    const lateEmail = (await emailDeliveries(firm, caseId)).filter(
      (d) => !emails.some((e) => e.eventId === d.eventId),
    );
    expect(lateEmail).toHaveLength(1);
    await runDigestsAt(new Date(dueAtOf(lateEmail[0]!.detail!) + MINUTE));

    // Assess
    expect(lateEmail).toHaveLength(1);
    expect(lateEmail[0]).toMatchObject({ status: 'suppressed', reason: 'digest' });
    expect(lateEmail[0]!.detail).not.toContain(/\(digest (\w+)\)/.exec(emails[0]!.detail!)![1]);
    const all = await mailTo(firm.staff.email);
    expect(all).toHaveLength(2);
    expect(all[1]!.subject).toBe('1 new file');
    expect(all[1]!.body.text).toContain('- Dora Digest uploaded late.pdf');
    expect(all[1]!.body.text).not.toContain('payslip-1.pdf');
  });

  it('refuses a run at a time that is not an ISO date-time', async () => {
    // A /local dev route, not in the document: the untyped helper.
    const res = await call('POST', '/local/digests/run', { body: { now: 'in five minutes' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});

describe('Store: digests (DynamoDB Local)', () => {
  const firmId = () => newId();
  const entryOf = (
    firm: string,
    eventId: string,
    at: Date,
    over: Partial<DigestEntry> = {},
  ): DigestEntry => ({
    key: { firmId: firm, eventId, recipient: 'staff-U1', channel: 'email' },
    recipient: { kind: 'staff', firmId: firm, id: 'U1', name: 'Ana', email: 'ana@firm.test', locale: 'es' },
    category: 'documents',
    windowMinutes: 5,
    type: 'document.uploaded',
    caseId: 'C1',
    message: {
      title: 'New client upload',
      body: `Dora uploaded ${eventId}.pdf`,
      subject: `Dora uploaded ${eventId}.pdf`,
      text: 'text',
      html: '<p>html</p>',
      link: 'https://app.example/cases/C1/documents',
    },
    at,
    ...over,
  });
  const digestItems = async (firm: string) => partition(digestLatestKey(firm, 'staff-U1', 'documents').PK);
  const ref = (firm: string, windowId: string) => ({
    firmId: firm,
    recipientKey: 'staff-U1',
    category: 'documents' as const,
    windowId,
  });

  it('adds an entry once however often its delivery retries, and opens the window due a window later', async () => {
    // Prepare
    const firm = firmId();
    const sink = digestSink(table);
    const at = new Date();
    const e = entryOf(firm, newId(), at);

    // Act
    const first = await sink.add(e);
    const again = await sink.add(e);

    // Assess
    expect(again).toEqual(first);
    expect(first.digestId).toBe(e.key.eventId);
    expect(first.dueAt).toBe(new Date(at.getTime() + 5 * MINUTE).toISOString());
    const window = await digestStore(table).window(ref(firm, first.digestId));
    expect(window).toMatchObject({
      status: 'open',
      entryCount: 1,
      recipient: { email: 'ana@firm.test', locale: 'es' },
    });
    const items = await digestItems(firm);
    expect(items.filter((i) => i.entity === 'digestEntry')).toHaveLength(1);
    expect(items.every((i) => typeof i.expiresAt === 'number')).toBe(true);
  });

  it('puts 10 racing adds into one window', async () => {
    // Prepare
    const firm = firmId();
    const sink = digestSink(table);
    const at = new Date();

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, () => sink.add(entryOf(firm, newId(), at))));

    // Assess
    expect(new Set(results.map((r) => r.digestId)).size).toBe(1);
    const [windowId] = results.map((r) => r.digestId);
    expect((await digestStore(table).window(ref(firm, windowId!)))?.entryCount).toBe(10);
    expect(await digestStore(table).entries(ref(firm, windowId!))).toHaveLength(10);
    const windows = (await digestItems(firm)).filter((i) => i.entity === 'digestWindow');
    expect(windows).toHaveLength(1);
  });

  it('opens the next window for an entry that arrives while the window is being sent, and loses none', async () => {
    // Prepare: a window, claimed by a run
    const firm = firmId();
    const sink = digestSink(table);
    const store = digestStore(table);
    const at = new Date();
    const first = await sink.add(entryOf(firm, newId(), at));
    const now = new Date(at.getTime() + 6 * MINUTE);
    expect(await store.claim(ref(firm, first.digestId), now, now.getTime() + MINUTE)).toBe(true);

    // Act
    const late = await sink.add(entryOf(firm, newId(), new Date(at.getTime() + 10_000)));
    const later = await sink.add(entryOf(firm, newId(), new Date(at.getTime() + 20_000)));

    // Assess
    expect(late.digestId).not.toBe(first.digestId);
    expect(later.digestId).toBe(late.digestId);
    expect(await store.entries(ref(firm, first.digestId))).toHaveLength(1);
    expect(await store.entries(ref(firm, late.digestId))).toHaveLength(2);
    expect(await store.window(ref(firm, late.digestId))).toMatchObject({ status: 'open', entryCount: 2 });
  });

  it('mails a due window once when runs race, finds it through the due index, and takes it off the index', async () => {
    // Prepare
    const firm = firmId();
    const sink = digestSink(table);
    const at = new Date();
    for (let i = 0; i < 3; i++) await sink.add(entryOf(firm, newId(), at));
    const store = digestStore(table);
    // This firm's windows only: other suites' windows share the index and must not be touched.
    const own: DigestStore = {
      ...store,
      async due(shard, dueBy, page) {
        const found = await store.due(shard, dueBy, page);
        return { ...found, items: found.items.filter((r) => r.firmId === firm) };
      },
    };
    const sent: Mail[] = [];
    const mailer = {
      async send(mail: Mail) {
        sent.push(mail);
        return { messageId: `m-${sent.length}` };
      },
    };
    const runAt = (ms: number) =>
      digestRunner({
        digests: own,
        mailer,
        render: digestMail,
        clock: { now: () => new Date(at.getTime() + ms) },
        shards: DIGEST_SHARDS,
      })();

    // Act
    const early = await runAt(4 * MINUTE);
    const runs = await Promise.all([runAt(6 * MINUTE), runAt(6 * MINUTE), runAt(6 * MINUTE)]);
    const after = await runAt(7 * MINUTE);

    // Assess
    expect(early.due).toBe(0);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(after.due).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'ana@firm.test', subject: '3 archivos nuevos' });
    const [window] = (await digestItems(firm)).filter((i) => i.entity === 'digestWindow');
    expect(window).toMatchObject({ status: 'sent', messageId: 'm-1' });
    expect(window!.GSI2PK).toBeUndefined();
    expect(entriesOfDigestPattern(firm, 'staff-U1', 'documents', String(window!.windowId)).pk).toBe(
      window!.PK,
    );
  });
});
