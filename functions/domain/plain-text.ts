// Plain text for notifications: what people typed loses its formatting (markup, markdown markers)
// and its line breaks, as the CaseWare anchor does; the stored text keeps its lines for the portal.

/** Tags (`<b>`, `<br/>`) become a space: the words around them stay apart. */
const TAG = /<\/?[A-Za-z][^<>]*>/g;
/** Markdown markers at the start of a line: headings, quotes, bullets, numbered items. */
const LINE_MARKER = /^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)/gm;
/** `[text](url)` keeps its text. */
const LINK = /\[([^\]\n]+)\]\([^)\s]+\)/g;
/** Paired emphasis markers; single `*`/`_` only around words, so `tax_return_2026.pdf` survives. */
const STRONG = /(\*\*|__|~~)(?=\S)([^\n]*?\S)\1/g;
const EMPHASIS = /(^|[\s(])([*_`])(?=\S)([^\n]*?\S)\2(?=$|[\s).,!?;:])/gm;

/** One paragraph of plain text: no markup, no markers, no line breaks, single spaces. */
export function flattenPlainText(text: string): string {
  return (
    text
      .replace(TAG, ' ')
      .replace(LINE_MARKER, '')
      .replace(LINK, '$1')
      .replace(STRONG, '$2')
      .replace(EMPHASIS, '$1$3')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: flattening control characters is the point
      .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
      .trim()
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
