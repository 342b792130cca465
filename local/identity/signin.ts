// The sign-in calls of the local identity service (public, called by the portals with a client
// id): InitiateAuth (USER_PASSWORD_AUTH, USER_AUTH with EMAIL_OTP, REFRESH_TOKEN_AUTH),
// RespondToAuthChallenge, the TOTP setup calls, GetUser and RevokeToken.
import {
  checkPassword,
  hashPassword,
  newTotpSecret,
  numericCode,
  safeEqual,
  sha256,
  verifyTotp,
} from './codes';
import { type AuthSession, type Challenge, type Ctx, lockKey, newSession, nowSeconds } from './context';
import { CognitoError, invalid, notAuthorized } from './errors';
import type { AuthFlow, PoolConfig, User } from './pools';

type Body = Record<string, unknown>;
type Params = Record<string, string>;

/** Cognito's email OTP: 8 digits (README, "Sign-in limits"). */
export const EMAIL_CODE_DIGITS = 8;
/** A mailed code is valid as long as the sign-in session it belongs to. */
export const EMAIL_CODE_TTL_MS = 3 * 60_000;
/** Wrong codes one session accepts before it ends (a new code must be asked for). */
export const WRONG_PER_SESSION = 3;

const WRONG_LOGIN = 'Incorrect username or password.';
const DISABLED = 'User is disabled.';

function params(v: unknown): Params {
  if (v === undefined) return {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid('Parameters must be a map.');
  return v as Params;
}

function clientPool(ctx: Ctx, clientId: unknown, flow: AuthFlow | 'challenge'): PoolConfig {
  if (typeof clientId !== 'string' || !clientId) throw invalid('ClientId is required.');
  const pool = ctx.store.poolOfClient(clientId);
  if (flow !== 'challenge' && !pool.flows.includes(flow))
    throw invalid(`${flow} flow not enabled for this client`);
  return pool;
}

export async function initiateAuth(ctx: Ctx, b: Body) {
  const flow = b.AuthFlow;
  if (
    flow !== 'USER_PASSWORD_AUTH' &&
    flow !== 'USER_AUTH' &&
    flow !== 'REFRESH_TOKEN_AUTH' &&
    flow !== 'REFRESH_TOKEN'
  )
    throw invalid(`Unsupported AuthFlow: ${String(flow)}`);
  const p = params(b.AuthParameters);
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') return refresh(ctx, b.ClientId, p);
  const pool = clientPool(ctx, b.ClientId, flow);
  if (flow === 'USER_PASSWORD_AUTH') return passwordAuth(ctx, pool, p);
  return userAuth(ctx, pool, p);
}

async function passwordAuth(ctx: Ctx, pool: PoolConfig, p: Params) {
  if (!p.USERNAME || p.PASSWORD === undefined) throw invalid('USERNAME and PASSWORD are required.');
  const user = ctx.store.find(pool.id, p.USERNAME);
  const key = lockKey(pool.id, user ?? p.USERNAME);
  ctx.lockout.check(key);
  // Unknown user and wrong password answer alike (the pools prevent user existence errors).
  if (!user?.passwordHash || !checkPassword(p.PASSWORD, user.passwordHash)) {
    ctx.lockout.fail(key);
    throw notAuthorized(WRONG_LOGIN);
  }
  if (!user.enabled) throw notAuthorized(DISABLED);
  ctx.lockout.succeed(key);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const { sub: _s, ...visible } = user.attributes;
    return challenge(ctx, pool, user, 'NEW_PASSWORD_REQUIRED', {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: '[]',
      userAttributes: JSON.stringify(visible),
    });
  }
  return afterFirstFactor(ctx, pool, user);
}

/** Staff: TOTP is required, so a first factor leads to MFA_SETUP (none yet) or SOFTWARE_TOKEN_MFA. */
async function afterFirstFactor(ctx: Ctx, pool: PoolConfig, user: User) {
  if (!pool.mfaRequired) return tokens(ctx, pool, user);
  if (!user.totpSecret)
    return challenge(ctx, pool, user, 'MFA_SETUP', {
      MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]',
      USER_ID_FOR_SRP: user.username,
    });
  return challenge(ctx, pool, user, 'SOFTWARE_TOKEN_MFA', { USER_ID_FOR_SRP: user.username });
}

function challenge(
  ctx: Ctx,
  pool: PoolConfig,
  user: User,
  name: Challenge,
  parameters: Params,
  extra?: Partial<AuthSession>,
) {
  const Session = newSession(ctx, {
    poolId: pool.id,
    clientId: pool.clientId,
    username: user.username,
    challenge: name,
    ...extra,
  });
  return { ChallengeName: name, Session, ChallengeParameters: parameters };
}

async function userAuth(ctx: Ctx, pool: PoolConfig, p: Params) {
  if (!p.USERNAME) throw invalid('USERNAME is required.');
  const user = ctx.store.find(pool.id, p.USERNAME);
  if (user && !user.enabled) throw notAuthorized(DISABLED);
  if (user) ctx.lockout.check(lockKey(pool.id, user));
  if (p.PREFERRED_CHALLENGE === undefined) {
    const Session = newSession(ctx, {
      poolId: pool.id,
      clientId: pool.clientId,
      username: user?.username ?? p.USERNAME,
      challenge: 'SELECT_CHALLENGE',
      phantom: !user,
    });
    return {
      ChallengeName: 'SELECT_CHALLENGE',
      Session,
      AvailableChallenges: ['EMAIL_OTP'],
      ChallengeParameters: {},
    };
  }
  if (p.PREFERRED_CHALLENGE !== 'EMAIL_OTP')
    throw invalid(`The challenge ${p.PREFERRED_CHALLENGE} is not available.`);
  return emailOtp(ctx, pool, user, p.USERNAME);
}

/**
 * Mails a sign-in code. An unknown address gets the same answer and no mail, as a pool that
 * prevents user existence errors does: the portal cannot be used to test who is a client.
 */
async function emailOtp(ctx: Ctx, pool: PoolConfig, user: User | undefined, asked: string) {
  const email = user?.attributes.email ?? asked;
  ctx.codeBudget.take(`${pool.id}:${email.toLowerCase()}`);
  const code = numericCode(EMAIL_CODE_DIGITS);
  if (user) await ctx.mailer.send('CustomMessage_Authentication', pool, user, code);
  const Session = newSession(ctx, {
    poolId: pool.id,
    clientId: pool.clientId,
    username: user?.username ?? asked,
    challenge: 'EMAIL_OTP',
    codeHash: sha256(code),
    codeExpiresAt: ctx.now() + EMAIL_CODE_TTL_MS,
    wrong: 0,
    phantom: !user,
  });
  return {
    ChallengeName: 'EMAIL_OTP',
    Session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: maskEmail(email),
    },
  };
}

/** Cognito's mask: first letter, `***`, the domain's first letter, `***`, the top-level domain. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const dot = domain.lastIndexOf('.');
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***${dot >= 0 ? domain.slice(dot) : ''}`;
}

async function refresh(ctx: Ctx, clientId: unknown, p: Params) {
  const pool = clientPool(ctx, clientId, 'REFRESH_TOKEN_AUTH');
  const token = p.REFRESH_TOKEN;
  if (!token) throw invalid('REFRESH_TOKEN is required.');
  const hash = sha256(token);
  const user = ctx.store.users(pool.id).find((u) => u.refresh.some((r) => r.hash === hash));
  const stored = user?.refresh.find((r) => r.hash === hash);
  if (!user || !stored || stored.clientId !== pool.clientId || stored.expiresAt < nowSeconds(ctx))
    throw notAuthorized('Invalid Refresh Token');
  if (!user.enabled) throw notAuthorized(DISABLED);
  return {
    AuthenticationResult: await ctx.tokens.issue(pool, user, nowSeconds(ctx), { withRefresh: false }),
    ChallengeParameters: {},
  };
}

/** Finishes a sign-in: tokens, and a refresh token stored (hashed) on the user. */
async function tokens(ctx: Ctx, pool: PoolConfig, user: User) {
  const AuthenticationResult = await ctx.tokens.issue(pool, user, nowSeconds(ctx), { withRefresh: true });
  await ctx.store.save();
  return { AuthenticationResult, ChallengeParameters: {} };
}

/** The session named by `id`, for the client that started it; it is used up either way. */
function takeSession(ctx: Ctx, id: unknown, clientId: unknown): AuthSession {
  const session = typeof id === 'string' ? ctx.sessions.get(id) : undefined;
  if (!session || session.clientId !== clientId) throw notAuthorized('Invalid session for the user.');
  if (session.expiresAt < ctx.now()) {
    ctx.sessions.delete(id as string);
    throw notAuthorized('Invalid session for the user, session is expired.');
  }
  return session;
}

export async function respondToAuthChallenge(ctx: Ctx, b: Body) {
  const pool = clientPool(ctx, b.ClientId, 'challenge');
  const r = params(b.ChallengeResponses);
  const session = takeSession(ctx, b.Session, pool.clientId);
  if (session.challenge !== b.ChallengeName)
    throw invalid(`Invalid challenge: expected ${session.challenge}.`);
  const user = session.phantom ? undefined : ctx.store.find(pool.id, session.username);
  if (!session.phantom && !user) throw notAuthorized(WRONG_LOGIN);
  if (user && !user.enabled) throw notAuthorized(DISABLED);
  const key = lockKey(pool.id, user ?? session.username);
  ctx.lockout.check(key);
  const sessionId = b.Session as string;
  switch (session.challenge) {
    case 'NEW_PASSWORD_REQUIRED': {
      const password = r.NEW_PASSWORD;
      if (!password || password.length < 8)
        throw new CognitoError(
          'InvalidPasswordException',
          'Password did not conform with policy: Password not long enough',
        );
      ctx.sessions.delete(sessionId);
      user!.passwordHash = hashPassword(password);
      user!.status = 'CONFIRMED';
      user!.modifiedAt = ctx.now();
      await ctx.store.save();
      return afterFirstFactor(ctx, pool, user!);
    }
    case 'MFA_SETUP': {
      if (!session.totpVerified)
        throw invalid('Software token MFA is not verified yet: call VerifySoftwareToken.');
      ctx.sessions.delete(sessionId);
      return tokens(ctx, pool, user!);
    }
    case 'SOFTWARE_TOKEN_MFA': {
      const code = r.SOFTWARE_TOKEN_MFA_CODE ?? '';
      if (!verifyTotp(user!.totpSecret!, code, new Date(ctx.now()))) {
        ctx.lockout.fail(key);
        throw new CognitoError('CodeMismatchException', 'Invalid code received for user');
      }
      ctx.sessions.delete(sessionId);
      ctx.lockout.succeed(key);
      return tokens(ctx, pool, user!);
    }
    case 'SELECT_CHALLENGE': {
      if (r.ANSWER !== 'EMAIL_OTP') throw invalid('The only challenge available is EMAIL_OTP.');
      ctx.sessions.delete(sessionId);
      return emailOtp(ctx, pool, user, session.username);
    }
    case 'EMAIL_OTP': {
      if ((session.codeExpiresAt ?? 0) < ctx.now()) {
        ctx.sessions.delete(sessionId);
        throw new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
      }
      const code = r.EMAIL_OTP_CODE ?? '';
      if (session.phantom || !safeEqual(sha256(code), session.codeHash ?? '')) {
        ctx.lockout.fail(key);
        session.wrong = (session.wrong ?? 0) + 1;
        if (session.wrong >= WRONG_PER_SESSION) ctx.sessions.delete(sessionId);
        throw new CognitoError('CodeMismatchException', 'Invalid code received for user');
      }
      ctx.sessions.delete(sessionId);
      ctx.lockout.succeed(key);
      return tokens(ctx, pool, user!);
    }
  }
}

/** TOTP setup: during sign-in (MFA_SETUP, with its Session) or later (with an access token). */
export async function associateSoftwareToken(ctx: Ctx, b: Body) {
  const secret = newTotpSecret();
  if (b.Session !== undefined) {
    const session = [...ctx.sessions.entries()].find(([id]) => id === b.Session)?.[1];
    if (session?.challenge !== 'MFA_SETUP' || session.expiresAt < ctx.now())
      throw notAuthorized('Invalid session for the user.');
    const user = ctx.store.get(session.poolId, session.username);
    user.pendingTotpSecret = secret;
    await ctx.store.save();
    ctx.sessions.delete(b.Session as string);
    const Session = newSession(ctx, { ...session });
    return { SecretCode: secret, Session };
  }
  const user = await userOfAccessToken(ctx, b.AccessToken);
  user.pendingTotpSecret = secret;
  await ctx.store.save();
  return { SecretCode: secret };
}

export async function verifySoftwareToken(ctx: Ctx, b: Body) {
  let user: User;
  let session: AuthSession | undefined;
  if (b.Session !== undefined) {
    session = typeof b.Session === 'string' ? ctx.sessions.get(b.Session) : undefined;
    if (session?.challenge !== 'MFA_SETUP' || session.expiresAt < ctx.now())
      throw notAuthorized('Invalid session for the user.');
    user = ctx.store.get(session.poolId, session.username);
  } else {
    user = await userOfAccessToken(ctx, b.AccessToken);
  }
  const key = lockKey(session?.poolId ?? ctx.store.poolIdOf(user), user);
  ctx.lockout.check(key);
  if (
    !user.pendingTotpSecret ||
    !verifyTotp(user.pendingTotpSecret, String(b.UserCode ?? ''), new Date(ctx.now()))
  ) {
    ctx.lockout.fail(key);
    throw new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch');
  }
  ctx.lockout.succeed(key);
  user.totpSecret = user.pendingTotpSecret;
  delete user.pendingTotpSecret;
  user.modifiedAt = ctx.now();
  await ctx.store.save();
  if (!session) return { Status: 'SUCCESS' };
  ctx.sessions.delete(b.Session as string);
  const Session = newSession(ctx, { ...session, totpVerified: true });
  return { Status: 'SUCCESS', Session };
}

async function userOfAccessToken(ctx: Ctx, token: unknown): Promise<User> {
  const { poolId, sub, iat } = await ctx.tokens.verifyAccess(token, nowSeconds(ctx));
  const user = ctx.store.find(poolId, sub);
  if (!user) throw notAuthorized('Invalid Access Token');
  if (!user.enabled) throw notAuthorized(DISABLED);
  if (user.revokedBefore && iat < user.revokedBefore) throw notAuthorized('Access Token has been revoked');
  return user;
}

export async function getUser(ctx: Ctx, b: Body) {
  const user = await userOfAccessToken(ctx, b.AccessToken);
  return {
    Username: user.username,
    UserAttributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
    ...(user.totpSecret
      ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' }
      : {}),
  };
}

/** Revokes one refresh token (and so what it would refresh); unknown tokens succeed, as in Cognito. */
export async function revokeToken(ctx: Ctx, b: Body) {
  const pool = clientPool(ctx, b.ClientId, 'challenge');
  if (typeof b.Token !== 'string') throw invalid('Token is required.');
  const hash = sha256(b.Token);
  for (const user of ctx.store.users(pool.id)) {
    const before = user.refresh.length;
    user.refresh = user.refresh.filter((r) => !(r.hash === hash && r.clientId === pool.clientId));
    if (user.refresh.length !== before) await ctx.store.save();
  }
  return {};
}
