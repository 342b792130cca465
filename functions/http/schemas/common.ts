// Schemas shared by many routes: ids, pagination, errors.
import * as z from 'zod';
import { canonicalLocale, MAX_LOCALE_LENGTH } from '../../domain/locale';

/** ULIDs: every id Portico issues. Anything else cannot name one of our items. */
export const Id = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id issued by Portico (26-character ULID)');

/**
 * A staff user's id: the staff pool login's `sub` (a UUID), or the ULID of a user seeded into the
 * table before staff logins existed.
 */
export const StaffUserId = z
  .string()
  .regex(
    /^(?:[0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
    'must be a staff user id (a ULID or a Cognito sub)',
  );

export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  nextToken: z.string().min(1).max(2048).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.string().optional() });

/** Text a person types: trimmed, no control characters. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

export const Email = z.email().max(254);
/**
 * A person's language: any well-formed BCP 47 tag, case-insensitive, stored in canonical form
 * (`EN` → `en`, `pt-pt` → `pt-PT`). Texts we do not ship fall back by language, then to the firm's.
 */
export const Locale = z
  .string()
  .max(MAX_LOCALE_LENGTH, `must be at most ${MAX_LOCALE_LENGTH} characters`)
  .refine((s) => canonicalLocale(s) !== undefined, 'must be a BCP 47 language tag, e.g. en, pt-BR, es-MX')
  .overwrite((s) => canonicalLocale(s) ?? s)
  .meta({
    description:
      'BCP 47 language tag (case-insensitive; stored canonical). Texts: the region, else the language (pt-PT → pt-BR, es-MX → es), else the firm default, else en.',
    examples: ['pt-BR', 'es-MX', 'en'],
  });

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** How many problems the request had: `fields` lists the first ten. */
  fieldCount: z.number().int().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
