// Bad input, fuzzed from each route's zod schemas (fast-check): wrong types, huge strings, unicode,
// nulls, extra fields, prototype keys, invalid and tampered nextToken. Every answer is a 4xx with a
// machine-readable code (never a 5xx), and a snapshot of the whole table before and after shows
// that nothing was written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../functions/http/route';
import { routeEntries } from '../../functions/http/routes';
import { type Mutation, mutations, refused } from './support/invalid';
import { captureLogs } from './support/logs';
import { type Principal, principals, requests, type World } from './support/matrix';
import { diff, type Harness, snapshot, startHarness } from './support/stack';
import { useTally } from './support/tally';
import { buildFirmWorld } from './support/world';

const tally = useTally('fuzz');
const logs = captureLogs();
/** Cases per route: enough variety, bounded time (the whole suite stays within a few minutes). */
const RUNS = 30;
const SEED = 20261123;

let h: Harness;
let w: World;
let who: Principal[];
const tokens: { real?: string; other?: string } = {};

beforeAll(async () => {
  h = await startHarness();
  const [A, B] = await Promise.all([buildFirmWorld(h, 'Alpha & Co'), buildFirmWorld(h, 'Beta LLP')]);
  w = { A, B };
  who = await principals(h, w);
  // Genuine cursors: one of the firm's case list (tampered below), one of its contact list (another list).
  tokens.real = (await h.call('GET', '/cases?limit=1', { token: A.firm.staff.token })).body.nextToken;
  tokens.other = (await h.call('GET', '/contacts?limit=1', { token: A.firm.staff.token })).body.nextToken;
  for (const p of who) logs.secret(p.token);
  tally.ready();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/** The path parameters of a concrete path, by the route's template. */
function paramsOf(route: RouteDef, path: string): Record<string, string> {
  const names: string[] = [];
  const re = new RegExp(
    `^${route.path.replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  const m = re.exec(path);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m![i + 1]!)]));
}

const pathWith = (route: RouteDef, params: Record<string, string>) =>
  route.path.replace(/\{(\w+)\}/g, (_m, n: string) => encodeURIComponent(params[n]!));

const encodable = (m: Mutation) => {
  try {
    if (m.part === 'params') for (const v of Object.values(m.params)) encodeURIComponent(v);
    if (m.part === 'query') for (const [k, v] of Object.entries(m.query)) encodeURIComponent(k + v);
    return true;
  } catch {
    return false; // a lone surrogate cannot travel in a URL at all
  }
};

describe('Reliability: bad input', () => {
  it.each(routeEntries().map(([id, r]) => [id, r] as [string, RouteDef]))(
    '%s: fuzzed params, query and body answer 4xx with a code and write nothing',
    async (id, route) => {
      const caller = who.find(
        (p) =>
          p.name === (route.auth === 'contact' ? 'collaborator' : route.auth === 'admin' ? 'admin' : 'staff'),
      )!;
      const build = requests[id as keyof typeof requests];
      expect(build, `a valid request for ${id} in test/reliability/support/matrix.ts`).toBeDefined();
      const valid = await build!({ h, w, p: caller, target: 'own', allowed: false });
      const validParams = paramsOf(route, valid.path);
      await h.settle();
      const before = await snapshot(h.table);
      const problems: string[] = [];
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(
          mutations(route, { params: validParams, body: valid.body }, tokens).filter(
            (m) => encodable(m) && refused(route, m),
          ),
          async (m) => {
            const path =
              (m.part === 'params' ? pathWith(route, m.params) : valid.path) +
              (m.part === 'query' ? `?${new URLSearchParams(m.query)}` : '');
            const res = await h.call(route.method, path, {
              token: caller.token!,
              ...(m.part === 'body'
                ? { rawBody: m.raw }
                : valid.body !== undefined
                  ? { body: valid.body }
                  : {}),
            });
            sent++;
            const ok =
              res.status >= 400 &&
              res.status < 500 &&
              typeof res.body?.code === 'string' &&
              res.body.code.length > 0;
            if (!ok)
              problems.push(
                `${m.note}: ${route.method} ${path.slice(0, 120)} → ${res.status} ${res.text.slice(0, 160)}`,
              );
            return true; // every problem is collected and reported below, not shrunk away
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      await h.settle();
      const written = diff(before, await snapshot(h.table));
      tally.add('fuzz', sent);
      tally.fail(problems.length + written.length);
      expect(problems).toEqual([]);
      expect(written, 'items written by refused requests').toEqual([]);
    },
  );

  it('logs no token or secret while refusing bad input', () => {
    const leaks = logs.leaks();
    tally.fail(leaks.length);
    expect(leaks).toEqual([]);
  });
});
