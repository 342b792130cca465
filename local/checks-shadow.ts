// With PORTICO_CHECKS_SHADOW=1 (the integration and reliability suites set it), the local stack runs
// every request part and response through zod and through its compiled check (decision 0056) and
// throws where they disagree: the same verdict, and on a pass the same value, key for key in the
// same order. The route answers that as a 500, so every test and every fuzzed request of those
// suites is also a test of the compiled checks against zod.
import { type Parsed, witnessChecks } from '../functions/http/checks/checked';
import { type Check, FAIL } from '../functions/http/checks/runtime';

export const shadowChecksWanted = () => process.env.PORTICO_CHECKS_SHADOW === '1';

export function shadowChecks(): void {
  witnessChecks((check: Check, value: unknown, parsed: Parsed) => {
    const data = check(value);
    const agree = parsed.success ? data !== FAIL && same(data, parsed.data) : data === FAIL;
    if (!agree)
      throw new Error(
        // The value stays out: a response may carry a presigned URL, a request a token.
        `a compiled check disagrees with zod (zod ${parsed.success ? 'passes' : 'fails'} the value): run \`npm run http-checks\`, or mend functions/http/checks/runtime.ts`,
      );
  });
}

/** Deep equality that also holds key order (what JSON.stringify of an answer shows). */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
