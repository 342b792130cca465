// Configuration from environment variables, parsed once per container by one zod schema.
// Each entry point names the variables it needs; a missing one fails the cold start with a clear
// message instead of failing a request later. AWS endpoints are overridden for the local stack
// through the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, so no code path differs.
import { DEFAULT_PUSH_SERVICES } from './domain/push-services';
import * as z from './zod-mini';

/**
 * Each variable's schema, built when an entry point names it: building all of them (URL and email
 * checks among them) at module load fell on every cold start (decision 0040).
 */
const fields = {
  TABLE_NAME: () => z.string().check(z.minLength(1)),
  BUCKET_NAME: () => z.string().check(z.minLength(1)),
  EVENT_BUS_NAME: () => z.string().check(z.minLength(1)),
  /** HMAC key for pagination tokens. */
  CURSOR_SECRET: () => z.string().check(z.minLength(32, 'must be at least 32 characters')),
  /** Verified SES identity mail is sent from. */
  SENDER_EMAIL: () => z.email(),
  /** SES configuration set mail is sent with: it publishes bounces and complaints to EventBridge. */
  MAIL_CONFIGURATION_SET: () => z.optional(z.string().check(z.minLength(1))),
  /** Base URL of the firm staff web app (links in staff notifications point here). */
  APP_URL: () => z.url(),
  /** Default base URL of the client portal, for firms that set none. */
  PORTAL_URL: () => z.url(),
  /**
   * Web push services subscriptions may point at, comma-separated: host patterns (https only, e.g.
   * `*.push.apple.com`) or exact origins (the local push service). The notify function POSTs only there.
   */
  PUSH_SERVICES: () =>
    z.pipe(
      z._default(z.string(), DEFAULT_PUSH_SERVICES.join(',')),
      z.transform((s) =>
        s
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      ),
    ),
  /**
   * How long a notify attempt's claim on a delivery keeps other attempts away (ms). Longer than the
   * function's timeout and shorter than the first async retry, so a crashed attempt's claims are
   * stale by the time its event is retried. Default: the core's (45 s, Lambda); the local stack,
   * whose bus retries within seconds, sets a shorter one.
   */
  NOTIFY_LEASE_MS: () => z.optional(z.coerce.number().check(z.int(), z.positive())),
  /** The Secrets Manager secret holding the VAPID key pair of web push (generated on first use). */
  VAPID_SECRET_ARN: () => z.string().check(z.minLength(1)),
  /** How long one throttled mail retries in place before its event goes back on the bus (tests shorten it). */
  NOTIFY_THROTTLE_BUDGET_MS: () => z.optional(z.coerce.number().check(z.int(), z.positive())),
  /** The staff user pool (password + TOTP): staff accounts are created and disabled there. */
  STAFF_USER_POOL_ID: () => z.string().check(z.minLength(1)),
  /** The contact (portal) user pool (passwordless email code): invited clients' logins live there. */
  CONTACT_USER_POOL_ID: () => z.string().check(z.minLength(1)),
  /** App client ids of the staff sign-in, comma-separated: only their tokens can be staff principals. */
  STAFF_CLIENT_IDS: () => z.pipe(z.string().check(z.minLength(1)), z.transform(list)),
  /** App client ids of the portal (contact) sign-in, comma-separated. */
  CONTACT_CLIENT_IDS: () => z.pipe(z.string().check(z.minLength(1)), z.transform(list)),
  /**
   * How long a container trusts a staff user record it read (seconds; decision 0023): the longest a
   * deactivation or role change waits to take effect. 0 reads the directory on every request.
   */
  STAFF_DIRECTORY_TTL_SECONDS: () => z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(300)), 60),
  /** The live channel's WebSocket URL (`wss://…/live`; locally `ws://…`): where a ticket is redeemed. */
  LIVE_URL: () => z.string().check(z.minLength(1)),
  /** Default upload size limit per file (a firm setting may lower or raise it). */
  UPLOAD_MAX_BYTES: () => z._default(z.coerce.number().check(z.int(), z.positive()), 25 * 1024 * 1024),
} as const;

type Fields = typeof fields;

function list(s: string): string[] {
  return s
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}
export type Config<K extends keyof Fields> = { [P in K]: z.output<ReturnType<Fields[P]>> };

export function loadConfig<K extends keyof Fields>(
  names: readonly K[],
  env: Record<string, string | undefined> = process.env,
): Config<K> {
  const shape = Object.fromEntries(names.map((n) => [n, fields[n]()]));
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return result.data as Config<K>;
}
