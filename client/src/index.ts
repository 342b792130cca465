// @portico/client: the typed Portico API client, openapi-fetch over the types generated from
// docs/openapi.json, the one call that does not go to the API (the presigned POST to S3), and the
// sign-in of both portals.
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export { callCognito, SignInError, type SignInErrorCode, signInErrorCode } from './cognito.js';
export {
  type AcceptedInvitation,
  acceptInvitation,
  type OpenedInvitation,
  openInvitation,
} from './invitations.js';
export {
  type ConnectLiveOptions,
  connectLive,
  type LiveConnection,
  type LiveMessage,
  type LiveSocketConstructor,
  type LiveSocketLike,
  type LiveStatus,
} from './live.js';
export {
  cognitoEndpoint,
  loadPortalConfig,
  type PortalConfig,
  parsePortalConfig,
  type UserPoolClient,
} from './portal-config.js';
export type { components, operations, paths } from './schema.js';
export { type TokenSession, type TokenSessionOptions, tokenSession } from './session.js';
export {
  type EmailCodeStep,
  otpauthUri,
  refresh,
  type SignInOptions,
  type StaffStep,
  signInWithPassword,
  signOut,
  startEmailSignIn,
  type Tokens,
} from './sign-in.js';
export type Schemas = components['schemas'];
export type PorticoClient = Client<paths>;

export interface PorticoClientOptions {
  /** The API's base URL, e.g. `http://localhost:4000` for the local stack. */
  baseUrl: string;
  /** The bearer token, or a function giving the current one (tokens get refreshed). Absent: anonymous. */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** A custom fetch (tests, instrumentation). */
  fetch?: ClientOptions['fetch'];
}

/**
 * Whether a call's `error` is Portico's error body (with its machine-readable `code`). A 401 is
 * not: API Gateway's JWT authorizer answers it, with `{ message }` only.
 */
export function isApiError(error: unknown): error is Schemas['ErrorBody'] {
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}

export function createPorticoClient({ baseUrl, token, fetch }: PorticoClientOptions): PorticoClient {
  const client = createClient<paths>({ baseUrl: baseUrl.replace(/\/+$/, ''), ...(fetch ? { fetch } : {}) });
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        const value = typeof token === 'function' ? await token() : token;
        if (value) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    });
  }
  return client;
}

/**
 * The form to POST to `ticket.url`: the presigned fields first, the file last (S3 ignores every
 * field after `file`). Send it with fetch, or with XMLHttpRequest to observe upload progress.
 */
export function uploadForm(
  ticket: Pick<Schemas['UploadView'], 'fields'>,
  file: Blob,
  fileName?: string,
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  if (fileName === undefined) form.append('file', file);
  else form.append('file', file, fileName);
  return form;
}
