// ICU messages parsed ahead of time, in a compact JSON form, so the notify function formats without
// the ICU parser (decision 0041): the shipped texts are encoded at build time (scripts/notify-texts.ts
// → functions/notify/texts/shipped.ts), a firm's override when it is saved (../templates.ts). The
// formatjs AST as JSON is 2.4× its source; this form is about the source's size. No parser here:
// encoding takes an AST the caller parsed, decoding rebuilds the AST `intl-messageformat` formats.

// The parser's element kinds (its TYPE enum), by number: the enum itself lives in a transitive
// package we do not import directly.
export const LITERAL = 0;
export const ARGUMENT = 1;
export const NUMBER = 2;
export const DATE = 3;
export const TIME = 4;
export const SELECT = 5;
export const PLURAL = 6;
export const POUND = 7;
export const TAG = 8;

/** A number/date/time style: a named one (`long`, `percent`) or a parsed skeleton, kept as the parser made it. */
type Style = string | Record<string, unknown> | null;

/**
 * One element: text as a plain string; `[kind, variable, …]` otherwise — `[1, v]` argument,
 * `[2|3|4, v]` number/date/time without style or `[2|3|4, v, style]`, `[5, v, options]` select,
 * `[6, v, options, offset?, 'ordinal'?]` plural, `[7]` the plural's `#`, `[8, name, children]` tag.
 */
export type CompactPart =
  | string
  | [typeof ARGUMENT, string]
  | [typeof NUMBER | typeof DATE | typeof TIME, string, Style?]
  | [typeof SELECT, string, Record<string, CompactPart[]>]
  | [typeof PLURAL, string, Record<string, CompactPart[]>, number?, 'ordinal'?]
  | [typeof POUND]
  | [typeof TAG, string, CompactPart[]];

export type CompactMessage = CompactPart[];

/** The formatjs AST element, loosely typed: only the fields the parser writes without locations. */
export interface AstElement {
  type: number;
  value?: string;
  style?: Style;
  options?: Record<string, { value: AstElement[] }>;
  offset?: number;
  pluralType?: 'cardinal' | 'ordinal';
  children?: AstElement[];
}

const mapOptions = <A, B>(options: Record<string, A>, f: (a: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(options).map(([k, v]) => [k, f(v)]));

/** The compact form of a parsed message (parsed without locations, as `intl-messageformat` does). */
export function encodeMessage(ast: readonly AstElement[]): CompactMessage {
  return ast.map((el): CompactPart => {
    const name = el.value ?? '';
    switch (el.type) {
      case LITERAL:
        return name;
      case ARGUMENT:
        return [ARGUMENT, name];
      case NUMBER:
      case DATE:
      case TIME:
        return el.style === null || el.style === undefined
          ? [el.type as typeof NUMBER, name]
          : [el.type as typeof NUMBER, name, el.style];
      case SELECT:
        return [SELECT, name, mapOptions(el.options ?? {}, (o) => encodeMessage(o.value))];
      case PLURAL: {
        const options = mapOptions(el.options ?? {}, (o) => encodeMessage(o.value));
        if (el.pluralType === 'ordinal') return [PLURAL, name, options, el.offset ?? 0, 'ordinal'];
        return el.offset ? [PLURAL, name, options, el.offset] : [PLURAL, name, options];
      }
      case POUND:
        return [POUND];
      case TAG:
        return [TAG, name, encodeMessage(el.children ?? [])];
      default:
        throw new Error(`ICU element of unknown kind ${el.type}`);
    }
  });
}

/** The AST `intl-messageformat` formats, rebuilt from the compact form (equal to the parser's). */
export function decodeMessage(message: CompactMessage): AstElement[] {
  return message.map((part): AstElement => {
    if (typeof part === 'string') return { type: LITERAL, value: part };
    switch (part[0]) {
      case ARGUMENT:
        return { type: ARGUMENT, value: part[1] };
      case NUMBER:
      case DATE:
      case TIME:
        return { type: part[0], value: part[1], style: part[2] ?? null };
      case SELECT:
        return {
          type: SELECT,
          value: part[1],
          options: mapOptions(part[2], (m) => ({ value: decodeMessage(m) })),
        };
      case PLURAL:
        return {
          type: PLURAL,
          value: part[1],
          options: mapOptions(part[2], (m) => ({ value: decodeMessage(m) })),
          offset: part[3] ?? 0,
          pluralType: part[4] ?? 'cardinal',
        };
      case POUND:
        return { type: POUND };
      case TAG:
        return { type: TAG, value: part[1], children: decodeMessage(part[2]) };
      default:
        throw new Error(`compact ICU part of unknown kind ${JSON.stringify(part)}`);
    }
  });
}

/**
 * Version of the compact form stored with an override (`compiled`): a later encoding bumps it, and
 * notify treats another version as no compiled form (the migration script recompiles).
 */
export const COMPACT_VERSION = 1;

/** The compiled fields of a saved override, as stored beside its source (a JSON string). */
export interface CompiledOverride {
  v: typeof COMPACT_VERSION;
  subject?: CompactMessage;
  title?: CompactMessage;
  body?: CompactMessage;
}

/** Reads an override's stored compiled form; undefined when absent, malformed or of another version. */
export function readCompiled(stored: unknown): CompiledOverride | undefined {
  if (typeof stored !== 'string') return undefined;
  try {
    const parsed = JSON.parse(stored) as Partial<CompiledOverride>;
    return parsed?.v === COMPACT_VERSION ? (parsed as CompiledOverride) : undefined;
  } catch {
    return undefined;
  }
}

/** A shipped template's texts in one locale, compact: the fields of TemplateText (./template.ts). */
export interface CompactText {
  subject: CompactMessage;
  title: CompactMessage;
  body: CompactMessage;
  emailBody?: CompactMessage;
  action?: CompactMessage;
  footer?: CompactMessage;
}
