// Duplicates and ordering: every S3 "Object Created" event and every domain event delivered three
// times and out of order (S3 and EventBridge deliver at least once, in no promised order) must
// leave exactly one document, one inbox item and one mail per recipient × channel, counters exact.
// Concurrent explicit saves (share sets, recipients lists) must not lose updates.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainEventSchema, EVENT_SOURCE } from '../../functions/events/catalogue';
import { brokenInvariants, itemsBy } from './support/invariants';
import { captureLogs } from './support/logs';
import { diff, type Harness, mails, snapshot, startHarness } from './support/stack';
import { useTally } from './support/tally';
import {
  buildFirmWorld,
  type FirmWorld,
  grant,
  newContact,
  pdfBytes,
  startUpload,
  type Ticket,
} from './support/world';

const tally = useTally('duplicates');
const logs = captureLogs();

let h: Harness;
let A: FirmWorld;
let bus: EventBridgeClient;

beforeAll(async () => {
  h = await startHarness();
  A = await buildFirmWorld(h, 'Alpha & Co');
  bus = new EventBridgeClient({
    endpoint: h.stack.urls.bus,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  logs.secret(A.firm.staff.token, A.collaborator.token);
  tally.ready();
}, 120_000);

afterAll(async () => {
  bus?.destroy();
  await h?.stop();
});

/** Seeded shuffle (Fisher–Yates): out of order, but the same order on every run. */
function shuffle<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Uploaded {
  key: string;
  size: number;
}

/** The S3 event of an object, as S3 would put it on the default bus again. */
const objectCreated = (o: Uploaded) => ({
  Source: 'aws.s3',
  DetailType: 'Object Created',
  Resources: [`arn:aws:s3:::${h.stack.env.BUCKET_NAME}`],
  Detail: JSON.stringify({
    version: '0',
    bucket: { name: h.stack.env.BUCKET_NAME },
    object: { key: o.key, size: o.size },
    reason: 'PostObject',
  }),
});

/** Every domain event so far, from the activity entries (what the stream relay published once). */
async function domainEvents() {
  const by = await itemsBy(h);
  return (by.get('activity') ?? []).map((i) => DomainEventSchema.parse(i));
}

async function republish(events: ReturnType<typeof DomainEventSchema.parse>[]) {
  const entries = events.map((e) => ({
    EventBusName: h.stack.env.EVENT_BUS_NAME,
    Source: EVENT_SOURCE,
    DetailType: e.type,
    Time: new Date(e.occurredAt),
    Detail: JSON.stringify(e),
  }));
  const batches: (typeof entries)[] = [];
  for (let i = 0; i < entries.length; i += 10) batches.push(entries.slice(i, i + 10));
  // All at once: copies of one event race each other in notify.
  await Promise.all(batches.map((Entries) => bus.send(new PutEventsCommand({ Entries }))));
}

describe('Reliability: duplicates and ordering', () => {
  it('every S3 and domain event delivered 3 times, out of order: one document, one inbox item, one mail each; counters exact', async () => {
    // Prepare: client uploads (they notify the staff in-app and by mail), firm uploads, new invitations.
    const uploads: Uploaded[] = [];
    const files = ['tax-return-2025.pdf', 'payslip-march.pdf', 'id-card.pdf'];
    const tickets: Ticket[] = [];
    for (const fileName of files) {
      const bytes = pdfBytes(fileName);
      tickets.push(
        await startUpload(h, `/portal/cases/${A.case1}/uploads`, A.collaborator.token, { fileName, bytes }),
      );
      uploads.push({ key: tickets.at(-1)!.key, size: bytes.length });
    }
    const firmBytes = pdfBytes('firm letter');
    const firmTicket = await startUpload(h, `/cases/${A.case1}/uploads`, A.firm.staff.token, {
      fileName: 'letter.pdf',
      bytes: firmBytes,
    });
    uploads.push({ key: firmTicket.key, size: firmBytes.length });
    for (const name of ['Nina New', 'Otto Other']) {
      const c = await newContact(h, A.firm, name);
      await grant(h, A.firm, A.case1, c, { role: 'viewer', canDownload: true });
    }
    // Act 1: each S3 event twice more while the first delivery is still in flight, newest first.
    const s3Copies = shuffle([...uploads, ...uploads], 11);
    for (const o of s3Copies) h.stack.bus.put(objectCreated(o));
    await h.settle();
    const afterFirst = await snapshot(h.table);
    const mailsAfterFirst = (await mails(h)).length;

    // Act 2: every domain event twice more, shuffled, concurrently; every S3 event twice more again.
    const events = await domainEvents();
    await republish(shuffle([...events, ...events], 23));
    for (const o of shuffle([...uploads, ...uploads], 29)) h.stack.bus.put(objectCreated(o));
    await h.settle();
    await h.stack.bus.redrive('notify');
    await h.stack.bus.redrive('ingest');
    await h.settle();
    tally.add('duplicates', s3Copies.length + events.length * 2 + uploads.length * 2);

    // Assess: the duplicates changed nothing at all …
    const changed = diff(afterFirst, await snapshot(h.table));
    expect(changed, 'items changed by duplicate deliveries').toEqual([]);
    expect((await mails(h)).length).toBe(mailsAfterFirst);
    // … and the first deliveries did exactly what they should.
    const by = await itemsBy(h);
    const docs = (by.get('document') ?? []).filter((d) => uploads.some((u) => u.key === d.s3Key));
    expect(docs).toHaveLength(uploads.length);
    const uploadedEvents = events.filter(
      (e) => e.type === 'document.uploaded' && files.some((f) => JSON.stringify(e.detail).includes(f)),
    );
    expect(uploadedEvents).toHaveLength(files.length);
    const staff = [A.firm.staff, A.firm.admin, A.firm.staff2];
    for (const e of uploadedEvents) {
      for (const u of staff) {
        const items = (by.get('inboxItem') ?? []).filter(
          (i) => i.eventId === e.eventId && i.ownerId === u.userId,
        );
        expect(items, `${u.name}'s inbox items for ${e.eventId}`).toHaveLength(1);
      }
    }
    // The owner alone hears of client uploads by mail (recipients list of case1): one mail per upload.
    const ownerMails = (await mails(h)).filter((m) => m.destination.to.includes(A.firm.staff.email));
    for (const f of files)
      expect(
        ownerMails.filter((m) => `${m.subject} ${m.body.text}`.includes(f)),
        f,
      ).toHaveLength(1);
    expect(await h.stack.bus.deadLetters('notify')).toEqual([]);
    expect(await h.stack.bus.deadLetters('ingest')).toEqual([]);
    const broken = await brokenInvariants(h);
    tally.fail(broken.length);
    expect(broken).toEqual([]);
  });

  it('concurrent explicit saves of share sets and recipients lists lose no update and keep counters exact', async () => {
    // Prepare: more documents in case1, and the contacts with access.
    const docs = [A.doc1, A.clientDoc];
    for (const name of ['a.pdf', 'b.pdf', 'c.pdf'])
      docs.push(
        (await startUpload(h, `/cases/${A.case1}/uploads`, A.firm.staff.token, { fileName: name })).uploadId,
      );
    await h.settle();
    const contacts = [A.viewer.contactId, A.collaborator.contactId];
    const sets = [[], [contacts[0]!], [contacts[1]!], contacts, [contacts[1]!, contacts[0]!]];
    const docSets = [[], docs.slice(0, 1), docs.slice(1, 4), docs, docs.slice(2)];
    const f = A.firm;
    const lists = [
      [{ userId: f.staff.userId, inApp: true, email: true }],
      [
        { userId: f.staff.userId, inApp: true, email: false },
        { userId: f.admin.userId, inApp: true, email: true },
      ],
      [
        { userId: f.staff.userId, inApp: true, email: true },
        { userId: f.staff2.userId, inApp: true, email: false },
        { userId: f.admin.userId, inApp: false, email: true },
      ],
    ];
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      // Act: every save at once, for several documents, several contacts and the recipients list.
      const calls = [
        ...docs.flatMap((d, i) =>
          shuffle(sets, round * 10 + i).map((contactIds) =>
            h.call('PUT', `/cases/${A.case1}/documents/${d}/shares`, {
              token: A.firm.staff.token,
              body: { contactIds },
            }),
          ),
        ),
        ...contacts.flatMap((c, i) =>
          shuffle(docSets, round * 20 + i).map((documentIds) =>
            h.call('PUT', `/cases/${A.case1}/contacts/${c}/shares`, {
              token: A.firm.admin.token,
              body: { documentIds },
            }),
          ),
        ),
        ...lists.map((recipients) =>
          h.call('PUT', `/cases/${A.case1}/recipients`, { token: A.firm.staff2.token, body: { recipients } }),
        ),
      ];
      const results = await Promise.all(calls);
      statuses.push(...results.map((r) => r.status));
      for (const r of results) if (r.status !== 200) expect(r.status, r.text).toBe(409);
      tally.add('duplicates', calls.length);
      await h.settle();
      // Assess: the saved recipients list is one of those sent, whole.
      const saved = await h.call('GET', `/cases/${A.case1}/recipients`, { token: A.firm.staff.token });
      const got = saved.body.recipients.map((r: { userId: string; inApp: boolean; email: boolean }) => ({
        userId: r.userId,
        inApp: r.inApp,
        email: r.email,
      }));
      expect(
        lists.some((l) => JSON.stringify(l) === JSON.stringify(got)),
        JSON.stringify(got),
      ).toBe(true);
      const broken = await brokenInvariants(h);
      tally.fail(broken.length);
      expect(broken).toEqual([]);
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it('logs no token or secret while handling duplicates', () => {
    const leaks = logs.leaks();
    tally.fail(leaks.length);
    expect(leaks).toEqual([]);
  });
});
