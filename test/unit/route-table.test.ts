// The route table is one file per route group merged in functions/http/routes/index.ts: each file
// holds its own group's routes, the merge loses none, and a group handler serves only its own.
import { readdirSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { casesChecks } from '../../functions/http/checks/cases';
import { staffChecks } from '../../functions/http/checks/staff';
import { groupHandler } from '../../functions/http/handler';
import { type GroupRoutes, type RouteDef, routeKey } from '../../functions/http/route';
import { routeEntries, routeGroups } from '../../functions/http/routes';
import { casesRoutes } from '../../functions/http/routes/cases';
import { staffRoutes } from '../../functions/http/routes/staff';
import { fakeGate } from './fakes';

const groupFiles = readdirSync('functions/http/routes')
  .filter((f) => f !== 'index.ts')
  .map((f) => basename(f, '.ts'));

/** What routes/<file>.ts exports: one `<file>Routes` object, and its routes' `<file>Summaries`. */
async function routesOf(file: string): Promise<[string, RouteDef][]> {
  const module = (await import(`../../functions/http/routes/${file}.ts`)) as Record<
    string,
    GroupRoutes<never>
  >;
  expect(Object.keys(module).sort()).toEqual([`${file}Routes`, `${file}Summaries`]);
  const routes = Object.entries(module[`${file}Routes`]!);
  expect(Object.keys(module[`${file}Summaries`]!).sort()).toEqual(routes.map(([id]) => id).sort());
  return routes;
}

describe('Module: route table', () => {
  it('has one routes file per route group, named after it', () => {
    expect([...groupFiles].sort()).toEqual([...routeGroups].sort());
  });

  it.each(groupFiles)('routes/%s.ts holds only routes of its own group', async (file) => {
    // Act
    const entries = await routesOf(file);

    // Assess
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter(([, r]) => r.group !== file).map(([id]) => id)).toEqual([]);
  });

  it('merges every group file whole: each route once, by id and by method + path', async () => {
    // Prepare
    const fromFiles = (await Promise.all(groupFiles.map(routesOf))).flat();

    // Act
    const merged = routeEntries();

    // Assess
    expect(merged.map(([id]) => id).sort()).toEqual(fromFiles.map(([id]) => id).sort());
    expect(new Set(merged.map(([id]) => id)).size).toBe(merged.length);
    expect(new Set(merged.map(([, r]) => routeKey(r))).size).toBe(merged.length);
  });

  it('a group handler refuses an implementation of a route that is not in its routes', () => {
    // Prepare: the staff group's route bound in the cases Lambda (the types refuse it too).
    const impl = { inviteStaff: async () => ({}) };

    // Act
    const build = () => groupHandler('cases', casesRoutes, impl as never, fakeGate().gate, casesChecks);

    // Assess
    expect(build).toThrow('route inviteStaff is not a route of group cases');
  });

  it('a group handler refuses routes of another group passed as its own', () => {
    // Act
    const build = () =>
      groupHandler(
        'cases',
        staffRoutes as never,
        { inviteStaff: async () => ({}) } as never,
        fakeGate().gate,
        staffChecks as never,
      );

    // Assess
    expect(build).toThrow('route inviteStaff is not a route of group cases');
  });
});

// Compile-time checks (`npm run typecheck` fails if one of these stops being an error).
// @ts-expect-error a route of another group cannot sit in a group's routes file
void ({ inviteStaff: staffRoutes.inviteStaff } satisfies GroupRoutes<'cases'>);
// @ts-expect-error every route of the group needs an implementation
void (() => groupHandler('staff', staffRoutes, {}, fakeGate().gate, staffChecks));
// @ts-expect-error a group's handler takes its own compiled checks, not another group's
void (() => groupHandler('staff', staffRoutes, {} as never, fakeGate().gate, casesChecks));
