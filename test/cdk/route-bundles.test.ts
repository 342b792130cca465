// Each route group's Lambda bundles its own routes file and no other group's routes: the merged
// table (functions/http/routes/index.ts) is for CDK, the local gateway, OpenAPI and the tests only.
import { basename } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routeEntries, routeGroups } from '../../functions/http/routes';

/** The handler built as CDK builds it (lib/function.ts), text kept as UTF-8 so summaries match as written. */
async function bundle(group: string) {
  const result = await build({
    entryPoints: [`functions/handlers/${group}.ts`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    charset: 'utf8',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('Stack: Portico', () => {
  describe('route group bundles', () => {
    it.each(routeGroups)(
      'the %s Lambda bundles its own routes file and no other group’s routes',
      async (group) => {
        // Prepare: summaries are prose, each written once; one shared by two groups proves nothing.
        const own = routeEntries().filter(([, r]) => r.group === group);
        const others = routeEntries().filter(([, r]) => r.group !== group);
        const ownSummaries = new Set(own.map(([, r]) => r.summary));

        // Act
        const { code, inputs } = await bundle(group);

        // Assess
        const routeFiles = inputs
          .filter((i) => i.startsWith('functions/http/routes/'))
          .map((i) => basename(i));
        expect(routeFiles).toEqual([`${group}.ts`]);
        expect(own.filter(([, r]) => !code.includes(r.summary)).map(([id]) => id)).toEqual([]);
        const leaked = others.filter(([, r]) => !ownSummaries.has(r.summary) && code.includes(r.summary));
        expect(leaked.map(([id]) => id)).toEqual([]);
      },
    );
  });
});
