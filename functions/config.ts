// Configuration from environment variables, read once per container by small readers (no zod).
// Each entry point names the variables it needs; a missing or malformed one fails the cold start with
// a message naming it, instead of failing a request later. AWS endpoints are overridden for the local
// stack through the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables, so no code path differs.
//
// zod's email, URL, coercion, default and transform constructs were used here and nowhere else in
// most bundles: 7.3 KB of notify's (decision 0051). The readers keep zod's checks: the same email
// pattern (a unit test holds it equal to zod's), a URL is what `URL.canParse` accepts once trimmed,
// a number is `Number()` of the text as `z.coerce.number()` reads it.
import { DEFAULT_PUSH_SERVICES } from './domain/push-services';

/** Reads one variable's value (undefined: not set); throws a ConfigProblem saying what is wrong. */
type Reader<T> = (raw: string | undefined) => T;

class ConfigProblem extends Error {}
const problem = (message: string): never => {
  throw new ConfigProblem(message);
};

/** zod's `z.email()` pattern (zod/v4/core/regexes.js `email`). */
export const EMAIL =
  // biome-ignore lint/complexity/noUselessEscapeInRegex: zod's source verbatim (a unit test compares them)
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

const text =
  (min = 1, tooShort = 'must not be empty'): Reader<string> =>
  (raw) =>
    raw === undefined ? problem('is not set') : raw.length < min ? problem(tooShort) : raw;

const optional =
  <T>(read: Reader<T>): Reader<T | undefined> =>
  (raw) =>
    raw === undefined ? undefined : read(raw);

const orDefault =
  <T>(read: Reader<T>, fallback: T): Reader<T> =>
  (raw) =>
    raw === undefined ? fallback : read(raw);

const email: Reader<string> = (raw) => (EMAIL.test(text()(raw)) ? raw! : problem('must be an email address'));

/** Trimmed, and without the tabs and newlines the URL parser would drop (as `z.url()` returns it). */
const url: Reader<string> = (raw) => {
  const trimmed = text()(raw).trim();
  return URL.canParse(trimmed) ? trimmed.replace(/[\t\n\r]/g, '') : problem('must be a URL');
};

/** A whole number (`Number()` of the text, as `z.coerce.number()` reads it) of at least `min`, at most `max`. */
const integer =
  (min: number, max?: number): Reader<number> =>
  (raw) => {
    const n = Number(text(0)(raw));
    if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max))
      return problem(
        `must be a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}`,
      );
    return n;
  };

/** Comma-separated entries, trimmed, empty ones dropped. */
const list =
  (read: Reader<string>): Reader<string[]> =>
  (raw) =>
    read(raw)
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);

/** Each variable's reader. */
const fields = {
  TABLE_NAME: text(),
  BUCKET_NAME: text(),
  EVENT_BUS_NAME: text(),
  /** HMAC key for pagination tokens. */
  CURSOR_SECRET: text(32, 'must be at least 32 characters'),
  /** Verified SES identity mail is sent from. */
  SENDER_EMAIL: email,
  /** SES configuration set mail is sent with: it publishes bounces and complaints to EventBridge. */
  MAIL_CONFIGURATION_SET: optional(text()),
  /** Base URL of the firm staff web app (links in staff notifications point here). */
  APP_URL: url,
  /** Default base URL of the client portal, for firms that set none. */
  PORTAL_URL: url,
  /**
   * Web push services subscriptions may point at, comma-separated: host patterns (https only, e.g.
   * `*.push.apple.com`) or exact origins (the local push service). The notify function POSTs only there.
   */
  PUSH_SERVICES: list(orDefault(text(0), DEFAULT_PUSH_SERVICES.join(','))),
  /**
   * How long a notify attempt's claim on a delivery keeps other attempts away (ms). Longer than the
   * function's timeout and shorter than the first async retry, so a crashed attempt's claims are
   * stale by the time its event is retried. Default: the core's (45 s, Lambda); the local stack,
   * whose bus retries within seconds, sets a shorter one.
   */
  NOTIFY_LEASE_MS: optional(integer(1)),
  /** The Secrets Manager secret holding the VAPID key pair of web push (generated on first use). */
  VAPID_SECRET_ARN: text(),
  /** How long one throttled mail retries in place before its event goes back on the bus (tests shorten it). */
  NOTIFY_THROTTLE_BUDGET_MS: optional(integer(1)),
  /** The staff user pool (password + TOTP): staff accounts are created and disabled there. */
  STAFF_USER_POOL_ID: text(),
  /** The contact (portal) user pool (passwordless email code): invited clients' logins live there. */
  CONTACT_USER_POOL_ID: text(),
  /** App client ids of the staff sign-in, comma-separated: only their tokens can be staff principals. */
  STAFF_CLIENT_IDS: list(text()),
  /** App client ids of the portal (contact) sign-in, comma-separated. */
  CONTACT_CLIENT_IDS: list(text()),
  /**
   * How long a container trusts a staff user record it read (seconds; decision 0023): the longest a
   * deactivation or role change waits to take effect. 0 reads the directory on every request.
   */
  STAFF_DIRECTORY_TTL_SECONDS: orDefault(integer(0, 300), 60),
  /** The live channel's WebSocket URL (`wss://…/live`; locally `ws://…`): where a ticket is redeemed. */
  LIVE_URL: text(),
  /** Default upload size limit per file (a firm setting may lower or raise it). */
  UPLOAD_MAX_BYTES: orDefault(integer(1), 25 * 1024 * 1024),
} as const;

type Fields = typeof fields;

export type Config<K extends keyof Fields> = { [P in K]: ReturnType<Fields[P]> };

export function loadConfig<K extends keyof Fields>(
  names: readonly K[],
  env: Record<string, string | undefined> = process.env,
): Config<K> {
  const config: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const name of names) {
    try {
      const value = fields[name](env[name]);
      // As zod's object did: an optional variable that is not set is absent, not `undefined`.
      if (value !== undefined) config[name] = value;
    } catch (err) {
      if (!(err instanceof ConfigProblem)) throw err;
      // The reader's words only: a value is never echoed (some are secrets).
      problems.push(`${name}: ${err.message}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  return config as Config<K>;
}
