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
