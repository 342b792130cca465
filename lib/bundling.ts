// Per-function esbuild options beyond the shared ones of lib/function.ts, in a module without CDK so
// the bench (bench/bundles.ts) and the bundle tests build exactly what CDK builds.

/**
 * Package aliases by Lambda entry (the replacement is resolved from the repository root, where both
 * CDK's local esbuild and the bench run). notify and activity format texts parsed ahead with their
 * own formatter (domain/texts/compact-format.ts, decision 0051), so neither bundles
 * `intl-messageformat` or needs its parser aliased away. notify shows no zod message to anyone: it
 * goes without the English ones (functions/zod-no-messages.ts).
 */
const ALIASES: Record<string, Record<string, string>> = {
  'functions/handlers/notify.ts': { 'zod/v4/locales/en.js': './functions/zod-no-messages.ts' },
};

/** The esbuild `alias` option of a Lambda entry (repository-relative path); empty for most. */
export const bundleAliases = (entry: string): Record<string, string> => ALIASES[entry] ?? {};

/** The same as NodejsFunction's `esbuildArgs` (rendered `--alias:<package>="<replacement>"`). */
export const aliasArgs = (entry: string): Record<string, string> =>
  Object.fromEntries(Object.entries(bundleAliases(entry)).map(([from, to]) => [`--alias:${from}`, to]));
