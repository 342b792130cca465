// ICU MessageFormat through `intl-messageformat`: each message string is compiled once per process
// (per locale) and cached, never per delivery. Tags are off (`<b>` is text: HTML is the layout's
// job, and it escapes), dates and times are formatted in UTC (Lambda's zone, made explicit so a
// test machine renders the same). What people typed only ever arrives as a variable VALUE, and
// ICU never interprets values: a `{` in a file name is just a character.
import { IntlMessageFormat } from 'intl-messageformat';
import {
  ARGUMENT,
  type AstElement,
  type CompactMessage,
  DATE,
  encodeMessage,
  LITERAL,
  NUMBER,
  PLURAL,
  SELECT,
  TAG,
  TIME,
} from './compact-icu';
import type { TemplateVars } from './template';

type Ast = ReturnType<IntlMessageFormat['getAst']>;
type Element = Ast[number];

const utc = <T extends Record<string, Intl.DateTimeFormatOptions>>(formats: T) =>
  Object.fromEntries(Object.entries(formats).map(([k, v]) => [k, { ...v, timeZone: 'UTC' }])) as T;

/** The formats and options every message is compiled with, here and from its compact form (notify). */
export const FORMATS = {
  date: utc(IntlMessageFormat.formats.date),
  time: utc(IntlMessageFormat.formats.time),
};
export const ICU_OPTIONS = { ignoreTag: true } as const;

/** Compiled messages by locale and source. Bounded: firm overrides add entries over a container's life. */
const cache = new Map<string, IntlMessageFormat>();
const CACHE_LIMIT = 5000;

/** Parses and compiles (once per process); throws the parser's error on a malformed message. */
export function compile(source: string, locale: string): IntlMessageFormat {
  const key = `${locale}\u0000${source}`;
  let m = cache.get(key);
  if (!m) {
    m = new IntlMessageFormat(source, locale, FORMATS, ICU_OPTIONS);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/** The compact form of a message (compact-icu.ts): parsed here, formatted later without a parser. */
export const compactOf = (source: string, locale: string): CompactMessage =>
  encodeMessage(compile(source, locale).getAst() as AstElement[]);

/** Number of compiled messages held (tests check that rendering twice compiles nothing new). */
export const compiledCount = () => cache.size;

/** Formats a compiled message; throws when a variable it uses is missing or of the wrong kind. */
export function format(source: string, locale: string, vars: TemplateVars): string {
  const out = compile(source, locale).format(vars);
  return typeof out === 'string' ? out : String(out);
}

export type VariableUse = 'text' | 'number' | 'date';

/** Every variable a message uses, with how (`text`: plain or select; `number`: number or plural; `date`: date or time). */
export function variablesOf(ast: Ast): Map<string, VariableUse[]> {
  const out = new Map<string, VariableUse[]>();
  const add = (name: string, use: VariableUse) => out.set(name, [...(out.get(name) ?? []), use]);
  const walk = (elements: Ast) => {
    for (const el of elements as Element[]) {
      const e = el as Element & { value?: unknown; options?: Record<string, { value: Ast }>; children?: Ast };
      switch (e.type as number) {
        case LITERAL:
          break;
        case ARGUMENT:
          add(String(e.value), 'text');
          break;
        case NUMBER:
          add(String(e.value), 'number');
          break;
        case DATE:
        case TIME:
          add(String(e.value), 'date');
          break;
        case SELECT:
          add(String(e.value), 'text');
          for (const option of Object.values(e.options ?? {})) walk(option.value);
          break;
        case PLURAL:
          add(String(e.value), 'number');
          for (const option of Object.values(e.options ?? {})) walk(option.value);
          break;
        case TAG:
          walk(e.children ?? []);
          break;
        default:
          break; // `#` inside a plural
      }
    }
  };
  walk(ast);
  return out;
}

/** The kind of value a sample holds. */
export const kindOf = (v: string | number | Date): VariableUse =>
  v instanceof Date ? 'date' : typeof v === 'number' ? 'number' : 'text';

/** Words for the parser's error kinds an admin is likely to meet; the kind stays for support. */
const SYNTAX_HINTS: Record<string, string> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: 'a `{` is not closed by `}`',
  EMPTY_ARGUMENT: 'an empty `{}`',
  MALFORMED_ARGUMENT: 'a variable name is malformed',
  MISSING_OTHER_CLAUSE: 'a plural or select needs an `other {…}` case',
  INVALID_ARGUMENT_TYPE: 'unknown format after the variable (use number, date, time, plural or select)',
  UNCLOSED_TAG: 'a `<tag>` is not closed',
  UNMATCHED_CLOSING_TAG: 'a closing `</tag>` has no opening tag',
  UNCLOSED_QUOTE_IN_ARGUMENT_STYLE: "a quote `'` is not closed",
};

/** The parser's error kind, with words and the column where it is, e.g. `EMPTY_ARGUMENT (an empty `{}`, at column 7)`. */
function explainSyntaxError(err: unknown): string {
  const e = err as { message?: string; location?: { start?: { column?: number } } };
  const kind = e.message ?? 'syntax error';
  const hint = SYNTAX_HINTS[kind];
  const column = e.location?.start?.column;
  const where = typeof column === 'number' ? `at column ${column}` : undefined;
  const words = [hint, where].filter(Boolean).join(', ');
  return words ? `${kind} (${words})` : kind;
}

/**
 * Why a message cannot be used with these variables (undefined: it can): the parser's message for a
 * malformed one, an unknown variable, a variable used as what it is not (a name as a date), or a
 * format error rendering the sample. Nothing is cached for a message that fails to parse.
 */
export function problemOf(source: string, locale: string, sample: TemplateVars): string | undefined {
  let compiled: IntlMessageFormat;
  try {
    compiled = compile(source, locale);
  } catch (err) {
    return `not a valid ICU message: ${explainSyntaxError(err)}`;
  }
  for (const [name, uses] of variablesOf(compiled.getAst())) {
    if (!(name in sample)) return `uses {${name}}, which this template does not have`;
    const kind = kindOf(sample[name]!);
    // A select on a number works in ICU (it compares as text); anything else must match its kind.
    const wrong = uses.find((u) => u !== kind && !(u === 'text' && kind === 'number'));
    if (wrong)
      return `uses {${name}} as a ${wrong === 'text' ? 'text' : wrong}, but it is a ${kind === 'text' ? 'text' : kind}`;
  }
  try {
    format(source, locale, sample);
  } catch (err) {
    return `does not render: ${(err as Error).message}`;
  }
  return undefined;
}
