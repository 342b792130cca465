// Formats a message from its compact form (domain/texts/compact-icu.ts) with `intl-messageformat`
// given the AST, so the parser is never called: the notify and activity bundles are built without it
// (their esbuild alias, lib/bundling.ts). Same formats and options as domain/texts/icu.ts, compiled
// once per message object and locale (the shipped texts and activity sentences are module constants;
// a firm's overrides, once per event).
import { IntlMessageFormat } from 'intl-messageformat';
import { type CompactMessage, decodeMessage } from './compact-icu';
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

/** Formats a compact message; throws when a variable it uses is missing or of the wrong kind. */
export function formatCompact(message: CompactMessage, locale: string, vars: TemplateVars): string {
  const out = compile(message, locale).format(vars);
  return typeof out === 'string' ? out : String(out);
}

/** How many messages were compiled (tests check that rendering again compiles nothing new). */
export const compiledCount = () => compiles;
