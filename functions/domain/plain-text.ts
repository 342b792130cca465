// Texts people typed, as Portico shows them in mail subjects and bodies, inbox items and pushes: one
// rule for all of them. Short texts (subjects, names, task lines) are shown as typed, on one line,
// without the invisible characters that can reorder or hide what is read; long client-facing texts
// (messages, comments, descriptions) are also flattened: their formatting (markup, markdown
// markers) and line breaks are dropped, as the CaseWare anchor does. The stored text keeps its
// lines for the portal. Cuts fall between graphemes, never inside a character.

/**
 * Invisible format characters: bidi embeddings, overrides, isolates and marks (U+202A–U+202E,
 * U+2066–U+2069, U+200E/U+200F, U+061C), zero-width spaces, the BOM, soft hyphens, tags (all of
 * Unicode's `Cf`), the Hangul fillers that render as nothing, and lone surrogate halves (shown as
 * "�" or refused by mail servers).
 */
const INVISIBLE = /[\p{Cf}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;
/**
 * ZWNJ and ZWJ are kept in texts: they shape Persian and Indic words and join emoji sequences
 * (👨‍👩‍👧), and they cannot reorder anything. File names drop them too (./names.ts).
 */
const JOINERS = new Set(['\u200c', '\u200d']);
/** Control characters and every kind of whitespace (line and paragraph separators included). */
const SPACE = /[\p{Cc}\s]+/gu;

/**
 * One line of what a person typed, shown as typed: Unicode NFC, invisible format characters
 * removed (joiners kept), control characters and line breaks as single spaces, trimmed. Nothing
 * visible is taken away: `Form <W-2> missing` stays itself (HTML escapes it where HTML is made).
 */
export function typedLine(text: string): string {
  return text
    .replace(INVISIBLE, (c) => (JOINERS.has(c) ? c : ''))
    .normalize('NFC')
    .replace(SPACE, ' ')
    .trim();
}

/** Like {@link typedLine}, with the joiners removed too: for names that must read exactly as shown. */
export function visibleLine(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFC').replace(SPACE, ' ').trim();
}

/** Tags (`<b>`, `<br/>`) become a space: the words around them stay apart. */
const TAG = /<\/?[A-Za-z][^<>]*>/g;
/** Markdown markers at the start of a line: headings, quotes, bullets, numbered items. */
const LINE_MARKER = /^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)/gm;
/** `[text](url)` keeps its text. */
const LINK = /\[([^\]\n]+)\]\([^)\s]+\)/g;
/** Paired emphasis markers; single `*`/`_` only around words, so `tax_return_2026.pdf` survives. */
const STRONG = /(\*\*|__|~~)(?=\S)([^\n]*?\S)\1/g;
const EMPHASIS = /(^|[\s(])([*_`])(?=\S)([^\n]*?\S)\2(?=$|[\s).,!?;:])/gm;

/**
 * A long client-facing text (message, comment, description) as one paragraph of plain text: no
 * markup, no markers, no line breaks, single spaces, and the {@link typedLine} rule.
 */
export function flattenPlainText(text: string): string {
  return typedLine(
    text
      .replace(TAG, ' ')
      .replace(LINE_MARKER, '')
      .replace(LINK, '$1')
      .replace(STRONG, '$2')
      .replace(EMPHASIS, '$1$3'),
  );
}

/**
 * The description and the additional message of a file request as ONE paragraph (the anchor shows
 * both fields that way); a full stop keeps the two sentences apart when the first has none.
 */
export function requestParagraph(description: string, additionalMessage?: string): string {
  const first = flattenPlainText(description);
  const second = additionalMessage ? flattenPlainText(additionalMessage) : '';
  if (!second) return first;
  if (!first) return second;
  return `${/[.!?:;…]$/.test(first) ? first : `${first}.`} ${second}`;
}

/**
 * Created on first use: constructing a segmenter loads ICU's break rules (≈ 7.5 ms), which at
 * module load fell on the cold start of every function that imports this module and never cuts a
 * text (decision 0040).
 */
let graphemes: Intl.Segmenter | undefined;

/** The graphemes (user-perceived characters) of a text, in order. */
export const graphemesOf = (text: string): string[] => {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(graphemes.segment(text), (s) => s.segment);
};

/**
 * At most `max` UTF-16 units (what mail headers and columns count), cut between graphemes and
 * marked with an ellipsis when cut: an emoji, a flag or an accented letter is kept whole or left out.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const g of graphemesOf(text)) {
    if (out.length + g.length > max - 1) break;
    out += g;
  }
  return `${out.trimEnd()}…`;
}
