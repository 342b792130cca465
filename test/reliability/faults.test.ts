// Faults: throttling, 500s and timeouts injected into the DynamoDB, SES, EventBridge and S3 clients
// the handlers use, at random points of the ingest, publisher and notify paths. After the SDK's
// retries, the bus's retries and a redrive of the dead letters, every notification is delivered
// exactly once: nothing lost, nothing doubled, counters exact.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LEASE_MS } from '../../functions/notify/core';
import { FaultInjector } from './support/faults';
import { brokenInvariants, itemsBy } from './support/invariants';
import { captureLogs } from './support/logs';
import { type Harness, mails, mailsTo, startHarness } from './support/stack';
import { useTally } from './support/tally';
import {
  buildFirmWorld,
  type Contact,
  type FirmWorld,
  grant,
  newContact,
  pdfBytes,
  startUpload,
} from './support/world';

const tally = useTally('faults');
const logs = captureLogs();
const faults = new FaultInjector(20261123, 0.2);

let h: Harness;
let A: FirmWorld;

beforeAll(async () => {
  h = await startHarness();
  A = await buildFirmWorld(h, 'Alpha & Co');
  // The handlers' own client instances (one per container, shared by every handler of the worker),
  // imported once the stack has set the environment they read when they are created.
  faults.attach('dynamodb', (await import('../../functions/clients/dynamodb')).documentClient);
  faults.attach('ses', (await import('../../functions/clients/ses')).ses);
  faults.attach('eventbridge', (await import('../../functions/clients/eventbridge')).eventBridge);
  faults.attach('s3', (await import('../../functions/clients/s3')).s3);
  logs.secret(A.firm.staff.token, A.collaborator.token, A.firm.admin.token);
  tally.ready();
}, 120_000);

afterAll(async () => {
  faults.enabled = false;
  vi.useRealTimers();
  await h?.stop();
});

const dead = async () =>
  (await h.stack.bus.deadLetters('notify')).length + (await h.stack.bus.deadLetters('ingest')).length;

describe('Reliability: faults', () => {
  it('delivers every notification exactly once through throttling, 500s and timeouts, after retries and redrive', async () => {
    // Prepare (faults on: the API's calls are never failed, the paths behind them are).
    faults.enabled = true;
    const invitees: Contact[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await newContact(h, A.firm, `Faulty Invitee ${i}`);
      await grant(h, A.firm, A.case1, c, { role: 'viewer', canDownload: true });
      invitees.push(c);
    }
    const files = Array.from({ length: 6 }, (_, i) => `statement-${i}.pdf`);
    for (const fileName of files)
      await startUpload(h, `/portal/cases/${A.case1}/uploads`, A.collaborator.token, {
        fileName,
        bytes: pdfBytes(fileName),
      });
    for (const fileName of ['firm-a.pdf', 'firm-b.pdf'])
      await startUpload(h, `/cases/${A.case1}/uploads`, A.firm.staff.token, { fileName });

    // Act: let the retries run, redrive what landed in the DLQ, a few rounds with faults still on …
    let redriven = 0;
    for (let round = 0; round < 6; round++) {
      await h.settle();
      if ((await dead()) === 0 && round > 0) break;
      redriven += (await h.stack.bus.redrive('ingest')).redriven;
      redriven += (await h.stack.bus.redrive('notify')).redriven;
    }
    // … then the outage ends. A claim whose release itself failed is retaken once its lease lapses,
    // as in production; the clock is moved past the lease instead of waiting for it.
    faults.enabled = false;
    await h.settle();
    if ((await dead()) > 0) {
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime(Date.now() + DEFAULT_LEASE_MS + 1000);
    }
    for (let round = 0; round < 3 && (await dead()) > 0; round++) {
      redriven += (await h.stack.bus.redrive('ingest')).redriven;
      redriven += (await h.stack.bus.redrive('notify')).redriven;
      await h.settle();
    }
    vi.useRealTimers();

    // Assess: faults were injected on every path and client, and survived.
    const summary = faults.summary();
    tally.add('faults', faults.injected.length);
    expect(faults.injected.length, summary).toBeGreaterThan(20);
    for (const path of ['notify', 'ingest', 'publisher'])
      expect(
        faults.injected.some((f) => f.path === path),
        `${path}: ${summary}`,
      ).toBe(true);
    for (const layer of ['sdk', 'handler'])
      expect(
        faults.injected.some((f) => f.layer === layer),
        `${layer}: ${summary}`,
      ).toBe(true);
    expect(await dead(), 'dead letters left').toBe(0);

    const by = await itemsBy(h);
    const uploaded = (by.get('activity') ?? []).filter((e) => e.type === 'document.uploaded');
    const docs = by.get('document') ?? [];
    for (const f of [...files, 'firm-a.pdf', 'firm-b.pdf'])
      expect(
        docs.filter((d) => d.name === f),
        `document ${f}`,
      ).toHaveLength(1);
    // Each invitee: exactly one invitation mail.
    for (const c of invitees) expect(await mailsTo(h, c.email), `invitation to ${c.name}`).toHaveLength(1);
    // Each client upload: one inbox item per internal recipient, one mail to the owner.
    const staff = [A.firm.staff, A.firm.admin, A.firm.staff2];
    const ownerMails = await mailsTo(h, A.firm.staff.email);
    for (const f of files) {
      const event = uploaded.find((e) => (e.detail as { name: string }).name === f);
      expect(event, `document.uploaded of ${f}`).toBeDefined();
      for (const u of staff)
        expect(
          (by.get('inboxItem') ?? []).filter((i) => i.eventId === event!.eventId && i.ownerId === u.userId),
          `${u.name}: ${f}`,
        ).toHaveLength(1);
      expect(
        ownerMails.filter((m) => `${m.subject} ${m.body.text}`.includes(f)),
        `mail of ${f}`,
      ).toHaveLength(1);
    }
    const broken = await brokenInvariants(h);
    tally.fail(broken.length);
    expect(broken, summary).toEqual([]);
    // For the report: what was injected and survived.
    console.info(
      `faults survived: ${summary}; ${redriven} dead letters redriven; ${(await mails(h)).length} mails`,
    );
  });

  it('logs no token, presigned URL or mail body while failing and retrying', () => {
    const leaks = logs.leaks();
    tally.fail(leaks.length);
    expect(leaks).toEqual([]);
  });
});
