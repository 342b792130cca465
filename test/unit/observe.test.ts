// Observability: the log facade's formats, levels and redaction; the correlation id from a request
// through its activity event, the publisher and notify to the delivery records; EMF metrics.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { correlationId, withInvocation } from '../../functions/correlation';
import { activity } from '../../functions/domain/activity';
import { publisher } from '../../functions/events/publisher';
import { log } from '../../functions/log';
import { count, measuredDeliveries } from '../../functions/metrics';
import type { DeliveryKey, DeliveryStore, SuppressionLog } from '../../functions/notify/core';
import { observed } from '../../functions/observed';
import { deliveryStore } from '../../functions/store/deliveries';
import type { Table } from '../../functions/store/table';
import { FakeEventBridge } from './fakes';

const ENV_KEYS = [
  'AWS_LAMBDA_FUNCTION_NAME',
  'PORTICO_LOG_LEVEL',
  'LOG_LEVEL',
  'PORTICO_LOG_FORMAT',
  'PORTICO_METRICS',
] as const;
const PRESIGNED =
  'https://bucket.s3.amazonaws.com/firms/F/doc.pdf?X-Amz-Credential=AKIA%2Flocal&X-Amz-Signature=abc123';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl';

let saved: Record<string, string | undefined>;
let out: string[];
let err: string[];

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  out = [];
  err = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const clock = { now: () => new Date('2026-03-04T05:06:07.000Z') };
const ids = { next: () => 'E1' };
const actor = { kind: 'staff', id: 'u1' } as const;

describe('Function: log (local)', () => {
  it('writes one readable line: time, level, function, message, correlation id, fields', () => {
    // Prepare
    process.env.PORTICO_LOG_LEVEL = 'info';

    // Act
    withInvocation({ fn: 'notify', correlationId: 'req-42' }, () =>
      log.info('mail sent', { channel: 'email' }),
    );

    // Assess
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^\d{2}:\d{2}:\d{2}\.\d{3} INFO {2}notify +mail sent \[req-42\] \{"channel":"email"\}\n$/,
    );
  });

  it('is quiet by default: info is not written, warn is', () => {
    // Act
    log.info('no notification policy for this event type');
    log.warn('SES refused the mail');

    // Assess
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('WARN  -');
    expect(err[0]).toContain('SES refused the mail');
  });

  it('keeps tokens and presigned URL queries out of the line', () => {
    // Prepare
    process.env.PORTICO_LOG_LEVEL = 'debug';

    // Act
    log.debug(`download ${PRESIGNED}`, {
      url: PRESIGNED,
      note: PRESIGNED,
      token: TOKEN,
      nested: { authorization: TOKEN },
    });

    // Assess
    const line = out.join('');
    expect(line).toContain('https://bucket.s3.amazonaws.com/firms/F/doc.pdf?[redacted]');
    for (const secret of [TOKEN, 'X-Amz-Signature', 'abc123', 'AKIA']) expect(line).not.toContain(secret);
  });
});

describe('Function: log (Lambda)', () => {
  it('writes JSON with the function, the correlation id and redacted fields, info by default', () => {
    // Prepare
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'portico-notify';
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-abc-def;Parent=12;Sampled=1');

    // Act
    withInvocation({ fn: 'notify', correlationId: 'req-7', requestId: 'lambda-1' }, () =>
      log.info('delivered', { token: TOKEN, link: PRESIGNED, channel: 'email' }),
    );

    // Assess
    expect(out).toHaveLength(1);
    const entry = JSON.parse(out[0] ?? '');
    expect(entry).toMatchObject({
      level: 'info',
      message: 'delivered',
      function: 'notify',
      correlationId: 'req-7',
      lambdaRequestId: 'lambda-1',
      traceId: 'Root=1-abc-def',
      token: '[redacted]',
      link: 'https://bucket.s3.amazonaws.com/firms/F/doc.pdf?[redacted]',
      channel: 'email',
    });
    expect(out[0]).not.toContain(TOKEN);
  });

  it('LOG_LEVEL still raises the threshold', () => {
    // Prepare
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'portico-notify';
    process.env.LOG_LEVEL = 'warn';

    // Act
    log.info('routine');

    // Assess
    expect(out).toEqual([]);
  });
});

describe('Function: correlation id flow', () => {
  it('the activity event written during a request carries its id; outside one, none', () => {
    // Act
    const inside = withInvocation({ fn: 'cases', correlationId: 'api-req-1' }, () =>
      activity({ clock, ids }, 'case.created', { firmId: 'F1', caseId: 'C1' }, actor, {
        title: 't',
        ownerId: 'u1',
      }),
    );
    const outside = activity({ clock, ids }, 'case.created', { firmId: 'F1', caseId: 'C1' }, actor, {
      title: 't',
      ownerId: 'u1',
    });

    // Assess
    expect(inside.correlationId).toBe('api-req-1');
    expect(outside).not.toHaveProperty('correlationId');
  });

  it('the publisher puts the event on the bus with its correlation id', async () => {
    // Prepare
    const event = withInvocation({ fn: 'cases', correlationId: 'api-req-2' }, () =>
      activity({ clock, ids }, 'case.created', { firmId: 'F1', caseId: 'C1' }, actor, {
        title: 't',
        ownerId: 'u1',
      }),
    );
    const bus = new FakeEventBridge();
    const stream: DynamoDBStreamEvent = {
      Records: [
        {
          eventName: 'INSERT',
          dynamodb: {
            SequenceNumber: '1',
            NewImage: marshall({ ...event, PK: 'p', SK: 's', entity: 'activity', v: 1 }) as never,
          },
        },
      ],
    };

    // Act
    await publisher({ eventBridge: bus.asClient(), busName: 'b' })(stream);

    // Assess
    const detail = JSON.parse(bus.calls[0]?.Entries?.[0]?.Detail ?? '{}');
    expect(detail.correlationId).toBe('api-req-2');
  });

  it('an observed handler runs its call with the function and the correlation id of its event', async () => {
    // Prepare
    const handler = observed(
      'notify',
      (e: { detail: { correlationId: string } }) => e.detail.correlationId,
      async () => correlationId(),
    );

    // Act
    const seen = await handler({ detail: { correlationId: 'api-req-3' } }, {} as Context);

    // Assess
    expect(seen).toBe('api-req-3');
    expect(correlationId()).toBeUndefined();
  });

  it('delivery records (claimed or suppressed) store the correlation id of the event being served', async () => {
    // Prepare
    const sent: { input: Record<string, unknown> }[] = [];
    const table: Table = {
      client: { send: async (c: { input: Record<string, unknown> }) => sent.push(c) && {} } as never,
      name: 'T',
      cursorSecret: '',
    };
    const store = deliveryStore(table);
    const key: DeliveryKey = {
      firmId: 'F1',
      eventId: 'E1',
      recipient: 'staff-u1',
      channel: 'email',
    } as DeliveryKey;
    const now = new Date('2026-03-04T05:06:07.000Z');

    // Act
    await withInvocation({ fn: 'notify', correlationId: 'api-req-4' }, async () => {
      await store.claim(key, { type: 'case.created', now, leaseMs: 1000 });
      await store.suppress({ ...key, channel: 'inApp' } as DeliveryKey, {
        type: 'case.created',
        reason: 'preference',
        detail: 'switched off',
        now,
      });
    });

    // Assess
    const [claim, suppress] = sent;
    expect(claim?.input.UpdateExpression).toContain('correlationId = :correlationId');
    expect(claim?.input.ExpressionAttributeValues).toMatchObject({ ':correlationId': 'api-req-4' });
    expect(suppress?.input.Item).toMatchObject({ correlationId: 'api-req-4' });
  });
});

describe('Function: metrics', () => {
  it('counts delivery outcomes as EMF lines with channel and reason dimensions', async () => {
    // Prepare
    process.env.PORTICO_METRICS = 'emf';
    const inner: DeliveryStore & SuppressionLog = {
      claim: async () => 'claimed' as const,
      markSent: async () => undefined,
      release: async () => undefined,
      suppress: async () => undefined,
    };
    const store = measuredDeliveries(inner);
    const key = { firmId: 'F1', eventId: 'E1', recipient: 'r', channel: 'email' } as DeliveryKey;
    const now = new Date();

    // Act
    await store.markSent(key, { sentAt: now.toISOString(), messageId: 'm' });
    await store.release(key, { error: 'throttled', at: now.toISOString() });
    await store.suppress(key, { type: 'case.created', reason: 'preference', detail: 'off', now });

    // Assess
    const emf = out.map((l) => JSON.parse(l));
    expect(emf).toHaveLength(3);
    expect(emf.map((e) => e._aws.CloudWatchMetrics[0].Metrics[0].Name)).toEqual([
      'DeliverySent',
      'DeliveryFailed',
      'DeliverySuppressed',
    ]);
    expect(emf[0]).toMatchObject({ channel: 'email', DeliverySent: 1 });
    expect(emf[2]).toMatchObject({ channel: 'email', reason: 'preference', DeliverySuppressed: 1 });
    expect(emf[2]._aws.CloudWatchMetrics[0].Namespace).toBe('Portico');
  });

  it('writes the EMF line Powertools Metrics writes for the same count', async () => {
    // Prepare
    process.env.PORTICO_METRICS = 'emf';
    vi.useFakeTimers({ now: new Date('2026-03-04T05:06:07.000Z'), toFake: ['Date'] });
    const reference = new Metrics({ namespace: 'Portico', serviceName: 'portico' }).singleMetric();

    // Act
    try {
      count('DeliverySuppressed', { channel: 'email', reason: 'preference' }, 2);
      reference.addDimension('channel', 'email');
      reference.addDimension('reason', 'preference');
      reference.addMetric('DeliverySuppressed', MetricUnit.Count, 2);
    } finally {
      vi.useRealTimers();
    }

    // Assess
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(out[1]);
    expect(JSON.parse(out[0]!)._aws.Timestamp).toBe(Date.parse('2026-03-04T05:06:07.000Z'));
  });

  it('writes nothing locally unless asked (PORTICO_METRICS=emf)', async () => {
    // Prepare
    const inner: DeliveryStore & SuppressionLog = {
      claim: async () => 'claimed' as const,
      markSent: async () => undefined,
      release: async () => undefined,
      suppress: async () => undefined,
    };
    const store = measuredDeliveries(inner);

    // Act
    await store.markSent({ firmId: 'F', eventId: 'E', recipient: 'r', channel: 'email' } as DeliveryKey, {
      sentAt: '',
      messageId: 'm',
    });

    // Assess
    expect(out).toEqual([]);
  });
});
