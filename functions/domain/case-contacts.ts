// Who of a case's contacts may be addressed (shared a discussion, sent a file request): those whose
// grant is not revoked. An invited contact counts: it sees what it was sent once it accepts.
import type { Case } from './cases';
import { checkedAlongside } from './checks';
import { requireOutOfTrash } from './document-trash';
import type { Document } from './documents';
import { notFound, unprocessable } from './errors';
import type { StaffUser } from './firm';
import type { Grant, GrantLocation } from './grants';
import type { Page } from './ports';

export interface CaseContacts {
  /** Every grant of a case (bounded by its contacts), read consistently. */
  grantsOfCase(firmId: string, caseId: string): Promise<Grant[]>;
  /** The grant at a location, read consistently (a portal route's check, alongside its work). */
  grantAt(at: GrantLocation): Promise<{ grant?: Grant }>;
}

/** Which items of a case a staff route reads besides the case itself. */
export interface CasePartsWanted {
  /** The caller's staff record (the name it signs with). */
  userId?: string | undefined;
  /** A document of the case (an attachment). */
  documentId?: string | undefined;
}

export interface CaseParts {
  /**
   * The case and the wanted items, in one consistent BatchGetItem: the route's check and what it
   * works from in one round trip. A name is absent where no item exists.
   */
  caseParts(
    firmId: string,
    caseId: string,
    wanted: CasePartsWanted,
  ): Promise<{ case?: Case; user?: StaffUser; document?: Document }>;
}

/**
 * What addressing a case's contacts reads, in one round trip: the case and the wanted items (one
 * read; 404 `case` decides first) with the case's grants alongside.
 */
export const caseAndGrants = (
  deps: { caseParts: CaseParts; caseContacts: CaseContacts },
  firmId: string,
  caseId: string,
  wanted: CasePartsWanted,
) =>
  checkedAlongside(
    requireCaseParts(deps, firmId, caseId, wanted),
    deps.caseContacts.grantsOfCase(firmId, caseId),
  );

/** The attachment (422 when it is not a document of the case) and the addressed contacts' grants. */
export function attachmentAndContacts(
  parts: { document?: Document },
  caseGrants: Grant[],
  attachmentDocumentId: string | undefined,
  chosen: 'all' | string[],
  codes: { without: string; none: string },
): { attachment: Document | undefined; contacts: Grant[] } {
  const attachment = attachmentDocumentId
    ? requireAttachment(parts.document, attachmentDocumentId)
    : undefined;
  return { attachment, contacts: chooseAddressable(caseGrants, chosen, codes) };
}

/** The case and the wanted items (one read), or 404 `case`. */
/** Whether the case exists (in the caller's firm): what a list under it asks when its page is empty. */
export const caseExists = async (deps: { caseParts: CaseParts }, firmId: string, caseId: string) =>
  !!(await deps.caseParts.caseParts(firmId, caseId, {})).case;

export async function requireCaseParts(
  deps: { caseParts: CaseParts },
  firmId: string,
  caseId: string,
  wanted: CasePartsWanted,
) {
  const parts = await deps.caseParts.caseParts(firmId, caseId, wanted);
  if (!parts.case) throw caseNotFound();
  return { ...parts, case: parts.case };
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
  return chooseAddressable(await deps.caseContacts.grantsOfCase(firmId, caseId), chosen, codes);
}

/** addressableContacts's choice among grants already read. */
export function chooseAddressable(
  caseGrants: Grant[],
  chosen: 'all' | string[],
  codes: { without: string; none: string },
): Grant[] {
  const grants = caseGrants.filter(hasAccess);
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
  return requireAttachment(await deps.documents.getDocument(firmId, caseId, documentId), documentId);
}

/** attachedDocument's check on a document already read (undefined: not a document of the case). */
export function requireAttachment(doc: Document | undefined, documentId: string): Document {
  if (!doc)
    throw unprocessable('attachment_not_found', 'The attached document is not a document of this case.', {
      documentId,
    });
  return requireOutOfTrash(doc);
}

export { pageOf } from './ports';

export const mapPage = <T, U>(page: Page<T>, f: (t: T) => U): Page<U> => ({
  ...page,
  items: page.items.map(f),
});

export const caseNotFound = () => notFound('case');
