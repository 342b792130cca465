// Each route group's Lambda bundles only the HTTP schema modules its own routes use: a module another
// group's routes need is split so the shared part lives in a module of its own (issue 17: a group's
// Lambda imports only its own routes and schemas). test/unit/lazy-schema.test.ts holds that what is
// bundled is built on first use only.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cdkBuildOptions } from '../../bench/bundles';
import { routeEntries, routeGroups } from '../../functions/http/routes';
import * as z from '../../functions/zod-mini';

/**
 * Shared by nearly every group (ids, a case's and a document's path, the page query): splitting it
 * per export would make a module per schema.
 */
const SHARED = 'functions/http/schemas/common.ts';

/** The schema modules the group's handler bundles, built as CDK builds it (the bench's options). */
async function bundledModules(group: string) {
  const result = await build({
    ...cdkBuildOptions,
    entryPoints: [`functions/handlers/${group}.ts`],
    outfile: 'out/index.mjs', // not written
    write: false,
    sourcemap: false,
    metafile: true,
  });
  if (!result.metafile) throw new Error(`no metafile for ${group}`);
  return Object.keys(result.metafile.inputs).filter(
    (i) => i.startsWith('functions/http/schemas/') && i !== SHARED,
  );
}

/** Every schema a route's params, query, body or response is made of (the route's schemas and theirs). */
function reachable(roots: unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (value instanceof z.core.$ZodType) {
      if (seen.has(value)) return;
      seen.add(value);
      for (const part of Object.values(value._zod.def)) visit(part, 0);
    } else if (depth < 1 && value !== null && typeof value === 'object') {
      for (const part of Object.values(value)) visit(part, depth + 1); // an object's shape, a union's options
    }
  };
  for (const root of roots) visit(root, 0);
  return seen;
}

/** `module: export` of each schema the modules export that the routes do not reach. */
async function unreached(modules: string[], used: Set<unknown>) {
  const found: string[] = [];
  for (const path of modules) {
    for (const [name, value] of Object.entries(await import(/* @vite-ignore */ `../../${path}`))) {
      if (value instanceof z.core.$ZodType && !used.has(value)) found.push(`${path}: ${name}`);
    }
  }
  return found.sort();
}

describe('Stack: Portico', () => {
  describe('route group schemas', () => {
    it.each(routeGroups)('the %s Lambda bundles no HTTP schema its routes do not use', async (group) => {
      // Prepare
      const used = reachable(
        routeEntries()
          .filter(([, r]) => r.group === group)
          .flatMap(([, r]) => [r.params, r.query, r.body, r.response.schema]),
      );

      // Act
      const modules = await bundledModules(group);

      // Assess
      const unused = await unreached(modules, used);
      expect(unused).toEqual([]);
    });
  });
});
