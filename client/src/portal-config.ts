// What a portal SPA needs to know about one Portico deployment: the file `npm run portal-config` writes.

/** `portal-config.json`: the API, and the Cognito endpoint and app clients of both sign-ins. */
export interface PortalConfig {
  /** The API's base URL (the stack's ApiUrl output). */
  apiUrl: string;
  /** The AWS region of the stack. */
  region: string;
  identity: {
    /** Where Cognito's JSON API answers: the regional endpoint on AWS, the local identity service on `npm start`. */
    endpoint: string;
    /** Firm staff: password + TOTP. */
    staff: UserPoolClient;
    /** Clients' contacts: a code mailed to them. */
    contact: UserPoolClient;
  };
}

export interface UserPoolClient {
  userPoolId: string;
  clientId: string;
}

/** Cognito's regional endpoint, e.g. `https://cognito-idp.eu-west-1.amazonaws.com/`. */
export function cognitoEndpoint(region: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/`;
}

/**
 * Fetches and checks a portal config (default `/portal-config.json`, next to the SPA): a file from
 * another deployment or an older command fails here with its missing field named, not at sign-in.
 */
export async function loadPortalConfig(
  url = '/portal-config.json',
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<PortalConfig> {
  const res = await fetchImpl(url);
  if (!res.ok) throw new Error(`cannot load the portal config ${url}: HTTP ${res.status}`);
  return parsePortalConfig(await res.json());
}

/** The value as a PortalConfig, or an error naming the first missing field. */
export function parsePortalConfig(value: unknown): PortalConfig {
  const fields = [
    'apiUrl',
    'region',
    'identity.endpoint',
    'identity.staff.userPoolId',
    'identity.staff.clientId',
    'identity.contact.userPoolId',
    'identity.contact.clientId',
  ];
  for (const field of fields) {
    const found = field
      .split('.')
      .reduce<unknown>((at, key) => (at as Record<string, unknown>)?.[key], value);
    if (typeof found !== 'string' || found === '')
      throw new Error(`the portal config has no ${field} (write it again with npm run portal-config)`);
  }
  return value as PortalConfig;
}
