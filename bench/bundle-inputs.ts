// `npx tsx bench/bundle-inputs.ts <function> [rows]`: one Lambda bundle built as section 1 builds it
// (bench/bundles.ts, CDK's options), its bytes, and what it is made of besides the AWS SDK: each
// input's bytes in the output, heaviest first. For finding what a bundle carries that it does not
// need (a module imported for one helper, a grouped export esbuild cannot shake).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleAliases } from '../lib/bundling';
import { cdkBuildOptions } from './bundles';
import { repoRoot } from './paths';

async function main() {
  const [fn, rows = '40'] = process.argv.slice(2);
  if (!fn) throw new Error('usage: npx tsx bench/bundle-inputs.ts <function> [rows]');
  const outDir = await mkdtemp(join(tmpdir(), 'portico-bundle-inputs-'));
  try {
    const entry = `functions/handlers/${fn}.ts`;
    const result = await build({
      ...cdkBuildOptions,
      absWorkingDir: repoRoot,
      entryPoints: [entry],
      outfile: join(outDir, 'index.mjs'),
      alias: bundleAliases(entry),
    });
    const output = Object.values(result.metafile!.outputs).find((o) => o.entryPoint)!;
    const inputs = Object.entries(output.inputs)
      .filter(([path]) => !/node_modules\/@(aws-sdk|smithy)\//.test(path))
      .map(([path, input]) => [path, input.bytesInOutput] as const)
      .sort((a, b) => b[1] - a[1]);
    const own = inputs.reduce((sum, [, bytes]) => sum + bytes, 0);
    console.log(`${fn}: ${output.bytes} bytes, of which ${own} outside the AWS SDK`);
    for (const [path, bytes] of inputs.slice(0, Number(rows)))
      console.log(`${String(bytes).padStart(8)}  ${path}`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
