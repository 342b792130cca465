// Web push on the local stack: staff and portal users register browser subscriptions made on the
// local push service (web-push-testing's model, which decrypts each notice and checks its VAPID
// signature), events reach them exactly once however often the bus delivers them, delivery status
// shows the push, and a subscription the push service reports gone is removed.

import { createECDH, randomBytes } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import type { operations } from '../../client/src/index';
import { PUSH_SUBSCRIPTION_CAP } from '../../functions/domain/push';
import type { DomainEvent } from '../../functions/events/catalogue';
import { activityOfCasePattern } from '../../functions/store/keys';
import { localPushClient } from '../../local/push';
import { apiAs, problem } from './support/client';
import { recordClientUpload } from './support/events';
import { portalContact } from './support/portal';
import { call, newFirm, partition, secretValue, settle, type TestFirm, urls } from './support/stack';

type SubscriptionBody = operations['createPushSubscription']['requestBody']['content']['application/json'];

const pushService = localPushClient(urls.push);
const eventBridge = new EventBridgeClient({
  endpoint: urls.env.AWS_ENDPOINT_URL_EVENTBRIDGE,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** The same event again through the bus, as EventBridge's at-least-once delivery may bring it. */
async function redeliver(event: DomainEvent, times: number) {
  for (let i = 0; i < times; i++)
    await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'portico-events',
            Source: 'portico',
            DetailType: event.type,
            Detail: JSON.stringify(event),
          },
        ],
      }),
    );
  await settle();
}

/** A browser of `token`'s holder subscribing on the local push service and registering with the API. */
async function subscribeBrowser(token: string, portal: boolean) {
  const api = apiAs(token);
  const key = portal ? await api.GET('/portal/me/push/public-key') : await api.GET('/me/push/public-key');
  expect(key.response.status).toBe(200);
  const { subscription, clientHash } = await pushService.subscribe(key.data!.publicKey);
  const registered = portal
    ? await api.POST('/portal/me/push-subscriptions', { body: subscription })
    : await api.POST('/me/push-subscriptions', { body: subscription });
  expect(registered.response.status).toBe(201);
  return { subscription, clientHash, subscriptionId: registered.data!.subscriptionId };
}

async function newCase(firm: TestFirm) {
  const created = await apiAs(firm.admin.token).POST('/cases', {
    body: { title: 'Annual accounts 2026', ownerId: firm.staff.userId },
  });
  expect(created.response.status).toBe(201);
  return created.data!.caseId;
}

/** Publishes a discussion shared with one contact and returns its `discussion.published` event. */
async function publishDiscussion(firm: TestFirm, caseId: string, contactId: string, subject: string) {
  const published = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
    params: { path: { caseId } },
    body: { subject, message: 'Please review the draft.', shareWith: [contactId] },
  });
  expect(published.response.status).toBe(201);
  await settle();
  const activity = await partition(activityOfCasePattern(firm.firmId, caseId).pk);
  const event = activity.find(
    (i) =>
      i.entity === 'activity' &&
      i.type === 'discussion.published' &&
      (i.detail as { discussionId: string }).discussionId === published.data!.discussionId,
  );
  expect(event).toBeDefined();
  const { PK: _pk, SK: _sk, entity: _e, v: _v, ...domainEvent } = event!;
  return domainEvent as unknown as DomainEvent;
}

const pushDeliveries = async (token: string, eventId: string) =>
  (await apiAs(token).GET('/deliveries/{eventId}', { params: { path: { eventId } } })).data!.items.filter(
    (d) => d.channel === 'push',
  );

/** Keys as a browser makes them (for registrations that are never pushed to). */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

describe('Function: notify → web push', () => {
  it('pushes a client upload to the staff owner and a discussion to the contact, each exactly once, and shows it in delivery status', async () => {
    // Prepare: a case owned by staff, a contact with portal access, a browser each
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const dora = await portalContact(firm, caseId, 'Dora Client');
    const staffBrowser = await subscribeBrowser(firm.staff.token, false);
    const doraBrowser = await subscribeBrowser(dora.token, true);

    // Act: a client upload, delivered three times by the bus
    const upload = await recordClientUpload(firm, caseId, dora.contactId, 'payslips.pdf');
    await redeliver(upload, 2);

    // Assess: one push, with the in-app item's title and body, tagged with the event
    const staffInbox = await apiAs(firm.staff.token).GET('/inbox');
    const item = staffInbox.data!.items.find((i) => i.eventId === upload.eventId);
    expect(item).toBeDefined();
    expect(await pushService.messages(staffBrowser.clientHash)).toEqual([
      {
        title: item!.title,
        body: item!.body,
        ...(item!.link ? { link: item!.link } : {}),
        tag: upload.eventId,
      },
    ]);
    expect(item!.body).toContain('payslips.pdf');
    expect(await pushService.messages(doraBrowser.clientHash)).toEqual([]);
    const uploadPushes = await pushDeliveries(firm.staff.token, upload.eventId);
    expect(uploadPushes).toEqual([
      expect.objectContaining({ recipient: { kind: 'staff', id: firm.staff.userId }, status: 'sent' }),
    ]);

    // Act: a discussion shared with the contact, delivered three times by the bus
    const discussion = await publishDiscussion(firm, caseId, dora.contactId, 'Draft accounts');
    await redeliver(discussion, 2);

    // Assess
    const portalInbox = await apiAs(dora.token).GET('/portal/inbox');
    const notice = portalInbox.data!.items.find((i) => i.eventId === discussion.eventId);
    expect(notice).toBeDefined();
    expect(notice!.title).toContain('Draft accounts');
    expect(await pushService.messages(doraBrowser.clientHash)).toEqual([
      {
        title: notice!.title,
        body: notice!.body,
        ...(notice!.link ? { link: notice!.link } : {}),
        tag: discussion.eventId,
      },
    ]);
    expect(await pushService.messages(staffBrowser.clientHash)).toHaveLength(1);
    expect(await pushDeliveries(firm.staff.token, discussion.eventId)).toEqual([
      expect.objectContaining({ recipient: { kind: 'contact', id: dora.contactId }, status: 'sent' }),
    ]);
  });

  it('removes a subscription the push service reports gone (410), and still pushes to the others', async () => {
    // Prepare: two browsers of one contact; the push service expires one of them
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const dora = await portalContact(firm, caseId, 'Dora Gone');
    const phone = await subscribeBrowser(dora.token, true);
    const laptop = await subscribeBrowser(dora.token, true);
    await pushService.expire(phone.clientHash);

    // Act
    const discussion = await publishDiscussion(firm, caseId, dora.contactId, 'Engagement letter');

    // Assess: the laptop got it; the phone's subscription is gone from the API and the table
    expect(await pushService.messages(laptop.clientHash)).toHaveLength(1);
    expect(await pushService.messages(phone.clientHash)).toEqual([]);
    const listed = await apiAs(dora.token).GET('/portal/me/push-subscriptions');
    expect(listed.data!.items.map((s) => s.subscriptionId)).toEqual([laptop.subscriptionId]);
    expect(await pushDeliveries(firm.admin.token, discussion.eventId)).toEqual([
      expect.objectContaining({ status: 'sent' }),
    ]);

    // Act: the last browser goes too; the next notice finds no device and pushes nothing
    await pushService.expire(laptop.clientHash);
    await publishDiscussion(firm, caseId, dora.contactId, 'Second letter');
    const after = await apiAs(dora.token).GET('/portal/me/push-subscriptions');
    expect(after.data!.items).toEqual([]);
    const second = await publishDiscussion(firm, caseId, dora.contactId, 'Third letter');
    expect(await pushDeliveries(firm.admin.token, second.eventId)).toEqual([]);
  });
});

describe('Route: /me/push-subscriptions and /portal/me/push-subscriptions', () => {
  it('serves one VAPID public key to staff and contacts, never the private one', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const dora = await portalContact(firm, caseId, 'Dora Key');

    const staffKey = await apiAs(firm.staff.token).GET('/me/push/public-key');
    const portalKey = await apiAs(dora.token).GET('/portal/me/push/public-key');

    expect(staffKey.response.status).toBe(200);
    expect(Object.keys(staffKey.data!)).toEqual(['publicKey']);
    expect(Buffer.from(staffKey.data!.publicKey, 'base64url')).toHaveLength(65);
    expect(portalKey.data).toEqual(staffKey.data);
    // The pair lives in Secrets Manager (the local one here), generated on first use.
    const stored = JSON.parse((await secretValue(urls.env.VAPID_SECRET_ARN!)) ?? '{}');
    expect(stored).toEqual({ publicKey: staffKey.data!.publicKey, privateKey: expect.any(String) });
    expect(JSON.stringify(portalKey.data)).not.toContain(stored.privateKey as string);
    // Contacts use the portal routes, staff the staff ones (the other pool's token: 401 at the gateway)
    expect((await apiAs(dora.token).GET('/me/push/public-key')).response.status).toBe(401);
    expect((await apiAs(firm.staff.token).GET('/portal/me/push/public-key')).response.status).toBe(401);
  });

  it('registers idempotently per endpoint, lists without endpoints or keys, and unregisters idempotently', async () => {
    // Prepare
    const firm = await newFirm();
    const { subscription, subscriptionId } = await subscribeBrowser(firm.staff2.token, false);

    // Act: the same browser registers again with new keys
    const again = await apiAs(firm.staff2.token).POST('/me/push-subscriptions', {
      body: { ...subscription, expirationTime: null, keys: browserKeys() },
    });

    // Assess
    expect(again.response.status).toBe(201);
    expect(again.data!.subscriptionId).toBe(subscriptionId);
    const listed = await apiAs(firm.staff2.token).GET('/me/push-subscriptions');
    expect(listed.response.status).toBe(200);
    expect(listed.data!.items).toEqual([
      {
        subscriptionId,
        service: new URL(urls.push).host,
        createdAt: expect.any(String),
        updatedAt: again.data!.updatedAt,
      },
    ]);
    expect(JSON.stringify(listed.data)).not.toContain(subscription.endpoint);
    // Another user of the firm sees none of them
    expect((await apiAs(firm.staff.token).GET('/me/push-subscriptions')).data!.items).toEqual([]);

    // Act & Assess: unregister twice
    const removed = await apiAs(firm.staff2.token).DELETE('/me/push-subscriptions/{subscriptionId}', {
      params: { path: { subscriptionId } },
    });
    expect(removed.response.status).toBe(200);
    expect(removed.data).toEqual({ subscriptionId, removed: true });
    const removedAgain = await apiAs(firm.staff2.token).DELETE('/me/push-subscriptions/{subscriptionId}', {
      params: { path: { subscriptionId } },
    });
    expect(removedAgain.data).toEqual({ subscriptionId, removed: false });
    expect((await apiAs(firm.staff2.token).GET('/me/push-subscriptions')).data!.items).toEqual([]);
  });

  it('refuses endpoints off the allowlist (422), malformed keys or ids (400) and the 21st subscription (422), writing nothing', async () => {
    const firm = await newFirm();
    const token = firm.admin.token;
    const refusals: [SubscriptionBody, number, string?][] = [
      [
        { endpoint: 'https://internal.corp.example/hook', keys: browserKeys() },
        422,
        'push_endpoint_not_allowed',
      ],
      [
        { endpoint: 'http://169.254.169.254/latest/meta-data', keys: browserKeys() },
        422,
        'push_endpoint_not_allowed',
      ],
      [
        { endpoint: 'https://fcm.googleapis.com:444/fcm/send/x', keys: browserKeys() },
        422,
        'push_endpoint_not_allowed',
      ],
      [
        {
          endpoint: `${urls.push.replace(/:(\d+)$/, (_, p) => `:${Number(p) + 1}`)}/notify/x`,
          keys: browserKeys(),
        },
        422,
        'push_endpoint_not_allowed',
      ],
      [
        { endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: browserKeys(), expirationTime: 1 },
        422,
        'push_subscription_expired',
      ],
      [{ endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...browserKeys(), auth: 'short' } }, 400],
      [
        { endpoint: 'https://fcm.googleapis.com/fcm/send/x', keys: { ...browserKeys(), p256dh: 'AAAA' } },
        400,
      ],
      [{ endpoint: 'javascript:alert(1)', keys: browserKeys() }, 400],
    ];
    for (const [body, status, code] of refusals) {
      const res = await apiAs(token).POST('/me/push-subscriptions', { body });
      expect(res.response.status, JSON.stringify(body)).toBe(status);
      if (code) expect(problem(res).code).toBe(code);
    }
    // invalid on purpose: the typed client cannot send it (no keys)
    const noKeys = await call('POST', '/me/push-subscriptions', {
      token,
      body: { endpoint: 'https://fcm.googleapis.com/fcm/send/x' },
    });
    expect(noKeys.status).toBe(400);
    expect(
      (
        await apiAs(token).DELETE('/me/push-subscriptions/{subscriptionId}', {
          params: { path: { subscriptionId: 'not-an-id' } },
        })
      ).response.status,
    ).toBe(400);
    expect((await apiAs(token).GET('/me/push-subscriptions')).data!.items).toEqual([]);

    // The cap: 20 browsers, then one more is refused; re-registering one of the 20 still works
    const endpoint = (i: number) => `https://fcm.googleapis.com/fcm/send/cap-${i}`;
    for (let i = 0; i < PUSH_SUBSCRIPTION_CAP; i++)
      expect(
        (
          await apiAs(token).POST('/me/push-subscriptions', {
            body: { endpoint: endpoint(i), keys: browserKeys() },
          })
        ).response.status,
      ).toBe(201);
    const full = await apiAs(token).POST('/me/push-subscriptions', {
      body: { endpoint: endpoint(PUSH_SUBSCRIPTION_CAP), keys: browserKeys() },
    });
    expect(full.response.status).toBe(422);
    expect(problem(full).code).toBe('push_subscriptions_full');
    const again = await apiAs(token).POST('/me/push-subscriptions', {
      body: { endpoint: endpoint(3), keys: browserKeys() },
    });
    expect(again.response.status).toBe(201);

    // Paginated: two pages of 15 and 5
    const first = await apiAs(token).GET('/me/push-subscriptions', { params: { query: { limit: 15 } } });
    expect(first.data!.items).toHaveLength(15);
    const rest = await apiAs(token).GET('/me/push-subscriptions', {
      params: { query: { limit: 15, nextToken: first.data!.nextToken } },
    });
    expect(rest.data!.items).toHaveLength(5);
    expect(rest.data!.nextToken).toBeUndefined();
  });
});
