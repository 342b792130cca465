// Limits of the local identity service, in memory (a restart forgets them, as it forgets codes):
// a lockout after repeated wrong answers (passwords, mailed codes, TOTP codes alike) and a cap on
// mailed codes per address. Figures and what Cognito does: README, "Sign-in limits".
import { CognitoError, notAuthorized } from './errors';

/** Wrong answers (any factor) before the user is locked out. */
export const MAX_FAILURES = 5;
/** How long a lockout lasts. */
export const LOCK_MS = 15 * 60_000;
/** Mailed sign-in codes per address within CODE_WINDOW_MS. */
export const MAX_CODES = 5;
export const CODE_WINDOW_MS = 15 * 60_000;

export type Clock = () => number;

export class Lockout {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly now: Clock) {}

  /** Throws while `key` (pool + user) is locked. */
  check(key: string): void {
    const entry = this.failures.get(key);
    if (!entry?.lockedUntil) return;
    if (entry.lockedUntil > this.now()) throw notAuthorized('Too many failed attempts. Try again later.');
    // The lock is over: counting starts again.
    this.failures.delete(key);
  }

  /** Counts a wrong answer; the MAX_FAILURES-th locks for LOCK_MS. */
  fail(key: string): void {
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= MAX_FAILURES) entry.lockedUntil = this.now() + LOCK_MS;
    this.failures.set(key, entry);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}

export class CodeBudget {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly now: Clock) {}

  /** Takes one mailed code for `key` (pool + address) or throws LimitExceededException. */
  take(key: string): void {
    const now = this.now();
    const recent = (this.sent.get(key) ?? []).filter((t) => t > now - CODE_WINDOW_MS);
    if (recent.length >= MAX_CODES)
      throw new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    recent.push(now);
    this.sent.set(key, recent);
  }
}
