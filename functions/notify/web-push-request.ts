// A Web Push request: the payload encrypted for one subscription (RFC 8291, `aes128gcm`, through
// `http_ece`, the library web-push itself encrypts with) and the VAPID authorization (RFC 8292: an
// ES256 JWT naming the push service's origin, signed with the deployment's key by node:crypto).
//
// Why not web-push's `generateRequestDetails`: it pulls asn1.js and bn.js (~100 KB minified) into
// the notify and notifications bundles only to turn raw keys into PEM; node:crypto takes them as a
// JWK directly, and cold start is a product feature. The local push service (web-push-testing's
// model) verifies the signature and decrypts the payload, so the integration test proves the format.
import { createECDH, createPrivateKey, randomBytes, sign } from 'node:crypto';
import ece from 'http_ece';
import type { VapidKeys } from '../domain/push';

export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushRequest {
  endpoint: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** VAPID tokens live at most 24 h (RFC 8292); 12 h leaves room for clock skew. */
const VAPID_TOKEN_SECONDS = 12 * 3600;

const b64url = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64url');

/** The VAPID JWT for one push service origin. */
export function vapidToken(audience: string, subject: string, keys: VapidKeys, nowMs: number): string {
  const raw = Buffer.from(keys.publicKey, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4)
    throw new Error('the VAPID public key is not an uncompressed P-256 point');
  const key = createPrivateKey({
    format: 'jwk',
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: b64url(raw.subarray(1, 33)),
      y: b64url(raw.subarray(33)),
      d: keys.privateKey,
    },
  });
  const part = (o: object) => b64url(Buffer.from(JSON.stringify(o)));
  const signingInput = `${part({ typ: 'JWT', alg: 'ES256' })}.${part({
    aud: audience,
    exp: Math.floor(nowMs / 1000) + VAPID_TOKEN_SECONDS,
    sub: subject,
  })}`;
  // JWS ES256 wants the raw r||s signature, not DER.
  const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${b64url(signature)}`;
}

export function pushRequest(
  target: PushTarget,
  payload: string,
  opts: {
    vapid: VapidKeys;
    subject: string;
    ttlSeconds: number;
    urgency: 'very-low' | 'low' | 'normal' | 'high';
    topic?: string;
    nowMs: number;
  },
): PushRequest {
  // A new sender key per message, as RFC 8291 requires.
  const local = createECDH('prime256v1');
  local.generateKeys();
  const body = ece.encrypt(Buffer.from(payload, 'utf8'), {
    version: 'aes128gcm',
    dh: target.keys.p256dh,
    privateKey: local,
    salt: b64url(randomBytes(16)),
    authSecret: target.keys.auth,
  });
  const origin = new URL(target.endpoint).origin;
  return {
    endpoint: target.endpoint,
    headers: {
      'content-type': 'application/octet-stream',
      'content-encoding': 'aes128gcm',
      ttl: String(opts.ttlSeconds),
      urgency: opts.urgency,
      ...(opts.topic ? { topic: opts.topic } : {}),
      authorization: `vapid t=${vapidToken(origin, opts.subject, opts.vapid, opts.nowMs)}, k=${opts.vapid.publicKey}`,
    },
    body: new Uint8Array(body),
  };
}
