import { createECDH, createPublicKey, randomBytes, verify } from 'node:crypto';
import ece from 'http_ece';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { DomainError } from '../../functions/domain/errors';
import type { Page, PageRequest } from '../../functions/domain/ports';
import {
  DEFAULT_PUSH_SERVICES,
  generateVapidKeys,
  isAuthSecret,
  isP256PublicKey,
  PUSH_SUBSCRIPTION_CAP,
  type PushOwner,
  type PushSubscriptionStore,
  pushServiceOf,
  registerPushSubscription,
  removePushSubscription,
  type StoredPushSubscription,
  subscriptionIdOf,
} from '../../functions/domain/push';
import { PushSubscriptionBody } from '../../functions/http/schemas/push';
import type { Recipient } from '../../functions/notify/policy';
import { encryptPayload, pushRequest } from '../../functions/notify/web-push-request';
import { PushServiceError, webPusher } from '../../functions/notify/web-pusher';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const clock = { now: () => NOW };
const vapidPair = webpush.generateVAPIDKeys();
const vapid = { current: async () => vapidPair };
const LOCAL = 'http://127.0.0.1:24680';
const services = [...DEFAULT_PUSH_SERVICES, LOCAL];

/** Keys as a browser makes them: a P-256 point and a 16-byte secret, base64url. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
}

const ownerKey = (o: PushOwner) => (o.kind === 'staff' ? `s:${o.firmId}:${o.userId}` : `i:${o.identityId}`);

/** An in-memory store that records what was written and deleted. */
function memoryStore() {
  const rows = new Map<string, Map<string, StoredPushSubscription>>();
  const deleted: string[] = [];
  let writes = 0;
  const of = (o: PushOwner) => {
    const k = ownerKey(o);
    if (!rows.has(k)) rows.set(k, new Map());
    return rows.get(k)!;
  };
  const store: PushSubscriptionStore = {
    subscriptionsOf: async (o, { limit }) => [...of(o).values()].slice(0, limit),
    listSubscriptions: async (o, page: PageRequest): Promise<Page<StoredPushSubscription>> => ({
      items: [...of(o).values()].slice(0, page.limit),
    }),
    saveSubscription: async (o, s) => {
      writes++;
      of(o).set(s.subscriptionId, s);
    },
    deleteSubscription: async (o, id) => {
      deleted.push(id);
      return of(o).delete(id);
    },
  };
  return { store, of, deleted, writes: () => writes };
}

const staff = { kind: 'staff', firmId: 'F1', userId: 'U1', role: 'staff' } as const;
const contact = { kind: 'contact', identityId: 'identity-1' } as const;

describe('Module: push (domain)', () => {
  describe('pushServiceOf: the endpoint allowlist', () => {
    const cases: [string, string | undefined][] = [
      ['https://fcm.googleapis.com/fcm/send/abc:def', 'fcm.googleapis.com'],
      ['https://updates.push.services.mozilla.com/wpush/v2/gAAA', 'updates.push.services.mozilla.com'],
      ['https://wns2-par02p.notify.windows.com/w/?token=BQYAAA', 'wns2-par02p.notify.windows.com'],
      ['https://web.push.apple.com/QGuQyavXutnMH', 'web.push.apple.com'],
      ['https://api.push.apple.com/3/device/x', 'api.push.apple.com'],
      ['https://FCM.googleapis.com/fcm/send/x', 'fcm.googleapis.com'],
      [`${LOCAL}/notify/abc`, '127.0.0.1:24680'],
      // Refused: plain http, another port, credentials, look-alike hosts, bare suffixes, other origins
      ['http://fcm.googleapis.com/fcm/send/x', undefined],
      ['https://fcm.googleapis.com:8443/fcm/send/x', undefined],
      ['https://user:pw@fcm.googleapis.com/fcm/send/x', undefined],
      ['https://fcm.googleapis.com.evil.test/x', undefined],
      ['https://evilfcm.googleapis.com/x', undefined],
      ['https://push.services.mozilla.com/x', undefined],
      ['https://evilpush.services.mozilla.com/x', undefined],
      ['https://push.apple.com/x', undefined],
      ['https://169.254.169.254/latest/meta-data', undefined],
      ['http://127.0.0.1:24681/notify/abc', undefined],
      ['http://localhost:24680/notify/abc', undefined],
      ['https://127.0.0.1:24680/notify/abc', undefined],
      ['ftp://fcm.googleapis.com/x', undefined],
      ['not a url', undefined],
    ];
    it.each(cases)('%s → %s', (endpoint, expected) => {
      expect(pushServiceOf(endpoint, services)).toBe(expected);
    });

    it('allows nothing with an empty list', () => {
      expect(pushServiceOf('https://fcm.googleapis.com/fcm/send/x', [])).toBeUndefined();
    });
  });

  describe('key validation', () => {
    it('accepts keys as browsers make them, padded or not', () => {
      const k = browserKeys();
      expect(isP256PublicKey(k.p256dh)).toBe(true);
      expect(isAuthSecret(k.auth)).toBe(true);
      expect(isAuthSecret(`${k.auth}==`)).toBe(true);
      expect(PushSubscriptionBody.safeParse({ endpoint: `${LOCAL}/notify/a`, keys: k }).success).toBe(true);
    });

    it.each([
      [
        'a compressed point (33 bytes)',
        Buffer.concat([Buffer.from([2]), randomBytes(32)]).toString('base64url'),
      ],
      [
        '65 bytes not starting with 0x04',
        Buffer.concat([Buffer.from([5]), randomBytes(64)]).toString('base64url'),
      ],
      ['standard base64 characters', `${browserKeys().p256dh.slice(0, -2)}+/`],
      ['an empty string', ''],
    ])('refuses a p256dh that is %s', (_what, p256dh) => {
      expect(isP256PublicKey(p256dh)).toBe(false);
      expect(
        PushSubscriptionBody.safeParse({ endpoint: `${LOCAL}/notify/a`, keys: { ...browserKeys(), p256dh } })
          .success,
      ).toBe(false);
    });

    it('refuses an auth secret of another length, and unknown fields', () => {
      expect(isAuthSecret(randomBytes(15).toString('base64url'))).toBe(false);
      expect(isAuthSecret(randomBytes(32).toString('base64url'))).toBe(false);
      expect(
        PushSubscriptionBody.safeParse({ endpoint: `${LOCAL}/notify/a`, keys: browserKeys(), extra: 1 })
          .success,
      ).toBe(false);
    });
  });

  describe('registerPushSubscription', () => {
    const deps = (store: PushSubscriptionStore) => ({
      pushSubscriptions: store,
      vapid,
      pushServices: services,
      clock,
    });

    it('derives the id from the endpoint, so registering again updates keys and keeps createdAt', async () => {
      // Prepare
      const m = memoryStore();
      const endpoint = 'https://fcm.googleapis.com/fcm/send/device-1';
      const first = await registerPushSubscription(deps(m.store), staff, { endpoint, keys: browserKeys() });
      const newKeys = browserKeys();

      // Act
      const later = { now: () => new Date(NOW.getTime() + 60_000) };
      const again = await registerPushSubscription({ ...deps(m.store), clock: later }, staff, {
        endpoint,
        keys: newKeys,
        expirationTime: null,
      });

      // Assess
      expect(again.subscriptionId).toBe(first.subscriptionId);
      expect(again.subscriptionId).toBe(subscriptionIdOf(endpoint));
      expect(again.createdAt).toBe(NOW.toISOString());
      expect(again.updatedAt).not.toBe(again.createdAt);
      const stored = [...m.of({ kind: 'staff', firmId: 'F1', userId: 'U1' }).values()];
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        keys: newKeys,
        service: 'fcm.googleapis.com',
        vapidKey: vapidPair.publicKey,
      });
      // The view never carries the endpoint or the keys
      expect(JSON.stringify(again)).not.toContain('device-1');
      expect(JSON.stringify(again)).not.toContain(newKeys.auth);
    });

    it('refuses an endpoint off the allowlist with 422 push_endpoint_not_allowed, writing nothing', async () => {
      const m = memoryStore();
      const err = await registerPushSubscription(deps(m.store), contact, {
        endpoint: 'https://internal.example/secret-path',
        keys: browserKeys(),
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ kind: 'unprocessable', code: 'push_endpoint_not_allowed' });
      expect((err as DomainError).details).toEqual({ host: 'internal.example' });
      expect(m.writes()).toBe(0);
    });

    it('refuses an already expired subscription', async () => {
      const m = memoryStore();
      await expect(
        registerPushSubscription(deps(m.store), contact, {
          endpoint: 'https://fcm.googleapis.com/fcm/send/x',
          keys: browserKeys(),
          expirationTime: NOW.getTime() - 1,
        }),
      ).rejects.toMatchObject({ code: 'push_subscription_expired' });
      expect(m.writes()).toBe(0);
    });

    it(`holds at most ${PUSH_SUBSCRIPTION_CAP} per person, yet re-registers one of them when full`, async () => {
      // Prepare
      const m = memoryStore();
      const endpoints = Array.from(
        { length: PUSH_SUBSCRIPTION_CAP },
        (_, i) => `https://fcm.googleapis.com/fcm/send/d${i}`,
      );
      for (const endpoint of endpoints)
        await registerPushSubscription(deps(m.store), contact, { endpoint, keys: browserKeys() });

      // Act & Assess
      await expect(
        registerPushSubscription(deps(m.store), contact, {
          endpoint: 'https://fcm.googleapis.com/fcm/send/one-too-many',
          keys: browserKeys(),
        }),
      ).rejects.toMatchObject({ kind: 'unprocessable', code: 'push_subscriptions_full' });
      await expect(
        registerPushSubscription(deps(m.store), contact, { endpoint: endpoints[3]!, keys: browserKeys() }),
      ).resolves.toMatchObject({ subscriptionId: subscriptionIdOf(endpoints[3]!) });
      // Another person is not affected
      await expect(
        registerPushSubscription(deps(m.store), staff, {
          endpoint: 'https://fcm.googleapis.com/fcm/send/one-too-many',
          keys: browserKeys(),
        }),
      ).resolves.toBeDefined();
    });

    it('removes idempotently', async () => {
      const m = memoryStore();
      const { subscriptionId } = await registerPushSubscription(deps(m.store), staff, {
        endpoint: 'https://fcm.googleapis.com/fcm/send/x',
        keys: browserKeys(),
      });
      expect(await removePushSubscription(deps(m.store), staff, subscriptionId)).toEqual({
        subscriptionId,
        removed: true,
      });
      expect(await removePushSubscription(deps(m.store), staff, subscriptionId)).toEqual({
        subscriptionId,
        removed: false,
      });
    });
  });
});

describe('Module: web-pusher', () => {
  const recipient: Recipient = {
    kind: 'contact',
    firmId: 'F1',
    id: 'C1',
    name: 'Dora',
    identityId: 'identity-1',
  };
  const owner: PushOwner = { kind: 'contact', identityId: 'identity-1' };
  const payload = {
    title: 'New discussion',
    body: 'Ann started a discussion',
    tag: '01JQ0000000000000000000000',
  };

  function stored(endpoint: string, extra: Partial<StoredPushSubscription> = {}): StoredPushSubscription {
    return {
      subscriptionId: subscriptionIdOf(endpoint),
      endpoint,
      keys: browserKeys(),
      service: new URL(endpoint).host,
      vapidKey: vapidPair.publicKey,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
      ...extra,
    };
  }

  /** A push service that answers `status` and records each request it got. */
  function fakeService(status: number | (() => Promise<never>)) {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchFake = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      if (typeof status === 'function') return status();
      return new Response(status === 201 ? null : `{"endpoint":"${url}"}`, { status });
    }) as unknown as typeof fetch;
    return { fetchFake, calls };
  }

  async function setUp(status: number | (() => Promise<never>), subs: StoredPushSubscription[]) {
    const m = memoryStore();
    for (const s of subs) m.of(owner).set(s.subscriptionId, s);
    const service = fakeService(status);
    const pusher = webPusher({
      subscriptions: m.store,
      vapid,
      subject: 'mailto:no-reply@portico.test',
      pushServices: services,
      clock,
      fetch: service.fetchFake,
      timeoutMs: 50,
    });
    return { m, pusher, calls: service.calls };
  }

  it('finds live devices; deletes expired ones and ones made for another VAPID key; skips (keeps) disallowed hosts', async () => {
    // Prepare
    const live = stored(`${LOCAL}/notify/live`);
    const expired = stored(`${LOCAL}/notify/expired`, { expirationTime: NOW.getTime() - 1 });
    const rotated = stored(`${LOCAL}/notify/rotated`, { vapidKey: webpush.generateVAPIDKeys().publicKey });
    const elsewhere = stored('http://127.0.0.1:9/notify/old-run');
    const { m, pusher } = await setUp(201, [live, expired, rotated, elsewhere]);

    // Act
    const devices = await pusher.devicesOf(recipient);

    // Assess
    expect(devices.map((d) => d.subscriptionId)).toEqual([live.subscriptionId]);
    expect(m.deleted.sort()).toEqual([expired.subscriptionId, rotated.subscriptionId].sort());
    expect(m.of(owner).has(elsewhere.subscriptionId)).toBe(true);
  });

  it('has no devices for a contact without a portal identity', async () => {
    const { pusher } = await setUp(201, [stored(`${LOCAL}/notify/live`)]);
    const { identityId: _, ...noIdentity } = recipient;
    expect(await pusher.devicesOf(noIdentity)).toEqual([]);
  });

  it('POSTs an encrypted, VAPID-signed notice with TTL, urgency and the event as topic, following no redirect', async () => {
    const { pusher, calls } = await setUp(201, [stored(`${LOCAL}/notify/live`)]);
    const [device] = await pusher.devicesOf(recipient);

    expect(await pusher.push(recipient, device!, payload)).toBe('sent');

    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe(`${LOCAL}/notify/live`);
    expect(init.redirect).toBe('manual');
    const headers = init.headers as Record<string, string>;
    expect(headers).toMatchObject({
      ttl: String(24 * 3600),
      urgency: 'normal',
      topic: payload.tag,
      'content-encoding': 'aes128gcm',
    });
    expect(headers.authorization).toMatch(new RegExp(`^vapid t=.+, k=${vapidPair.publicKey}$`));
    // Encrypted: the plain text is not in the body
    expect(Buffer.from(init.body as Uint8Array).toString('utf8')).not.toContain(payload.title);
  });

  it.each([404, 410])(
    'deletes the subscription the push service answers %i for, and reports it gone',
    async (status) => {
      const sub = stored(`${LOCAL}/notify/gone`);
      const { m, pusher } = await setUp(status, [sub]);
      const [device] = await pusher.devicesOf(recipient);

      expect(await pusher.push(recipient, device!, payload)).toBe('gone');
      expect(m.of(owner).has(sub.subscriptionId)).toBe(false);
    },
  );

  it.each([400, 403, 413, 429, 500, 302])(
    'throws on %i without naming the endpoint, and keeps the subscription',
    async (status) => {
      const sub = stored(`${LOCAL}/notify/capability-secret`);
      const { m, pusher } = await setUp(status, [sub]);
      const [device] = await pusher.devicesOf(recipient);

      const err = await pusher.push(recipient, device!, payload).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PushServiceError);
      expect((err as Error).message).toBe(`push service 127.0.0.1:24680 answered ${status}`);
      expect(m.of(owner).has(sub.subscriptionId)).toBe(true);
    },
  );

  it('throws a timeout or network failure without naming the endpoint', async () => {
    const timeout = () =>
      Promise.reject(Object.assign(new Error('The operation timed out'), { name: 'TimeoutError' }));
    const refused = () =>
      Promise.reject(
        Object.assign(new TypeError('fetch failed'), {
          cause: { code: 'ECONNREFUSED', message: 'x/capability-secret' },
        }),
      );
    for (const [failure, message] of [
      [timeout, 'push to 127.0.0.1:24680 timed out after 50 ms'],
      [refused, 'push to 127.0.0.1:24680 failed: ECONNREFUSED'],
    ] as const) {
      const { pusher } = await setUp(failure, [stored(`${LOCAL}/notify/capability-secret`)]);
      const [device] = await pusher.devicesOf(recipient);
      await expect(pusher.push(recipient, device!, payload)).rejects.toThrow(message);
    }
  });

  it('shortens an over-long notice to fit a push message', async () => {
    const { pusher, calls } = await setUp(201, [stored(`${LOCAL}/notify/live`)]);
    const [device] = await pusher.devicesOf(recipient);
    await pusher.push(recipient, device!, { ...payload, body: 'x'.repeat(5000) });
    // aes128gcm adds 86 bytes of header and 17 of padding and tag: the payload itself stayed small
    expect((calls[0]!.init.body as Uint8Array).length).toBeLessThan(1400);
  });
});

describe('Module: web-push-request', () => {
  /** A browser's side of a subscription: its key pair and auth secret. */
  function browser() {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    return {
      ecdh,
      auth,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    };
  }

  it.each([0, 15, 4078, 4079, 4080, 10_000])(
    'encrypts a %i-byte payload to the bytes http_ece writes for the same sender key and salt',
    (size) => {
      // Prepare
      const b = browser();
      const sender = createECDH('prime256v1');
      sender.generateKeys();
      const salt = randomBytes(16);
      const payload = randomBytes(size);

      // Act
      const ours = encryptPayload(payload, b.keys, sender, salt);

      // Assess
      const theirs = ece.encrypt(payload, {
        version: 'aes128gcm',
        dh: b.keys.p256dh,
        privateKey: sender,
        salt,
        authSecret: b.keys.auth,
      });
      expect(ours.toString('hex')).toBe(theirs.toString('hex'));
      expect(ece.decrypt(ours, { version: 'aes128gcm', privateKey: b.ecdh, authSecret: b.auth })).toEqual(
        payload,
      );
    },
  );

  it.each([
    ['keys web-push generates', () => webpush.generateVAPIDKeys()],
    ['keys Portico generates', () => generateVapidKeys()],
  ])(
    'with %s: the browser decrypts the payload, and the VAPID token verifies for the push service origin',
    (_, keysOf) => {
      // Prepare
      const vapidKeys = keysOf();
      const b = browser();
      const endpoint = 'https://fcm.googleapis.com/fcm/send/abc';

      // Act
      const req = pushRequest({ endpoint, keys: b.keys }, '{"title":"Olá"}', {
        vapid: vapidKeys,
        subject: 'mailto:no-reply@portico.test',
        ttlSeconds: 60,
        urgency: 'normal',
        topic: 'T1',
        nowMs: NOW.getTime(),
      });

      // Assess: decrypted with the browser's private key (RFC 8291)
      const plain = ece.decrypt(Buffer.from(req.body), {
        version: 'aes128gcm',
        privateKey: b.ecdh,
        authSecret: b.auth,
      });
      expect(plain.toString('utf8')).toBe('{"title":"Olá"}');
      // Assess: an ES256 JWT over the push service's origin, signed by the VAPID key (RFC 8292)
      const [, token, key] = /^vapid t=([^,]+), k=(.+)$/.exec(req.headers.authorization!)!;
      expect(key).toBe(vapidKeys.publicKey);
      const [h, c, sig] = token!.split('.');
      expect(JSON.parse(Buffer.from(c!, 'base64url').toString())).toEqual({
        aud: 'https://fcm.googleapis.com',
        exp: NOW.getTime() / 1000 + 12 * 3600,
        sub: 'mailto:no-reply@portico.test',
      });
      const raw = Buffer.from(vapidKeys.publicKey, 'base64url');
      const publicKey = createPublicKey({
        format: 'jwk',
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: raw.subarray(1, 33).toString('base64url'),
          y: raw.subarray(33).toString('base64url'),
        },
      });
      expect(
        verify(
          'sha256',
          Buffer.from(`${h}.${c}`),
          { key: publicKey, dsaEncoding: 'ieee-p1363' },
          Buffer.from(sig!, 'base64url'),
        ),
      ).toBe(true);
      expect(req.headers).toMatchObject({
        'content-encoding': 'aes128gcm',
        ttl: '60',
        urgency: 'normal',
        topic: 'T1',
      });
    },
  );

  it('uses a new sender key for every message', () => {
    const b = browser();
    const opts = {
      vapid: generateVapidKeys(),
      subject: 'mailto:a@b.test',
      ttlSeconds: 1,
      urgency: 'low' as const,
      nowMs: 0,
    };
    const one = pushRequest({ endpoint: 'https://x.push.services.mozilla.com/a', keys: b.keys }, 'x', opts);
    const two = pushRequest({ endpoint: 'https://x.push.services.mozilla.com/a', keys: b.keys }, 'x', opts);
    expect(Buffer.from(one.body).equals(Buffer.from(two.body))).toBe(false);
  });
});
