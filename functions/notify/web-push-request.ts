// A Web Push request: the payload encrypted for one subscription (RFC 8291, `aes128gcm`) and the
// VAPID authorization (RFC 8292: an ES256 JWT naming the push service's origin, signed with the
// deployment's key), both by node:crypto alone.
//
// Why not web-push's `generateRequestDetails`: it pulls asn1.js and bn.js (~100 KB minified) into
// the notify and notifications bundles only to turn raw keys into PEM; node:crypto takes them as a
// JWK directly, and cold start is a product feature. Why not `http_ece` (which web-push encrypts
// with): 7 KB of the notify bundle for what node:crypto's hkdfSync and AES-GCM do in 30 lines; a
// unit test holds our bytes equal to http_ece's for the same sender key and salt (decision 0035). The local push service (web-push-testing's
// model) verifies the signature and decrypts the payload, so the integration test proves the format.
import {
  createCipheriv,
  createECDH,
  createPrivateKey,
  type ECDH,
  hkdfSync,
  randomBytes,
  sign,
} from 'node:crypto';
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

/** RFC 8188 record size we write (http_ece's default): each record is at most this many bytes. */
const RECORD_SIZE = 4096;
/** Per record: the AES-GCM tag (16) and the delimiter byte (1). */
const RECORD_OVERHEAD = 17;

/**
 * The payload encrypted for one subscription (RFC 8291 over RFC 8188 `aes128gcm`, no padding): a
 * header (salt, record size, the sender's public key), then records of at most 4,079 payload bytes,
 * each closed by 0x01, the last by 0x02.
 */
export function encryptPayload(
  payload: Buffer,
  receiver: { p256dh: string; auth: string },
  sender: ECDH,
  salt: Buffer,
): Buffer {
  const receiverKey = Buffer.from(receiver.p256dh, 'base64url');
  const senderKey = sender.getPublicKey();
  const info = (label: string, ...rest: Buffer[]) => Buffer.concat([Buffer.from(`${label}\0`), ...rest]);
  const ikm = Buffer.from(
    hkdfSync(
      'sha256',
      sender.computeSecret(receiverKey),
      Buffer.from(receiver.auth, 'base64url'),
      info('WebPush: info', receiverKey, senderKey),
      32,
    ),
  );
  const key = Buffer.from(hkdfSync('sha256', ikm, salt, info('Content-Encoding: aes128gcm'), 16));
  const nonceBase = Buffer.from(hkdfSync('sha256', ikm, salt, info('Content-Encoding: nonce'), 12));
  const header = Buffer.alloc(5);
  header.writeUInt32BE(RECORD_SIZE, 0);
  header.writeUInt8(senderKey.length, 4);
  const out = [salt, header, senderKey];
  const chunk = RECORD_SIZE - RECORD_OVERHEAD;
  for (let start = 0, seq = 0; ; start += chunk, seq++) {
    const last = start + chunk >= payload.length;
    const nonce = Buffer.from(nonceBase);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const cipher = createCipheriv('aes-128-gcm', key, nonce);
    out.push(
      cipher.update(payload.subarray(start, start + chunk)),
      cipher.update(Buffer.from([last ? 2 : 1])),
    );
    cipher.final();
    out.push(cipher.getAuthTag());
    if (last) return Buffer.concat(out);
  }
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
  const body = encryptPayload(Buffer.from(payload, 'utf8'), target.keys, local, randomBytes(16));
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
