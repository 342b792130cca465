// The body of every error answer, for the OpenAPI document only: no Lambda builds it (errors.ts
// writes the same fields by hand).
import * as z from '../../zod-mini';

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.optional(z.string()),
  fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  /** How many problems the request had: `fields` lists the first ten. */
  fieldCount: z.optional(z.number().check(z.int())),
  details: z.optional(z.record(z.string(), z.unknown())),
});
