// Which of the shipped languages a person reads, by the chain region → language → firm default →
// `en`: the recipient's tag names a shipped locale exactly (`pt-BR`), else its language is one we
// ship (`pt-PT` → `pt-BR`, `es-MX` → `es`, `en-GB` → `en`), else the firm's default tag goes through
// the same two steps, else English. A language we do not ship (`fr-CA`) falls through.
import { canonicalLocale } from '../locale';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './template';

/** The shipped locale for a locale tag, or undefined when we ship nothing for its language. */
export function shippedLocale(tag: string | undefined): Locale | undefined {
  if (!tag) return undefined;
  // A stored tag is canonical, so it is usually a shipped locale as it stands: answered without
  // `Intl`, whose first call in a process loads the ICU locale data (about 10 ms of a cold start).
  const stored = LOCALES.find((l) => l === tag);
  if (stored) return stored;
  // Stored tags are canonical; an older or hand-written one (`pt_BR`, ` es `) is read leniently.
  const canonical = canonicalLocale(tag.trim().replace(/_/g, '-'));
  if (!canonical) return undefined;
  const exact = LOCALES.find((l) => l === canonical);
  if (exact) return exact;
  const language = canonical.split('-')[0];
  return LOCALES.find((l) => l.split('-')[0] === language);
}

/** The recipient's locale, else the firm's, else `en`. */
export const resolveLocale = (recipient: string | undefined, firm: string | undefined): Locale =>
  shippedLocale(recipient) ?? shippedLocale(firm) ?? DEFAULT_LOCALE;
