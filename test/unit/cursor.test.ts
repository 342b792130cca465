import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/domain/errors';
import { decodeCursor, encodeCursor } from '../../functions/store/cursor';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const SCOPE = 'casesOfFirm|table|FIRM#01HZX3K4M5N6P7Q8R9S0TVWXYA';
const KEY = { PK: 'FIRM#01HZX3K4M5N6P7Q8R9S0TVWXYA', SK: 'CASE#01HZX3K4M5N6P7Q8R9S0TVWX01' };
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Runs `decode` and returns what it threw (undefined when it did not throw). */
function thrownBy(decode: () => unknown): unknown {
  try {
    decode();
  } catch (err) {
    return err;
  }
  return undefined;
}

function expectInvalidToken(decode: () => unknown): void {
  const err = thrownBy(decode);
  expect(err).toBeInstanceOf(DomainError);
  expect(err).toMatchObject({ kind: 'invalid', code: 'invalid_next_token' });
}

/** Replaces the character at index i with another one (never the same). */
const replaceAt = (s: string, i: number, pick: string) => {
  const replacement = pick === s[i] ? (pick === 'A' ? 'B' : 'A') : pick;
  return `${s.slice(0, i)}${replacement}${s.slice(i + 1)}`;
};

describe('Module: cursor', () => {
  it('round-trips a DynamoDB LastEvaluatedKey', () => {
    // Prepare
    const token = encodeCursor(SECRET, SCOPE, KEY);

    // Act
    const key = decodeCursor(SECRET, SCOPE, token);

    // Assess
    expect(key).toEqual(KEY);
  });

  it('round-trips any key object of strings, and its token is URL-safe', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), {
          noNullPrototype: true,
        }),
        fc.string({ unit: 'binary' }),
        (key, scope) => {
          const token = encodeCursor(SECRET, scope, key);
          expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
          expect(decodeCursor(SECRET, scope, token)).toEqual(key);
        },
      ),
    );
  });

  it('rejects a token whose payload was altered at any position', () => {
    const token = encodeCursor(SECRET, SCOPE, KEY);
    const dot = token.indexOf('.');
    fc.assert(
      fc.property(fc.nat({ max: dot - 1 }), fc.constantFrom(...BASE64URL), (i, ch) => {
        expectInvalidToken(() => decodeCursor(SECRET, SCOPE, replaceAt(token, i, ch)));
      }),
    );
  });

  it('rejects a token whose mac was altered at any position', () => {
    const token = encodeCursor(SECRET, SCOPE, KEY);
    const dot = token.indexOf('.');
    fc.assert(
      fc.property(
        fc.integer({ min: dot + 1, max: token.length - 1 }),
        fc.constantFrom(...BASE64URL),
        (i, ch) => {
          expectInvalidToken(() => decodeCursor(SECRET, SCOPE, replaceAt(token, i, ch)));
        },
      ),
    );
  });

  it('rejects the payload of one token under the mac of another', () => {
    // Prepare
    const mine = encodeCursor(SECRET, SCOPE, KEY);
    const other = encodeCursor(SECRET, SCOPE, { ...KEY, SK: 'CASE#01HZX3K4M5N6P7Q8R9S0TVWX02' });
    const forged = `${other.split('.')[0]}.${mine.split('.')[1]}`;

    // Act & Assess
    expectInvalidToken(() => decodeCursor(SECRET, SCOPE, forged));
  });

  it('rejects a token issued for another scope (another query or another firm)', () => {
    // Prepare
    const token = encodeCursor(SECRET, SCOPE, KEY);

    // Act & Assess
    expectInvalidToken(() =>
      decodeCursor(SECRET, 'contactsOfFirm|table|FIRM#01HZX3K4M5N6P7Q8R9S0TVWXYA', token),
    );
    expectInvalidToken(() =>
      decodeCursor(SECRET, 'casesOfFirm|table|FIRM#01HZX3K4M5N6P7Q8R9S0TVWXYB', token),
    );
  });

  it('rejects a token signed with another secret', () => {
    // Prepare
    const token = encodeCursor('another-secret-of-at-least-32-characters', SCOPE, KEY);

    // Act & Assess
    expectInvalidToken(() => decodeCursor(SECRET, SCOPE, token));
  });

  it('rejects a signed payload that is not a key object', () => {
    for (const notAKey of [null, ['PK', 'SK'], 'PK', 42]) {
      const token = encodeCursor(SECRET, SCOPE, notAKey as unknown as Record<string, unknown>);
      expectInvalidToken(() => decodeCursor(SECRET, SCOPE, token));
    }
  });

  it('rejects edge-shaped garbage', () => {
    const token = encodeCursor(SECRET, SCOPE, KEY);
    const [payload = '', mac = ''] = token.split('.');
    for (const garbage of [
      '',
      '.',
      'abc',
      '.abc',
      'abc.',
      `${payload}.`,
      `.${mac}`,
      `${token}.`,
      `${token}x`,
      mac,
    ]) {
      expectInvalidToken(() => decodeCursor(SECRET, SCOPE, garbage));
    }
  });

  it('answers any garbage string with the domain error, never another error type', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'binary-ascii' }),
      fc
        .tuple(
          fc.string({ unit: fc.constantFrom(...BASE64URL) }),
          fc.string({ unit: fc.constantFrom(...BASE64URL) }),
        )
        .map(([p, m]) => `${p}.${m}`),
      fc.base64String().map((b) => `${b}.${b}`),
    );
    fc.assert(
      fc.property(garbage, (token) => {
        expectInvalidToken(() => decodeCursor(SECRET, SCOPE, token));
      }),
    );
  });
});
