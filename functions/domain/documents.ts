// Documents of a case: the model, the Files port (object storage), listing and short-lived downloads
// for staff and for contacts a document is shared with.
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { type CaseStore, pageOfCase } from './cases';
import { notFound } from './errors';
import { type GrantLookup, type GrantPlaces, withContactAccess } from './grants';
import { displayName } from './names';
import type { Clock, Page, PageRequest } from './ports';
import { type ContactPrincipal, Person, type StaffPrincipal } from './principal';
import type { Share, ShareStore } from './shares';

export const DocumentSource = lazySchema(() => z.enum(['firm', 'client']));
export type DocumentSource = z.output<typeof DocumentSource>;

/** Who uploaded a document, with the name they had at upload time. */
export const Uploader = Person;
export type Uploader = Person;

/**
 * What clients see of a document (no storage details): the response schema and, through z.output,
 * the type the mappers below return. A field clients should see is added here, once.
 */
export const DocumentView = lazySchema(() =>
  z.object({
    documentId: z.string(),
    caseId: z.string(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().check(z.int()),
    source: DocumentSource,
    /** Who uploaded it: a staff user or a contact, with the name at upload time. */
    uploadedBy: Uploader,
    status: z.enum(['available']),
    version: z.number().check(z.int()),
    createdAt: z.string().register(z.globalRegistry, {
      description:
        'When the document was recorded (its upload arrived and passed the checks), not when the upload started. Document lists are ordered by it, newest first.',
    }),
  }),
);
export type DocumentView = z.output<typeof DocumentView>;

/** The stored document: its view plus what never leaves the backend. */
export interface Document extends DocumentView {
  firmId: string;
  /** Equal to the upload id: a replayed "Object Created" event cannot record a second document. */
  documentId: string;
  /** Actual size of the stored object, in bytes. */
  size: number;
  /** Object key in the upload bucket. Never leaves the backend except inside a presigned URL. */
  s3Key: string;
  /** When the current version replaced an earlier one (an update request was fulfilled). */
  updatedAt?: string;
  /** In the trash since (decision 0038): hidden from the portal and from the case's lists. */
  deletedAt?: string;
  /** When the purge run removes it, if it is still in the trash. */
  purgeAt?: string;
  /** The staff user who trashed it. */
  deletedBy?: string;
  /** The purge run claimed it: it can no longer be restored. */
  purgingAt?: string;
}

/** Object storage, as the domain needs it. Adapter: functions/files/s3-files.ts. */
export interface Files {
  /** A browser form upload of exactly `key`, `contentType`, 1..maxBytes bytes, valid `expiresInSeconds`. */
  presignUpload(input: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresInSeconds: number;
  }): Promise<{ url: string; fields: Record<string, string> }>;
  /** A GET URL that downloads the object as an attachment named `fileName`. */
  presignDownload(input: { key: string; fileName: string; expiresInSeconds: number }): Promise<string>;
  /** Up to `bytes` leading bytes of an object; undefined when the object does not exist. */
  readStart(key: string, bytes: number): Promise<Uint8Array | undefined>;
  /**
   * Marks the object as a document's bytes, so the lifecycle rule that expires uploads which never
   * became documents leaves it (decision 0022). False when the object is gone.
   */
  markRecorded(key: string): Promise<boolean>;
  /** Deletes an object (no error when it is already gone). */
  remove(key: string): Promise<void>;
  /**
   * Removes a purged document's object for good: tagged `purged` first, so the bucket's lifecycle
   * expires the version S3 keeps of it within a day (decision 0038). No error when it is gone.
   */
  discard(key: string): Promise<void>;
}

export interface DocumentStore {
  /** One document, read consistently. */
  getDocument(firmId: string, caseId: string, documentId: string): Promise<Document | undefined>;
  /** Documents of a case, newest first, optionally from one source only. */
  listDocuments(
    firmId: string,
    caseId: string,
    source: DocumentSource | undefined,
    page: PageRequest,
  ): Promise<Page<Document>>;
}

export interface DocumentDeps {
  cases: Pick<CaseStore, 'getCase'>;
  documents: DocumentStore;
  shares: Pick<ShareStore, 'sharedDocument' | 'listSharedWithContact'>;
  grants: GrantLookup & GrantPlaces;
  files: Pick<Files, 'presignDownload'>;
  clock: Clock;
}

/** Presigned downloads are short: a leaked link stops working within minutes. */
export const DOWNLOAD_TTL_SECONDS = 5 * 60;

/** Staff's view of a document: every field of DocumentView, so a new one reaches it unmapped. */
export const documentView = ({
  firmId: _,
  s3Key: __,
  updatedAt: ___,
  deletedAt: _d,
  purgeAt: _p,
  deletedBy: _b,
  purgingAt: _g,
  ...view
}: Document): DocumentView => ({
  ...view,
  // Names stored before the display-name rule pass through it on the way out (it is idempotent).
  name: displayName(view.name),
});

/** A contact's view of a shared document, built from the share's copy of the document's fields. */
export const sharedDocumentView = (s: Share): DocumentView => ({
  documentId: s.documentId,
  caseId: s.caseId,
  name: displayName(s.documentName),
  contentType: s.contentType,
  size: s.size,
  source: s.source,
  uploadedBy: s.uploadedBy,
  status: 'available',
  version: s.version,
  createdAt: s.documentCreatedAt,
});

export async function listDocuments(
  deps: Pick<DocumentDeps, 'cases' | 'documents'>,
  by: StaffPrincipal,
  caseId: string,
  query: PageRequest & { source?: DocumentSource },
): Promise<Page<DocumentView>> {
  const page = await pageOfCase(
    deps.cases,
    by,
    caseId,
    (p) => deps.documents.listDocuments(by.firmId, caseId, query.source, p),
    query,
  );
  return { ...page, items: page.items.map(documentView) };
}

export async function downloadDocument(
  deps: Pick<DocumentDeps, 'documents' | 'files' | 'clock'>,
  by: StaffPrincipal,
  caseId: string,
  documentId: string,
): Promise<{ url: string; expiresAt: string }> {
  const doc = await deps.documents.getDocument(by.firmId, caseId, documentId);
  if (!doc) throw notFound('document');
  return presignedDownload(deps, doc);
}

export async function listPortalDocuments(
  deps: Pick<DocumentDeps, 'grants' | 'shares'>,
  by: ContactPrincipal,
  caseId: string,
  page: PageRequest,
): Promise<Page<DocumentView>> {
  const { data: shares } = await withContactAccess(deps, by, caseId, 'view', (at) =>
    deps.shares.listSharedWithContact(at.firmId, caseId, at.contactId, page),
  );
  return { ...shares, items: shares.items.map(sharedDocumentView) };
}

export async function downloadPortalDocument(
  deps: DocumentDeps,
  by: ContactPrincipal,
  caseId: string,
  documentId: string,
): Promise<{ url: string; expiresAt: string }> {
  // Only documents shared with this very contact: the share item decides, read consistently so an
  // unshare takes effect at once. Share and document are read with the grant.
  const {
    data: { share, document },
  } = await withContactAccess(deps, by, caseId, 'download', (at) =>
    deps.shares.sharedDocument(at.firmId, caseId, documentId, at.contactId),
  );
  // A trashed document is absent from the portal at once, as if it had never been shared.
  if (!share || !document || document.deletedAt !== undefined) throw notFound('document');
  return presignedDownload(deps, document);
}

async function presignedDownload(
  deps: Pick<DocumentDeps, 'files' | 'clock'>,
  doc: Document,
): Promise<{ url: string; expiresAt: string }> {
  const expiresAt = new Date(deps.clock.now().getTime() + DOWNLOAD_TTL_SECONDS * 1000).toISOString();
  const url = await deps.files.presignDownload({
    key: doc.s3Key,
    fileName: displayName(doc.name),
    expiresInSeconds: DOWNLOAD_TTL_SECONDS,
  });
  return { url, expiresAt };
}
