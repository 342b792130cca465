// Which of the shipped languages a person reads: their own locale, else the firm's, else English.
// Regional variants map to the language we ship (`es-MX`, `es-419` → `es`; `pt`, `pt-PT`, `pt_BR` →
// `pt-BR`; `en-GB` → `en`); a language we do not ship falls through to the next choice.
import { DEFAULT_LOCALE, type Locale } from './template';

/** The shipped locale for a locale tag, or undefined when we ship nothing for its language. */
export function shippedLocale(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  switch (language) {
    case 'en':
      return 'en';
    case 'es':
      return 'es';
    case 'pt':
      return 'pt-BR';
    default:
      return undefined;
  }
}

/** The recipient's locale, else the firm's, else `en`. */
export const resolveLocale = (recipient: string | undefined, firm: string | undefined): Locale =>
  shippedLocale(recipient) ?? shippedLocale(firm) ?? DEFAULT_LOCALE;
