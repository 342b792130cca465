// Turns the verified JWT claims that API Gateway (or the local gateway) hands over into a
// principal, and checks it against the route's auth kind and, for staff, the staff directory.
// Claims alone never make a staff principal: see docs/decisions/0023-staff-rights-from-directory.md.
import type { CallerRecord } from '../domain/caller-record';
import { DomainError, forbidden } from '../domain/errors';
import { isActiveStaff } from '../domain/firm';
import type { ContactPrincipal, Principal, StaffPrincipal, StaffRole } from '../domain/principal';
import type { AuthKind } from './route';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

const FIRM_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const ROLES: ReadonlySet<string> = new Set<StaffRole>(['admin', 'staff']);

/** The app clients (Cognito app client ids) whose tokens the API accepts, by sign-in. */
export interface TokenClients {
  staff: readonly string[];
  contact: readonly string[];
}

/** A staff user's standing as the staff directory (the table) records it. */
export interface StaffStanding {
  role: StaffRole;
  /** Absent on records written before the field existed: active. */
  status?: 'active' | 'inactive';
}

/** Port: the staff directory (the staff user records), possibly cached. */
export interface StaffDirectory {
  standing(firmId: string, userId: string): Promise<StaffStanding | undefined>;
}

/** What the authorize step needs besides the route: which clients sign in whom, and the directory. */
export interface Gate {
  clients: TokenClients;
  directory: StaffDirectory;
  /**
   * Where the directory's read of a caller waits for the route (decision 0052): the caller's record,
   * still unread, for the route's own request to carry (or decline); absent, the directory reads it.
   */
  callerRecord?(caller: StaffPrincipal): CallerRecord | undefined;
}

/**
 * Which app client a token was issued to: ID tokens carry it in `aud`, access tokens in
 * `client_id` (the same two claims API Gateway's JWT authorizer checks).
 */
function clientOf(claims: Claims): string | undefined {
  const token = claims.aud ?? claims.client_id;
  return typeof token === 'string' ? token : undefined;
}

/**
 * Staff tokens carry firmId and role (as plain claims, or Cognito's `custom:` attributes), and
 * count only when issued to the staff sign-in. A contact-client token's firm claims are ignored:
 * a contact's rights come from its grants. A role nobody defined is refused on every route.
 */
export function principalFromClaims(
  claims: Claims | undefined,
  clients: TokenClients,
): Principal | undefined {
  const sub = claims?.sub;
  if (!claims || typeof sub !== 'string' || sub.length === 0) return undefined;
  const firmId = claims.firmId ?? claims['custom:firmId'];
  const role = claims.role ?? claims['custom:role'];
  // Checked before the client: an unknown role means the identity setup is wrong somewhere, and
  // no route (portal routes included) should guess what such a token may do.
  if (role !== undefined && (typeof role !== 'string' || !ROLES.has(role)))
    throw forbidden('unknown_role', 'The token carries a role Portico does not know.');
  const client = clientOf(claims);
  if (client !== undefined && clients.staff.includes(client)) {
    if (typeof firmId === 'string' && FIRM_ID.test(firmId) && typeof role === 'string') {
      return { kind: 'staff', userId: sub, firmId, role: role as StaffRole };
    }
    throw forbidden('staff_not_active', 'This staff sign-in is not a staff user of a firm.');
  }
  if (client !== undefined && clients.contact.includes(client)) return contactPrincipal(sub, claims);
  // Issued to a client the API does not serve (the authorizer lets none through; defence in depth).
  return undefined;
}

/**
 * Cognito puts `email_verified` in ID tokens as a boolean; API Gateway hands claims over as strings.
 * Anything but true / 'true' is unverified.
 */
function contactPrincipal(sub: string, claims: Claims): ContactPrincipal {
  const email = claims.email;
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  return {
    kind: 'contact',
    identityId: sub,
    ...(typeof email === 'string' && email.length > 0 ? { email } : {}),
    emailVerified: verified,
  };
}

export function authorize(auth: AuthKind, principal: Principal | undefined): void {
  if (auth === 'public') return;
  if (!principal)
    throw new DomainError('unauthenticated', 'unauthenticated', 'A valid bearer token is required.');
  if (auth === 'contact') {
    if (principal.kind !== 'contact') throw forbidden('contacts_only', 'This route is for portal contacts.');
    return;
  }
  if (principal.kind !== 'staff') throw forbidden('staff_only', 'This route is for firm staff.');
  if (auth === 'admin' && principal.role !== 'admin')
    throw forbidden('admin_only', 'This route needs the firm admin role.');
}

/**
 * A staff principal counts only while the directory lists its `sub` in its firm, active, with the
 * role the token claims: a deactivated user, or a role changed since the token was issued, is
 * refused (within the directory's cache window).
 */
export async function confirmStaff(principal: StaffPrincipal, directory: StaffDirectory): Promise<void> {
  const standing = await directory.standing(principal.firmId, principal.userId);
  if (!standing || !isActiveStaff(standing))
    throw forbidden('staff_not_active', 'This user is not an active staff user of the firm.');
  if (standing.role !== principal.role)
    throw forbidden('role_mismatch', "The token's role differs from the user's role in the firm.");
}
