// The Ids port: ULIDs, monotonic within a container so ids made in one millisecond still sort.
// Made here rather than by the `ulid` package (2.4 KB of every bundle for these lines; decision
// 0040); a unit test holds them to the package's format, time encoding and increment.
import { randomBytes } from 'node:crypto';
import type { Ids } from '../domain/ports';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The millisecond time (48 bits) as 10 Crockford base-32 characters, most significant first. */
export function encodeTime(ms: number): string {
  let out = '';
  for (let i = 0, rest = ms; i < 10; i++, rest = Math.floor(rest / 32)) out = CROCKFORD[rest % 32] + out;
  return out;
}

/** 80 random bits as 16 characters, 5 bits of one random byte each. */
function randomPart(): string {
  let out = '';
  for (const byte of randomBytes(16)) out += CROCKFORD[byte & 31];
  return out;
}

/** The next base-32 string of the same length; the all-`Z` string has none. */
function increment(s: string): string {
  const chars = [...s];
  for (let i = chars.length - 1; i >= 0; i--) {
    const at = CROCKFORD.indexOf(chars[i]!);
    if (at < 31) {
      chars[i] = CROCKFORD[at + 1]!;
      return chars.join('');
    }
    chars[i] = '0';
  }
  throw new Error('ULID randomness overflowed within one millisecond');
}

/**
 * A ULID source: a new random part when the clock moved on; within the same millisecond (or a
 * clock that went back) the previous id's random part plus one, at the previous time.
 */
export function monotonicUlids(now: () => number = Date.now): () => string {
  let lastTime = -1;
  let lastRandom = '';
  return () => {
    const time = now();
    if (time <= lastTime) {
      lastRandom = increment(lastRandom);
      return encodeTime(lastTime) + lastRandom;
    }
    lastTime = time;
    lastRandom = randomPart();
    return encodeTime(time) + lastRandom;
  };
}

const next = monotonicUlids();
export const ulidIds: Ids = { next: () => next() };
