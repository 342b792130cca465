// Deployment settings read from CDK context (cdk.json, or `-c key=value` on the command line),
// validated once so a typo fails `cdk synth` instead of a deployed function.
import type { IConstruct } from 'constructs';

export interface PorticoSettings {
  /** Verified SES identity (address, or an address of a verified domain) that mail is sent from. */
  senderEmail: string;
  /** Origins of the portal SPAs, allowed by the API's and the upload bucket's CORS rules. */
  portalOrigins: string[];
  /** Base URL of the portal, used for links in mail. */
  portalUrl: string;
}

export const defaultSettings: PorticoSettings = {
  senderEmail: 'no-reply@example.com',
  portalOrigins: ['http://localhost:5173'],
  portalUrl: 'http://localhost:5173',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Context keys: `senderEmail`, `portalOrigins` (comma-separated), `portalUrl`. */
export function settingsFrom(scope: IConstruct): PorticoSettings {
  const text = (key: string): string | undefined => {
    const value: unknown = scope.node.tryGetContext(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
    return value.trim();
  };

  const senderEmail = text('senderEmail') ?? defaultSettings.senderEmail;
  if (!EMAIL.test(senderEmail)) throw new Error(`context senderEmail is not an email address: ${senderEmail}`);

  const origins = text('portalOrigins');
  const portalOrigins = origins
    ? origins
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0)
    : defaultSettings.portalOrigins;
  for (const origin of portalOrigins) {
    // CORS compares the Origin header exactly: scheme + host (+ port), no path, no trailing slash.
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) throw new Error(`context portalOrigins: not an origin: ${origin}`);
  }

  const portalUrl = text('portalUrl') ?? defaultSettings.portalUrl;
  if (!URL.canParse(portalUrl)) throw new Error(`context portalUrl is not a URL: ${portalUrl}`);

  return { senderEmail, portalOrigins, portalUrl };
}
