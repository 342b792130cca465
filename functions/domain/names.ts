// Display names of files: the one rule for every file name Portico shows or sends (document lists,
// shares, versions, downloads' Content-Disposition, mails, inbox items, pushes, digests). A name is
// what a person typed, so it cannot be trusted to read as what it is: `invoice\u202Efdp.exe` shows
// as `invoiceexe.pdf` and `../../etc/passwd` as a path. Written once at upload and applied again
// wherever a stored name leaves the backend (names stored before the rule existed). See
// docs/decisions/0018-display-names.md.
import { graphemesOf, visibleLine } from './plain-text';

/** Longest display name, in UTF-16 units (the upload schema accepts 255; lists need less). */
export const MAX_DISPLAY_NAME = 160;

/** Path separators and the characters drawn like them (fraction, division and fullwidth slashes). */
const SEPARATORS = /[/\\\u2044\u2215\u29f8\u29f9\uff0f\uff3c]/u;
/** An extension we keep visible at the end: a dot and up to 15 letters or digits. */
const EXTENSION = /\.[\p{L}\p{N}]{1,15}$/u;

/**
 * The name shown to people for a file name someone typed: Unicode NFC; no bidi controls, no
 * zero-width or other invisible format characters, no control characters (whitespace runs become
 * one space); path separators turned into `_` with `.`/`..` parts dropped; no leading or trailing
 * dots or spaces; at most {@link MAX_DISPLAY_NAME} units, cut between graphemes with the extension
 * kept at the end; `file` when nothing is left. Applying it twice changes nothing.
 */
export function displayName(fileName: string): string {
  const parts = visibleLine(fileName)
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => !/^\.*$/.test(p));
  let name = parts.join('_');
  const lead = /^[.\s]+/.exec(name)?.[0] ?? '';
  name = name.slice(lead.length).replace(/[.\s]+$/, '');
  // `.pdf` alone was an extension without a name: keep it an extension.
  if (lead.includes('.') && name && !name.includes('.')) name = `file.${name}`;
  if (name.length > MAX_DISPLAY_NAME) name = clipKeepingExtension(name);
  return name || 'file';
}

function clipKeepingExtension(name: string): string {
  const ext = EXTENSION.exec(name)?.[0] ?? '';
  const room = MAX_DISPLAY_NAME - ext.length - 1;
  let stem = '';
  for (const g of graphemesOf(name.slice(0, name.length - ext.length))) {
    if (stem.length + g.length > room) break;
    stem += g;
  }
  return `${stem.trimEnd()}…${ext}`;
}
