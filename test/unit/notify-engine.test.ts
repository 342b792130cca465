// The policy engine around the notify core's exactly-once delivery: push mirrored from in-app onto
// registered devices, dedupe of the same news across events, policy-suppressed plans, unreachable
// recipients and digest batching, each leaving a record that says why (in-memory ports that keep the
// DynamoDB adapters' conditions).
import { describe, expect, it } from 'vitest';
import type { SuppressReason } from '../../functions/domain/deliveries';
import type { MailMark } from '../../functions/domain/mail-addresses';
import { effectiveMatrix, type NotificationCategory } from '../../functions/domain/notification-matrix';
import type { DomainEvent } from '../../functions/events/catalogue';
import {
  type ClaimResult,
  type DeliveryKey,
  type DeliveryStore,
  type DigestEntry,
  type DigestSink,
  notifier,
  type Pusher,
  type PushPayload,
  type SuppressionLog,
} from '../../functions/notify/core';
import type { PlannedDelivery, PolicyPorts, Recipient } from '../../functions/notify/policy';
import { counterIds, dedupeMarkers, FIRM_A, NOW, ulidOf } from './fakes';

type Status = 'pending' | 'sent' | `suppressed:${SuppressReason}`;

function engine(
  opts: {
    devices?: number;
    /** What the preference read says of each recipient's push devices (by `<kind>-<id>`); absent: unknown. */
    pushDevices?: Record<string, number>;
    gone?: Set<string>;
    digestMinutes?: number;
    marks?: MailMark[];
    mandatory?: NotificationCategory[];
  } = {},
) {
  /** Each read of the mail marks, with the addresses asked for. */
  const markReads: string[][] = [];
  /** When the gate's per-event reads started and ended, in order (each answers a tick later). */
  const gateReads: string[] = [];
  const timedRead = async <T>(name: string, answer: () => T): Promise<T> => {
    gateReads.push(`${name} asked`);
    await new Promise((r) => setTimeout(r, 1));
    gateReads.push(`${name} answered`);
    return answer();
  };
  const status = new Map<string, Status>();
  const details = new Map<string, string>();
  const markers = dedupeMarkers();
  const id = (k: DeliveryKey) => `${k.eventId}|${k.recipient}|${k.channel}`;
  const final = (k: DeliveryKey) => {
    const s = status.get(id(k));
    return s === 'sent' || s?.startsWith('suppressed') === true;
  };
  const deliveries: DeliveryStore = {
    async claim(key, info): Promise<ClaimResult> {
      if (final(key)) return 'sent';
      const holder = markers.take(key, info.dedupeKey);
      if (holder) return { duplicateOf: holder };
      status.set(id(key), 'pending');
      return 'claimed';
    },
    async markSent(key) {
      status.set(id(key), 'sent');
    },
    async release() {},
    async markDigested(key, info) {
      status.set(id(key), 'suppressed:digest');
      details.set(id(key), info.detail);
    },
    async markWithdrawn(key, detail) {
      status.set(id(key), 'suppressed:withdrawn');
      details.set(id(key), detail);
    },
  };
  const suppressions: SuppressionLog = {
    async suppress(key, info) {
      if (status.has(id(key))) return;
      status.set(id(key), `suppressed:${info.reason}`);
      details.set(id(key), info.detail);
    },
  };
  const inbox: string[] = [];
  const mails: string[] = [];
  const pushes: { device: string; payload: PushPayload }[] = [];
  /** Recipients whose devices were looked up. */
  const lookups: string[] = [];
  const pusher: Pusher = {
    async devicesOf(r) {
      lookups.push(`${r.kind}-${r.id}`);
      return Array.from({ length: r.kind === 'staff' ? (opts.devices ?? 0) : 0 }, (_, i) => ({
        subscriptionId: `device-${i}`,
      }));
    },
    async push(_r, device, payload) {
      if (opts.gone?.has(device.subscriptionId)) return 'gone';
      pushes.push({ device: device.subscriptionId, payload });
      return 'sent';
    },
  };
  const digested: DigestEntry[] = [];
  const digests: DigestSink = {
    async add(entry) {
      digested.push(entry);
      return { digestId: 'digest-1', dueAt: '2024-05-06T07:13:09.000Z' };
    },
  };
  const make = (planned: (e: DomainEvent) => PlannedDelivery[]) =>
    notifier({
      deliveries,
      inbox: {
        // Record, item and marker in one transaction, as the DynamoDB adapter does.
        async deliverInApp(d) {
          if (final(d.key)) return false;
          const holder = markers.take(d.key, d.dedupeKey);
          if (holder) return { duplicateOf: holder };
          inbox.push(`${d.key.recipient}:${d.item.title}`);
          status.set(id(d.key), 'sent');
          return true;
        },
      },
      mailer: {
        async send(m) {
          mails.push(`${m.to}:${m.subject}`);
          return { messageId: `m-${mails.length}` };
        },
      },
      pusher,
      digests,
      policies: { 'document.shared': async (e) => planned(e) },
      gate: {
        matrixOf: async () => ({
          ...effectiveMatrix({}),
          digest: opts.digestMinutes ? { documents: opts.digestMinutes } : {},
          ...(opts.mandatory ? { mandatory: opts.mandatory } : {}),
        }),
        preferencesOf: () =>
          timedRead(
            'preferences',
            () =>
              new Map(
                Object.entries(opts.pushDevices ?? {}).map(([id, pushDevices]) => [id, { pushDevices }]),
              ),
          ),
        mailMarksOf: (emails) => {
          markReads.push(emails);
          return timedRead(
            'mail marks',
            () =>
              new Map((opts.marks ?? []).filter((m) => emails.includes(m.email)).map((m) => [m.email, m])),
          );
        },
        suppressions,
      },
      ports: {} as PolicyPorts,
      clock: { now: () => new Date(NOW) },
      ids: counterIds(),
    });
  return { make, status, details, inbox, mails, pushes, digested, markReads, gateReads, lookups };
}

const staff: Recipient = {
  kind: 'staff',
  firmId: FIRM_A,
  id: ulidOf(1),
  name: 'Sam',
  email: 'sam@firm.test',
};
const client: Recipient = {
  kind: 'contact',
  firmId: FIRM_A,
  id: ulidOf(2),
  name: 'Cleo',
  email: 'cleo@client.test',
  identityId: 'identity-cleo',
};
const message = {
  title: 'New document',
  body: 'a.pdf',
  subject: 'New document: a.pdf',
  text: 'x',
  html: '<p>x</p>',
};
const render = async () => message;

const shared = (eventId: string): DomainEvent =>
  ({
    type: 'document.shared',
    eventId,
    firmId: FIRM_A,
    caseId: ulidOf(7),
    actor: { kind: 'staff', id: ulidOf(1) },
    occurredAt: NOW,
    detail: { documentId: ulidOf(9), name: 'a.pdf', added: [ulidOf(2)], removed: [], version: 1 },
  }) as DomainEvent;

const both = (r: Recipient, extra: Partial<PlannedDelivery> = {}): PlannedDelivery[] =>
  (['inApp', 'email'] as const).map((channel) => ({ recipient: r, channel, render, ...extra }));

describe('Function: notifier (policy engine)', () => {
  it('mirrors each in-app delivery as one push per registered device, exactly once per event', async () => {
    // Prepare: the staff user has two devices; the client has none (no push, and no record of one)
    const e = engine({ devices: 2 });
    const notify = e.make(() => [...both(staff), ...both(client)]);

    // Act: the same event three times (the bus delivers at least once)
    const first = await notify(shared(ulidOf(42)));
    await notify(shared(ulidOf(42)));
    await notify(shared(ulidOf(42)));

    // Assess
    expect(first).toEqual({ planned: 6, delivered: 5, skipped: 1, failed: 0 });
    expect(e.pushes.map((p) => p.device)).toEqual(['device-0', 'device-1']);
    expect(e.pushes[0]!.payload).toEqual({ title: 'New document', body: 'a.pdf', tag: ulidOf(42) });
    expect(e.status.get(`${ulidOf(42)}|staff-${ulidOf(1)}|push`)).toBe('sent');
    expect(e.status.has(`${ulidOf(42)}|contact-${ulidOf(2)}|push`)).toBe(false);
    expect(e.mails).toHaveLength(2);
    expect(e.inbox).toHaveLength(2);
  });

  it("reads the event's preferences and mail marks together, one round trip instead of two", async () => {
    // Prepare
    const e = engine();

    // Act
    const out = await e.make(() => [...both(staff), ...both(client)])(shared(ulidOf(42)));

    // Assess: both reads are asked before either answers, and the event is delivered as before
    expect(e.gateReads).toEqual([
      'preferences asked',
      'mail marks asked',
      'preferences answered',
      'mail marks answered',
    ]);
    expect(out.delivered).toBe(4);
  });

  it('looks up no devices of a recipient the preference read counts none for', async () => {
    // Prepare: the preference read says the staff user has no device, the client one
    const e = engine({ devices: 2, pushDevices: { [`staff-${ulidOf(1)}`]: 0, [`contact-${ulidOf(2)}`]: 1 } });

    // Act
    const out = await e.make(() => [...both(staff), ...both(client)])(shared(ulidOf(42)));

    // Assess: only the client's devices are looked up (it has none in the pusher: nothing pushed)
    expect(e.lookups).toEqual([`contact-${ulidOf(2)}`]);
    expect(e.pushes).toEqual([]);
    expect(out).toEqual({ planned: 6, delivered: 4, skipped: 2, failed: 0 });
  });

  it('counts a device the push service reports gone as not sent, without failing the delivery', async () => {
    const e = engine({ devices: 2, gone: new Set(['device-0']) });
    const out = await e.make(() => both(staff))(shared(ulidOf(42)));
    expect(out.failed).toBe(0);
    expect(e.pushes.map((p) => p.device)).toEqual(['device-1']);
  });

  it('tells a recipient of one dedupe key once per channel, whatever event brings it, and says which event did', async () => {
    // Prepare: two events carry the same document version to the client
    const e = engine();
    const notify = e.make(() => both(client, { dedupeKey: `document#${ulidOf(9)}#v1` }));

    // Act
    await notify(shared(ulidOf(42)));
    await notify(shared(ulidOf(43)));
    await notify(shared(ulidOf(42))); // a retry of the first is not a duplicate of itself

    // Assess
    expect(e.mails).toEqual(['cleo@client.test:New document: a.pdf']);
    expect(e.inbox).toHaveLength(1);
    expect(e.status.get(`${ulidOf(43)}|contact-${ulidOf(2)}|email`)).toBe('suppressed:dedupe');
    expect(e.details.get(`${ulidOf(43)}|contact-${ulidOf(2)}|email`)).toContain(ulidOf(42));
    expect(e.status.get(`${ulidOf(43)}|contact-${ulidOf(2)}|inApp`)).toBe('suppressed:dedupe');
  });

  it('records plans the policy decided against with their words, and never renders or sends them', async () => {
    const e = engine();
    let rendered = 0;
    const detail = 'The firm notifies clients of documents through the process path.';
    const out = await e.make(() =>
      both(client, {
        render: async () => {
          rendered++;
          return message;
        },
        suppressed: { reason: 'policy', detail },
      }),
    )(shared(ulidOf(42)));
    expect(out).toEqual({ planned: 2, delivered: 0, skipped: 2, failed: 0 });
    expect(rendered).toBe(0);
    expect(e.mails).toEqual([]);
    expect(e.status.get(`${ulidOf(42)}|contact-${ulidOf(2)}|email`)).toBe('suppressed:policy');
    expect(e.details.get(`${ulidOf(42)}|contact-${ulidOf(2)}|email`)).toBe(detail);
  });

  it('records a mail withdrawn while it was rendered (a gone error) as suppressed withdrawn, final, not a failure to retry', async () => {
    const e = engine();
    const withdrawn = Object.assign(
      new Error('The invitation was replaced, used or withdrawn before it was mailed.'),
      {
        kind: 'gone',
      },
    );
    const planned = (): PlannedDelivery[] => [
      {
        recipient: client,
        channel: 'email',
        render: async () => {
          throw withdrawn;
        },
      },
    ];
    const out = await e.make(planned)(shared(ulidOf(42)));
    expect(out).toEqual({ planned: 1, delivered: 0, skipped: 1, failed: 0 });
    expect(e.mails).toEqual([]);
    expect(e.status.get(`${ulidOf(42)}|contact-${ulidOf(2)}|email`)).toBe('suppressed:withdrawn');
    expect(e.details.get(`${ulidOf(42)}|contact-${ulidOf(2)}|email`)).toBe(withdrawn.message);
    // A second delivery of the event finds it final and sends nothing.
    expect(await e.make(planned)(shared(ulidOf(42)))).toEqual({
      planned: 1,
      delivered: 0,
      skipped: 1,
      failed: 0,
    });
  });

  it('records why an unreachable recipient was not told: no email address, or no portal identity yet', async () => {
    const e = engine();
    const { email: _, ...noEmail } = staff;
    const { identityId: __, ...invitedOnly } = client;
    await e.make(() => [...both(noEmail), ...both(invitedOnly)])(shared(ulidOf(42)));
    expect(e.status.get(`${ulidOf(42)}|staff-${ulidOf(1)}|email`)).toBe('suppressed:unreachable');
    expect(e.details.get(`${ulidOf(42)}|staff-${ulidOf(1)}|email`)).toMatch(/no email address/);
    expect(e.status.get(`${ulidOf(42)}|staff-${ulidOf(1)}|inApp`)).toBe('sent');
    expect(e.status.get(`${ulidOf(42)}|contact-${ulidOf(2)}|inApp`)).toBe('suppressed:unreachable');
    expect(e.details.get(`${ulidOf(42)}|contact-${ulidOf(2)}|inApp`)).toMatch(/portal invitation/);
    expect(e.status.get(`${ulidOf(42)}|contact-${ulidOf(2)}|email`)).toBe('sent');
  });

  it('batches the emails of a digested category into the digest, and leaves in-app items individual', async () => {
    const e = engine({ digestMinutes: 5 });
    const notify = e.make(() => both(staff));
    await notify(shared(ulidOf(42)));
    await notify(shared(ulidOf(43)));
    await notify(shared(ulidOf(43))); // a retry adds nothing twice
    expect(e.mails).toEqual([]);
    expect(e.inbox).toHaveLength(2);
    expect(e.digested.map((d) => [d.key.eventId, d.category, d.windowMinutes, d.message.subject])).toEqual([
      [ulidOf(42), 'documents', 5, 'New document: a.pdf'],
      [ulidOf(43), 'documents', 5, 'New document: a.pdf'],
    ]);
    expect(e.status.get(`${ulidOf(43)}|staff-${ulidOf(1)}|email`)).toBe('suppressed:digest');
    expect(e.details.get(`${ulidOf(43)}|staff-${ulidOf(1)}|email`)).toMatch(/digest/);
  });

  describe('mail marks (bounces and complaints)', () => {
    const bounced: MailMark = {
      email: 'cleo@client.test',
      bounced: { since: '2024-05-01T10:20:00.000Z', detail: 'General: smtp; 550 5.1.1 user unknown' },
    };
    const complained: MailMark = {
      email: 'sam@firm.test',
      complained: { since: '2024-05-02T08:00:00.000Z' },
    };

    it('suppresses mail to a bounced address as unreachable, with when and why, and reads the marks once per event', async () => {
      // Prepare: Cleo's address bounced; Sam's is fine
      const e = engine({ marks: [bounced] });
      const notify = e.make(() => [...both(staff), ...both(client)]);

      // Act
      const out = await notify(shared(ulidOf(42)));

      // Assess: Cleo still gets the in-app item, not the mail
      // (planned 6: push mirrors both in-app items; nobody has a device, so two of the skips)
      expect(out).toEqual({ planned: 6, delivered: 3, skipped: 3, failed: 0 });
      expect(e.mails).toEqual(['sam@firm.test:New document: a.pdf']);
      const key = `${ulidOf(42)}|contact-${ulidOf(2)}|email`;
      expect(e.status.get(key)).toBe('suppressed:unreachable');
      expect(e.details.get(key)).toContain('bounced permanently on 2024-05-01 10:20 UTC');
      expect(e.details.get(key)).toContain('550 5.1.1 user unknown');
      expect(e.markReads).toEqual([['sam@firm.test', 'cleo@client.test']]);
    });

    it('looks a staff address up lower-cased, as SES reports it', async () => {
      const e = engine({ marks: [{ ...bounced, email: 'sam@firm.test' }] });
      await e.make(() => both({ ...staff, email: 'Sam@Firm.TEST' }))(shared(ulidOf(42)));
      expect(e.mails).toEqual([]);
      expect(e.status.get(`${ulidOf(42)}|staff-${ulidOf(1)}|email`)).toBe('suppressed:unreachable');
    });

    it('after a complaint mails only the categories the firm made mandatory', async () => {
      // Prepare: Sam complained; first nothing is mandatory but access, then documents are too
      const optional = engine({ marks: [complained] });
      const mandatory = engine({ marks: [complained], mandatory: ['access', 'documents'] });

      // Act
      await optional.make(() => both(staff))(shared(ulidOf(42)));
      await mandatory.make(() => both(staff))(shared(ulidOf(42)));

      // Assess
      const key = `${ulidOf(42)}|staff-${ulidOf(1)}|email`;
      expect(optional.mails).toEqual([]);
      expect(optional.status.get(key)).toBe('suppressed:preference');
      expect(optional.details.get(key)).toContain('reported a mail from us as spam on 2024-05-02 08:00 UTC');
      expect(mandatory.mails).toEqual(['sam@firm.test:New document: a.pdf']);
    });

    it('does not read marks for an event that mails nobody', async () => {
      const e = engine({ marks: [bounced] });
      await e.make(() => [{ recipient: client, channel: 'inApp', render }])(shared(ulidOf(42)));
      expect(e.markReads).toEqual([]);
    });
  });
});
