// One-time codes of the local identity service: mailed sign-in codes, TOTP (RFC 6238, as the
// authenticator apps and Cognito's SOFTWARE_TOKEN_MFA compute it), base32 secrets, and hashing of
// what is stored (passwords, refresh tokens, codes) so the state file holds no secret in clear.
import { createHash, createHmac, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

/** A numeric code of `digits` digits, uniformly drawn (leading zeros kept). */
export function numericCode(digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('not base32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new TOTP secret as Cognito's AssociateSoftwareToken hands it out (base32). */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

const STEP_SECONDS = 30;

/** RFC 6238 with RFC 4226's dynamic truncation: HMAC-SHA1, 30 s steps, 6 digits. */
export function totp(secret: string, at: Date, stepOffset = 0): string {
  const counter = Math.floor(at.getTime() / 1000 / STEP_SECONDS) + stepOffset;
  const buf = Buffer.alloc(8);
  buf.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(buf).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(bin).padStart(6, '0');
}

/** Accepts the current step and one either side (clock drift between phone and server). */
export function verifyTotp(secret: string, code: string, at: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return [-1, 0, 1].some((d) => safeEqual(totp(secret, at, d), code));
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Passwords: scrypt with a per-password salt, `salt:hash` in base64url. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('base64url')}:${scryptSync(password, salt, 32).toString('base64url')}`;
}

export function checkPassword(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  return safeEqual(scryptSync(password, Buffer.from(salt, 'base64url'), 32).toString('base64url'), hash);
}

/** High-entropy values (refresh tokens, mailed codes in memory): a plain SHA-256 is enough. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A temporary password that satisfies Cognito's default policy (upper, lower, digit, symbol). */
export function temporaryPassword(): string {
  return `Tmp-${randomBytes(9).toString('base64url')}a1A!`;
}
