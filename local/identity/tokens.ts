// Tokens as Cognito issues them: an ID token and an access token (RS256, the local key's kid, one
// hour) with Cognito's claims, and an opaque refresh token kept only as a hash on the user.
import { randomBytes, randomUUID } from 'node:crypto';
import { createLocalJWKSet, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { SigningKey } from '../auth';
import { sha256 } from './codes';
import { notAuthorized } from './errors';
import type { PoolConfig, User } from './pools';

export const TOKEN_TTL_S = 3600;
/** Cognito's default refresh token validity: 30 days. */
export const REFRESH_TTL_S = 30 * 24 * 3600;

export interface AuthenticationResult {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export class TokenIssuer {
  private readonly keySet;

  constructor(
    private readonly key: SigningKey,
    private readonly issuerOf: (poolId: string) => string,
  ) {
    this.keySet = createLocalJWKSet(key.jwks);
  }

  get jwks() {
    return this.key.jwks;
  }

  /** Signs an ID and an access token for `user`; a refresh token too unless refreshing. */
  async issue(
    pool: PoolConfig,
    user: User,
    nowS: number,
    opts: { authTime?: number; withRefresh: boolean },
  ): Promise<AuthenticationResult> {
    const iss = this.issuerOf(pool.id);
    const authTime = opts.authTime ?? nowS;
    const originJti = randomUUID();
    const a = user.attributes;
    const idClaims: Record<string, unknown> = {
      sub: user.username,
      email: a.email,
      email_verified: a.email_verified === 'true',
      'cognito:username': user.username,
      aud: pool.clientId,
      token_use: 'id',
      auth_time: authTime,
      origin_jti: originJti,
      jti: randomUUID(),
    };
    for (const name of ['name', 'locale'] as const) if (a[name] !== undefined) idClaims[name] = a[name];
    for (const c of pool.customAttributes)
      if (a[`custom:${c}`] !== undefined) idClaims[`custom:${c}`] = a[`custom:${c}`];
    const accessClaims = {
      sub: user.username,
      client_id: pool.clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: authTime,
      username: user.username,
      origin_jti: originJti,
      jti: randomUUID(),
    };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims as JWTPayload)
        .setProtectedHeader({ alg: 'RS256', kid: this.key.kid })
        .setIssuer(iss)
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + TOKEN_TTL_S)
        .sign(this.key.privateKey);
    const result: AuthenticationResult = {
      IdToken: await sign(idClaims),
      AccessToken: await sign(accessClaims),
      ExpiresIn: TOKEN_TTL_S,
      TokenType: 'Bearer',
    };
    if (opts.withRefresh) {
      const refresh = randomBytes(48).toString('base64url');
      user.refresh.push({ hash: sha256(refresh), clientId: pool.clientId, expiresAt: nowS + REFRESH_TTL_S });
      result.RefreshToken = refresh;
    }
    return result;
  }

  /** An access token of `pool` (any pool when absent), checked as Cognito checks one on GetUser. */
  async verifyAccess(
    token: unknown,
    nowS: number,
    pool?: PoolConfig,
  ): Promise<{ poolId: string; sub: string; iat: number }> {
    if (typeof token !== 'string') throw notAuthorized('Invalid Access Token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet, { currentDate: new Date(nowS * 1000) }));
    } catch {
      throw notAuthorized('Invalid Access Token');
    }
    const poolId =
      String(payload.iss ?? '')
        .split('/')
        .pop() ?? '';
    if (
      payload.token_use !== 'access' ||
      payload.iss !== this.issuerOf(poolId) ||
      (pool && pool.id !== poolId)
    )
      throw notAuthorized('Invalid Access Token');
    return { poolId, sub: String(payload.sub), iat: Number(payload.iat) };
  }
}
