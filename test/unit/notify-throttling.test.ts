// SES throttling in notify: a throttled send retries in place within its budget, and an event whose
// only failures are throttled mails goes back on the bus instead of failing toward the DLQ, while
// every delivery is still made exactly once (in-memory ports with the claim/sent rules of the store).
import { describe, expect, it } from 'vitest';
import { effectiveMatrix } from '../../functions/domain/notification-matrix';
import type { DomainEvent } from '../../functions/events/catalogue';
import {
  type ClaimResult,
  type DeliveryKey,
  type DeliveryStore,
  type Mailer,
  notifier,
} from '../../functions/notify/core';
import type { PlannedDelivery, PolicyPorts, Recipient } from '../../functions/notify/policy';
import {
  deliverRequeuingThrottled,
  MailThrottledError,
  REQUEUE_MAX_AGE_MS,
  throttleRetrying,
} from '../../functions/notify/throttling';
import { counterIds, FIRM_A, NOW, ulidOf } from './fakes';

/** SESv2's answer when the account's send rate is exceeded. */
const throttled = () =>
  Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' });

/** A mailer that answers each call with the next scripted outcome (the last one repeats). */
function scripted(outcomes: ('ok' | 'throttled' | 'down')[]) {
  const sent: string[] = [];
  let calls = 0;
  const mailer: Mailer = {
    async send(m) {
      const outcome = outcomes[Math.min(calls++, outcomes.length - 1)];
      if (outcome === 'throttled') throw throttled();
      if (outcome === 'down') throw Object.assign(new Error('boom'), { name: 'InternalFailure' });
      sent.push(m.to);
      return { messageId: `m-${sent.length}` };
    },
  };
  return { mailer, sent, calls: () => calls };
}

/** A clock the retries' pauses advance, so no test waits. */
function fakeTime() {
  let t = 0;
  const pauses: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      pauses.push(ms);
      t += ms;
    },
    pauses,
  };
}

describe('Function: throttleRetrying', () => {
  it('retries a throttled send in place with growing pauses until SES accepts it', async () => {
    // Prepare
    const ses = scripted(['throttled', 'throttled', 'ok']);
    const time = fakeTime();
    const mailer = throttleRetrying(ses.mailer, { budgetMs: 10_000, ...time });
    // Act
    const res = await mailer.send({ to: 'a@x.test', subject: 's', text: 't', html: 'h' });
    // Assess
    expect(res).toEqual({ messageId: 'm-1' });
    expect(ses.calls()).toBe(3);
    expect(time.pauses).toHaveLength(2);
    expect(time.pauses[1]!).toBeGreaterThan(time.pauses[0]! / 2);
  });

  it('gives up with MailThrottledError once the budget is spent, and passes other errors at once', async () => {
    const always = scripted(['throttled']);
    const time = fakeTime();
    const mailer = throttleRetrying(always.mailer, { budgetMs: 5_000, ...time });
    await expect(mailer.send({ to: 'a@x.test', subject: 's', text: 't', html: 'h' })).rejects.toBeInstanceOf(
      MailThrottledError,
    );
    expect(time.now()).toBeLessThanOrEqual(5_000);
    expect(always.calls()).toBeGreaterThan(3);

    const down = scripted(['down']);
    const once = throttleRetrying(down.mailer, { budgetMs: 5_000, ...fakeTime() });
    await expect(once.send({ to: 'a@x.test', subject: 's', text: 't', html: 'h' })).rejects.toThrow('boom');
    expect(down.calls()).toBe(1);
  });
});

describe('Function: throttleRetrying with a shared deadline', () => {
  it('stops retrying every send of the invocation at the deadline, so a large throttled fan-out ends in time', async () => {
    // Prepare: one invocation's deadline, 2 s away; SES throttles everything
    const time = fakeTime();
    const always = scripted(['throttled']);
    const mailer = throttleRetrying(always.mailer, { deadline: () => 2_000, ...time });
    const mail = { to: 'a@x.test', subject: 's', text: 't', html: 'h' };

    // Act: the first mail spends the budget; the ones after it find the deadline passed
    await expect(mailer.send(mail)).rejects.toBeInstanceOf(MailThrottledError);
    expect(time.now()).toBeLessThanOrEqual(2_000);
    await time.sleep(2_000); // the rest of the fan-out reaches its turn after the deadline
    const callsAfterFirst = always.calls();
    const pausesAfterFirst = time.pauses.length;
    for (let i = 0; i < 5; i++) await expect(mailer.send(mail)).rejects.toBeInstanceOf(MailThrottledError);

    // Assess: one attempt each, no pause
    expect(always.calls() - callsAfterFirst).toBe(5);
    expect(time.pauses.length).toBe(pausesAfterFirst);
  });
});

describe('Function: deliverRequeuingThrottled', () => {
  const recipients: Recipient[] = [1, 2, 3].map((n) => ({
    kind: 'staff',
    firmId: FIRM_A,
    id: ulidOf(n),
    name: `Staff ${n}`,
    email: `staff${n}@firm.test`,
  }));
  const message = { title: 'New document', body: 'a.pdf', subject: 'New', text: 'x', html: '<p>x</p>' };
  const event = (occurredAt = NOW): DomainEvent =>
    ({
      type: 'document.shared',
      eventId: ulidOf(42),
      firmId: FIRM_A,
      caseId: ulidOf(7),
      actor: { kind: 'staff', id: ulidOf(1) },
      occurredAt,
      detail: { documentId: ulidOf(9), name: 'a.pdf', added: [], removed: [], version: 1 },
    }) as DomainEvent;

  /** The notify core over an in-memory delivery store: sent is final, a released claim is pending. */
  function stack(mailer: Mailer) {
    const status = new Map<string, 'pending' | 'sent'>();
    const id = (k: DeliveryKey) => `${k.recipient}|${k.channel}`;
    const deliveries: DeliveryStore = {
      async claim(key): Promise<ClaimResult> {
        if (status.get(id(key)) === 'sent') return 'sent';
        status.set(id(key), 'pending');
        return 'claimed';
      },
      async markSent(key) {
        status.set(id(key), 'sent');
      },
      async release() {},
    };
    const planned: PlannedDelivery[] = recipients.map((r) => ({
      recipient: r,
      channel: 'email',
      render: async () => message,
    }));
    const notify = notifier({
      deliveries,
      inbox: { deliverInApp: async () => true },
      mailer,
      policies: { 'document.shared': async () => planned },
      gate: {
        matrixOf: async () => effectiveMatrix({}),
        preferencesOf: async () => new Map(),
        suppressions: { suppress: async () => undefined },
      },
      ports: {} as PolicyPorts,
      clock: { now: () => new Date(NOW) },
      ids: counterIds(),
    });
    return { notify, status };
  }

  it('puts an event whose mail SES throttled back on the bus, and the requeued event mails each recipient once', async () => {
    // Prepare: SES accepts the first mail, then throttles past the in-place budget, then recovers.
    let throttling = false;
    const sent: string[] = [];
    const ses: Mailer = {
      async send(m) {
        if (throttling || sent.length >= 1) {
          throttling = true;
          throw throttled();
        }
        sent.push(m.to);
        return { messageId: `m-${sent.length}` };
      },
    };
    const { notify, status } = stack(throttleRetrying(ses, { budgetMs: 1_000, ...fakeTime() }));
    const bus: DomainEvent[] = [];
    const requeue = { put: async (e: DomainEvent) => void bus.push(e), now: () => new Date(NOW) };

    // Act: the first run, throttled
    const first = await deliverRequeuingThrottled(() => notify(event()), event(), requeue);

    // Assess: not failed (no Lambda retry spent, nothing toward the DLQ); the event is on the bus again
    expect(first).toBe('requeued');
    expect(bus.map((e) => e.eventId)).toEqual([ulidOf(42)]);
    expect([...status.values()].sort()).toEqual(['pending', 'pending', 'sent']);

    // Act: SES recovers; the requeued event runs, and the bus delivers it once more (at least once)
    throttling = false;
    const recovered = throttleRetrying(
      {
        async send(m) {
          sent.push(m.to);
          return { messageId: `m-${sent.length}` };
        },
      },
      { budgetMs: 1_000 },
    );
    const after = stack(recovered);
    for (const [k, v] of status) after.status.set(k, v);
    const second = await deliverRequeuingThrottled(() => after.notify(bus[0]!), bus[0]!, requeue);
    const third = await deliverRequeuingThrottled(() => after.notify(bus[0]!), bus[0]!, requeue);

    // Assess: every recipient mailed exactly once over the three runs, nothing requeued again
    expect([second, third]).toEqual(['done', 'done']);
    expect(sent.sort()).toEqual(['staff1@firm.test', 'staff2@firm.test', 'staff3@firm.test']);
    expect(bus).toHaveLength(1);
  });

  it('fails as before when a failure is not throttling, or when the event is older than a day', async () => {
    const requeue = { put: async () => undefined, now: () => new Date(NOW) };
    const down = stack(throttleRetrying(scripted(['down']).mailer, { budgetMs: 1_000, ...fakeTime() }));
    await expect(deliverRequeuingThrottled(() => down.notify(event()), event(), requeue)).rejects.toThrow(
      /deliveries of event/,
    );

    const old = new Date(Date.parse(NOW) - REQUEUE_MAX_AGE_MS - 1).toISOString();
    const jammed = stack(
      throttleRetrying(scripted(['throttled']).mailer, { budgetMs: 1_000, ...fakeTime() }),
    );
    await expect(
      deliverRequeuingThrottled(() => jammed.notify(event(old)), event(old), requeue),
    ).rejects.toThrow(/deliveries of event/);
  });
});
