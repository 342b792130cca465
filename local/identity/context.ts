// What every action of the local identity service works with: the pools, the token issuer, the
// mailer, the limits, the in-memory sign-in sessions and the clock (injectable for tests).
import { randomBytes } from 'node:crypto';
import type { CodeBudget, Lockout } from './limits';
import type { Mailer } from './mail';
import type { PoolStore, User } from './pools';
import type { TokenIssuer } from './tokens';

export type Challenge =
  | 'NEW_PASSWORD_REQUIRED'
  | 'MFA_SETUP'
  | 'SOFTWARE_TOKEN_MFA'
  | 'EMAIL_OTP'
  | 'SELECT_CHALLENGE';

/** A sign-in in progress (Cognito's `Session`): lives in memory, a restart means signing in again. */
export interface AuthSession {
  poolId: string;
  clientId: string;
  username: string;
  challenge: Challenge;
  expiresAt: number;
  /** EMAIL_OTP: the mailed code's hash, its expiry and the wrong answers given in this session. */
  codeHash?: string;
  codeExpiresAt?: number;
  wrong?: number;
  /** MFA_SETUP: VerifySoftwareToken succeeded within this session. */
  totpVerified?: boolean;
  /** Set when the user did not exist: the challenge is answered as for a real user, and always fails. */
  phantom?: boolean;
}

export interface Ctx {
  store: PoolStore;
  tokens: TokenIssuer;
  mailer: Mailer;
  lockout: Lockout;
  codeBudget: CodeBudget;
  sessions: Map<string, AuthSession>;
  now: () => number;
}

/** Cognito's default AuthSessionValidity: 3 minutes to answer a challenge. */
export const SESSION_TTL_MS = 3 * 60_000;

export function newSession(ctx: Ctx, s: Omit<AuthSession, 'expiresAt'>): string {
  const id = randomBytes(48).toString('base64url');
  ctx.sessions.set(id, { ...s, expiresAt: ctx.now() + SESSION_TTL_MS });
  // Old sessions go as new ones come: the map stays as small as the sign-ins in progress.
  for (const [key, old] of ctx.sessions)
    if (old.expiresAt + SESSION_TTL_MS < ctx.now()) ctx.sessions.delete(key);
  return id;
}

export const lockKey = (poolId: string, user: User | string) =>
  `${poolId}:${typeof user === 'string' ? user.toLowerCase() : user.username}`;

export const nowSeconds = (ctx: Ctx) => Math.floor(ctx.now() / 1000);

/** Cognito's user shape in admin answers (dates as epoch seconds, as awsJson 1.1 carries them). */
export function userView(user: User) {
  return {
    Username: user.username,
    Attributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.modifiedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

export function mfaView(user: User) {
  return user.totpSecret
    ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' }
    : {};
}
