// The route table's checks, compiled ahead of time (decision 0056): `npm run http-checks` walks each
// route's zod schemas and writes `checks/<group>.ts` out of these few combinators. A Lambda's first
// request then runs plain functions instead of building and warming zod's schemas (≈ 5 ms of a
// cold call). zod stays the definition and the judge: a compiled check answers a value that passes
// exactly as zod's parse would (same keys, in the same order, defaults filled, unknown keys
// stripped), and answers FAIL for anything else, which the handler then hands to zod for the
// issues the 4xx quotes. Each combinator mirrors the zod type of the same name (zod/v4/core
// schemas.js); test/unit/http-checks.test.ts holds them to zod on the edge cases, and with
// PORTICO_CHECKS_SHADOW=1 (the integration and reliability suites) every request and response is
// checked both ways and a disagreement is a 500.

/** What a compiled check answers for a value zod would refuse. */
export const FAIL: unique symbol = Symbol('fail');

type Optionality = 'optional' | 'defaulted' | undefined;

/** A compiled check: the parsed value, or FAIL. `optin`/`optout` mean what zod's do in an object. */
export interface Check {
  (value: unknown): unknown;
  optin?: Optionality;
  optout?: 'optional';
}

const marked = (check: Check, optin: Optionality, optout?: 'optional'): Check =>
  Object.assign(check, { optin, optout });

/** `z.string()` with its length bounds (in code points, as zod counts) and patterns (regex, email…). */
export const str =
  (min = 0, max = Number.POSITIVE_INFINITY, ...patterns: RegExp[]): Check =>
  (v) => {
    if (typeof v !== 'string') return FAIL;
    if (min > 0 || v.length > max) {
      // A surrogate pair is one code point.
      const length = v.length - (v.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);
      if (length < min || length > max) return FAIL;
    }
    for (const p of patterns) {
      p.lastIndex = 0;
      if (!p.test(v)) return FAIL;
    }
    return v;
  };

/** `z.string().check(z.trim(), …)`: the rest of the string's checks judge it trimmed, and it is kept so. */
export const trim =
  (inner: Check): Check =>
  (v) =>
    typeof v === 'string' ? inner(v.trim()) : FAIL;

/** `z.number()` (or `z.coerce.number()`), `int` for zod's safe-integer format, with its bounds. */
export const num =
  (b: { coerce?: 1; int?: 1; gte?: number; gt?: number; lte?: number; lt?: number }): Check =>
  (v) => {
    let n = v;
    try {
      if (b.coerce) n = Number(v);
    } catch {
      return FAIL;
    }
    if (typeof n !== 'number' || !Number.isFinite(n) || (b.int && !Number.isSafeInteger(n))) return FAIL;
    if (b.gte !== undefined && n < b.gte) return FAIL;
    if (b.gt !== undefined && n <= b.gt) return FAIL;
    if (b.lte !== undefined && n > b.lte) return FAIL;
    if (b.lt !== undefined && n >= b.lt) return FAIL;
    return n;
  };

export const bool = (): Check => (v) => (typeof v === 'boolean' ? v : FAIL);

/** `z.unknown()`: anything, as it is. */
export const any = (): Check => (v) => v;

/** `z.enum` and `z.literal`: one of these values. */
export const oneOf =
  (values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v) ? v : FAIL;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `z.object` (unknown keys stripped) or, with `strict`, `z.strictObject` (an unknown key fails).
 * Each key is handled as zod's handlePropertyResult does: an absent optional key is left out, an
 * absent defaulted one gets its default, an absent required one fails.
 */
export const obj =
  (shape: Record<string, Check>, strict?: 1): Check =>
  (v) => {
    if (!isObject(v)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const key in shape) {
      const check = shape[key]!;
      const { optin, optout } = check;
      const present = key in v;
      if (!present && optout && optin) {
        // Absent and optional: left out, or (a default under the optional) its value.
        if (optin === 'optional') continue;
        const r = check(undefined);
        if (r !== FAIL && r !== undefined) out[key] = r;
        continue;
      }
      const r = check(v[key]);
      if (r === FAIL || !(present || optin)) return FAIL;
      if (r !== undefined || present || optin === 'defaulted') out[key] = r;
    }
    if (strict) for (const key in v) if (!Object.hasOwn(shape, key)) return FAIL;
    return out;
  };

/** `z.array` with its length bounds. */
export const arr =
  (item: Check, min = 0, max = Number.POSITIVE_INFINITY): Check =>
  (v) => {
    if (!Array.isArray(v) || v.length < min || v.length > max) return FAIL;
    // Array.from, not map: a hole is checked as undefined, as zod checks it.
    const out = Array.from(v, (x) => item(x));
    return out.includes(FAIL) ? FAIL : out;
  };

/** `z.record(z.string()…, value)`: every own enumerable key checked, `__proto__` dropped. */
export const rec =
  (key: Check, value: Check): Check =>
  (v) => {
    // zod's isPlainObject is broader; anything unusual (a class, symbol keys) is left to zod.
    if (!isObject(v) || ![Object.prototype, null].includes(Object.getPrototypeOf(v))) return FAIL;
    if (Object.getOwnPropertySymbols(v).length) return FAIL;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__') continue;
      const r = key(k) === FAIL ? FAIL : value(v[k]);
      if (r === FAIL) return FAIL;
      out[k] = r;
    }
    return out;
  };

export const opt = (inner: Check): Check =>
  marked(
    (v) => {
      if (v !== undefined) return inner(v);
      if (inner.optin !== 'defaulted') return undefined;
      const r = inner(v);
      return r === FAIL ? undefined : r;
    },
    inner.optin === 'defaulted' ? 'defaulted' : 'optional',
    'optional',
  );

export const nul = (inner: Check): Check =>
  marked((v) => (v === null ? null : inner(v)), inner.optin, inner.optout);

/** `z._default(inner, value)` of a primitive default. */
export const dflt = (inner: Check, value: string | number | boolean): Check =>
  marked((v) => {
    const r = v === undefined ? value : inner(v);
    return r === undefined ? value : r;
  }, 'defaulted');

/** `z.union`: the first option that passes. */
export const union = (options: Check[]): Check => {
  const optins = options.map((o) => o.optin);
  return marked(
    (v) => {
      for (const option of options) {
        const r = option(v);
        if (r !== FAIL) return r;
      }
      return FAIL;
    },
    optins.includes('defaulted') ? 'defaulted' : optins.find(Boolean),
    options.find((o) => o.optout)?.optout,
  );
};

/** A route's compiled checks: a part left out is checked by zod alone. */
export interface RouteChecks {
  params?: Check;
  query?: Check;
  body?: Check;
  response?: Check;
}
