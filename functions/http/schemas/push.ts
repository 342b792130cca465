// Request and response schemas of web push: the VAPID public key and each person's subscriptions.
import { ENDPOINT_MAX, isAuthSecret, isP256PublicKey, PushSubscriptionView } from '../../domain/push';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';

export { PushSubscriptionView };

export const PushPublicKeyView = lazySchema(() =>
  z.object({
    /** base64url, for `pushManager.subscribe({ applicationServerKey })`. */
    publicKey: z.string(),
  }),
);

/** What `PushSubscription.toJSON()` gives in the browser, as it gives it. */
export const PushSubscriptionBody = lazySchema(() =>
  z.strictObject({
    endpoint: z.url({ protocol: /^https?$/ }).check(z.maxLength(ENDPOINT_MAX)),
    expirationTime: z.optional(z.nullable(z.number().check(z.int(), z.positive()))),
    keys: z.strictObject({
      p256dh: z
        .string()
        .check(
          z.maxLength(100),
          z.refine(isP256PublicKey, 'must be a base64url P-256 public key (65 bytes, uncompressed)'),
        ),
      auth: z
        .string()
        .check(z.maxLength(30), z.refine(isAuthSecret, 'must be a base64url 16-byte auth secret')),
    }),
  }),
);

/** Endpoint hashes, as the API issued them. */
export const PushSubscriptionParams = lazySchema(() =>
  z.strictObject({
    subscriptionId: z
      .string()
      .check(z.regex(/^[0-9a-f]{32}$/, 'must be a subscription id issued by Portico')),
  }),
);

export const PushSubscriptionRemovedView = lazySchema(() =>
  z.object({
    subscriptionId: z.string(),
    /** False when there was nothing to remove (already removed, or never registered): still a success. */
    removed: z.boolean(),
  }),
);
