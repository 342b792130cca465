// The notify core's exactly-once delivery (with in-memory ports that keep the store's conditions)
// and the document.uploaded policy.

import { describe, expect, it } from 'vitest';
import type { Clock } from '../../functions/domain/ports';
import type { DomainEvent } from '../../functions/events/catalogue';
import {
  type DeliveryKey,
  type DeliveryStore,
  type InboxWriter,
  type Mail,
  type Mailer,
  mapLimit,
  notifier,
} from '../../functions/notify/core';
import {
  type CaseNoticePorts,
  documentUploadedPolicy,
} from '../../functions/notify/policies/document-uploaded';
import type { PlannedDelivery, PolicyPorts, PolicyTable, Recipient } from '../../functions/notify/policy';
import { shippedTexts } from '../../functions/notify/texts';
import { ALICE, BOB, counterIds, FIRM_A, NOW, ulidOf } from './fakes';

interface Record_ {
  status: 'pending' | 'sent';
  attempts: number;
  leaseUntil?: number;
  lastError?: string;
}

/** DeliveryStore + InboxWriter in memory, with the same conditions as the DynamoDB adapters. */
function memoryPorts() {
  const records = new Map<string, Record_>();
  const inbox: { owner: string; title: string }[] = [];
  const id = (k: DeliveryKey) => `${k.eventId}|${k.recipient}|${k.channel}`;
  const deliveries: DeliveryStore = {
    async claim(key, info) {
      const r = records.get(id(key));
      const now = info.now.getTime();
      if (r?.status === 'sent') return 'sent';
      if (r && r.leaseUntil !== undefined && r.leaseUntil >= now) return 'busy';
      records.set(id(key), {
        status: 'pending',
        attempts: (r?.attempts ?? 0) + 1,
        leaseUntil: now + info.leaseMs,
      });
      return 'claimed';
    },
    async markSent(key) {
      const r = records.get(id(key))!;
      records.set(id(key), { status: 'sent', attempts: r.attempts });
    },
    async release(key, failure) {
      const r = records.get(id(key))!;
      if (r.status === 'pending')
        records.set(id(key), { status: 'pending', attempts: r.attempts, lastError: failure.error });
    },
  };
  const writer: InboxWriter = {
    // Claim and delivery in one transaction: new or pending (whatever its lease), never sent.
    async deliverInApp(d) {
      const r = records.get(id(d.key));
      if (r?.status === 'sent') return false;
      inbox.push({ owner: `${d.owner.kind}-${d.owner.id}`, title: d.item.title });
      records.set(id(d.key), { status: 'sent', attempts: (r?.attempts ?? 0) + 1 });
      return true;
    },
  };
  return { records, inbox, deliveries, writer };
}

function recordingMailer(failFor = new Set<string>()) {
  const sent: Mail[] = [];
  const mailer: Mailer = {
    async send(mail) {
      if (failFor.has(mail.to))
        throw Object.assign(new Error('Throttled'), { name: 'TooManyRequestsException' });
      sent.push(mail);
      return { messageId: `m-${sent.length}` };
    },
  };
  return { sent, mailer, failFor };
}

const staffRecipient = (n: number): Recipient => ({
  kind: 'staff',
  firmId: FIRM_A,
  id: ulidOf(1000 + n),
  name: `User ${n}`,
  email: `user${n}@firm.test`,
});

const message = { title: 't', body: 'b', subject: 's', text: 'x', html: '<p>x</p>' };

function event(type: DomainEvent['type'] = 'document.uploaded'): DomainEvent {
  return {
    type,
    eventId: ulidOf(42),
    firmId: FIRM_A,
    caseId: ulidOf(7),
    actor: { kind: 'contact', id: ulidOf(8) },
    occurredAt: NOW,
    detail: {
      documentId: ulidOf(9),
      name: 'a.pdf',
      contentType: 'application/pdf',
      size: 1,
      source: 'client',
      version: 1,
    },
  } as DomainEvent;
}

function setup(
  planned: () => PlannedDelivery[],
  opts: { failFor?: Set<string>; clock?: Clock; concurrency?: number } = {},
) {
  const mem = memoryPorts();
  const mail = recordingMailer(opts.failFor);
  const policies: PolicyTable = { 'document.uploaded': async () => planned() };
  const notify = notifier({
    deliveries: mem.deliveries,
    inbox: mem.writer,
    mailer: mail.mailer,
    policies,
    ports: {} as PolicyPorts,
    clock: opts.clock ?? { now: () => new Date(NOW) },
    ids: counterIds(),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
  });
  return { notify, mem, mail };
}

describe('Function: notifier', () => {
  it('delivers each recipient × channel once; a duplicate event delivers nothing more', async () => {
    const render = async () => message;
    const { notify, mem, mail } = setup(() => [
      { recipient: staffRecipient(1), channel: 'inApp', render },
      { recipient: staffRecipient(1), channel: 'email', render },
      { recipient: staffRecipient(2), channel: 'email', render },
      { recipient: staffRecipient(2), channel: 'email', render },
    ]);
    expect(await notify(event())).toEqual({ planned: 3, delivered: 3, skipped: 0, failed: 0 });
    expect(await notify(event())).toEqual({ planned: 3, delivered: 0, skipped: 3, failed: 0 });
    expect(mem.inbox).toHaveLength(1);
    expect(mail.sent.map((m) => m.to).sort()).toEqual(['user1@firm.test', 'user2@firm.test']);
    expect([...mem.records.values()].every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('makes the other deliveries when a mail fails, then throws; the retry sends only what is left', async () => {
    const render = async () => message;
    const planned = () =>
      [1, 2, 3].map((n) => ({ recipient: staffRecipient(n), channel: 'email' as const, render }));
    const { notify, mem, mail } = setup(planned, { failFor: new Set(['user2@firm.test']) });
    await expect(notify(event())).rejects.toMatchObject({
      name: 'DeliveryFailedError',
      failures: [
        {
          recipient: `staff-${ulidOf(1002)}`,
          channel: 'email',
          error: 'TooManyRequestsException: Throttled',
        },
      ],
    });
    expect(mail.sent.map((m) => m.to)).toEqual(['user1@firm.test', 'user3@firm.test']);
    const failed = mem.records.get(`${ulidOf(42)}|staff-${ulidOf(1002)}|email`);
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'TooManyRequestsException: Throttled',
    });

    mail.failFor.clear();
    expect(await notify(event())).toEqual({ planned: 3, delivered: 1, skipped: 2, failed: 0 });
    expect(mail.sent.map((m) => m.to)).toEqual(['user1@firm.test', 'user3@firm.test', 'user2@firm.test']);
    expect(mem.records.get(`${ulidOf(42)}|staff-${ulidOf(1002)}|email`)).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('leaves a delivery claimed by a live attempt to it (retry later), and re-claims it once the claim is stale', async () => {
    let now = Date.parse(NOW);
    const clock = { now: () => new Date(now) };
    const render = async () => message;
    const { notify, mem, mail } = setup(() => [{ recipient: staffRecipient(1), channel: 'email', render }], {
      clock,
    });
    // A crashed attempt: claimed, never sent, never released.
    await mem.deliveries.claim(
      { firmId: FIRM_A, eventId: ulidOf(42), recipient: `staff-${ulidOf(1001)}`, channel: 'email' },
      { type: 'document.uploaded', now: clock.now(), leaseMs: 45_000 },
    );
    await expect(notify(event())).rejects.toMatchObject({ name: 'DeliveryFailedError' });
    expect(mail.sent).toHaveLength(0);
    now += 46_000;
    expect(await notify(event())).toMatchObject({ delivered: 1 });
    expect(mail.sent).toHaveLength(1);
  });

  it('renders only claimed deliveries, and notifies nobody for an event type without a policy', async () => {
    let renders = 0;
    const render = async () => {
      renders++;
      return message;
    };
    const { notify, mail } = setup(() => [{ recipient: staffRecipient(1), channel: 'email', render }]);
    await notify(event());
    await notify(event());
    expect(renders).toBe(1);
    expect(await notify(event('case.created'))).toEqual({ planned: 0, delivered: 0, skipped: 0, failed: 0 });
    expect(mail.sent).toHaveLength(1);
  });

  it('keeps at most `concurrency` deliveries in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit(
      Array.from({ length: 100 }, (_, i) => i),
      16,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
        return i * 2;
      },
    );
    expect(peak).toBe(16);
    expect(out).toEqual(Array.from({ length: 100 }, (_, i) => i * 2));
  });
});

describe('Policy: document.uploaded', () => {
  const CASE = ulidOf(7);
  const CAROL = ulidOf(77);
  function ports(saved: { userId: string; inApp: boolean; email: boolean }[] | undefined): PolicyPorts {
    const users = [
      { userId: ALICE, name: 'Alice', email: 'alice@firm.test' },
      { userId: BOB, name: 'Bob', email: 'bob@firm.test' },
      { userId: CAROL, name: 'Carol', email: 'carol@firm.test' },
    ];
    const caseNotice: CaseNoticePorts = {
      case: async () => ({ caseId: CASE, title: 'Audit <2025>', ownerId: ALICE }),
      recipientsOf: async () => saved,
      staffUsers: async (_f, ids) => users.filter((u) => ids.includes(u.userId)),
      activeAdmins: async () => [],
      contact: async () => ({ name: 'Carla' }),
      caseDocumentsUrl: (caseId) => `https://app.test/cases/${caseId}/documents`,
    };
    return { caseNotice } as PolicyPorts;
  }
  const ctx = (p: PolicyPorts) => ({ now: () => new Date(NOW), ports: p, texts: shippedTexts() });
  const uploadedBy = (source: 'client' | 'firm', actor: DomainEvent['actor']) =>
    ({
      ...event(),
      actor,
      detail: { ...(event().detail as object), source, name: 'q3 & <b>.pdf' },
    }) as Extract<DomainEvent, { type: 'document.uploaded' }>;
  const plan = (p: PlannedDelivery[]) => p.map((d) => `${d.recipient.name}/${d.channel}`);

  it("tells the firm's active admins instead of a deactivated owner, and never a deactivated user", async () => {
    const p = ports([
      { userId: ALICE, inApp: true, email: true },
      { userId: BOB, inApp: true, email: false },
    ]);
    const inactive = new Set([ALICE, BOB]);
    p.caseNotice.staffUsers = async (_f, ids) =>
      [
        { userId: ALICE, name: 'Alice', email: 'alice@firm.test' },
        { userId: BOB, name: 'Bob', email: 'bob@firm.test' },
      ]
        .filter((u) => ids.includes(u.userId))
        .map((u) => (inactive.has(u.userId) ? { ...u, status: 'inactive' as const } : u));
    p.caseNotice.activeAdmins = async () => [{ userId: CAROL, name: 'Carol', email: 'carol@firm.test' }];
    const out = await documentUploadedPolicy(
      uploadedBy('client', { kind: 'contact', id: ulidOf(8) }),
      ctx(p),
    );
    expect(plan(out)).toEqual(['Carol/inApp', 'Carol/email']);

    // Bob active again: he hears, so no admin stands in for Alice.
    inactive.delete(BOB);
    const again = await documentUploadedPolicy(
      uploadedBy('client', { kind: 'contact', id: ulidOf(8) }),
      ctx(p),
    );
    expect(plan(again)).toEqual(['Bob/inApp']);
  });

  it('tells the owner in-app and by email by default', async () => {
    const out = await documentUploadedPolicy(
      uploadedBy('client', { kind: 'contact', id: ulidOf(8) }),
      ctx(ports(undefined)),
    );
    expect(plan(out)).toEqual(['Alice/inApp', 'Alice/email']);
    const m = await out[0]!.render();
    expect(m).toMatchObject({
      title: 'New client upload',
      body: 'Carla uploaded q3 & <b>.pdf to Audit <2025>',
      subject: 'Carla uploaded q3 & <b>.pdf',
      link: `https://app.test/cases/${CASE}/documents`,
    });
    expect(m.html).toContain('Carla uploaded q3 &amp; &lt;b&gt;.pdf to Audit &lt;2025&gt;');
    expect(m.text).toContain(`https://app.test/cases/${CASE}/documents`);
  });

  it('follows the saved toggles and leaves out the actor', async () => {
    const saved = [
      { userId: ALICE, inApp: false, email: false },
      { userId: BOB, inApp: false, email: true },
      { userId: CAROL, inApp: true, email: true },
    ];
    const byContact = await documentUploadedPolicy(
      uploadedBy('client', { kind: 'contact', id: ulidOf(8) }),
      ctx(ports(saved)),
    );
    expect(plan(byContact)).toEqual(['Bob/email', 'Carol/inApp', 'Carol/email']);
    const byCarol = await documentUploadedPolicy(
      uploadedBy('client', { kind: 'staff', id: CAROL }),
      ctx(ports(saved)),
    );
    expect(plan(byCarol)).toEqual(['Bob/email']);
  });

  it('tells nobody of a firm upload', async () => {
    expect(
      await documentUploadedPolicy(uploadedBy('firm', { kind: 'staff', id: BOB }), ctx(ports(undefined))),
    ).toEqual([]);
  });
});
