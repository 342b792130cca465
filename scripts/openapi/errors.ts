// Which error statuses each route documents. Every error has the body `ErrorBody` with a stable
// `code`; this decides only which statuses a client of a route should be ready for.
import type { RouteDef } from '../../functions/http/route';

/**
 * Routes whose domain answers 410 Gone: a token that existed but expired. Kept by route id because
 * no other route consumes an expiring credential; add a route here when it starts to.
 */
export const GONE_ROUTES: ReadonlySet<string> = new Set(['acceptInvitation', 'openInvitation']);

/**
 * The 403 codes of the authorize step, which any route with a token may answer (decision 0023 for
 * the last three): clients switch on `code`, so each is listed once here and in the document.
 */
export const AUTHORIZATION_CODES: Readonly<Record<string, string>> = {
  staff_only: 'a staff route called with a portal (contact) token — including one that carries firm claims',
  admin_only: 'an admin route called by a staff user whose role is staff',
  contacts_only: 'a portal route called with a staff token',
  staff_not_active:
    'a staff token whose sub is not an active staff user of its firm in the staff directory (never stored, removed, or status inactive; seen within the directory cache window, 60 s)',
  role_mismatch: "a staff token whose role differs from the user's role in the staff directory",
  unknown_role:
    'a token whose role claim is neither admin nor staff; refused on every route, portal routes included',
};

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
