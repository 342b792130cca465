// Findings of the reliability suite, each pinned by a test that fails without its fix:
// 1. notify: a mail sent whose delivery record then failed to be written was released and mailed
//    again by the retry (seen as doubled invitations under injected DynamoDB faults).
// 2. putContactShares on another firm's case answered 422 contact_without_access, not 404 (the
//    authorization matrix's cell "putContactShares as otherFirmStaff"); pinned in authz.test.ts.
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/events/catalogue';
import { type DeliveryKey, type DeliveryStore, type Mail, notifier } from '../../functions/notify/core';
import type { PolicyTable } from '../../functions/notify/policy';
import { findLeaks } from './support/logs';
import { useTally } from './support/tally';

const tally = useTally('findings');
tally.ready();

const FIRM = '01HZX3K4M5N6P7Q8R9S0TVWXYA';
const event = {
  eventId: '01HZX3K4M5N6P7Q8R9S0TVWX10',
  type: 'document.uploaded',
  firmId: FIRM,
  caseId: '01HZX3K4M5N6P7Q8R9S0TVWX11',
  actor: { kind: 'contact', id: '01HZX3K4M5N6P7Q8R9S0TVWX12' },
  occurredAt: '2026-11-23T10:00:00.000Z',
  detail: {},
} as unknown as DomainEvent;

describe('Reliability: the log check itself', () => {
  it('finds each kind of secret it looks for, and passes what the logger writes', async () => {
    const { log } = await import('../../functions/log');
    const planted = [
      'GET http://localhost:4566/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=local&X-Amz-Signature=abc',
      '{"fields":{"Policy":"eyJleHBpcmF0aW9uIjoiMjAyNiJ9"}}',
      'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl',
      'http://localhost:5173/accept?token=01ABC.secret',
      'the recorded invitation token 0123456789abcdef',
    ];
    for (const line of planted) expect(findLeaks(line, ['0123456789abcdef']), line).not.toEqual([]);
    // What functions/log.ts makes of the same values is clean.
    const written: string[] = [];
    const original = process.stdout.write;
    const level = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info'; // whatever the run's level, this line must be written
    process.stdout.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stdout.write;
    try {
      log.info('download signed', {
        url: planted[0],
        note: planted[0],
        token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl',
      });
    } finally {
      process.stdout.write = original;
      if (level === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = level;
    }
    expect(written).toHaveLength(1);
    expect(findLeaks(written.join(''), [])).toEqual([]);
  });
});

describe('Reliability: findings fixed on the way', () => {
  it('notify: a mail whose record fails once is not mailed again by the retry', async () => {
    // Prepare: an in-memory delivery store with the adapter's conditions; its first markSent fails
    // (a throttled DynamoDB call after SES accepted the mail).
    const records = new Map<string, { status: 'pending' | 'sent'; leaseUntil?: number }>();
    const id = (k: DeliveryKey) => `${k.eventId}|${k.recipient}|${k.channel}`;
    let failMarkSent = 1;
    const deliveries: DeliveryStore = {
      async claim(key, info) {
        const r = records.get(id(key));
        if (r?.status === 'sent') return 'sent';
        if (r?.leaseUntil !== undefined && r.leaseUntil >= info.now.getTime()) return 'busy';
        records.set(id(key), { status: 'pending', leaseUntil: info.now.getTime() + info.leaseMs });
        return 'claimed';
      },
      async markSent(key) {
        if (failMarkSent-- > 0)
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        records.set(id(key), { status: 'sent' });
      },
      async release(key) {
        const r = records.get(id(key));
        if (r?.status === 'pending') records.set(id(key), { status: 'pending' });
      },
    };
    const sent: Mail[] = [];
    const policies = {
      'document.uploaded': async () => [
        {
          recipient: { kind: 'staff', firmId: FIRM, id: 'u1', name: 'Ann', email: 'ann@firm.test' },
          channel: 'email',
          render: async () => ({
            subject: 'New document',
            text: 't',
            html: 'h',
            title: 'New document',
            body: 'b',
          }),
        },
      ],
    } as unknown as PolicyTable;
    const notify = notifier({
      deliveries,
      inbox: { deliverInApp: async () => true },
      mailer: {
        send: async (m) => {
          sent.push(m);
          return { messageId: `m${sent.length}` };
        },
      },
      policies,
      ports: {} as never,
      clock: { now: () => new Date() },
      ids: { next: () => '01HZX3K4M5N6P7Q8R9S0TVWX99' },
    });
    // Act: the event, then its retry (as the bus would after a failure).
    await notify(event).catch(() => undefined);
    await notify(event).catch(() => undefined);
    // Assess
    const ok = sent.length === 1;
    if (!ok) tally.fail();
    expect(sent).toHaveLength(1);
    expect([...records.values()].map((r) => r.status)).toEqual(['sent']);
  });
});
