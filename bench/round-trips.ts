// Section 4: AWS requests per route. Every route of the route table is called once, in process,
// through its group handler with a valid fixture, and the requests it makes are counted on the
// shared SDK clients (bench/requests.ts); reads over 1 DynamoDB request and writes over 2 are flagged.
import { routeKey } from '../functions/http/route';
import { type RouteId, routeEntries, routes } from '../functions/http/routes';
import type { HttpCall } from './events';
import { type Fixture, fixtures } from './fixtures';
import { countRequests, type Service } from './requests';
import { SetupError, type World } from './world';

export type RoundTripRow =
  | {
      route: RouteId;
      routeKey: string;
      status: number;
      dynamodb: number;
      other: number;
      byService: Partial<Record<Service, number>>;
      commands: string[];
      limit: number;
      flagged: boolean;
    }
  | { route: RouteId; routeKey: string; skipped: string }
  | { route: string; routeKey: string; failed: string };

/** Reads: 1 DynamoDB request; writes: 2 (a TransactWriteItems is one request). */
const limitOf = (method: string) => (method === 'GET' ? 1 : 2);

export async function measureRoundTrips(
  world: World,
  progress: (line: string) => void,
): Promise<RoundTripRow[]> {
  const rows: RoundTripRow[] = [];
  const known = fixtures as Record<string, Fixture | undefined>;
  // Every route of the table, in table order; the order of the fixtures object does not matter.
  for (const [id, route] of routeEntries()) {
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
    const limit = limitOf(route.method);
    rows.push({
      route: id,
      routeKey: key,
      status: res.status,
      dynamodb,
      other: requests.length - dynamodb,
      byService,
      commands: requests.map((r) => `${r.service}:${r.command}`),
      limit,
      flagged: dynamodb > limit,
    });
    progress(
      `round trips: ${id} → ${res.status}, DynamoDB ${dynamodb}${dynamodb > limit ? ` (OVER ${limit})` : ''}`,
    );
  }
  // A fixture whose route left the table is stale: say so rather than keep a dead fixture.
  for (const id of Object.keys(known)) {
    if (!(id in routes))
      rows.push({ route: id, routeKey: '-', failed: 'fixture for a route that is not in the route table' });
  }
  return rows;
}
