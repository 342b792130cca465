// Who of a case's contacts may be addressed (shared a discussion, sent a file request): those whose
// grant is not revoked. An invited contact counts: it sees what it was sent once it accepts.
import type { Document } from './documents';
import { notFound, unprocessable } from './errors';
import type { Grant } from './grants';
import type { Page, PageRequest } from './ports';

export interface CaseContacts {
  /** Every grant of a case (bounded by its contacts), read consistently. */
  grantsOfCase(firmId: string, caseId: string): Promise<Grant[]>;
}

/** A person as shown on a discussion, comment or file request, with the name they had then. */
export type { Person } from './principal';

export const hasAccess = (g: Grant) => g.status !== 'revoked';

/**
 * The grants of the chosen contacts, or a 422 naming those without access; `all` is every contact
 * with access (a 422 when there is none: nobody could read what is published).
 */
export async function addressableContacts(
  deps: { caseContacts: CaseContacts },
  firmId: string,
  caseId: string,
  chosen: 'all' | string[],
  codes: { without: string; none: string },
): Promise<Grant[]> {
  const grants = (await deps.caseContacts.grantsOfCase(firmId, caseId)).filter(hasAccess);
  if (chosen === 'all') {
    if (grants.length === 0)
      throw unprocessable(codes.none, 'No contact has access to this case yet: grant access first.');
    return grants;
  }
  const byId = new Map(grants.map((g) => [g.contactId, g]));
  const ids = [...new Set(chosen)];
  const without = ids.filter((id) => !byId.has(id));
  if (without.length > 0)
    throw unprocessable(codes.without, 'Some of the chosen contacts have no access to this case.', {
      contactIds: without,
    });
  return ids.map((id) => byId.get(id)!);
}

/** The document an attachment names, which must be a document of the same case. */
export async function attachedDocument(
  deps: {
    documents: { getDocument(firmId: string, caseId: string, id: string): Promise<Document | undefined> };
  },
  firmId: string,
  caseId: string,
  documentId: string,
): Promise<Document> {
  const doc = await deps.documents.getDocument(firmId, caseId, documentId);
  if (!doc)
    throw unprocessable('attachment_not_found', 'The attached document is not a document of this case.', {
      documentId,
    });
  return doc;
}

/** A page request without the absent token (exactOptionalPropertyTypes). */
export const pageOf = (q: PageRequest): PageRequest => ({
  limit: q.limit,
  ...(q.nextToken ? { nextToken: q.nextToken } : {}),
});

export const mapPage = <T, U>(page: Page<T>, f: (t: T) => U): Page<U> => ({
  ...page,
  items: page.items.map(f),
});

export const caseNotFound = () => notFound('case');
