// What a delivery costs in DynamoDB requests, counted by a middleware on the SDK client the notify
// adapters use (DynamoDB Local): an in-app delivery is one request (its claim, the inbox item and
// the unread counter in one transaction), a replayed event writes nothing, and a person with no push
// device costs no push-subscription read (the preference read already says so).
import { createECDH, randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  generateVapidKeys,
  type StoredPushSubscription,
  subscriptionIdOf,
} from '../../functions/domain/push';
import type { DomainEvent } from '../../functions/events/catalogue';
import { notifyAdapters } from '../../functions/notify/adapters';
import { notifier } from '../../functions/notify/core';
import type { Channel, PlannedDelivery, Recipient } from '../../functions/notify/policy';
import { webPusher } from '../../functions/notify/web-pusher';
import { deliveryKey, inboxCounterKey } from '../../functions/store/keys';
import { preferenceStore } from '../../functions/store/preferences';
import { pushSubscriptionStore } from '../../functions/store/push-subscriptions';
import type { Table } from '../../functions/store/table';
import { newId, partition, table as plainTable, urls } from './support/stack';

/** The table through a client of its own, whose every request (each HTTP attempt) is named in `sent`. */
function countedTable() {
  const client = new DynamoDBClient({
    endpoint: urls.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'countRequests' },
  );
  const table: Table = {
    client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    name: plainTable.name,
    cursorSecret: plainTable.cursorSecret,
  };
  /** The requests `work` made. */
  const during = async (work: () => Promise<unknown>) => {
    sent.length = 0;
    await work();
    return [...sent];
  };
  return { table, during };
}

const render = async () => ({
  title: 'New document',
  body: 'a.pdf',
  subject: 'New document: a.pdf',
  text: 'a.pdf',
  html: '<p>a.pdf</p>',
});

function uploaded(firmId: string): DomainEvent {
  return {
    type: 'document.uploaded',
    eventId: newId(),
    firmId,
    caseId: newId(),
    actor: { kind: 'contact', id: newId() },
    occurredAt: new Date().toISOString(),
    detail: {
      documentId: newId(),
      name: 'a.pdf',
      contentType: 'application/pdf',
      size: 1,
      source: 'client',
      version: 1,
    },
  };
}

const staffOf = (firmId: string): Recipient => ({
  kind: 'staff',
  firmId,
  id: newId(),
  name: 'Sam',
  email: `sam.${newId().toLowerCase()}@firm.test`,
});

/** The notify core wired as the notify Lambda wires it (gate, push), for one recipient on `channels`. */
function wired(table: Table, recipient: Recipient, channels: Channel[], opts: { gate: boolean }) {
  const adapters = notifyAdapters(table, { appUrl: urls.env.APP_URL!, portalUrl: urls.env.PORTAL_URL! });
  const vapid = generateVapidKeys();
  const pushed: string[] = [];
  const notify = notifier({
    deliveries: adapters.deliveries,
    inbox: adapters.inbox,
    mailer: { send: async () => ({ messageId: 'm-1' }) },
    policies: {
      'document.uploaded': async () =>
        channels.map((channel): PlannedDelivery => ({ recipient, channel, render })),
    },
    ...(opts.gate
      ? {
          gate: { ...adapters.gate, suppressions: adapters.deliveries },
          pusher: webPusher({
            subscriptions: adapters.pushSubscriptions,
            vapid: { current: async () => vapid },
            subject: 'mailto:notify@firm.test',
            pushServices: ['fcm.googleapis.com'],
            clock: { now: () => new Date() },
            // The push service: answers 201 without being reached.
            fetch: async (url) => {
              pushed.push(String(url));
              return new Response(null, { status: 201 });
            },
          }),
        }
      : {}),
    ports: adapters.ports,
    clock: { now: () => new Date() },
    ids: { next: () => newId() },
  });
  return { notify, pushed, vapid };
}

/** A browser subscription as the API stores it (its keys a P-256 point and a 16-byte secret). */
function subscription(vapidKey: string): StoredPushSubscription {
  const endpoint = `https://fcm.googleapis.com/fcm/send/${newId()}`;
  const at = new Date().toISOString();
  return {
    subscriptionId: subscriptionIdOf(endpoint),
    endpoint,
    keys: {
      p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
      auth: randomBytes(16).toString('base64url'),
    },
    service: 'fcm.googleapis.com',
    vapidKey,
    createdAt: at,
    updatedAt: at,
  };
}

describe('Notify: DynamoDB requests per delivery', () => {
  it('makes an in-app delivery in one request, and a replay of its event writes nothing', async () => {
    // Prepare
    const { table, during } = countedTable();
    const firmId = newId();
    const sam = staffOf(firmId);
    const { notify } = wired(table, sam, ['inApp'], { gate: false });
    const event = uploaded(firmId);
    const owner = { firmId, kind: 'staff' as const, id: sam.id };

    // Act
    let outcome: unknown;
    const first = await during(async () => {
      outcome = await notify(event);
    });

    // Assess: one TransactWriteItems (claim, item, counter), and the delivery made
    expect(outcome).toEqual({ planned: 1, delivered: 1, skipped: 0, failed: 0 });
    expect(first).toEqual(['TransactWriteItems']);
    const inbox = await partition(inboxCounterKey(owner).PK);
    const record = await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: deliveryKey(firmId, event.eventId, `staff-${sam.id}`, 'inApp'),
        ConsistentRead: true,
      }),
    );
    expect(record.Item).toMatchObject({ status: 'sent', attempts: 1, type: 'document.uploaded' });
    expect(record.Item?.leaseUntil).toBeUndefined();

    // Act: the bus brings the same event again
    const replay = await during(async () => {
      outcome = await notify(event);
    });

    // Assess: one cancelled transaction, nothing written, the delivery reported as made already
    expect(outcome).toEqual({ planned: 1, delivered: 0, skipped: 1, failed: 0 });
    expect(replay).toEqual(['TransactWriteItems']);
    expect(await partition(inboxCounterKey(owner).PK)).toEqual(inbox);
    expect(inbox.filter((i) => i.entity === 'inboxItem')).toHaveLength(1);
    expect(inbox.find((i) => i.entity === 'inboxCounter')?.unread).toBe(1);
  });

  it('makes an email delivery in two requests: the claim, then the record of the send', async () => {
    const { table, during } = countedTable();
    const firmId = newId();
    const { notify } = wired(table, staffOf(firmId), ['email'], { gate: false });
    expect(await during(() => notify(uploaded(firmId)))).toEqual(['UpdateItem', 'UpdateItem']);
  });

  it('reads no push subscription of a person with no device, and pushes to one who has', async () => {
    // Prepare: two staff users; Pia registers a browser (her preference item now says so)
    const { table, during } = countedTable();
    const firmId = newId();
    const sam = staffOf(firmId);
    const pia = staffOf(firmId);
    const forSam = wired(table, sam, ['inApp'], { gate: true });
    const forPia = wired(table, pia, ['inApp'], { gate: true });
    const piaOwner = { kind: 'staff' as const, firmId, userId: pia.id };
    await pushSubscriptionStore(plainTable).saveSubscription(piaOwner, subscription(forPia.vapid.publicKey));

    // Act
    const samRequests = await during(() => forSam.notify(uploaded(firmId)));
    const piaRequests = await during(() => forPia.notify(uploaded(firmId)));

    // Assess: Sam costs the event's reads (matrix, preferences) and the in-app transaction, no Query
    expect(samRequests.sort()).toEqual(['BatchGetItem', 'GetItem', 'TransactWriteItems']);
    expect(forSam.pushed).toEqual([]);
    // Pia's device is looked up, claimed, pushed and recorded
    expect(piaRequests.filter((r) => r === 'Query')).toHaveLength(1);
    expect(forPia.pushed).toHaveLength(1);
  });

  it('keeps the push device ids on the preference item through subscribing, saving preferences and removing', async () => {
    // Prepare
    const owner = { kind: 'contact' as const, identityId: newId() };
    const subs = pushSubscriptionStore(plainTable);
    const devices = async () =>
      (await preferenceStore(plainTable).withDevices([owner])).get(`identity#${owner.identityId}`)
        ?.pushDevices;
    const [a, b] = [subscription('k'), subscription('k')];

    // Act + Assess: none, then two (the same browser registered twice counts once)
    expect(await devices()).toBe(0);
    await subs.saveSubscription(owner, a);
    await subs.saveSubscription(owner, b);
    await subs.saveSubscription(owner, a);
    expect(await devices()).toBe(2);

    // Saving preferences (whole) leaves the devices as they are
    await preferenceStore(plainTable).savePreferences(owner, {
      preferences: { documents: { email: false } },
      updatedAt: new Date().toISOString(),
    });
    expect(await devices()).toBe(2);
    expect((await preferenceStore(plainTable).getPreferences(owner)).preferences).toEqual({
      documents: { email: false },
    });

    // Removing one (twice: the second finds nothing) leaves one
    expect(await subs.deleteSubscription(owner, a.subscriptionId)).toBe(true);
    expect(await subs.deleteSubscription(owner, a.subscriptionId)).toBe(false);
    expect(await devices()).toBe(1);
  });
});
