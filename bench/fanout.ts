// Section 5: notify fan-out. One document.uploaded event delivered to 1, 10, 100 and 1,000 staff
// recipients, each in-app and by email, through the notify core wired as the notify Lambda wires it
// (its adapters: the firm's matrix, preferences and mail marks read once per event, delivery records
// and inbox transactions on DynamoDB Local, mail through local SES, push mirrored from in-app to the
// recipients' devices: they have none). Only the policy is the benchmark's: the product's policies
// cap internal recipients at 100. Each DynamoDB request is labelled with the channel of the delivery
// it was made for (reads once per event are the event's), so the table gives requests per delivery
// per channel.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { documentClient } from '../functions/clients/dynamodb';
import { ses, sesMailer } from '../functions/clients/ses';
import { systemClock } from '../functions/domain/ports';
import { generateVapidKeys } from '../functions/domain/push';
import type { DomainEvent } from '../functions/events/catalogue';
import { notifyAdapters } from '../functions/notify/adapters';
import { DEFAULT_CONCURRENCY, type DeliveryKey, mapLimit, notifier } from '../functions/notify/core';
import type { PlannedDelivery, Policy } from '../functions/notify/policy';
import { webPusher } from '../functions/notify/web-pusher';
import { inboxCounterKey } from '../functions/store/keys';
import type { Table } from '../functions/store/table';
import { ulidIds } from '../functions/wiring/ids';
import { type AwsRequest, countRequests, summarize } from './requests';

export interface FanoutRow {
  recipients: number;
  deliveries: number;
  ms: number;
  deliveriesPerSecond: number;
  /** ms per recipient relative to the 100-recipient run (1 = perfectly linear). */
  vsLinear?: number;
  /** AWS requests per delivery, and where the time went (summed request latency, by operation). */
  requestsPerDelivery: number;
  /** DynamoDB requests per delivery, all of them (the event's reads included). */
  dynamodbPerDelivery: number;
  /** DynamoDB requests made for the deliveries themselves (every channel's, not the event's reads), per delivery. */
  deliveryRequestsPerDelivery: number;
  /**
   * DynamoDB requests per delivery of each channel, made for deliveries of that channel
   * (`push`: device lookups per in-app delivery, the push itself being skipped: nobody has a device);
   * `event`: the reads made once per event (matrix, preferences, mail marks), per delivery.
   */
  dynamodbByChannel: { inApp: number; email: number; push: number; event: number };
  /**
   * DynamoDB Local's single-item writes/s at the same concurrency: the mean of a measure just before
   * this run and one just after it (a long run on a shared machine sees the speed drift).
   */
  floorWritesPerSecond: number;
  /** The two measures the floor is the mean of. */
  floorBeforeAfter: [number, number];
  /** Deliveries/s if each DynamoDB request of a delivery cost one floor write. */
  floorDeliveriesPerSecond: number;
  /** deliveriesPerSecond ÷ floorDeliveriesPerSecond (1 = as fast as DynamoDB Local allows). */
  vsFloor: number;
  requests: Record<string, { count: number; ms: number }>;
}

/**
 * The floor: DynamoDB Local's own throughput for single-item writes at the notify core's
 * concurrency (an unconditional ADD on an inbox counter, the cheapest write a delivery makes).
 */
export interface WriteFloor {
  writes: number;
  concurrency: number;
  writesPerSecond: number;
}

export async function measureWriteFloor(table: Table, writes: number): Promise<WriteFloor> {
  const firmId = ulid();
  const owners = Array.from({ length: writes }, () => ({ firmId, kind: 'staff' as const, id: ulid() }));
  const t0 = performance.now();
  await mapLimit(owners, DEFAULT_CONCURRENCY, (owner) =>
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: inboxCounterKey(owner),
        UpdateExpression: 'ADD unread :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    ),
  );
  const ms = performance.now() - t0;
  return { writes, concurrency: DEFAULT_CONCURRENCY, writesPerSecond: (writes / ms) * 1000 };
}

export async function measureFanout(sizes: number[], progress: (line: string) => void): Promise<FanoutRow[]> {
  const env = process.env;
  const table: Table = { client: documentClient, name: env.TABLE_NAME!, cursorSecret: '' };
  const firmId = ulid();
  const caseId = ulid();
  let recipients = 0;
  const staffIds = Array.from({ length: Math.max(...sizes, 5) }, () => ulid());
  const policy: Policy<'document.uploaded'> = async (event) =>
    Array.from({ length: recipients }, (_, i): PlannedDelivery[] => {
      const recipient = {
        kind: 'staff' as const,
        firmId: event.firmId,
        id: staffIds[i]!,
        name: `Staff ${i}`,
        email: `staff${i}.${firmId.toLowerCase()}@bench.test`,
        locale: 'en',
      };
      const render = async () => ({
        title: `New document: ${event.detail.name}`,
        body: `A client uploaded ${event.detail.name}.`,
        subject: `New document in your case: ${event.detail.name}`,
        text: `A client uploaded ${event.detail.name}.`,
        html: `<p>A client uploaded <b>${event.detail.name}</b>.</p>`,
        link: `${env.APP_URL ?? 'http://localhost:5173/app'}/cases/${event.caseId}/documents`,
      });
      return [
        { recipient, channel: 'inApp', render },
        { recipient, channel: 'email', render },
      ];
    }).flat();
  const adapters = notifyAdapters(table, { appUrl: env.APP_URL!, portalUrl: env.PORTAL_URL! });
  const { labelledBy, take } = labeller();
  const deliveries = labelledBy(adapters.deliveries, (key: DeliveryKey) => key.channel);
  const vapid = generateVapidKeys();
  const pusher = webPusher({
    subscriptions: adapters.pushSubscriptions,
    vapid: { current: async () => vapid },
    subject: `mailto:${env.SENDER_EMAIL}`,
    pushServices: [],
    clock: systemClock,
  });
  const notify = notifier({
    deliveries,
    inbox: labelledBy(adapters.inbox, (d: { key: DeliveryKey }) => d.key.channel),
    mailer: sesMailer(ses, env.SENDER_EMAIL!),
    policies: { 'document.uploaded': policy },
    gate: { ...adapters.gate, suppressions: deliveries },
    digests: adapters.digests,
    pusher: labelledBy(pusher, () => 'push'),
    ports: adapters.ports,
    clock: systemClock,
    ids: ulidIds,
  });
  const event = (): DomainEvent => ({
    type: 'document.uploaded',
    eventId: ulid(),
    firmId,
    caseId,
    actor: { kind: 'contact', id: ulid() },
    occurredAt: new Date().toISOString(),
    detail: {
      documentId: ulid(),
      name: 'statement.pdf',
      contentType: 'application/pdf',
      size: 1024,
      source: 'client',
      version: 1,
    },
  });

  // One untimed event first: connection pools and code paths warm, as in a warm Lambda.
  recipients = 5;
  await notify(event());
  const rows: FanoutRow[] = [];
  for (const size of sizes) {
    // The floor right before and right after the run it is compared with: DynamoDB Local's speed
    // drifts with machine load, and the 1,000-recipient run lasts many seconds.
    const before = await measureWriteFloor(table, 200);
    recipients = size;
    const t0 = performance.now();
    take(); // the warm-up's, or the previous run's
    const { result: outcome, requests: eventReads } = await countRequests(() => notify(event()));
    const ms = performance.now() - t0;
    const byLabel = take();
    const requests = [...eventReads, ...[...byLabel.values()].flat()];
    const after = await measureWriteFloor(table, 200);
    const floor = { writesPerSecond: (before.writesPerSecond + after.writesPerSecond) / 2 };
    if (outcome.delivered !== size * 2) throw new Error(`fan-out ${size}: ${JSON.stringify(outcome)}`);
    const dynamodb = requests.filter((r) => r.service === 'dynamodb');
    const dynamodbPerDelivery = dynamodb.length / outcome.delivered;
    const labelled = (label: string) =>
      (byLabel.get(label) ?? []).filter((r) => r.service === 'dynamodb').length;
    const ownReads = eventReads.filter((r) => r.service === 'dynamodb').length;
    const deliveriesPerSecond = (outcome.delivered / ms) * 1000;
    const floorDeliveriesPerSecond = floor.writesPerSecond / dynamodbPerDelivery;
    rows.push({
      recipients: size,
      deliveries: outcome.delivered,
      ms,
      deliveriesPerSecond,
      requestsPerDelivery: requests.length / outcome.delivered,
      dynamodbPerDelivery,
      deliveryRequestsPerDelivery: (dynamodb.length - ownReads) / outcome.delivered,
      dynamodbByChannel: {
        // Half the deliveries are in-app and half email (one of each per recipient).
        inApp: labelled('inApp') / size,
        email: labelled('email') / size,
        push: labelled('push') / size,
        event: ownReads / outcome.delivered,
      },
      floorWritesPerSecond: floor.writesPerSecond,
      floorBeforeAfter: [before.writesPerSecond, after.writesPerSecond],
      floorDeliveriesPerSecond,
      vsFloor: deliveriesPerSecond / floorDeliveriesPerSecond,
      requests: summarize(requests),
    });
    progress(
      `notify fan-out: ${size} recipients, ${outcome.delivered} deliveries in ${ms.toFixed(0)} ms, ` +
        `${dynamodbPerDelivery.toFixed(2)} DynamoDB requests per delivery ` +
        `(floor: ${floor.writesPerSecond.toFixed(0)} writes/s, ${before.writesPerSecond.toFixed(0)} before and ${after.writesPerSecond.toFixed(0)} after)`,
    );
  }
  const base = rows.find((r) => r.recipients === 100);
  if (base) for (const r of rows) r.vsLinear = r.ms / r.recipients / (base.ms / base.recipients);
  return rows;
}

/**
 * Ports whose every call counts its AWS requests apart, by a label of its first argument (a nested
 * counting scope: the event's own scope then holds only the reads it makes itself). `take` hands over
 * what was counted since it was last called.
 */
function labeller() {
  let byLabel = new Map<string, AwsRequest[]>();
  function labelledBy<T extends object, A>(port: T, labelOf: (first: A) => string): T {
    return new Proxy(port, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const label = labelOf(args[0] as A);
          const { result, requests } = await countRequests(async () => value.apply(target, args));
          byLabel.set(label, [...(byLabel.get(label) ?? []), ...requests]);
          return result;
        };
      },
    });
  }
  const take = () => {
    const taken = byLabel;
    byLabel = new Map();
    return taken;
  };
  return { labelledBy, take };
}
