// Deployment settings read from CDK context (cdk.json, or `-c key=value` on the command line),
// validated once so a typo fails `cdk synth` instead of a deployed function.
import type { IConstruct } from 'constructs';

export interface PorticoSettings {
  /** Verified SES identity (address, or an address of a verified domain) that mail is sent from. */
  senderEmail: string;
  /** Origins of the SPAs (staff app, client portal), allowed by the API's and the bucket's CORS. */
  portalOrigins: string[];
  /** Base URL of the client portal (PORTAL_URL): links in contact mail, portal links. */
  portalUrl: string;
  /** Base URL of the staff web app (APP_URL): links in staff notifications. */
  appUrl: string;
}

export const defaultSettings: PorticoSettings = {
  senderEmail: 'no-reply@example.com',
  portalOrigins: ['http://localhost:5173'],
  portalUrl: 'http://localhost:5173',
  appUrl: 'http://localhost:5173/app',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Context keys: `senderEmail`, `portalOrigins` (comma-separated), `portalUrl`, `appUrl`. */
export function settingsFrom(scope: IConstruct): PorticoSettings {
  const text = (key: string): string | undefined => {
    const value: unknown = scope.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
    return value.trim();
  };

  const senderEmail = text('senderEmail') ?? defaultSettings.senderEmail;
  if (!EMAIL.test(senderEmail))
    throw new Error(`context senderEmail is not an email address: ${senderEmail}`);

  const origins = text('portalOrigins');
  const portalOrigins = origins
    ? origins
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0)
    : defaultSettings.portalOrigins;
  for (const origin of portalOrigins) {
    // CORS compares the Origin header exactly: scheme + host (+ port), no path, no trailing slash.
    if (!URL.canParse(origin) || new URL(origin).origin !== origin)
      throw new Error(`context portalOrigins: not an origin: ${origin}`);
  }

  // The SPAs these URLs open call the API from the browser, so their origins must pass CORS.
  const spaUrl = (key: 'portalUrl' | 'appUrl') => {
    const url = text(key) ?? defaultSettings[key];
    if (!URL.canParse(url)) throw new Error(`context ${key} is not a URL: ${url}`);
    const { origin } = new URL(url);
    if (!portalOrigins.includes(origin))
      throw new Error(
        `context ${key}: its origin ${origin} is not one of portalOrigins (${portalOrigins.join(', ')})`,
      );
    return url;
  };

  return { senderEmail, portalOrigins, portalUrl: spaUrl('portalUrl'), appUrl: spaUrl('appUrl') };
}
