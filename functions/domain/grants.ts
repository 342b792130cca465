// Grants: a contact's access to one case, and the one check every portal route makes against it.
// A contact's rights are always read from the table (consistently), never trusted from a token.
import { DomainError, forbidden, notFound } from './errors';
import type { ContactPrincipal } from './principal';

export type GrantRole = 'viewer' | 'collaborator';

export interface Grant {
  firmId: string;
  caseId: string;
  contactId: string;
  /** Denormalized at grant time for the access list and the portal. */
  contactName: string;
  contactEmail: string;
  caseTitle: string;
  firmName: string;
  role: GrantRole;
  canDownload: boolean;
  /** Collaborators only. */
  canUpload: boolean;
  status: 'invited' | 'active' | 'revoked';
  invitedAt: string;
  acceptedAt?: string;
  /** The portal identity bound to the contact, once an invitation was accepted. */
  identityId?: string;
  /** Documents shared with the contact in this case (its own uploads included); atomic counter. */
  sharedCount: number;
}

export interface GrantLookup {
  /**
   * The grant of the contact bound to `identityId` on `caseId`, read consistently (a revoke takes
   * effect at once), or undefined when there is none.
   */
  findGrantForIdentity(identityId: string, caseId: string): Promise<Grant | undefined>;
}

/** Where a portal identity's grant on a case is stored: the firm and the contact it stands for there. */
export interface GrantPlace {
  firmId: string;
  caseId: string;
  contactId: string;
}

/** Finding a grant in two steps, so a portal route can read its data alongside the grant (decision 0033). */
export interface GrantPlaces {
  /** Where the grant probably is: a hint (from the index, or remembered), never a decision. */
  placeOf(identityId: string, caseId: string): Promise<GrantPlace | undefined>;
  /**
   * The grant at `place`, read consistently, when it is the active grant of `identityId`; else
   * undefined, and the place is forgotten.
   */
  grantAt(place: GrantPlace, identityId: string): Promise<Grant | undefined>;
}

/**
 * The contact's active grant on a case, as requireContactAccess decides it, and `read`'s answer,
 * read at the same time: the grant's place is found first (usually remembered by the container), then
 * the grant and the data are read together. The data is returned only once the grant allows it; a
 * failed `read` (a bad cursor) surfaces only then, so a caller without access still gets 404. When the
 * place was stale, the lookup is made again the slow way, with the data read again.
 */
export async function withContactAccess<T>(
  deps: { grants: GrantLookup & GrantPlaces },
  principal: ContactPrincipal,
  caseId: string,
  need: ContactNeed,
  read: (place: GrantPlace) => Promise<T>,
): Promise<{ grant: Grant; data: T }> {
  const place = await deps.grants.placeOf(principal.identityId, caseId);
  if (place) {
    const data = read(place);
    data.catch(() => {}); // decided after the grant: an unused failure must not go unhandled
    const grant = await deps.grants.grantAt(place, principal.identityId);
    if (grant) return { grant: allow(grant, need), data: await data };
  }
  const grant = await requireContactAccess(deps, principal, caseId, need);
  return { grant, data: await read(grant) };
}

export type ContactNeed = 'view' | 'download' | 'upload';

/**
 * The contact's active grant on a case, or an error: 404 when there is none (or it was revoked:
 * the case is not revealed), 403 with a clear code when the grant does not allow `need`.
 */
export async function requireContactAccess(
  deps: { grants: GrantLookup },
  principal: ContactPrincipal,
  caseId: string,
  need: ContactNeed = 'view',
): Promise<Grant> {
  const grant = await deps.grants.findGrantForIdentity(principal.identityId, caseId);
  if (grant?.status !== 'active') throw notFound('case');
  return allow(grant, need);
}

/** The grant when it allows `need`, or 403 with a clear code. */
function allow(grant: Grant, need: ContactNeed): Grant {
  if (need === 'download' && !grant.canDownload)
    throw forbidden(
      'download_not_allowed',
      'Your access to this case does not include downloading documents.',
    );
  if (need === 'upload' && !mayUpload(grant))
    throw forbidden('upload_not_allowed', 'Your access to this case does not include uploading documents.');
  return grant;
}

/** The rights of a grant that let its contact add files: collaborator with `canUpload` (status aside). */
export const mayUpload = (g: Pick<Grant, 'role' | 'canUpload'>) => g.role === 'collaborator' && g.canUpload;

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** Where a contact's grant on a case lives: what the portal's index (GSI1) answers for an identity. */
export interface GrantLocation extends GrantPlace {
  /** Remembered from an earlier lookup in this container rather than looked up now. */
  memoized: boolean;
}

export interface GrantLocator {
  /**
   * Where the grant of `identityId` on `caseId` lives, or undefined when the index knows none. A
   * grant's key never changes, so a container may remember it; `fresh` asks the index again. Only
   * the grant item, read consistently alongside the work, decides.
   */
  locateGrant(identityId: string, caseId: string, fresh: boolean): Promise<GrantLocation | undefined>;
}

/** requireContactAccess's decision, on a grant item read (consistently) alongside the work. */
export function decideContactAccess(
  grant: Grant | undefined,
  principal: ContactPrincipal,
  need: ContactNeed = 'view',
): Grant {
  // The index may lag behind a revoke or a re-binding: only the item itself is trusted.
  if (grant?.identityId !== principal.identityId || grant.status !== 'active') throw notFound('case');
  return allow(grant, need);
}

/**
 * A portal read with its access check folded in: the grant's location, then in one round trip
 * `parts` (one BatchGetItem holding the grant and what else the route checks) and `data` (the
 * list it guards); the grant decides before anything is returned, with requireContactAccess's
 * answers. A remembered location whose grant no longer admits the caller is looked up afresh once
 * (the index may point at another grant now), so the answer is the lookup-first one.
 */
export async function withContactParts<P extends { grant?: Grant | undefined }, D = undefined>(
  deps: { grantLocator: GrantLocator },
  principal: ContactPrincipal,
  caseId: string,
  need: ContactNeed,
  parts: (at: GrantLocation) => Promise<P>,
  data?: (at: GrantLocation) => Promise<D>,
): Promise<{ parts: P & { grant: Grant }; data: D }> {
  for (let fresh = false; ; fresh = true) {
    const at = await deps.grantLocator.locateGrant(principal.identityId, caseId, fresh);
    if (!at) throw notFound('case');
    const [p, d] = await Promise.allSettled([parts(at), data ? data(at) : Promise.resolve(undefined as D)]);
    if (p.status === 'rejected') throw p.reason;
    const admits = p.value.grant?.identityId === principal.identityId && p.value.grant.status === 'active';
    if (!admits && at.memoized && !fresh) continue;
    const grant = decideContactAccess(p.value.grant, principal, need);
    if (d.status === 'rejected') throw d.reason;
    return { parts: { ...p.value, grant }, data: d.value };
  }
}
