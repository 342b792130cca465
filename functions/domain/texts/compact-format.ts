// Formats a message from its compact form (domain/texts/compact-icu.ts) with `intl-messageformat`
// given the AST, so the parser is never called: the notify and activity bundles are built without it
// (their esbuild alias, lib/bundling.ts). Same formats and options as domain/texts/icu.ts, compiled
// once per message object and locale (the shipped texts and activity sentences are module constants;
// a firm's overrides, once per event).
//
// A message made only of text, plain `{arguments}` with text or number values, and `select`s is
// formatted by concatenation, exactly as intl-messageformat does it: constructing an
// IntlMessageFormat resolves its locale through `Intl`, whose first use in a process loads the ICU
// locale data (about 10 ms of a cold start, measured on the activity function), and such a message
// needs nothing from `Intl`. Anything else (plural, number, date, time, a missing or non-text value)
// goes to the library, which also throws its own errors.
import { IntlMessageFormat } from 'intl-messageformat';
import { ARGUMENT, type CompactMessage, decodeMessage, SELECT } from './compact-icu';
import { FORMATS, ICU_OPTIONS } from './icu';
import type { TemplateVars } from './template';

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

/** The message formatted without `Intl`, or undefined when it needs the library. */
function formatPlain(message: CompactMessage, vars: TemplateVars): string | undefined {
  let out = '';
  for (const part of message) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = part[0] === ARGUMENT || part[0] === SELECT ? plainValue(vars, part[1]) : undefined;
    if (value === undefined) return undefined;
    if (part[0] === ARGUMENT) {
      out += value;
      continue;
    }
    // select: the option named by the value, else `other` (as intl-messageformat chooses)
    const options = part[2] as Record<string, CompactMessage>;
    const option = Object.hasOwn(options, value) ? options[value] : options.other;
    const inner = option && formatPlain(option, vars);
    if (inner === undefined) return undefined;
    out += inner;
  }
  return out;
}

/** Formats a compact message; throws when a variable it uses is missing or of the wrong kind. */
export function formatCompact(message: CompactMessage, locale: string, vars: TemplateVars): string {
  const plain = formatPlain(message, vars);
  if (plain !== undefined) return plain;
  const out = compile(message, locale).format(vars);
  return typeof out === 'string' ? out : String(out);
}

/** How many messages were compiled (tests check that rendering again compiles nothing new). */
export const compiledCount = () => compiles;
