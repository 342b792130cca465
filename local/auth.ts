// Local stand-in for Cognito + API Gateway's JWT authorizer: an RS256 key kept in .data, its JWKS,
// a minting function for demo tokens (dev only; staff tokens to the staff client, others to the
// contact client), and verification with the same checks the HttpJwtAuthorizer makes (signature,
// issuer, audience or client_id, expiry).
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
const LOCAL_CLIENTS: readonly string[] = [LOCAL_STAFF_CLIENT, LOCAL_CONTACT_CLIENT];

/**
 * The app client a demo token is issued to, as Cognito would: staff claims (firmId/role) come only
 * with the staff sign-in. An explicit `aud` (ID token) or `client_id` (access token) wins, so tests
 * can mint a contact token that carries staff claims.
 */
export function localClientClaims(claims: Record<string, unknown>): { aud?: string; client_id?: string } {
  if (typeof claims.aud === 'string' || typeof claims.client_id === 'string') return {};
  const staff = claims.role !== undefined || claims['custom:role'] !== undefined;
  return { aud: staff ? LOCAL_STAFF_CLIENT : LOCAL_CONTACT_CLIENT };
}

export interface LocalAuth {
  issuer: string;
  jwks: { keys: JWK[] };
  mint(claims: Record<string, unknown> & { sub: string }, ttlSeconds?: number): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

export async function localAuth(keyFile: string, issuer: string): Promise<LocalAuth> {
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
  const jwks = { keys: [publicJwk] };
  const keySet = createLocalJWKSet(jwks);
  return {
    issuer,
    jwks,
    mint: (claims, ttlSeconds = 12 * 3600) =>
      new SignJWT({ ...localClientClaims(claims), ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid! })
        .setIssuer(issuer)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(privateKey),
    verify: async (token) => {
      const { payload } = await jwtVerify(token, keySet, { issuer });
      // As the HttpJwtAuthorizer: `aud` (ID tokens) or else `client_id` (access tokens) must name
      // one of the API's app clients.
      const client = payload.aud ?? payload.client_id;
      const ok = Array.isArray(client)
        ? client.some((c) => LOCAL_CLIENTS.includes(c))
        : typeof client === 'string' && LOCAL_CLIENTS.includes(client);
      if (!ok) throw new Error('token issued to an unknown app client');
      return payload;
    },
  };
}
