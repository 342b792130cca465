// Schemas shared by many routes: ids, pagination, errors.
import { canonicalLocale, MAX_LOCALE_LENGTH } from '../../domain/locale';
import * as z from '../../zod-mini';

/** ULIDs: every id Portico issues. Anything else cannot name one of our items. */
export const Id = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id issued by Portico (26-character ULID)'));

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

/** The path of every route under a case (here, not in the case schemas: most groups name a case). */
export const CaseParams = z.strictObject({ caseId: Id });

export const PageQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.optional(z.string()) });

/** Text a person types: trimmed, no control characters. */
export const Text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(max, `must be at most ${max} characters`),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    z.refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters'),
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

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.optional(z.string()),
  fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  /** How many problems the request had: `fields` lists the first ten. */
  fieldCount: z.optional(z.number().check(z.int())),
  details: z.optional(z.record(z.string(), z.unknown())),
});
