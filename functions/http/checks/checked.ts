// One value through a route's check: the compiled one first (decision 0056), zod when it fails, so
// a bad request's issues are always zod's, and zod alone where a part is not compiled.
import type * as z from 'zod/mini';
import { type Check, FAIL } from './runtime';

export type Parsed = { success: true; data: unknown } | { success: false; error: z.core.$ZodError };

/** The local stack's witness (local/checks-shadow.ts): sees zod's verdict and the compiled one's. */
let witness: ((check: Check, value: unknown, parsed: Parsed) => void) | undefined;

/** Has every value checked both ways (zod's verdict stands); `undefined` stops it. */
export const witnessChecks = (w: typeof witness) => {
  witness = w;
};

export function checked(schema: z.ZodMiniType, check: Check | undefined, value: unknown): Parsed {
  if (check && !witness) {
    const data = check(value);
    if (data !== FAIL) return { success: true, data };
  }
  const parsed = schema.safeParse(value) as Parsed;
  if (check && witness) witness(check, value, parsed);
  return parsed;
}
