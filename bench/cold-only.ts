// `npx tsx bench/cold-only.ts [--runs N] [function…]`: sections 1 and 2 (bundle size, cold init)
// alone, for all functions or the named ones, on their own local stack; for trying an import-time
// change without the 3–5 minutes of the whole bench (baselines run alternating in the same run).
import { type BuiltFunction, buildFunction, lambdaEntries } from './bundles';
import { coldSpecs, measureCold, runsAndFunctions, withBaselines, writeDriver } from './cold-init';
import { runWithBenchStack } from './stack';
import { renderBundles, renderColdInit } from './table';

// No function named: all of them.
const { runs, fns: only } = runsAndFunctions(process.argv.slice(2), 15);
const started = performance.now();
const progress = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

runWithBenchStack('portico-bench-cold-', async (stack, outDir) => {
  const built: BuiltFunction[] = [];
  for (const entry of await lambdaEntries()) {
    const fn = entry.replace(/^.*\/|\.ts$/g, '');
    if (only.length === 0 || only.includes(fn)) built.push(await buildFunction(entry, outDir));
  }
  const specs = coldSpecs(stack.env, (fn) => built.find((b) => b.function === fn)?.sdk ?? []);
  const { bundles, coldTargets } = await withBaselines(built, specs, outDir, progress);
  const coldInit = await measureCold(await writeDriver(outDir), coldTargets, stack.env, runs, progress);
  console.log(`${renderBundles(bundles)}\n${renderColdInit(coldInit)}`);
});
