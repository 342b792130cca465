// Versions of a document: `DOC#<id>` is the current one; each version (the first upload, then each
// upload that fulfilled an update request) is kept as its own item, listed newest first.
import type { Person } from './case-contacts';
import { checkedAlongside } from './checks';
import type { Document } from './documents';
import { notFound } from './errors';
import { displayName } from './names';
import { type Page, type PageRequest, pageOf } from './ports';
import type { StaffPrincipal } from './principal';

export interface DocumentVersion {
  firmId: string;
  caseId: string;
  documentId: string;
  version: number;
  /** The upload that brought this version (equal to documentId for version 1). */
  uploadId: string;
  fileName: string;
  contentType: string;
  size: number;
  s3Key: string;
  uploadedBy: Person;
  fileRequestId?: string;
  createdAt: string;
}

export interface VersionStore {
  /** Versions of a document, newest first. */
  listVersions(
    firmId: string,
    caseId: string,
    documentId: string,
    page: PageRequest,
  ): Promise<Page<DocumentVersion>>;
  getDocument(firmId: string, caseId: string, documentId: string): Promise<Document | undefined>;
}

export const MAX_VERSIONS = 9999;

/** The version item of a document as it now is (its current version). */
export function versionOf(
  d: Document,
  uploadId: string,
  fileName: string,
  fileRequestId?: string,
): DocumentVersion {
  return {
    firmId: d.firmId,
    caseId: d.caseId,
    documentId: d.documentId,
    version: d.version,
    uploadId,
    fileName,
    contentType: d.contentType,
    size: d.size,
    s3Key: d.s3Key,
    uploadedBy: d.uploadedBy,
    ...(fileRequestId ? { fileRequestId } : {}),
    createdAt: d.updatedAt ?? d.createdAt,
  };
}

export async function listVersions(
  deps: { versions: VersionStore },
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
  query: PageRequest,
) {
  const [doc, page] = await checkedAlongside(
    deps.versions.getDocument(by.firmId, caseId, documentId).then((d) => {
      if (!d) throw notFound('document');
      return d;
    }),
    deps.versions.listVersions(by.firmId, caseId, documentId, pageOf(query)),
  );
  return {
    ...page,
    items: page.items.map(({ firmId: _, caseId: __, s3Key: ___, ...v }) => ({
      ...v,
      fileName: displayName(v.fileName),
      current: v.version === doc.version,
    })),
  };
}
