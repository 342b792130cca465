// Section 4: AWS requests per route. Every route of the route table is called once, in process,
// through its group handler with a valid fixture, and the requests it makes are counted and timed
// on the shared SDK clients (bench/requests.ts). Targets: a read waits for 1 round trip and makes
// at most 2 DynamoDB requests; a write waits for at most 2 round trips. A route that misses is
// "over", or "accepted" when bench/round-trip-exceptions.ts gives the reason it cannot.
import { type RouteDef, routeKey } from '../functions/http/route';
import { type RouteId, routeEntries, routes } from '../functions/http/routes';
import type { HttpCall } from './events';
import { type Fixture, fixtures } from './fixtures';
import { countRequests, type Service, sequentialRoundTrips } from './requests';
import { roundTripExceptions } from './round-trip-exceptions';
import { SetupError, type World } from './world';

/** ok: meets its target; accepted: misses it for a listed reason; over: misses it. */
export type Verdict =
  | { kind: 'ok' }
  | { kind: 'accepted'; reason: string }
  | { kind: 'over'; missed: string };

export type RoundTripRow =
  | {
      route: RouteId;
      routeKey: string;
      status: number;
      dynamodb: number;
      /** The longest chain of AWS requests that waited on each other (bench/requests.ts). */
      sequential: number;
      other: number;
      byService: Partial<Record<Service, number>>;
      /** In the order they were sent. */
      commands: string[];
      verdict: Verdict;
    }
  | { route: RouteId; routeKey: string; skipped: string }
  | { route: string; routeKey: string; failed: string };

/** What a route misses of its target, or undefined when it meets it. */
export function missedTarget(
  method: string,
  m: { dynamodb: number; sequential: number },
): string | undefined {
  if (method === 'GET') {
    const missed = [
      ...(m.sequential > 1 ? [`${m.sequential} round trips > 1`] : []),
      ...(m.dynamodb > 2 ? [`${m.dynamodb} requests > 2`] : []),
    ];
    return missed.length ? missed.join(', ') : undefined;
  }
  return m.sequential > 2 ? `${m.sequential} round trips > 2` : undefined;
}

export function verdictOf(
  route: RouteId,
  method: string,
  m: { dynamodb: number; sequential: number },
  exceptions: Partial<Record<RouteId, string>> = roundTripExceptions,
): Verdict {
  const missed = missedTarget(method, m);
  if (missed === undefined) return { kind: 'ok' };
  const reason = exceptions[route];
  return reason ? { kind: 'accepted', reason } : { kind: 'over', missed };
}

/**
 * The route as a warm container serves it: its per-container memories already hold the caller.
 * Staff: the directory has read the caller (cached for STAFF_DIRECTORY_TTL_SECONDS, decision 0023),
 * so an uncounted call with the same claims passes the gate and stops at validation (a non-object
 * body, or a query the route does not take: 400, nothing written). Contacts: the grant lookup knows
 * where the caller's grant on the case is (decision 0033), as after the portal's first request on
 * the case, so an uncounted portal read of the same group on the same case goes first. A read
 * route is simply called once before. Answers why priming failed, or undefined.
 */
async function primeContainer(world: World, id: RouteId, route: RouteDef, call: HttpCall) {
  if (route.method === 'GET') {
    await world.api(id, call);
    return undefined;
  }
  if (route.auth === 'contact') {
    const caseId = call.params?.caseId;
    const read = routeEntries().find(
      ([, r]) =>
        r.group === route.group && r.auth === 'contact' && r.method === 'GET' && r.scope === 'portalCase',
    );
    if (!caseId || !read) return undefined;
    const res = await world.api(read[0], { claims: call.claims, params: { caseId } });
    return res.status === 200 ? undefined : `priming the grant lookup with ${read[0]} answered ${res.status}`;
  }
  if (route.auth !== 'staff' && route.auth !== 'admin') return undefined;
  const invalid: HttpCall | undefined = route.body
    ? { ...call, body: [] }
    : route.query
      ? undefined
      : { ...call, query: { primeStaffGate: '1' } };
  if (!invalid) return undefined;
  const res = await world.api(id, invalid);
  return res.status === 400 ? undefined : `priming the staff gate answered ${res.status}, not 400`;
}

export async function measureRoundTrips(
  world: World,
  progress: (line: string) => void,
  /** Routes to call (bench/requests-per-route.ts): every route of the table when absent. */
  only?: (route: RouteDef) => boolean,
): Promise<RoundTripRow[]> {
  const rows: RoundTripRow[] = [];
  const known = fixtures as Record<string, Fixture | undefined>;
  // Every route of the table, in table order; the order of the fixtures object does not matter.
  for (const [id, route] of routeEntries()) {
    if (only && !only(route)) continue;
    const key = routeKey(route);
    const fixture = known[id];
    if (!fixture) {
      rows.push({ route: id, routeKey: key, failed: 'NO FIXTURE: add one to bench/fixtures.ts' });
      progress(`round trips: ${id} FAILED: no fixture for this route`);
      continue;
    }
    let call: HttpCall;
    try {
      call = await fixture(world);
      await world.handler(route.group);
    } catch (err) {
      // A missing feature skips the route; anything else is a broken fixture and fails it loudly.
      const message = (err as Error).message.split('\n')[0] ?? String(err);
      if (err instanceof SetupError) rows.push({ route: id, routeKey: key, skipped: message });
      else rows.push({ route: id, routeKey: key, failed: `fixture threw: ${message}` });
      progress(`round trips: ${id} ${err instanceof SetupError ? 'skipped' : 'FAILED'}: ${message}`);
      continue;
    }
    const primed = await primeContainer(world, id, route, call);
    if (primed) {
      rows.push({ route: id, routeKey: key, failed: primed });
      progress(`round trips: ${id} FAILED: ${primed}`);
      continue;
    }
    const { result: res, requests } = await countRequests(() => world.api(id, call));
    if (res.status !== routes[id].response.status) {
      rows.push({
        route: id,
        routeKey: key,
        failed: `answered ${res.status} ${res.body?.code ?? ''}: ${res.body?.message ?? ''}`,
      });
      progress(`round trips: ${id} FAILED: answered ${res.status} ${res.body?.code ?? ''}`);
      continue;
    }
    const byService: Partial<Record<Service, number>> = {};
    for (const r of requests) byService[r.service] = (byService[r.service] ?? 0) + 1;
    const dynamodb = byService.dynamodb ?? 0;
    const sequential = sequentialRoundTrips(requests);
    const verdict = verdictOf(id, route.method, { dynamodb, sequential });
    rows.push({
      route: id,
      routeKey: key,
      status: res.status,
      dynamodb,
      sequential,
      other: requests.length - dynamodb,
      byService,
      commands: [...requests].sort((a, b) => a.start - b.start).map((r) => `${r.service}:${r.command}`),
      verdict,
    });
    progress(
      `round trips: ${id} → ${res.status}, DynamoDB ${dynamodb}, sequential ${sequential}${verdict.kind === 'ok' ? '' : ` (${verdict.kind.toUpperCase()})`}`,
    );
  }
  // A fixture whose route left the table is stale: say so rather than keep a dead fixture.
  for (const id of only ? [] : Object.keys(known)) {
    if (!(id in routes))
      rows.push({ route: id, routeKey: '-', failed: 'fixture for a route that is not in the route table' });
  }
  return rows;
}
