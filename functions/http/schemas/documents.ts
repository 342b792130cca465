// Request and response schemas of documents, uploads and shares.
import { TrashedDocumentView } from '../../domain/document-trash';
import { DocumentSource, DocumentView } from '../../domain/documents';
import { Person } from '../../domain/principal';
import { ShareView } from '../../domain/shares';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Id, PageQuery, Text } from './common';

export { DocumentView, ShareView, TrashedDocumentView };

/** A rename: the display-name rule (decision 0018) applies to what is typed; the object key stays. */
export const RenameDocumentBody = lazySchema(() => z.strictObject({ name: Text(255) }));

export const ContactSharesParams = lazySchema(() => z.strictObject({ caseId: Id, contactId: Id }));

/** Types a portal accepts, each checked against the file's first bytes by ingest. */
export const UploadContentType = lazySchema(() =>
  z.enum([
    'application/pdf',
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/tiff',
    'application/zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/msword',
    'application/vnd.ms-excel',
    'text/plain',
    'text/csv',
  ]),
);

export const UploadBody = lazySchema(() =>
  z.strictObject({
    fileName: Text(255),
    contentType: UploadContentType,
    /** Declared size in bytes; the presigned policy and ingest both hold the upload to the firm's limit. */
    size: z.number().check(z.int(), z.gte(1)),
    /** Portal uploads: the file request this upload fulfils (the caller must be one of its recipients). */
    fileRequestId: z.optional(Id),
    /** Portal uploads for a request list: the item of `fileRequestId` this upload is submitted for. */
    fileRequestItemId: z.optional(Id),
  }),
);

export const UploadView = lazySchema(() =>
  z.object({
    uploadId: z.string(),
    key: z.string(),
    /** POST the form fields, then the file as the last field named `file`, to this URL. */
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    maxBytes: z.number().check(z.int()),
    expiresAt: z.string(),
  }),
);

export const DocumentsQuery = lazySchema(() => z.extend(PageQuery, { source: z.optional(DocumentSource) }));

export const DownloadView = lazySchema(() => z.object({ url: z.string(), expiresAt: z.string() }));

export const DocumentSharesBody = lazySchema(() =>
  z.strictObject({ contactIds: z.array(Id).check(z.maxLength(500)) }),
);
export const ContactSharesBody = lazySchema(() =>
  z.strictObject({ documentIds: z.array(Id).check(z.maxLength(500)) }),
);

export const ShareSetView = lazySchema(() =>
  z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    unchanged: z.array(z.string()),
  }),
);

export const SharesQuery = lazySchema(() =>
  z.extend(PageQuery, {
    q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  }),
);

// ── versions ─────────────────────────────────────────────────────────────────────────────

export const DocumentVersionView = lazySchema(() =>
  z.object({
    documentId: z.string(),
    version: z.number().check(z.int(), z.positive()),
    /** True for the newest version (the one a download returns). */
    current: z.boolean(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().check(z.int()),
    uploadedBy: Person,
    fileRequestId: z.optional(z.string()),
    createdAt: z.string(),
  }),
);
