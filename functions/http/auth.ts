// Turns the verified JWT claims that API Gateway (or the local gateway) hands over into a
// principal, and checks it against the route's auth kind. Firm and role come only from the token.
import { DomainError, forbidden } from '../domain/errors';
import type { Principal } from '../domain/principal';
import type { AuthKind } from './route';

type Claims = Record<string, string | number | boolean | string[] | undefined>;

const FIRM_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Staff tokens carry firmId and role (as plain claims, or Cognito's `custom:` attributes). */
export function principalFromClaims(claims: Claims | undefined): Principal | undefined {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  const firmId = claims?.firmId ?? claims?.['custom:firmId'];
  const role = claims?.role ?? claims?.['custom:role'];
  if (typeof firmId === 'string' && FIRM_ID.test(firmId) && (role === 'admin' || role === 'staff')) {
    return { kind: 'staff', userId: sub, firmId, role };
  }
  return { kind: 'contact', identityId: sub };
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
