// Web Push subscriptions: each staff user (in its firm) and each portal identity (across firms)
// registers the browsers it wants notifications on. The rules that keep the notify function from
// becoming an open HTTP client live here: an endpoint must be https on a known push service (or an
// exact origin the deployment allows, the local push service), keys must be what a browser makes,
// and one person holds a bounded number of subscriptions.
import { createHash, generateKeyPairSync } from 'node:crypto';
import * as z from '../zod-mini';
import { unprocessable } from './errors';
import type { Clock, Page, PageRequest } from './ports';
import type { ContactPrincipal, StaffPrincipal } from './principal';

/** Staff subscriptions live in their firm; a contact's follow its portal identity across firms. */
export type PushOwner =
  | { kind: 'staff'; firmId: string; userId: string }
  | { kind: 'contact'; identityId: string };

/** The browser's `PushSubscription.toJSON()`. */
export interface PushSubscriptionInput {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

export interface StoredPushSubscription {
  subscriptionId: string;
  /** A capability URL (whoever knows it can push to the device): never logged, never answered. */
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** Epoch milliseconds after which the push service drops the subscription. */
  expirationTime?: number;
  /** The push service's host, the only part of the endpoint that is shown. */
  service: string;
  /** The VAPID public key current at registration: a subscription made for another key is dead. */
  vapidKey: string;
  createdAt: string;
  updatedAt: string;
}

/** Never the endpoint (a capability URL) nor the keys: the service's host says which browser family. */
export const PushSubscriptionView = z.object({
  subscriptionId: z.string(),
  service: z.string(),
  expirationTime: z.optional(z.number().check(z.int())),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PushSubscriptionView = z.output<typeof PushSubscriptionView>;

export interface PushSubscriptionStore {
  /** The owner's subscriptions, at most `limit` (a set bounded by the cap; read consistently). */
  subscriptionsOf(owner: PushOwner, opts: { limit: number }): Promise<StoredPushSubscription[]>;
  listSubscriptions(owner: PushOwner, page: PageRequest): Promise<Page<StoredPushSubscription>>;
  /** Creates or replaces the subscription (same id = same endpoint). */
  saveSubscription(owner: PushOwner, subscription: StoredPushSubscription): Promise<void>;
  /** True when there was one to delete. */
  deleteSubscription(owner: PushOwner, subscriptionId: string): Promise<boolean>;
}

/** The deployment's VAPID key pair (generated once, shared by every function). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** A fresh P-256 key pair in the raw base64url form browsers take as `applicationServerKey`. */
export function generateVapidKeys(): VapidKeys {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const x = Buffer.from(jwk.x!, 'base64url');
  const y = Buffer.from(jwk.y!, 'base64url');
  return {
    publicKey: Buffer.from(Buffer.concat([Buffer.from([4]), x, y])).toString('base64url'),
    privateKey: jwk.d!,
  };
}

/** What the VAPID secret holds until a function generates the pair (the stack creates it so). */
export const VAPID_PLACEHOLDER = '{}';

export interface VapidKeySource {
  current(): Promise<VapidKeys>;
}

export interface PushDeps {
  pushSubscriptions: PushSubscriptionStore;
  vapid: VapidKeySource;
  /** Allowed push services: host patterns (https only) or exact origins (see `pushServiceOf`). */
  pushServices: readonly string[];
  clock: Clock;
}

/** Subscriptions one person may hold: a few browsers and devices each, with room for stale ones. */
export const PUSH_SUBSCRIPTION_CAP = 20;
/** Endpoints real push services hand out are a few hundred characters. */
export const ENDPOINT_MAX = 2048;

export { DEFAULT_PUSH_SERVICES } from './push-services';

/**
 * The push service an endpoint belongs to (its host), or undefined when the endpoint is not one
 * the notify function may POST to. An entry with `://` is an exact origin (`http://localhost:8090`,
 * the local push service); any other entry is a host pattern and then only https on the default
 * port will do, with no credentials in the URL: no request to an arbitrary host or port (SSRF).
 */
export function pushServiceOf(endpoint: string, allowed: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase();
  for (const entry of allowed) {
    if (entry.includes('://')) {
      if (url.origin === safeOrigin(entry)) return url.host;
      continue;
    }
    if (url.protocol !== 'https:' || url.port !== '') continue;
    const pattern = entry.toLowerCase();
    const suffix = pattern.startsWith('*.') ? pattern.slice(1) : undefined;
    if (suffix ? host.endsWith(suffix) && host.length > suffix.length : host === pattern) return host;
  }
  return undefined;
}

function safeOrigin(entry: string): string | undefined {
  try {
    return new URL(entry).origin;
  } catch {
    return undefined;
  }
}

/** The base64url alphabet, with the padding some browsers add. */
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

const decode = (s: string) =>
  BASE64URL.test(s) ? Buffer.from(s.replace(/=+$/, ''), 'base64url') : undefined;

/** A P-256 public key as browsers send it: 65 bytes, uncompressed point (0x04 first). */
export function isP256PublicKey(p256dh: string): boolean {
  const bytes = decode(p256dh);
  return bytes?.length === 65 && bytes[0] === 0x04;
}

/** The subscription's auth secret: 16 bytes (RFC 8291). */
export function isAuthSecret(auth: string): boolean {
  return decode(auth)?.length === 16;
}

/** One id per endpoint, so registering the same browser again finds its subscription. */
export const subscriptionIdOf = (endpoint: string) =>
  createHash('sha256').update(endpoint).digest('hex').slice(0, 32);

export const pushOwnerOf = (by: StaffPrincipal | ContactPrincipal): PushOwner =>
  by.kind === 'staff'
    ? { kind: 'staff', firmId: by.firmId, userId: by.userId }
    : { kind: 'contact', identityId: by.identityId };

const viewOf = (s: StoredPushSubscription): PushSubscriptionView => ({
  subscriptionId: s.subscriptionId,
  service: s.service,
  ...(s.expirationTime !== undefined ? { expirationTime: s.expirationTime } : {}),
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/** The VAPID public key the browser passes to `pushManager.subscribe` (never the private one). */
export async function pushPublicKey(deps: Pick<PushDeps, 'vapid'>): Promise<{ publicKey: string }> {
  return { publicKey: (await deps.vapid.current()).publicKey };
}

/**
 * Registers (or re-registers: same endpoint, same id, keys updated) a browser's subscription.
 * The keys' shapes are checked by the request schema; the service and the cap here.
 */
export async function registerPushSubscription(
  deps: PushDeps,
  by: StaffPrincipal | ContactPrincipal,
  input: PushSubscriptionInput,
): Promise<PushSubscriptionView> {
  const service = pushServiceOf(input.endpoint, deps.pushServices);
  if (!service)
    throw unprocessable(
      'push_endpoint_not_allowed',
      'The subscription endpoint is not a known web push service (https on an allowed host).',
      { host: hostOf(input.endpoint) },
    );
  const now = deps.clock.now();
  if (typeof input.expirationTime === 'number' && input.expirationTime <= now.getTime())
    throw unprocessable('push_subscription_expired', 'The subscription has already expired.');
  const owner = pushOwnerOf(by);
  const subscriptionId = subscriptionIdOf(input.endpoint);
  const [existing, vapid] = await Promise.all([
    deps.pushSubscriptions.subscriptionsOf(owner, { limit: PUSH_SUBSCRIPTION_CAP }),
    deps.vapid.current(),
  ]);
  const earlier = existing.find((s) => s.subscriptionId === subscriptionId);
  if (!earlier && existing.length >= PUSH_SUBSCRIPTION_CAP)
    throw unprocessable(
      'push_subscriptions_full',
      `At most ${PUSH_SUBSCRIPTION_CAP} push subscriptions per person; remove one you no longer use first.`,
      { max: PUSH_SUBSCRIPTION_CAP },
    );
  const at = now.toISOString();
  const stored: StoredPushSubscription = {
    subscriptionId,
    endpoint: input.endpoint,
    keys: { p256dh: input.keys.p256dh, auth: input.keys.auth },
    ...(typeof input.expirationTime === 'number' ? { expirationTime: input.expirationTime } : {}),
    service,
    vapidKey: vapid.publicKey,
    createdAt: earlier?.createdAt ?? at,
    updatedAt: at,
  };
  await deps.pushSubscriptions.saveSubscription(owner, stored);
  return viewOf(stored);
}

export async function listPushSubscriptions(
  deps: Pick<PushDeps, 'pushSubscriptions'>,
  by: StaffPrincipal | ContactPrincipal,
  page: PageRequest,
): Promise<Page<PushSubscriptionView>> {
  const found = await deps.pushSubscriptions.listSubscriptions(pushOwnerOf(by), page);
  return { items: found.items.map(viewOf), ...(found.nextToken ? { nextToken: found.nextToken } : {}) };
}

/** Idempotent: removing a subscription that is not there (any more) answers `removed: false`. */
export async function removePushSubscription(
  deps: Pick<PushDeps, 'pushSubscriptions'>,
  by: StaffPrincipal | ContactPrincipal,
  subscriptionId: string,
): Promise<{ subscriptionId: string; removed: boolean }> {
  const removed = await deps.pushSubscriptions.deleteSubscription(pushOwnerOf(by), subscriptionId);
  return { subscriptionId, removed };
}

/** The host alone: the path of an endpoint is the capability and is never echoed. */
function hostOf(endpoint: string): string | undefined {
  try {
    return new URL(endpoint).host || undefined;
  } catch {
    return undefined;
  }
}
