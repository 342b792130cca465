// Opaque, tamper-checked pagination tokens. A token is the key a Query resumes after (the page's
// last item), bound to the query it came from and signed with HMAC-SHA256, so a client can neither
// forge a key nor replay a token on another query (or another tenant's partition).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalid } from '../domain/errors';

type Key = Record<string, unknown>;

export function encodeCursor(secret: string, scope: string, key: Key): string {
  const payload = Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
  return `${payload}.${sign(secret, scope, payload)}`;
}

/** Throws an `invalid_next_token` domain error (400) on anything but a token we issued for this scope. */
export function decodeCursor(secret: string, scope: string, token: string): Key {
  const dot = token.indexOf('.');
  const payload = token.slice(0, dot);
  const mac = token.slice(dot + 1);
  if (dot <= 0 || !mac) throw badToken();
  const expected = Buffer.from(sign(secret, scope, payload), 'utf8');
  const given = Buffer.from(mac, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw badToken();
  try {
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && !Array.isArray(key)) return key as Key;
  } catch {
    // fall through: a signed but unreadable payload cannot happen unless the secret leaked
  }
  throw badToken();
}

function sign(secret: string, scope: string, payload: string): string {
  // A table handle built without the secret (functions that never list) must not sign anything.
  if (secret.length < 32) throw new Error('pagination cursors need CURSOR_SECRET (32+ characters)');
  return createHmac('sha256', secret).update(scope).update('\n').update(payload).digest('base64url');
}

const badToken = () =>
  invalid('invalid_next_token', 'nextToken is not valid for this list; start again without it.');
