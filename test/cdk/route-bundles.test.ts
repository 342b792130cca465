// Each route group's Lambda bundles its own routes file and no other group's routes: the merged
// table (functions/http/routes/index.ts) is for CDK, the local gateway, OpenAPI and the tests only.
import { basename } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routeEntries, routeGroups, routeSummaries } from '../../functions/http/routes';

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
        // Prepare: a route's path, quoted as the bundle holds it, marks its definition (a staff and
        // portal pair built from one operation holds the operation's path); a path two groups share
        // (different methods) proves nothing.
        const defined = (code: string, path: string) =>
          code.includes(`"${path}"`) || code.includes(`"${path.replace(/^\/portal(?=\/)/, '')}"`);
        const own = routeEntries().filter(([, r]) => r.group === group);
        const others = routeEntries().filter(([, r]) => r.group !== group);
        const ownPaths = new Set(own.map(([, r]) => r.path));

        // Act
        const { code, inputs } = await bundle(group);

        // Assess
        const routeFiles = inputs
          .filter((i) => i.startsWith('functions/http/routes/'))
          .map((i) => basename(i));
        expect(routeFiles).toEqual([`${group}.ts`]);
        expect(own.filter(([, r]) => !defined(code, r.path)).map(([id]) => id)).toEqual([]);
        const leaked = others.filter(([, r]) => !ownPaths.has(r.path) && code.includes(`"${r.path}"`));
        expect(leaked.map(([id]) => id)).toEqual([]);
        // The OpenAPI summaries stay out of every Lambda (decision 0056).
        expect(own.filter(([id]) => code.includes(routeSummaries[id])).map(([id]) => id)).toEqual([]);
      },
    );
  });
});
