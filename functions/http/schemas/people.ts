// Schemas of who a person is and how to reach them: a staff user's id, an email address, a language
// (cases, staff, inbox and settings use them; the other groups do not build them).
import { canonicalLocale, MAX_LOCALE_LENGTH } from '../../domain/locale';
import * as z from '../../zod-mini';

/**
 * A staff user's id: the staff pool login's `sub` (a UUID), or the ULID of a user seeded into the
 * table before staff logins existed.
 */
export const StaffUserId = z
  .string()
  .check(
    z.regex(
      /^(?:[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
      'must be a staff user id (a ULID or a Cognito sub)',
    ),
  );

export const Email = z.email().check(z.maxLength(254));
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
