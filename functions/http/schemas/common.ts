// Schemas shared by many routes: ids, pagination, errors.
import * as z from 'zod';

/** ULIDs: every id Portico issues. Anything else cannot name one of our items. */
export const Id = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id issued by Portico (26-character ULID)');

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
export const Locale = z.enum(['en', 'es', 'pt-BR']);

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** How many problems the request had: `fields` lists the first ten. */
  fieldCount: z.number().int().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
