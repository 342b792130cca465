// Section 5's floors (decision 0054). The target's: the requests an event's deliveries need, made
// raw — per recipient the in-app transaction (the inbox writer's, same items, conditions and
// expressions), the email claim, one SES mail of the same size and its `sent` record, through the
// store adapters notify itself calls, by a bare loop on the same clients at the same concurrency with
// no notify core around them (no policy, gate, rendering, outcome or logging). Informational: DynamoDB
// Local's rate for one unconditional ADD, the cheapest write there is (the floor before 0054).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_LEASE_MS,
  type DeliveryKey,
  type Mailer,
  mapLimit,
} from '../functions/notify/core';
import type { Message, Recipient } from '../functions/notify/policy';
import { deliveryStore } from '../functions/store/deliveries';
import { inboxWriter } from '../functions/store/inbox';
import { inboxCounterKey } from '../functions/store/keys';
import type { Table } from '../functions/store/table';
import { type AwsRequest, countRequests } from './requests';

/** The message the bench's policy renders for every recipient (the floor mails one of the same size). */
export const benchMessage = (documentName: string, caseId: string, appUrl: string): Message => ({
  title: `New document: ${documentName}`,
  body: `A client uploaded ${documentName}.`,
  subject: `New document in your case: ${documentName}`,
  text: `A client uploaded ${documentName}.`,
  html: `<p>A client uploaded <b>${documentName}</b>.</p>`,
  link: `${appUrl}/cases/${caseId}/documents`,
});

/** The cheapest write DynamoDB Local takes: an unconditional ADD on an inbox counter. */
export const floorWrite = (table: Table, counterOf: string, firmId: string) =>
  new UpdateCommand({
    TableName: table.name,
    Key: inboxCounterKey({ firmId, kind: 'staff', id: counterOf }),
    UpdateExpression: 'ADD unread :one',
    ExpressionAttributeValues: { ':one': 1 },
  });

/** DynamoDB Local's own single-item writes/s at the notify core's concurrency (fresh counters). */
export async function measureWriteFloor(table: Table, writes: number): Promise<number> {
  const firmId = ulid();
  const ids = Array.from({ length: writes }, () => ulid());
  const t0 = performance.now();
  await mapLimit(ids, DEFAULT_CONCURRENCY, (id) => table.client.send(floorWrite(table, id, firmId)));
  return (writes / (performance.now() - t0)) * 1000;
}

export interface RequestFloor {
  deliveriesPerSecond: number;
  /** The floor loop's own DynamoDB requests per delivery (the same as notify's deliveries' own). */
  dynamodbPerDelivery: number;
  /** This process's CPU (user + system) per delivery while the loop ran (the local stack's share included). */
  cpuMsPerDelivery: number;
  /** Summed request time ÷ (concurrency × wall time): how much of its slots' time the loop spent waiting on AWS. */
  inRequests: number;
}

/**
 * The share of `concurrency` slots' time over `ms` spent inside AWS requests (their summed latency):
 * what is left is time a slot spent on anything else — the caller's own code, or idle.
 */
export const inRequestsShare = (requests: readonly AwsRequest[], concurrency: number, ms: number) =>
  requests.reduce((sum, r) => sum + r.ms, 0) / (concurrency * ms);

/** This process's CPU time since `from` (a process.cpuUsage()), in ms. */
export const cpuMsSince = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/**
 * The same requests as one event's deliveries to `recipients` (in-app + email each), made raw: a
 * delivery is the unit of concurrency, as in the notify core, and the loop runs inside a counting
 * scope so it pays the same counting middleware as the notify run it is compared with.
 */
export async function measureRequestFloor(
  table: Table,
  mailer: Mailer,
  event: { firmId: string; caseId: string; type: string },
  recipients: Recipient[],
  message: Message,
): Promise<RequestFloor> {
  const deliveries = deliveryStore(table);
  const inbox = inboxWriter(table);
  // Fresh keys: a new event id, so every delivery record and inbox item is new, as in a notify run.
  const eventId = ulid();
  const keyOf = (r: Recipient, channel: 'inApp' | 'email'): DeliveryKey => ({
    firmId: event.firmId,
    eventId,
    recipient: `${r.kind}-${r.id}`,
    channel,
  });
  const work = recipients.flatMap((r) => [
    { r, channel: 'inApp' as const },
    { r, channel: 'email' as const },
  ]);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const { requests } = await countRequests(() =>
    mapLimit(work, DEFAULT_CONCURRENCY, async ({ r, channel }) => {
      const key = keyOf(r, channel);
      const now = new Date();
      if (channel === 'inApp') {
        const at = now.toISOString();
        const done = await inbox.deliverInApp({
          key,
          owner: { firmId: r.firmId, kind: r.kind, id: r.id },
          item: {
            itemId: ulid(),
            firmId: event.firmId,
            caseId: event.caseId,
            eventId,
            type: event.type,
            title: message.title,
            body: message.body,
            ...(message.link ? { link: message.link } : {}),
            createdAt: at,
          },
          at,
        });
        if (done !== true) throw new Error(`floor: in-app delivery not made: ${JSON.stringify(done)}`);
        return;
      }
      const claim = await deliveries.claim(key, {
        type: event.type,
        caseId: event.caseId,
        now,
        leaseMs: DEFAULT_LEASE_MS,
      });
      if (claim !== 'claimed') throw new Error(`floor: email claim ${JSON.stringify(claim)}`);
      const { messageId } = await mailer.send({
        to: r.email!,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      await deliveries.markSent(key, { sentAt: new Date().toISOString(), messageId });
    }),
  );
  const ms = performance.now() - t0;
  const cpuMs = cpuMsSince(cpu);
  return {
    deliveriesPerSecond: (work.length / ms) * 1000,
    cpuMsPerDelivery: cpuMs / work.length,
    inRequests: inRequestsShare(requests, Math.min(DEFAULT_CONCURRENCY, work.length), ms),
    dynamodbPerDelivery: requests.filter((q: AwsRequest) => q.service === 'dynamodb').length / work.length,
  };
}
