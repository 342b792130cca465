// Language tags (BCP 47) people and integrations send: the one place a tag is checked and put in
// its canonical form, so `EN`, `pt-pt` and `es-mx` are stored as `en`, `pt-PT` and `es-MX`.

/** Longer than any tag a browser sends (RFC 5646 asks implementations to keep at least 35). */
export const MAX_LOCALE_LENGTH = 64;

/**
 * The canonical form of a well-formed BCP 47 tag (case-insensitive, as the RFC says), or undefined
 * for anything else. `Intl` does the work so the stored form is the one `Intl` formats with.
 */
export function canonicalLocale(tag: string): string | undefined {
  if (tag.length === 0 || tag.length > MAX_LOCALE_LENGTH) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    // RangeError: not a well-formed tag
    return undefined;
  }
}
