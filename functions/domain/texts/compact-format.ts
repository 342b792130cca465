// Formats a message from its compact form (domain/texts/compact-icu.ts) with `intl-messageformat`
// given the AST, so the parser is never called: the notify and activity bundles are built without it
// (their esbuild alias, lib/bundling.ts). Same formats and options as domain/texts/icu.ts, compiled
// once per message object and locale (the shipped texts and activity sentences are module constants;
// a firm's overrides, once per event).
//
// A message made only of text, plain `{arguments}` with text or number values, `select`s and
// `plural`s of a number (with `#` an integer under 1,000) is formatted here, the way
// intl-messageformat does it (an exact `=n` case first, else the locale's plural category by
// `Intl.PluralRules`, else `other`): constructing an IntlMessageFormat resolves its locale through
// `Intl.NumberFormat`, whose first use in a process loads ICU's number data (about 10 ms of a cold
// start, measured on the activity function), while `Intl.PluralRules` costs 0.4 ms and `#` under
// 1,000 reads as `String(n)` in every shipped locale. Anything else (number, date and time formats,
// a `#` of 1,000 or a fraction, a missing or non-text value) goes to the library, which also throws
// its own errors. test/unit/compact-format.test.ts holds both paths equal on every shipped message.
import { IntlMessageFormat } from 'intl-messageformat';
import { ARGUMENT, type CompactMessage, decodeMessage, PLURAL, POUND, SELECT } from './compact-icu';
import { FORMATS, ICU_OPTIONS } from './icu';
import { LOCALES, type TemplateVars } from './template';

const compiled = new WeakMap<CompactMessage, Map<string, IntlMessageFormat>>();
let compiles = 0;

function compile(message: CompactMessage, locale: string): IntlMessageFormat {
  let byLocale = compiled.get(message);
  if (!byLocale) {
    byLocale = new Map();
    compiled.set(message, byLocale);
  }
  let m = byLocale.get(locale);
  if (!m) {
    const ast = decodeMessage(message) as unknown as ConstructorParameters<typeof IntlMessageFormat>[0];
    m = new IntlMessageFormat(ast, locale, FORMATS, ICU_OPTIONS);
    byLocale.set(locale, m);
    compiles++;
  }
  return m;
}

/** A text or number variable (intl-messageformat prints an argument's number with String()). */
function plainValue(vars: TemplateVars, name: string): string | undefined {
  if (!Object.hasOwn(vars, name)) return undefined;
  const value = vars[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

const pluralRules = new Map<string, Intl.PluralRules>();
const pluralCategory = (locale: string, type: 'cardinal' | 'ordinal', n: number) => {
  const key = `${locale}\u0000${type}`;
  let rules = pluralRules.get(key);
  if (!rules) {
    rules = new Intl.PluralRules(locale, { type });
    pluralRules.set(key, rules);
  }
  return rules.select(n);
};

/** An option of a select or plural by its key, never a property the object inherits. */
const optionOf = (options: Record<string, CompactMessage>, key: string) =>
  Object.hasOwn(options, key) ? options[key] : undefined;

/**
 * The message formatted without `Intl`'s number data, or undefined when it needs the library.
 * `pound`: the value `#` stands for inside a plural's option.
 */
function formatPlain(
  message: CompactMessage,
  locale: string,
  vars: TemplateVars,
  pound?: number,
): string | undefined {
  let out = '';
  for (const part of message) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    if (part[0] === POUND) {
      // intl-messageformat prints `#` with Intl.NumberFormat: an integer under 1,000 reads as String()
      // in every shipped locale (Latin digits, no grouping); anything else goes to the library.
      if (pound === undefined || !Number.isInteger(pound) || Math.abs(pound) >= 1000) return undefined;
      if (!(LOCALES as readonly string[]).includes(locale)) return undefined;
      out += String(pound);
      continue;
    }
    let option: CompactMessage | undefined;
    // Inside a select, `#` stands for nothing (intl-messageformat passes no plural value down).
    let inner: number | undefined;
    if (part[0] === ARGUMENT || part[0] === SELECT) {
      const value = plainValue(vars, part[1]);
      if (value === undefined) return undefined;
      if (part[0] === ARGUMENT) {
        out += value;
        continue;
      }
      // select: the option named by the value, else `other`
      option = optionOf(part[2], value) ?? optionOf(part[2], 'other');
    } else if (part[0] === PLURAL) {
      const value = Object.hasOwn(vars, part[1]) ? vars[part[1]] : undefined;
      if (typeof value !== 'number') return undefined;
      const [, , options, offset = 0, ordinal] = part;
      inner = value - offset;
      option =
        optionOf(options, `=${value}`) ??
        optionOf(options, pluralCategory(locale, ordinal ? 'ordinal' : 'cardinal', inner)) ??
        optionOf(options, 'other');
    } else {
      return undefined; // number, date, time, tag
    }
    const text = option && formatPlain(option, locale, vars, inner);
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

/** Formats a compact message; throws when a variable it uses is missing or of the wrong kind. */
export function formatCompact(message: CompactMessage, locale: string, vars: TemplateVars): string {
  const plain = formatPlain(message, locale, vars);
  if (plain !== undefined) return plain;
  const out = compile(message, locale).format(vars);
  return typeof out === 'string' ? out : String(out);
}

/** How many messages were compiled (tests check that rendering again compiles nothing new). */
export const compiledCount = () => compiles;
