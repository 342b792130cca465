// Uploads: a staff user or a contact asks to upload a file; we record an upload intent (TTL) and
// hand back a presigned POST bound to one exact object key, content type and size range. The
// object itself is matched against the intent by ingest (functions/domain/ingest.ts).
import { type CaseStore, requireOpenCase } from './cases';
import type { DocumentSource, Files, Uploader } from './documents';
import { notFound, unprocessable } from './errors';
import { type FileRequestLookup, requestToFulfil } from './file-requests';
import type { FirmStore } from './firm';
import { type GrantLookup, type GrantPlaces, withContactAccess } from './grants';
import { displayName } from './names';
import type { Clock, Ids } from './ports';
import type { ContactPrincipal, StaffPrincipal } from './principal';

export interface UploadIntent {
  uploadId: string;
  firmId: string;
  caseId: string;
  /** The one object key the presigned POST allows. */
  key: string;
  /** The name the uploader gave, made safe to show (./names.ts): the document's name. */
  fileName: string;
  contentType: string;
  declaredSize: number;
  /** Upper bound of the object's size (the declared size, itself within the firm's limit). */
  maxBytes: number;
  source: DocumentSource;
  uploadedBy: Uploader;
  /** Client uploads: the uploading contact, shared with its own upload. */
  contactId?: string;
  contactName?: string;
  contactEmail?: string;
  /** Client uploads: the file request this upload fulfils (ingest closes it with the document). */
  fileRequestId?: string;
  /** Request lists: the item of `fileRequestId` this upload is submitted for. */
  fileRequestItemId?: string;
  /**
   * `cancelled`: the uploader lost the right to add files to the case before any object came (a
   * revoke or a downgrade closed it); an object that still arrives is refused with `reason`.
   */
  status: 'pending' | 'completed' | 'rejected' | 'cancelled';
  /** The document ingest made of the upload, or gave a new version (status completed). */
  documentId?: string;
  /** Why the intent was cancelled, or why ingest refused the object (status rejected). */
  reason?: string;
  createdAt: string;
  /** Epoch seconds: ingest refuses objects after this, and the table's TTL removes the intent. */
  expiresAt: number;
}

export interface UploadStore {
  /** The firm's own upload limit, when it set one. */
  uploadLimit(firmId: string): Promise<number | undefined>;
  putIntent(intent: UploadIntent): Promise<void>;
}

export interface UploadDeps {
  cases: Pick<CaseStore, 'getCase'>;
  firm: Pick<FirmStore, 'getStaffUser'>;
  grants: GrantLookup & GrantPlaces;
  uploads: UploadStore;
  files: Pick<Files, 'presignUpload'>;
  clock: Clock;
  ids: Ids;
  /** Default per-file limit (configuration), for firms that set none. */
  uploadMaxBytes: number;
  /** File requests an upload names (portal uploads with `fileRequestId`). */
  fileRequests?: FileRequestLookup;
}

export interface UploadRequest {
  fileName: string;
  contentType: string;
  size: number;
  fileRequestId?: string;
  fileRequestItemId?: string;
}

export interface UploadTicket {
  uploadId: string;
  key: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
  expiresAt: string;
}

/**
 * Why a pending intent was closed before its object came: the grant was revoked, or its rights no
 * longer include uploading (downgraded to viewer, `canUpload` off).
 */
export type CancelReason = 'revoked' | 'upload_not_allowed';

/** Time a browser gets to start posting after it received the ticket (a retry included). */
export const POST_START_SECONDS = 2 * 60;
/** The slowest uplink a file must still get through: 1 Mbit/s (weak mobile or rural lines). */
export const SLOW_UPLINK_BYTES_PER_SECOND = 125_000;
/** Whatever the size: a policy that lives longer is a longer window for someone cut off since. */
export const POST_MAX_SECONDS = 60 * 60;
/**
 * The intent outlives its POST: S3 may check the policy's expiry when the upload starts, so the
 * last bytes can come one transfer later, and ingest (retried) must still find the intent then.
 */
export const INTENT_GRACE_SECONDS = 60 * 60;
export const MAX_KEY_NAME = 120;

/**
 * Lifetime of a presigned POST for `size` bytes: as short as the slowest uplink we serve allows
 * (start + transfer at 1 Mbit/s), so a policy handed to someone who is then cut off dies quickly.
 */
export const postLifetimeSeconds = (size: number) =>
  Math.min(POST_MAX_SECONDS, POST_START_SECONDS + Math.ceil(size / SLOW_UPLINK_BYTES_PER_SECOND));

export async function createUpload(
  deps: UploadDeps,
  by: StaffPrincipal,
  caseId: string,
  input: UploadRequest,
): Promise<UploadTicket> {
  const [found, limit, user] = await Promise.all([
    deps.cases.getCase(by.firmId, caseId),
    uploadLimit(deps, by.firmId),
    deps.firm.getStaffUser(by.firmId, by.userId),
  ]);
  if (!found) throw notFound('case');
  if (input.fileRequestId || input.fileRequestItemId)
    throw unprocessable(
      'file_request_by_recipient',
      'A file request is fulfilled by one of its recipients, through the portal.',
    );
  return startUpload(deps, input, limit, {
    firmId: by.firmId,
    caseId,
    source: 'firm',
    uploadedBy: { kind: 'staff', id: by.userId, name: user?.name ?? by.userId },
  });
}

export async function createPortalUpload(
  deps: UploadDeps,
  by: ContactPrincipal,
  caseId: string,
  input: UploadRequest,
): Promise<UploadTicket> {
  const { fileRequests } = deps;
  if (input.fileRequestId && !fileRequests)
    throw new Error('the upload flow was wired without file requests');
  if (input.fileRequestItemId && !input.fileRequestId)
    throw unprocessable('file_request_id_required', 'An item id is given with the id of its file request.');
  // The file request, the firm's limit and the case are read with the grant, and count only once it
  // allows uploading; a closed case takes no uploads (decision 0036; ingest refuses a late object).
  const {
    grant,
    data: [, limit, found],
  } = await withContactAccess(deps, by, caseId, 'upload', (at) =>
    Promise.all([
      input.fileRequestId && fileRequests
        ? requestToFulfil(
            { fileRequests },
            at.firmId,
            caseId,
            input.fileRequestId,
            at.contactId,
            input.fileRequestItemId,
          )
        : undefined,
      uploadLimit(deps, at.firmId),
      deps.cases.getCase(at.firmId, caseId),
    ]),
  );
  if (found) requireOpenCase(found);
  return startUpload(deps, input, limit, {
    firmId: grant.firmId,
    caseId,
    source: 'client',
    uploadedBy: { kind: 'contact', id: grant.contactId, name: grant.contactName },
    contactId: grant.contactId,
    contactName: grant.contactName,
    contactEmail: grant.contactEmail,
    ...(input.fileRequestId ? { fileRequestId: input.fileRequestId } : {}),
    ...(input.fileRequestItemId ? { fileRequestItemId: input.fileRequestItemId } : {}),
  });
}

type Origin = Pick<
  UploadIntent,
  | 'firmId'
  | 'caseId'
  | 'source'
  | 'uploadedBy'
  | 'contactId'
  | 'contactName'
  | 'contactEmail'
  | 'fileRequestId'
  | 'fileRequestItemId'
>;

async function startUpload(deps: UploadDeps, input: UploadRequest, limit: number, origin: Origin) {
  if (input.size > limit) {
    throw unprocessable('file_too_large', `The file is larger than the upload limit of ${limit} bytes.`, {
      maxBytes: limit,
      size: input.size,
    });
  }
  const now = deps.clock.now();
  const uploadId = deps.ids.next();
  const key = objectKey(origin.firmId, origin.caseId, uploadId, sanitizeFileName(input.fileName));
  // The declared size is the ceiling: S3 refuses a bigger object, and ingest checks it again.
  const maxBytes = input.size;
  const postSeconds = postLifetimeSeconds(maxBytes);
  const post = await deps.files.presignUpload({
    key,
    contentType: input.contentType,
    maxBytes,
    expiresInSeconds: postSeconds,
  });
  const intent: UploadIntent = {
    uploadId,
    ...origin,
    key,
    fileName: displayName(input.fileName),
    contentType: input.contentType,
    declaredSize: input.size,
    maxBytes,
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + postSeconds + INTENT_GRACE_SECONDS,
  };
  await deps.uploads.putIntent(intent);
  return {
    uploadId,
    key,
    url: post.url,
    fields: post.fields,
    maxBytes,
    expiresAt: new Date(now.getTime() + postSeconds * 1000).toISOString(),
  };
}

async function uploadLimit(deps: Pick<UploadDeps, 'uploads' | 'uploadMaxBytes'>, firmId: string) {
  return (await deps.uploads.uploadLimit(firmId)) ?? deps.uploadMaxBytes;
}

// ── object keys ────────────────────────────────────────────────────────────────────────────────

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const KEY = new RegExp(`^firms/(${ULID})/cases/(${ULID})/(${ULID})/([A-Za-z0-9._-]{1,${MAX_KEY_NAME}})$`);
const FIRM_PREFIX = new RegExp(`^firms/(${ULID})/`);

/** `firms/<firmId>/cases/<caseId>/<uploadId>/<sanitized name>` */
export function objectKey(firmId: string, caseId: string, uploadId: string, safeName: string): string {
  return `firms/${firmId}/cases/${caseId}/${uploadId}/${safeName}`;
}

export interface ParsedKey {
  firmId: string;
  caseId: string;
  uploadId: string;
  name: string;
}

/** The parts of an object key we issued, or undefined for anything else. */
export function parseObjectKey(key: string): ParsedKey | undefined {
  const m = KEY.exec(key);
  return m ? { firmId: m[1]!, caseId: m[2]!, uploadId: m[3]!, name: m[4]! } : undefined;
}

/** The firm an object key claims to belong to, even when the rest of the key is not ours. */
export const firmOfKey = (key: string): string | undefined => FIRM_PREFIX.exec(key)?.[1];

// ── file names ─────────────────────────────────────────────────────────────────────────────────

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The name part of an object key: the last path component, accents folded to ASCII, every other
 * character outside [A-Za-z0-9._-] (spaces included, so event keys never need URL-decoding) turned
 * into `_`, runs collapsed, no `..`, no leading or trailing dot, at most 120 characters with the
 * extension kept; `file` when nothing is left.
 */
export function sanitizeFileName(fileName: string): string {
  const base = fileName.replace(CONTROL, '').split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/\.{2,}/g, '.');
  const lead = /^[._-]+/.exec(name)?.[0] ?? '';
  name = name.slice(lead.length).replace(/[._-]+$/, '');
  // `契約書.pdf` leaves only `_.pdf`: keep the extension rather than turning it into the name.
  if (lead.includes('.') && name && !name.includes('.')) name = `file.${name}`;
  if (name.length > MAX_KEY_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, MAX_KEY_NAME - ext.length).replace(/[._-]+$/, '') + ext;
  }
  return name || 'file';
}
