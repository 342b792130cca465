// The Pusher port over Web Push: finds a recipient's subscriptions, encrypts and signs each
// notification (RFC 8291 payload encryption, VAPID: ./web-push-request.ts), and POSTs it to the
// push service itself with a timeout and no redirects. A subscription the push service reports gone
// (404/410) is deleted; any other failure throws so the delivery is retried. Endpoints are capability
// URLs: no message, log line or error here ever contains one (only the service's host).
import type { Clock } from '../domain/ports';
import {
  PUSH_SUBSCRIPTION_CAP,
  type PushOwner,
  type PushSubscriptionStore,
  pushServiceOf,
  type StoredPushSubscription,
  type VapidKeySource,
} from '../domain/push';
import { log } from '../log';
import type { PushDevice, Pusher, PushPayload } from './core';
import type { Recipient } from './policy';
import { pushRequest } from './web-push-request';

export interface WebPusherDeps {
  subscriptions: Pick<PushSubscriptionStore, 'subscriptionsOf' | 'deleteSubscription'>;
  vapid: VapidKeySource;
  /** VAPID `sub` claim: how a push service reaches the sender (`mailto:` the sender address). */
  subject: string;
  /** The allowlist registration enforced; checked again before sending, in case it shrank since. */
  pushServices: readonly string[];
  clock: Clock;
  /** How long the push service keeps an undelivered notice (the inbox keeps it anyway). */
  ttlSeconds?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A day: a lock-screen notice older than that is news the inbox tells better. */
export const PUSH_TTL_SECONDS = 24 * 3600;
/** Well inside the notify function's timeout, with every device of a recipient pushed in parallel. */
export const PUSH_TIMEOUT_MS = 5_000;
/** Push services accept about 4 KB of payload; a notice is a title and a line or two. */
const TITLE_MAX = 200;
const BODY_MAX = 1_000;
/** RFC 8030 Topic: at most 32 base64url characters. */
const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

interface WebPushDevice extends PushDevice {
  owner: PushOwner;
  service: string;
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
}

export class PushServiceError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PushServiceError';
  }
}

/** Whose subscriptions: staff by firm and user, contacts by portal identity (none before they have one). */
export function pushOwnerOfRecipient(r: Recipient): PushOwner | undefined {
  if (r.kind === 'staff') return { kind: 'staff', firmId: r.firmId, userId: r.id };
  return r.identityId ? { kind: 'contact', identityId: r.identityId } : undefined;
}

export function webPusher(deps: WebPusherDeps): Pusher {
  const send = deps.fetch ?? fetch;
  const ttl = deps.ttlSeconds ?? PUSH_TTL_SECONDS;
  const timeoutMs = deps.timeoutMs ?? PUSH_TIMEOUT_MS;

  /** Expired, or made for a VAPID key that is no longer ours: no push service would take it. */
  const dead = (s: StoredPushSubscription, publicKey: string) =>
    (s.expirationTime !== undefined && s.expirationTime <= deps.clock.now().getTime()) ||
    s.vapidKey !== publicKey;

  return {
    async devicesOf(recipient) {
      const owner = pushOwnerOfRecipient(recipient);
      if (!owner) return [];
      const [found, vapid] = await Promise.all([
        deps.subscriptions.subscriptionsOf(owner, { limit: PUSH_SUBSCRIPTION_CAP }),
        deps.vapid.current(),
      ]);
      const devices: WebPushDevice[] = [];
      for (const s of found) {
        if (dead(s, vapid.publicKey)) {
          // Best effort: a failed delete is tried again at the next notice.
          await deps.subscriptions
            .deleteSubscription(owner, s.subscriptionId)
            .catch((err) =>
              log.warn('could not delete a dead push subscription', { service: s.service, error: err }),
            );
          continue;
        }
        const service = pushServiceOf(s.endpoint, deps.pushServices);
        if (!service) {
          // Kept: the allowlist may be restored (or it is a previous run's local push service).
          log.info('push subscription to a service no longer allowed; skipped', { service: s.service });
          continue;
        }
        devices.push({
          subscriptionId: s.subscriptionId,
          owner,
          service,
          subscription: { endpoint: s.endpoint, keys: s.keys },
        });
      }
      return devices;
    },

    async push(_recipient, device, payload) {
      const d = device as WebPushDevice;
      const vapid = await deps.vapid.current();
      const details = pushRequest(d.subscription, JSON.stringify(trimmed(payload)), {
        vapid,
        subject: deps.subject,
        ttlSeconds: ttl,
        urgency: 'normal',
        // A retried event replaces its own notice still waiting at the push service.
        ...(TOPIC.test(payload.tag) ? { topic: payload.tag } : {}),
        nowMs: deps.clock.now().getTime(),
      });
      let res: Response;
      try {
        res = await send(details.endpoint, {
          method: 'POST',
          headers: details.headers,
          body: details.body,
          // A push service never redirects; following one would let a subscription aim us anywhere.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const e = err as { name?: string; cause?: { code?: string } };
        throw new PushServiceError(
          e.name === 'TimeoutError'
            ? `push to ${d.service} timed out after ${timeoutMs} ms`
            : `push to ${d.service} failed: ${e.cause?.code ?? e.name ?? 'network error'}`,
        );
      }
      // The body is not needed (and may echo the endpoint): release the connection.
      await res.body?.cancel().catch(() => undefined);
      if (res.status === 404 || res.status === 410) {
        await deps.subscriptions.deleteSubscription(d.owner, d.subscriptionId);
        return 'gone';
      }
      if (res.status >= 200 && res.status < 300) return 'sent';
      throw new PushServiceError(`push service ${d.service} answered ${res.status}`, res.status);
    },
  };
}

function trimmed(p: PushPayload): PushPayload {
  return {
    title: cut(p.title, TITLE_MAX),
    body: cut(p.body, BODY_MAX),
    ...(p.link ? { link: p.link } : {}),
    tag: p.tag,
  };
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
