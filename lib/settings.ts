// Deployment settings read from CDK context (cdk.json, or `-c key=value` on the command line),
// validated once so a typo fails `cdk synth` instead of a deployed function.
import type { IConstruct } from 'constructs';

export interface PorticoSettings {
  /** Verified SES identity (address, or an address of a verified domain) that mail is sent from. */
  senderEmail: string;
  /** The sender's display name (Cognito's mails show it; e.g. the firm's name). */
  senderName: string;
  /** Origins of the SPAs (staff app, client portal), allowed by the API's and the bucket's CORS. */
  portalOrigins: string[];
  /** Base URL of the client portal (PORTAL_URL): links in contact mail, portal links. */
  portalUrl: string;
  /** Base URL of the staff web app (APP_URL): links in staff notifications. */
  appUrl: string;
  /** Deployment stage (`dev`, `staging`, `prod`…): in the stack name, so stages share an account. */
  stage: string;
  /** Where alarm notifications are mailed; the SNS topic exists without it. */
  alarmEmail?: string;
  /**
   * Reserved concurrency of the notify function, to keep its sends below the SES send rate (each
   * instance mails up to 16 at once). Unset: no reservation (a reservation is taken from the
   * account's concurrency pool, and a deploy fails when it would leave fewer than 100 unreserved).
   */
  notifyConcurrency?: number;
}

export const defaultSettings: Omit<PorticoSettings, 'stage'> = {
  senderEmail: 'no-reply@example.com',
  senderName: 'Client portal',
  portalOrigins: ['http://localhost:5173'],
  portalUrl: 'http://localhost:5173',
  appUrl: 'http://localhost:5173/app',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STAGE = /^[a-z][a-z0-9-]{0,19}$/;

/** The CloudFormation stack of a stage: `Portico-prod`, `Portico-staging`… */
export const stackIdOf = (settings: Pick<PorticoSettings, 'stage'>) => `Portico-${settings.stage}`;

/**
 * Context keys: `senderEmail`, `senderName`, `portalOrigins` (comma-separated), `portalUrl`, `appUrl`, `stage`,
 * `alarmEmail`, `notifyConcurrency` (a whole number, 1–1000), and `local` (true: allow the placeholder defaults, for a synth that is never deployed).
 */
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

  const senderName = text('senderName') ?? defaultSettings.senderName;
  // A display name is one line; CDK encodes non-ASCII names for the From header itself.
  if (senderName.length > 64 || /[\p{Cc}<>@"]/u.test(senderName))
    throw new Error(
      `context senderName must be one line of at most 64 characters, without < > @ ": ${senderName}`,
    );

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

  const stage = text('stage') ?? 'dev';
  if (!STAGE.test(stage))
    throw new Error(`context stage must be lower-case letters, digits and dashes (at most 20): ${stage}`);

  const alarmEmail = text('alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail))
    throw new Error(`context alarmEmail is not an email address: ${alarmEmail}`);

  const concurrency = numberContext(scope, 'notifyConcurrency') ?? text('notifyConcurrency');
  const notifyConcurrency = concurrency === undefined ? undefined : Number(concurrency);
  if (
    notifyConcurrency !== undefined &&
    !(Number.isInteger(notifyConcurrency) && notifyConcurrency >= 1 && notifyConcurrency <= 1000)
  )
    throw new Error(`context notifyConcurrency must be a whole number from 1 to 1000: ${concurrency}`);

  // The defaults only make a template that synthesizes: deployed, they would mail from example.com
  // and link clients to localhost. Refuse them unless the caller says this synth is local.
  const local = [true, 'true'].includes(scope.node.tryGetContext('local') as string | boolean);
  const placeholders = (['senderEmail', 'portalOrigins', 'portalUrl', 'appUrl'] as const).filter(
    (key) => text(key) === undefined,
  );
  if (placeholders.length > 0 && !local)
    throw new Error(
      `Refusing to synthesize a deployable stack with placeholder settings: ${placeholders.join(', ')} not set. ` +
        'Pass them with -c (e.g. -c senderEmail=portal@your-firm.com -c portalOrigins=https://portal.your-firm.com ' +
        '-c portalUrl=https://portal.your-firm.com -c appUrl=https://portal.your-firm.com/app), or -c local=true ' +
        'for a template that is never deployed.',
    );

  return {
    senderEmail,
    senderName,
    portalOrigins,
    portalUrl: spaUrl('portalUrl'),
    appUrl: spaUrl('appUrl'),
    stage,
    ...(alarmEmail !== undefined && { alarmEmail }),
    ...(notifyConcurrency !== undefined && { notifyConcurrency }),
  };
}

/** A context value given as a JSON number in cdk.json (the command line always gives strings). */
function numberContext(scope: IConstruct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  return typeof value === 'number' ? String(value) : undefined;
}
