// Per-function esbuild options beyond the shared ones of lib/function.ts, in a module without CDK so
// the bench (bench/bundles.ts) and the bundle tests build exactly what CDK builds.

/** The ICU parser's `no-parser` build: `intl-messageformat` imports the parser statically even when given an AST. */
const NO_ICU_PARSER = {
  '@formatjs/icu-messageformat-parser': '@formatjs/icu-messageformat-parser/no-parser.js',
};

/**
 * Package aliases by Lambda entry. notify formats only texts parsed ahead (shipped ones generated,
 * overrides compiled when saved: decision 0041), activity only its shipped sentences, generated
 * parsed (decision 0040): both go without the parser.
 */
const ALIASES: Record<string, Record<string, string>> = {
  'functions/handlers/notify.ts': NO_ICU_PARSER,
  'functions/handlers/activity.ts': NO_ICU_PARSER,
};

/** The esbuild `alias` option of a Lambda entry (repository-relative path); empty for most. */
export const bundleAliases = (entry: string): Record<string, string> => ALIASES[entry] ?? {};

/** The same as NodejsFunction's `esbuildArgs` (rendered `--alias:<package>="<replacement>"`). */
export const aliasArgs = (entry: string): Record<string, string> =>
  Object.fromEntries(Object.entries(bundleAliases(entry)).map(([from, to]) => [`--alias:${from}`, to]));
