// Formats a message from its compact form (domain/texts/compact-icu.ts) the way `intl-messageformat`
// formats its AST, without the library: the notify and activity bundles carry neither it nor its
// memoizer (decision 0051), and a message of text, arguments, selects and plurals constructs no
// `Intl.NumberFormat` (whose first use in a process loads ICU's number data: about 10 ms of a cold
// start, measured on the activity function) — the library constructed one for every message, to
// resolve its locale. Number, date and time formats, and a `#` that is not a small integer, use
// `Intl.NumberFormat`/`DateTimeFormat`, made when a message first needs one and kept per locale and
// options. A missing or wrong value throws the library's error (code and message): notify logs it and
// sends the shipped text, activity falls back to the generic sentence.
// test/unit/compact-format.test.ts holds this equal to the library on every shipped message and on
// a corpus of override-like ones, errors included.
import { ARGUMENT, type CompactMessage, DATE, NUMBER, PLURAL, POUND, SELECT, TAG, TIME } from './compact-icu';
import { FORMATS } from './icu-formats';
import { LOCALES, type TemplateVars } from './template';

/** intl-messageformat's FormatError: the same `code` and message. */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly code: 'MISSING_VALUE' | 'INVALID_VALUE',
  ) {
    super(message);
  }
}

// The library names the message's source in this error; given an AST it has none, hence "undefined".
const missingValue = (name: string) =>
  new FormatError(
    `The intl string context variable "${name}" was not provided to the string "undefined"`,
    'MISSING_VALUE',
  );

/**
 * A select or plural with neither the value's option nor `other` (a compact message the parser would
 * not have made). The library lists the options' indices, not their keys: the same words here.
 */
const invalidValue = (name: string, value: unknown, options: Record<string, unknown>) =>
  new FormatError(
    `Invalid values for "${name}": "${String(value)}". Options are "${Object.keys(Object.keys(options)).join('", "')}"`,
    'INVALID_VALUE',
  );

/** Intl formatters made, by kind (tests: plain text makes no NumberFormat; rendering again makes none). */
const made = { number: 0, dateTime: 0, plural: 0 };

/** A cache of Intl formatters by locale and options (as the library's memoizer keys them), bounded. */
function formatterCache<F>(kind: keyof typeof made, make: (locale: string, options?: object) => F) {
  const cache = new Map<string, F>();
  return (locale: string, options?: object): F => {
    const key = `${locale}\u0000${JSON.stringify(options)}`;
    let f = cache.get(key);
    if (!f) {
      f = make(locale, options);
      if (cache.size >= 1000) cache.clear();
      cache.set(key, f);
      made[kind]++;
    }
    return f;
  };
}

const numberFormat = formatterCache('number', (l, o) => new Intl.NumberFormat(l, o));
const dateTimeFormat = formatterCache('dateTime', (l, o) => new Intl.DateTimeFormat(l, o));
const pluralRules = formatterCache('plural', (l, o) => new Intl.PluralRules(l, o));

/**
 * A number, date or time style as the library reads it: a named one (a name it does not know: none),
 * a parsed skeleton's options, else `fallback` (a time's is `medium`).
 */
function styleOf(
  style: unknown,
  named: Record<string, object>,
  skeletonType: 0 | 1,
  fallback?: object,
): (object & { scale?: number }) | undefined {
  if (typeof style === 'string') return named[style];
  const skeleton = style as { type?: unknown; parsedOptions?: object } | null | undefined;
  return skeleton && typeof skeleton === 'object' && skeleton.type === skeletonType
    ? skeleton.parsedOptions
    : fallback;
}

/**
 * `#`: Intl.NumberFormat's digits. An integer under 1,000 reads as String() in every shipped locale
 * (Latin digits, no grouping, `-` for minus), so it needs no NumberFormat; -0 reads "-0".
 */
const poundText = (locale: string, n: number) =>
  Number.isInteger(n) &&
  Math.abs(n) < 1000 &&
  !Object.is(n, -0) &&
  (LOCALES as readonly string[]).includes(locale)
    ? String(n)
    : numberFormat(locale).format(n);

/** An option of a select or plural by its key, never a property the object inherits. */
const optionOf = (options: Record<string, CompactMessage>, key: unknown) =>
  Object.hasOwn(options, key as PropertyKey) ? options[key as string] : undefined;

/**
 * The message's parts: text, and what the library passes through unformatted (a non-text value of
 * a plain argument), appended to `out` with adjacent text joined. `pound`: what `#` stands for.
 */
function partsOf(
  message: CompactMessage,
  locale: string,
  vars: TemplateVars,
  out: unknown[],
  pound?: number,
) {
  const push = (part: unknown) => {
    const last = out.length - 1;
    if (typeof part === 'string' && typeof out[last] === 'string') out[last] += part;
    else out.push(part);
  };
  for (const part of message) {
    if (typeof part === 'string') {
      push(part);
      continue;
    }
    if (part[0] === POUND) {
      // Outside a plural (or inside a select within one) `#` stands for nothing.
      if (pound !== undefined) push(poundText(locale, pound));
      continue;
    }
    const name = part[1];
    // `in`, as the library tests it: a name the values object inherits counts as given.
    if (!(name in vars)) throw missingValue(name);
    let value: unknown = vars[name];
    switch (part[0]) {
      case ARGUMENT:
        // Text and numbers by String(); other falsy values as nothing; anything else passed through.
        if (typeof value === 'string' || typeof value === 'number') push(String(value));
        else push(value || '');
        break;
      case NUMBER: {
        const style = styleOf(part[2], FORMATS.number, 0);
        // A skeleton's `scale` (`::percent scale/100`) multiplies the value; Intl.NumberFormat knows no scale.
        if (style?.scale) value = (value as number) * style.scale;
        push(numberFormat(locale, style).format(value as number));
        break;
      }
      case DATE:
      case TIME: {
        // A time without a style is `medium`; a date without one, Intl's default.
        const style =
          part[0] === DATE
            ? styleOf(part[2], FORMATS.date, 1)
            : styleOf(part[2], FORMATS.time, 1, FORMATS.time.medium);
        push(dateTimeFormat(locale, style).format(value as Date));
        break;
      }
      case TAG:
        // Tags take a function value (`<b>…</b>` → b(chunks)); template values are never functions.
        throw new FormatError(`Value for "${name}" must be of type function`, 'INVALID_VALUE');
      case SELECT: {
        const option = optionOf(part[2], value) ?? part[2].other;
        if (!option) throw invalidValue(name, value, part[2]);
        partsOf(option, locale, vars, out);
        break;
      }
      case PLURAL: {
        const [, , options, offset = 0, ordinal] = part;
        const n = Number(value) - offset;
        // An exact `=n` case first, else the locale's plural category, else `other`.
        const option =
          optionOf(options, `=${String(value)}`) ??
          optionOf(options, pluralRules(locale, { type: ordinal ? 'ordinal' : 'cardinal' }).select(n)) ??
          options.other;
        if (!option) throw invalidValue(name, value, options);
        partsOf(option, locale, vars, out, n);
        break;
      }
      default:
        throw new Error(`compact ICU part of unknown kind ${JSON.stringify(part)}`);
    }
  }
  return out;
}

/** Formats a compact message; throws when a variable it uses is missing or of the wrong kind. */
export function formatCompact(message: CompactMessage, locale: string, vars: TemplateVars): string {
  // The library returns one part as it is, several as an array, which `String()` joins with commas.
  return partsOf(message, locale, vars, []).join(',');
}

/** How many Intl formatters were made so far, by kind. */
export const formattersMade = () => ({ ...made });
