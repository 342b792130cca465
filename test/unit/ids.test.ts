import { decodeTime, incrementBase32, isValid, encodeTime as packageEncodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { encodeTime, monotonicUlids, ulidIds } from '../../functions/wiring/ids';

const CROCKFORD_26 = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('Module: ids (the Ids port, ULIDs as the ulid package makes them)', () => {
  it('makes valid ULIDs carrying the current time', () => {
    // Prepare
    const before = Date.now();

    // Act
    const id = ulidIds.next();

    // Assess
    expect(id).toMatch(CROCKFORD_26);
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBeGreaterThanOrEqual(before);
    expect(decodeTime(id)).toBeLessThanOrEqual(Date.now());
  });

  it('encodes a time as the package does, to the largest 48-bit time', () => {
    // Prepare
    const times = [0, 1, 31, 32, 1_700_000_000_000, Date.UTC(2026, 11, 6), 2 ** 48 - 1];

    // Act
    const ours = times.map(encodeTime);

    // Assess
    expect(ours).toEqual(times.map((t) => packageEncodeTime(t, 10)));
  });

  it('within one millisecond, each id is the previous one plus one (the package’s increment)', () => {
    // Prepare
    const next = monotonicUlids(() => 1_700_000_000_000);

    // Act
    const ids = Array.from({ length: 1000 }, () => next());

    // Assess
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i]!.slice(0, 10)).toBe(ids[0]!.slice(0, 10));
      expect(ids[i]!.slice(10)).toBe(incrementBase32(ids[i - 1]!.slice(10)));
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps sorting when the clock goes back, and starts a new random part when it moves on', () => {
    // Prepare
    const clock = [2000, 1000, 3000];
    const next = monotonicUlids(() => clock.shift()!);

    // Act
    const [a, b, c] = [next(), next(), next()];

    // Assess
    expect(decodeTime(b!)).toBe(2000);
    expect(b! > a!).toBe(true);
    expect(decodeTime(c!)).toBe(3000);
    expect(c!.slice(10)).not.toBe(incrementBase32(b!.slice(10)));
  });

  it('draws every random character (80 bits over 16 characters)', () => {
    // Act
    const seen = new Set(Array.from({ length: 400 }, () => monotonicUlids()().slice(10)).join(''));

    // Assess
    expect(seen.size).toBe(32);
  });
});
