// A check that refuses a string in which a pattern finds something (control characters in text a
// person types), with its pattern on record: the compiled checks (decision 0056) test the same
// pattern, where any other refine leaves its whole schema to zod.
import * as z from '../../zod-mini';

const refused = new WeakMap<object, RegExp>();

/** The pattern a check made by `refusing` refuses, or undefined for any other check. */
export const refusedPattern = (check: object): RegExp | undefined => refused.get(check);

export function refusing(pattern: RegExp, message: string) {
  const check = z.refine<string>((s) => !pattern.test(s), message);
  refused.set(check, pattern);
  return check;
}
