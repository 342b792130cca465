// Which error statuses each route documents. Every error has the body `ErrorBody` with a stable
// `code`; this decides only which statuses a client of a route should be ready for.
import type { RouteDef } from '../../functions/http/route';

/**
 * Routes whose domain answers 410 Gone: a token that existed but expired. Kept by route id because
 * no other route consumes an expiring credential; add a route here when it starts to.
 */
export const GONE_ROUTES: ReadonlySet<string> = new Set(['acceptInvitation']);

/**
 * 400 always (schema, cursor); 401/403 unless public; 404 when the path names a resource or the
 * route writes (a write names its targets, in the path or the body); 409/422 for every write (state
 * transitions, uniqueness and business rules are checked on writes); 500 always.
 */
export function errorStatuses(id: string, route: RouteDef): number[] {
  const writes = route.method !== 'GET';
  const namesResource = /\{[^}]+\}/.test(route.path);
  const statuses = [400];
  if (route.auth !== 'public') statuses.push(401, 403);
  if (namesResource || writes) statuses.push(404);
  if (writes) statuses.push(409);
  if (GONE_ROUTES.has(id)) statuses.push(410);
  if (writes) statuses.push(422);
  statuses.push(500);
  return statuses;
}
