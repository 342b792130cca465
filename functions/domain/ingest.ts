// Ingest: an object appeared in the upload bucket. It is matched against its upload intent and
// checked (expiry, exact key, the uploader's right to add files as it is now, size, type by magic
// bytes); a good one becomes a document in one transaction with its event (and, for a client upload,
// the share with the uploader); a bad one is deleted and the reason recorded. Replays of the same S3 event change nothing (they only finish
// what a failed run left undone after its transaction: the shares of an update request's version).
import { createHash } from 'node:crypto';
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import type { Document, DocumentStore, Files } from './documents';
import type { DomainError } from './errors';
import { mayTakeSubmission, type RequestItem, submitted } from './file-request-items';
import type { FileRequest, FileRequestLookup, HistoryEntry } from './file-requests';
import { contentMatches, SNIFF_BYTES } from './file-types';
import { type Grant, mayUpload } from './grants';
import { displayName } from './names';
import type { Clock, Ids } from './ports';
import type { Actor } from './principal';
import { followCurrentVersion, newShare, type Share, type ShareStore } from './shares';
import { type CancelReason, firmOfKey, parseObjectKey, type UploadIntent } from './uploads';
import { type DocumentVersion, MAX_VERSIONS, versionOf } from './versions';

export type RejectionReason =
  | 'unknown_key'
  | 'intent_expired'
  | 'key_mismatch'
  | 'too_large'
  | 'empty'
  | 'type_mismatch'
  | 'object_missing'
  /** The uploader may no longer add files to the case (see refusalOf). */
  | UploaderRefusal;

/**
 * Why the uploader may not add this file now: its grant was revoked (or is gone) or no longer
 * allows uploading; a staff uploader is no longer a user of the firm; the case is gone; a contact's
 * case was closed (decision 0036: staff may still add to a closed case).
 */
export type UploaderRefusal = CancelReason | 'uploader_gone' | 'case_gone' | 'case_closed';

/** What is true now, read consistently, of the uploader's right to add files to the intent's case. */
export interface UploaderStanding {
  caseExists: boolean;
  /** The case is closed: read-only in the portal, so a contact's object is refused like a revoked one's. */
  caseClosed?: boolean;
  /** Contact uploads: the uploader's grant on the case, when there is one. */
  grant?: Pick<Grant, 'status' | 'role' | 'canUpload'>;
  /** Staff uploads: whether the uploader is still a staff user of the firm. */
  staffUser?: boolean;
}

/**
 * The conflict `completeUpload` fails with when the uploader lost its right between ingest's read of
 * it and the write (the store guards the write with the same rule as refusalOf).
 */
export const UPLOADER_CHANGED = 'uploader_changed';

/**
 * Staff have no per-case membership: being a staff user of the firm is their right to upload to its
 * cases. A contact needs an active grant whose rights allow uploading. Either way the case must exist.
 */
export function refusalOf(intent: UploadIntent, standing: UploaderStanding): UploaderRefusal | undefined {
  if (!standing.caseExists) return 'case_gone';
  if (intent.uploadedBy.kind === 'staff') return standing.staffUser ? undefined : 'uploader_gone';
  if (standing.grant?.status !== 'active') return 'revoked';
  if (standing.caseClosed) return 'case_closed';
  return mayUpload(standing.grant) ? undefined : 'upload_not_allowed';
}

/** The audit record of a refused object (the object itself is deleted). */
export interface UploadRejection {
  firmId: string;
  /** sha256 of the key: the key itself may hold anything an uploader chose. */
  keyHash: string;
  key: string;
  reason: RejectionReason;
  size: number;
  uploadId?: string;
  caseId?: string;
  rejectedAt: string;
}

export interface CompletedUpload {
  intent: UploadIntent;
  document: Document;
  /** Client uploads: the share of the document with the uploading contact (counted on its grant). */
  share?: Share;
  event: DomainEvent;
  /** The version item of `document` as recorded now. */
  version?: DocumentVersion;
  /**
   * Update requests: the document as it was. `document` is then its next version: the item is
   * updated (only while still at `previous.version`, else a `document_version_moved` conflict).
   */
  previous?: Document;
  /** The file request the upload fulfils: open → fulfilled (else a `file_request_not_open` conflict). */
  fileRequest?: {
    request: FileRequest;
    entry: HistoryEntry;
    fulfilment: NonNullable<FileRequest['fulfilment']>;
  };
  /**
   * The request-list item the upload is submitted for: item `index` becomes `item` (only while the
   * request is open at the revision it was read with, else a `file_request_moved` conflict).
   */
  fileRequestItem?: { request: FileRequest; index: number; item: RequestItem };
}

/** What ingest needs to fulfil a file request: its reads, and the shares a new version moves. */
export interface FulfilmentDeps {
  fileRequests: FileRequestLookup;
  documents: Pick<DocumentStore, 'getDocument'>;
  shares: Pick<ShareStore, 'sharesOfDocument' | 'followVersion' | 'addShare'>;
}

export interface IngestStore {
  /** The intent of an upload, read consistently. */
  getIntent(firmId: string, caseId: string, uploadId: string): Promise<UploadIntent | undefined>;
  /** The case, and the uploader's grant (contact) or staff user record (staff), read consistently. */
  uploaderStanding(intent: UploadIntent): Promise<UploaderStanding>;
  /**
   * One transaction: intent pending → completed, document, share + grant counter (client uploads),
   * event, guarded by the uploader's right as refusalOf states it (else a `uploader_changed`
   * conflict, writing nothing). Returns false, writing nothing, when the intent is no longer pending
   * (a replay).
   */
  completeUpload(upload: CompletedUpload): Promise<boolean>;
  /**
   * Records a rejection; with an intent, also marks it rejected (only while it still has the status
   * it was read with: pending or cancelled) and writes the event, in the same transaction. Returns
   * false, writing nothing, when the intent changed status meanwhile.
   */
  rejectUpload(rejection: UploadRejection, intent?: UploadIntent, event?: DomainEvent): Promise<boolean>;
}

export interface IngestDeps {
  uploads: IngestStore;
  files: Pick<Files, 'readStart' | 'markRecorded' | 'remove'>;
  clock: Clock;
  ids: Ids;
  /** Needed for uploads that name a file request. */
  fulfilment?: FulfilmentDeps;
}

export interface CreatedObject {
  key: string;
  size: number;
  /**
   * When S3 created the object (its event's time). The intent's expiry is judged by it, so an event
   * retried for hours, or raised again after the local stack restarts, does not refuse a file that
   * came in time. Absent: ingest's own clock.
   */
  arrivedAt?: Date;
}

export type IngestOutcome =
  | { outcome: 'recorded'; documentId: string }
  /** The same object was already handled (an S3 event delivered again): nothing changed. */
  | { outcome: 'replay' }
  | { outcome: 'rejected'; reason: RejectionReason };

export async function ingestObject(deps: IngestDeps, object: CreatedObject): Promise<IngestOutcome> {
  const parsed = parseObjectKey(object.key);
  const intent = parsed && (await deps.uploads.getIntent(parsed.firmId, parsed.caseId, parsed.uploadId));
  if (!intent) return reject(deps, object, 'unknown_key');
  if (intent.status === 'completed') {
    // The version was recorded, but what follows it (the shares) may not have been, the run having
    // failed in between: this retried S3 event finishes it (each step is a no-op when done).
    if (intent.fileRequestId && intent.documentId && deps.fulfilment)
      await afterFulfilment(deps.fulfilment, intent, intent.documentId);
    // The same policy may have stored the key again after the document was recorded: that object
    // came tagged pending and would expire under the document, so the current version is re-tagged.
    if (object.key === intent.key) await deps.files.markRecorded(object.key);
    return { outcome: 'replay' };
  }
  if (intent.status === 'rejected') {
    // Already refused; the delete may not have happened before a crash, so it is repeated.
    await deps.files.remove(object.key);
    return { outcome: 'replay' };
  }
  if (intent.status === 'cancelled') {
    // Closed by a revoke or a downgrade before the object came: its policy was still valid at S3.
    return reject(deps, object, (intent.reason as CancelReason | undefined) ?? 'revoked', intent);
  }

  const arrived = object.arrivedAt ?? deps.clock.now();
  if (arrived.getTime() > intent.expiresAt * 1000) return reject(deps, object, 'intent_expired', intent);
  if (object.key !== intent.key) return reject(deps, object, 'key_mismatch', intent);
  // Decided with what is true when the object arrives, not when the upload was asked for.
  const refused = refusalOf(intent, await deps.uploads.uploaderStanding(intent));
  if (refused) return reject(deps, object, refused, intent);
  if (object.size > intent.maxBytes) return reject(deps, object, 'too_large', intent);
  if (object.size < 1) return reject(deps, object, 'empty', intent);
  const head = await deps.files.readStart(object.key, SNIFF_BYTES);
  if (!head) return reject(deps, object, 'object_missing', intent);
  if (!contentMatches(intent.contentType, head, object.size > head.length)) {
    return reject(deps, object, 'type_mismatch', intent);
  }

  // Tagged before the document is written, never after: a crash in between leaves an object that
  // will not expire (its retried event records it), never a document whose object expires.
  if (!(await deps.files.markRecorded(object.key))) return reject(deps, object, 'object_missing', intent);
  try {
    return await record(deps, intent, object.size, deps.clock.now().toISOString());
  } catch (err) {
    if ((err as DomainError).code !== UPLOADER_CHANGED) throw err;
    // The right was withdrawn between the read above and the write: refused with what is true now.
    const late = refusalOf(intent, await deps.uploads.uploaderStanding(intent));
    if (late) return reject(deps, object, late, intent);
    // Withdrawn and given back in between: thrown, so EventBridge delivers the object again.
    throw err;
  }
}

/** Records a checked object: the fulfilment of its file request, else an ordinary upload. */
async function record(
  deps: IngestDeps,
  intent: UploadIntent,
  size: number,
  at: string,
): Promise<IngestOutcome> {
  if (intent.fileRequestId) {
    const fulfilled = await fulfil(deps, intent, size, at);
    if (fulfilled) return fulfilled;
    // The request closed in the meantime (cancelled, or another recipient fulfilled it): the file
    // is kept as an ordinary client upload rather than lost. The uploader may still add files to
    // the case (checked above, and guarded in the write), so it could have uploaded it anyway.
  }

  const document = documentOf(intent, size, at);
  const recorded = await deps.uploads.completeUpload({
    intent,
    document,
    version: versionOf(document, intent.uploadId, document.name),
    ...(intent.source === 'client' ? { share: ownShare(intent, document) } : {}),
    event: activity(deps, 'document.uploaded', intent, uploaderActor(intent), {
      documentId: document.documentId,
      name: document.name,
      contentType: document.contentType,
      size: document.size,
      source: document.source,
      version: document.version,
      ...(intent.contactId ? { contactId: intent.contactId } : {}),
    }),
  });
  return recorded ? { outcome: 'recorded', documentId: document.documentId } : { outcome: 'replay' };
}

/**
 * Records the upload as the fulfilment of its file request: a new document (`new` requests) or the
 * next version of the attached one (`update` requests), the request closed, `filerequest.fulfilled`,
 * all in one transaction. Undefined when the request is no longer open to this contact.
 */
async function fulfil(
  deps: IngestDeps,
  intent: UploadIntent,
  size: number,
  at: string,
): Promise<IngestOutcome | undefined> {
  const reads = deps.fulfilment;
  if (!reads) throw new Error('ingest was wired without file requests');
  const contactId = intent.contactId;
  // A version bump races only with another one; a few fresh reads settle it.
  for (let attempt = 0; attempt < 3; attempt++) {
    const request = await reads.fileRequests.getFileRequest(
      intent.firmId,
      intent.caseId,
      intent.fileRequestId!,
    );
    if (request?.status !== 'open' || !contactId || !request.recipientIds.includes(contactId))
      return undefined;
    const target = itemTarget(request, intent.fileRequestItemId);
    if (target === false) return undefined;
    // A request list's item is answered again as the next version of its first submission.
    const previousId = target ? target.item.submission?.documentId : request.document?.documentId;
    const previous = previousId
      ? await reads.documents.getDocument(intent.firmId, intent.caseId, previousId)
      : undefined;
    if (previous && previous.version >= MAX_VERSIONS) return undefined;
    const document = previous ? nextVersion(previous, intent, size, at) : documentOf(intent, size, at);
    const fulfilment = { contactId, documentId: document.documentId, version: document.version, at };
    const answer = target
      ? {
          fileRequestItem: { request, index: target.index, item: submitted(target.item, fulfilment) },
          event: activity(deps, 'filerequest.item_submitted', intent, uploaderActor(intent), {
            requestId: request.requestId,
            itemId: target.item.itemId,
            subject: target.item.subject,
            documentId: document.documentId,
            name: document.name,
            version: document.version,
            contactId,
          }),
        }
      : {
          fileRequest: {
            request,
            entry: { status: 'fulfilled', at, by: { kind: 'contact', id: contactId } } as HistoryEntry,
            fulfilment,
          },
          event: activity(deps, 'filerequest.fulfilled', intent, uploaderActor(intent), {
            requestId: request.requestId,
            kind: previous ? 'update' : 'new',
            documentId: document.documentId,
            name: document.name,
            version: document.version,
            contactId,
          }),
        };
    try {
      const recorded = await deps.uploads.completeUpload({
        intent,
        document,
        version: versionOf(document, intent.uploadId, displayName(intent.fileName), request.requestId),
        ...(previous ? { previous } : { share: ownShare(intent, document) }),
        ...answer,
      });
      // Only the delivery that recorded the version moves the shares (a concurrent one that lost
      // may have lost to a rejection); a failure here throws, so the retried event finishes it.
      if (recorded && previous) await afterFulfilment(reads, intent, document.documentId);
      return recorded ? { outcome: 'recorded', documentId: document.documentId } : { outcome: 'replay' };
    } catch (err) {
      const code = (err as DomainError).code;
      if (code === 'file_request_not_open') return undefined;
      if (code !== 'document_version_moved' && code !== 'file_request_moved') throw err;
    }
  }
  // Thrown, so EventBridge delivers the object again later.
  throw new Error('the document kept changing while its new version was recorded');
}

/**
 * The item of a request list an upload answers: undefined for a request without items (one upload
 * fulfils it), false when the upload cannot answer it now (no item named, an unknown one, or one no
 * longer taking submissions: the file is then kept as an ordinary client upload).
 */
function itemTarget(request: FileRequest, itemId: string | undefined) {
  if (!request.items) return undefined;
  const index = request.items.findIndex((i) => i.itemId === itemId);
  const item = request.items[index];
  return item && mayTakeSubmission(item) ? { index, item } : false;
}

/**
 * After a new version of a document was recorded: the uploader sees what it uploaded (its share is
 * added when staff never shared the document with it, or unshared it since), and every share of the
 * document follows the current version (see followCurrentVersion for why this runs after the
 * version's transaction, not inside it). Both steps are idempotent: a replay repeats them safely.
 */
async function afterFulfilment(deps: FulfilmentDeps, intent: UploadIntent, documentId: string) {
  const doc = await deps.documents.getDocument(intent.firmId, intent.caseId, documentId);
  if (!doc) return;
  if (intent.contactId) await deps.shares.addShare(ownShare(intent, doc));
  await followCurrentVersion(deps, intent.firmId, intent.caseId, documentId);
}

/** The next version of a document: the uploaded object becomes the current one; the name stays. */
function nextVersion(previous: Document, intent: UploadIntent, size: number, at: string): Document {
  return {
    ...previous,
    contentType: intent.contentType,
    size,
    uploadedBy: intent.uploadedBy,
    version: previous.version + 1,
    s3Key: intent.key,
    updatedAt: at,
  };
}

async function reject(
  deps: IngestDeps,
  object: CreatedObject,
  reason: RejectionReason,
  intent?: UploadIntent,
): Promise<IngestOutcome> {
  const firmId = intent?.firmId ?? firmOfKey(object.key);
  if (firmId) {
    const rejection: UploadRejection = {
      firmId,
      keyHash: keyHash(object.key),
      key: object.key,
      reason,
      size: object.size,
      ...(intent ? { uploadId: intent.uploadId, caseId: intent.caseId } : {}),
      rejectedAt: deps.clock.now().toISOString(),
    };
    const event =
      intent &&
      activity(deps, 'upload.rejected', intent, uploaderActor(intent), {
        uploadId: intent.uploadId,
        key: object.key,
        reason,
      });
    const recorded = await deps.uploads.rejectUpload(rejection, intent, event);
    // A concurrent delivery completed this upload in the meantime: its object must stay.
    if (!recorded) return { outcome: 'replay' };
  }
  // Recorded first, deleted second: a failed delete is retried by the next delivery (status rejected).
  await deps.files.remove(object.key);
  return { outcome: 'rejected', reason };
}

export const keyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

const uploaderActor = (intent: UploadIntent): Actor => ({
  kind: intent.uploadedBy.kind,
  id: intent.uploadedBy.id,
});

/** The document an upload becomes. Its id is the upload id, so a replay cannot make a second one. */
function documentOf(intent: UploadIntent, size: number, createdAt: string): Document {
  return {
    firmId: intent.firmId,
    caseId: intent.caseId,
    documentId: intent.uploadId,
    // Intents recorded before the display-name rule carry names it would not have let through.
    name: displayName(intent.fileName),
    contentType: intent.contentType,
    size,
    source: intent.source,
    uploadedBy: intent.uploadedBy,
    status: 'available',
    version: 1,
    s3Key: intent.key,
    createdAt,
  };
}

/** A contact sees its own uploads: they are shared with it, and counted on its grant. */
const ownShare = (intent: UploadIntent, document: Document): Share =>
  newShare(
    document,
    {
      contactId: intent.contactId!,
      contactName: intent.contactName ?? intent.uploadedBy.name,
      contactEmail: intent.contactEmail ?? '',
    },
    uploaderActor(intent),
    // A new version's uploader is shared with the document when it uploads, not when it was created.
    document.updatedAt ?? document.createdAt,
  );
