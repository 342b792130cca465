// Local stand-in for API Gateway's two JWT authorizers (one per user pool) and the signing key the
// local identity service (local/identity/) signs with: the RS256 key kept in .data, its JWKS, a
// minting function for demo tokens (dev only, for tests and demos: the pool follows the claims),
// and verification with the same checks an HttpJwtAuthorizer makes (signature, issuer, audience or
// client_id, expiry).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/** The local app clients, as Cognito's staff and contact app clients (lib/identity.ts). */
export const LOCAL_STAFF_CLIENT = 'portico-local-staff';
export const LOCAL_CONTACT_CLIENT = 'portico-local-contact';
/** The local user pools' ids (Cognito's shape: `<region>_<id>`). */
export const LOCAL_STAFF_POOL = 'us-east-1_PorticoStaff';
export const LOCAL_CONTACT_POOL = 'us-east-1_PorticoContact';

/** Which sign-in a route's authorizer accepts: staff and admin routes the staff pool's, contact routes the contact pool's. */
export type SignIn = 'staff' | 'contact';

export interface LocalPoolRef {
  id: string;
  /** `<identity endpoint>/<poolId>`, as Cognito's `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  issuer: string;
  client: string;
}

export type LocalPools = Record<SignIn, LocalPoolRef>;

/** The two local pools as served by the identity service at `identityEndpoint` (no trailing slash). */
export function localPools(identityEndpoint: string): LocalPools {
  return {
    staff: {
      id: LOCAL_STAFF_POOL,
      issuer: `${identityEndpoint}/${LOCAL_STAFF_POOL}`,
      client: LOCAL_STAFF_CLIENT,
    },
    contact: {
      id: LOCAL_CONTACT_POOL,
      issuer: `${identityEndpoint}/${LOCAL_CONTACT_POOL}`,
      client: LOCAL_CONTACT_CLIENT,
    },
  };
}

/**
 * The sign-in a demo token belongs to, as Cognito would issue it: staff claims (firmId/role) come
 * only with the staff sign-in. An explicit `aud` (ID token) or `client_id` (access token) naming a
 * local client picks that client's pool, so tests can mint a contact token that carries staff claims.
 */
export function localSignInOf(claims: Record<string, unknown>): SignIn {
  const client = claims.aud ?? claims.client_id;
  if (client === LOCAL_STAFF_CLIENT) return 'staff';
  if (client === LOCAL_CONTACT_CLIENT) return 'contact';
  return claims.role !== undefined || claims['custom:role'] !== undefined ? 'staff' : 'contact';
}

/** The `aud` a demo token gets when the claims name no client: its sign-in's app client. */
export function localClientClaims(claims: Record<string, unknown>): { aud?: string; client_id?: string } {
  if (typeof claims.aud === 'string' || typeof claims.client_id === 'string') return {};
  return { aud: localSignInOf(claims) === 'staff' ? LOCAL_STAFF_CLIENT : LOCAL_CONTACT_CLIENT };
}

/** The key every local token is signed with (the identity service's and the demo tokens'). */
export interface SigningKey {
  kid: string;
  privateKey: Awaited<ReturnType<typeof importJWK>>;
  jwks: { keys: JWK[] };
}

export async function loadSigningKey(keyFile: string): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(keyFile, 'utf8')) as JWK;
  } catch {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    jwk = {
      ...(await exportJWK(privateKey)),
      kid: `local-${Date.now().toString(36)}`,
      alg: 'RS256',
      use: 'sig',
    };
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateKey = await importJWK(jwk, 'RS256');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  return { kid: jwk.kid!, privateKey, jwks: { keys: [publicJwk] } };
}

export interface LocalAuth {
  pools: LocalPools;
  jwks: { keys: JWK[] };
  /** Dev only: a token of the pool the claims belong to (see localSignInOf). */
  mint(claims: Record<string, unknown> & { sub: string }, ttlSeconds?: number): Promise<string>;
  /** As the route's HttpJwtAuthorizer: only tokens of that sign-in's pool and app client pass. */
  verify(token: string, signIn: SignIn): Promise<JWTPayload>;
}

export async function localAuth(key: SigningKey | string, pools: LocalPools): Promise<LocalAuth> {
  const signing = typeof key === 'string' ? await loadSigningKey(key) : key;
  const keySet = createLocalJWKSet(signing.jwks);
  return {
    pools,
    jwks: signing.jwks,
    mint: (claims, ttlSeconds = 12 * 3600) => {
      const pool = pools[localSignInOf(claims)];
      return new SignJWT({ ...localClientClaims(claims), ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: signing.kid })
        .setIssuer(pool.issuer)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(signing.privateKey);
    },
    verify: async (token, signIn) => {
      const pool = pools[signIn];
      const { payload } = await jwtVerify(token, keySet, { issuer: pool.issuer });
      // As the HttpJwtAuthorizer: `aud` (ID tokens) or else `client_id` (access tokens) must name
      // the authorizer's app client.
      const client = payload.aud ?? payload.client_id;
      const ok = Array.isArray(client) ? client.includes(pool.client) : client === pool.client;
      if (!ok) throw new Error('token issued to another app client');
      return payload;
    },
  };
}
