// `npx tsx bench/ab-module.ts <function> <module> <A file> <B file> [runs]`: one function's bundle
// built twice, with `module` (a repository path) replaced by the A file and then by the B file, and
// cold processes of both alternating on one local stack, as section 2 runs them. Prints the medians
// of import and invocation, wall and CPU time: for a change to one module, a figure a shared
// machine's noise does not swallow (decision 0053 measured its context module this way). The
// module is left as the B file.
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildFunction } from './bundles';
import { type ColdSample, coldRun, coldSpecs, writeDriver } from './cold-init';
import { runWithBenchStack } from './stack';
import { median } from './stats';

const [fn, module, a, b, runsArg = '15'] = process.argv.slice(2);
if (!fn || !module || !a || !b)
  throw new Error('usage: npx tsx bench/ab-module.ts <function> <module> <A file> <B file> [runs]');

runWithBenchStack('portico-ab-', async (stack, outDir) => {
  const bundles: Record<string, string> = {};
  for (const [side, file] of [
    ['A', a],
    ['B', b],
  ] as const) {
    await copyFile(file, module);
    bundles[side] = (await buildFunction(`functions/handlers/${fn}.ts`, join(outDir, side))).file;
  }
  const spec = coldSpecs(stack.env, () => [])[fn];
  if (!spec) throw new Error(`no cold invocation for ${fn} (bench/cold-init.ts coldSpecs)`);
  const driver = await writeDriver(outDir);
  const samples: Record<string, ColdSample[]> = { A: [], B: [] };
  for (let i = 0; i < Number(runsArg); i++)
    for (const side of i % 2 ? ['A', 'B'] : ['B', 'A'])
      samples[side]!.push(await coldRun(driver, bundles[side]!, spec.event, stack.env));
  const m = (side: string, f: (s: ColdSample) => number) => median(samples[side]!.map(f)).toFixed(1);
  console.log(`${fn}: ${spec.invocation}, ${runsArg} processes each (medians, ms)`);
  console.log('side | import | import CPU | invocation | invocation CPU');
  for (const side of ['A', 'B'])
    console.log(
      `${side}    | ${m(side, (s) => s.importMs)} | ${m(side, (s) => s.importCpuMs)} | ${m(side, (s) => s.invokeMs)} | ${m(side, (s) => s.invokeCpuMs)}`,
    );
});
