// Per-function esbuild options beyond the shared ones of lib/function.ts, in a module without CDK so
// the bench (bench/bundles.ts) and the bundle tests build exactly what CDK builds.

/**
 * Package aliases by Lambda entry. notify formats only texts parsed ahead (shipped ones generated,
 * overrides compiled when saved: decision 0041), so it gets the ICU parser's `no-parser` build:
 * `intl-messageformat` imports the parser statically even when it is given an AST.
 */
const ALIASES: Record<string, Record<string, string>> = {
  'functions/handlers/notify.ts': {
    '@formatjs/icu-messageformat-parser': '@formatjs/icu-messageformat-parser/no-parser.js',
  },
};

/** The esbuild `alias` option of a Lambda entry (repository-relative path); empty for most. */
export const bundleAliases = (entry: string): Record<string, string> => ALIASES[entry] ?? {};

/** The same as NodejsFunction's `esbuildArgs` (rendered `--alias:<package>="<replacement>"`). */
export const aliasArgs = (entry: string): Record<string, string> =>
  Object.fromEntries(Object.entries(bundleAliases(entry)).map(([from, to]) => [`--alias:${from}`, to]));
