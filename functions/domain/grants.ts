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

/**
 * Finding a grant in two steps, so a portal route can read its data alongside the grant (decision
 * 0033): where it is (a hint), then the item itself, which decides.
 */
export interface GrantPlaces extends GrantLocator {
  /** The grant item at `place`, read consistently, whoever it belongs to: the caller decides. */
  readGrant(place: GrantPlace): Promise<Grant | undefined>;
}

/**
 * The contact's active grant on a case, as requireContactAccess decides it, and `read`'s answer,
 * read at the same time: withContactParts with the grant item as the only part, for routes whose
 * data read is not a BatchGetItem the grant could join.
 */
export async function withContactAccess<T>(
  deps: { grants: GrantPlaces },
  principal: ContactPrincipal,
  caseId: string,
  need: ContactNeed,
  read: (place: GrantPlace) => Promise<T>,
): Promise<{ grant: Grant; data: T }> {
  const { parts, data } = await withContactParts(
    { grantLocator: deps.grants },
    principal,
    caseId,
    need,
    async (at) => ({ grant: await deps.grants.readGrant(at) }),
    read,
  );
  return { grant: parts.grant, data };
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
