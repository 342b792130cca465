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
