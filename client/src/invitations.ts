// The contact portal's two invitation calls: open the link (anonymous: who is invited, where) and,
// once signed in, accept it.
import { SignInError } from './cognito.js';
import type { PortalConfig } from './portal-config.js';
import type { components } from './schema.js';

/**
 * What the invitation link shows before sign-in (`POST /portal/invitations/open`): the username to
 * pass to `startEmailSignIn({ username })`, the invited address masked (`emailHint`), the firm, the
 * case and when the link expires.
 */
export type OpenedInvitation = components['schemas']['OpenedInvitationView'];

export type AcceptedInvitation = components['schemas']['AcceptedView'];

export interface ApiCallOptions {
  fetch?: typeof fetch;
}

/**
 * Opens the invitation `token` (from the link's `?token=`): the API finds or creates the invited
 * contact's login. A used, revoked or expired link throws a SignInError with the API's code.
 */
export function openInvitation(
  config: PortalConfig,
  token: string,
  options: ApiCallOptions = {},
): Promise<OpenedInvitation> {
  return postApi<OpenedInvitation>(config, '/portal/invitations/open', { token }, undefined, options);
}

/** Accepts the invitation as the signed-in contact (`idToken` from `startEmailSignIn`). */
export function acceptInvitation(
  config: PortalConfig,
  token: string,
  idToken: string,
  options: ApiCallOptions = {},
): Promise<AcceptedInvitation> {
  return postApi<AcceptedInvitation>(config, '/portal/invitations/accept', { token }, idToken, options);
}

async function postApi<T>(
  config: PortalConfig,
  path: string,
  body: object,
  bearer: string | undefined,
  options: ApiCallOptions,
): Promise<T> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let res: Response;
  try {
    res = await fetchImpl(`${config.apiUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new SignInError('network_error', `cannot reach the API: ${(err as Error).message}`);
  }
  const json = (await res.json().catch(() => undefined)) as { code?: unknown; message?: unknown } | undefined;
  if (res.ok && json !== undefined) return json as T;
  // The API's own codes (invitation_expired, …) are the portal's; a 401 of the gateway has none.
  const code =
    typeof json?.code === 'string' ? json.code : res.status === 401 ? 'not_authorized' : 'service_error';
  const message = typeof json?.message === 'string' ? json.message : `${path} answered HTTP ${res.status}`;
  throw new SignInError(code, message, res.status);
}
