// A person's language as a request gives it (cases, staff and the firm settings name one).
import { canonicalLocale, MAX_LOCALE_LENGTH } from '../../domain/locale';
import * as z from '../../zod-mini';

/**
 * A person's language: any well-formed BCP 47 tag, case-insensitive, stored in canonical form
 * (`EN` → `en`, `pt-pt` → `pt-PT`). Texts we do not ship fall back by language, then to the firm's.
 */
export const Locale = z
  .string()
  .check(
    z.maxLength(MAX_LOCALE_LENGTH, `must be at most ${MAX_LOCALE_LENGTH} characters`),
    z.refine((s) => canonicalLocale(s) !== undefined, 'must be a BCP 47 language tag, e.g. en, pt-BR, es-MX'),
    z.overwrite((s) => canonicalLocale(s) ?? s),
  )
  .register(z.globalRegistry, {
    description:
      'BCP 47 language tag (case-insensitive; stored canonical). Texts: the region, else the language (pt-PT → pt-BR, es-MX → es), else the firm default, else en.',
    examples: ['pt-BR', 'es-MX', 'en'],
  });
