// File requests (CaseWare): staff ask contacts with access to a case for a file, or for a new
// version of an existing document. A recipient fulfils one by uploading through the upload flow with
// the request id (ingest closes it in the same transaction as the document); staff may cancel it.
// Status moves only open → fulfilled or open → cancelled, and every move is kept in its history.
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import {
  attachmentAndContacts,
  type CaseContacts,
  type CaseParts,
  caseAndGrants,
  mapPage,
  type Person,
  pageOf,
  requireCaseParts,
} from './case-contacts';
import { checkedAlongside } from './checks';
import { conflict, forbidden, notFound, unprocessable } from './errors';
import { type GrantLocator, withContactParts } from './grants';
import { displayName } from './names';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type ContactPrincipal, type StaffPrincipal, staffActor } from './principal';
import type { SettingsStore } from './settings';
import { type ShareStore, shareAttachment } from './shares';

export type FileRequestStatus = 'open' | 'fulfilled' | 'cancelled';
export type FileRequestKind = 'new' | 'update';

export interface HistoryEntry {
  status: FileRequestStatus;
  at: string;
  by: { kind: 'staff' | 'contact'; id: string };
}

export interface FileRequest {
  firmId: string;
  caseId: string;
  requestId: string;
  kind: FileRequestKind;
  subject: string;
  /** Plain text as typed (line breaks kept); notifications flatten it. */
  description: string;
  additionalMessage?: string;
  /** `YYYY-MM-DD`. */
  dueDate?: string;
  /** Update requests: the document a new version is asked for. */
  document?: { documentId: string; name: string };
  recipients: { contactId: string; name: string }[];
  /** The recipients' ids (the per-contact filter reads this list). */
  recipientIds: string[];
  status: FileRequestStatus;
  history: HistoryEntry[];
  fulfilment?: { contactId: string; documentId: string; version: number; at: string };
  createdBy: Person;
  createdAt: string;
}

export interface FileRequestFilter {
  status?: FileRequestStatus;
  contactId?: string;
}

export interface FileRequestStore {
  /** The request and its event, in one transaction that holds only while the case exists. */
  createFileRequest(r: FileRequest, event: DomainEvent): Promise<void>;
  /** One request, read consistently. */
  getFileRequest(firmId: string, caseId: string, requestId: string): Promise<FileRequest | undefined>;
  /** Requests of a case, newest first, filtered by status and recipient. */
  listFileRequests(
    firmId: string,
    caseId: string,
    filter: FileRequestFilter,
    page: PageRequest,
  ): Promise<Page<FileRequest>>;
  /** Moves an open request to `to` with its history entry and event; 409 when it is no longer open. */
  closeFileRequest(
    r: FileRequest,
    to: Exclude<FileRequestStatus, 'open'>,
    entry: HistoryEntry,
    event: DomainEvent,
  ): Promise<void>;
}

/** The read ingest and the upload flow need: the request an upload names. */
export type FileRequestLookup = Pick<FileRequestStore, 'getFileRequest'>;

export interface FileRequestDeps {
  /** The case, the caller and the attachment, read together. */
  caseParts: CaseParts;
  settings: Pick<SettingsStore, 'getSettings'>;
  grantLocator: GrantLocator;
  caseContacts: CaseContacts;
  fileRequests: FileRequestStore;
  /** An update request's document is shared with its recipients. */
  shares: Pick<ShareStore, 'sharesOfDocument' | 'addShare'>;
  clock: Clock;
  ids: Ids;
}

export interface NewFileRequest {
  recipients: string[];
  subject: string;
  description: string;
  additionalMessage?: string;
  dueDate?: string;
  attachmentDocumentId?: string;
}

const MOVES: Record<FileRequestStatus, FileRequestStatus[]> = {
  open: ['fulfilled', 'cancelled'],
  fulfilled: [],
  cancelled: [],
};

export const canMove = (from: FileRequestStatus, to: FileRequestStatus) => MOVES[from].includes(to);

/** The request after a status move, or a 409 `file_request_not_open` when the move is not allowed. */
export function moved(
  r: FileRequest,
  to: Exclude<FileRequestStatus, 'open'>,
  entry: Omit<HistoryEntry, 'status'>,
): FileRequest {
  if (!canMove(r.status, to))
    throw conflict('file_request_not_open', `This file request is ${r.status}; only open requests change.`, {
      status: r.status,
    });
  return { ...r, status: to, history: [...r.history, { status: to, ...entry }] };
}

export const fileRequestView = ({ firmId: _, recipientIds: __, ...r }: FileRequest) =>
  // The attached document's name as the display-name rule shows it (names stored before it included).
  r.document ? { ...r, document: { ...r.document, name: displayName(r.document.name) } } : r;

export async function createFileRequest(
  deps: FileRequestDeps,
  by: StaffPrincipal,
  caseId: string,
  input: NewFileRequest,
) {
  // The firm's settings live on the firm item (its own store): read alongside, not after.
  const [[parts, caseGrants], stored] = await Promise.all([
    caseAndGrants(deps, by.firmId, caseId, { userId: by.userId, documentId: input.attachmentDocumentId }),
    deps.settings.getSettings(by.firmId),
  ]);
  if (input.additionalMessage && stored.detailedNotifications !== true)
    throw unprocessable(
      'detailed_notifications_off',
      'An additional message needs the firm setting "detailed notifications" to be on.',
    );
  const now = deps.clock.now();
  if (input.dueDate && input.dueDate < now.toISOString().slice(0, 10))
    throw unprocessable('due_date_in_past', 'The due date is in the past.', { dueDate: input.dueDate });
  const { attachment, contacts: grants } = attachmentAndContacts(
    parts,
    caseGrants,
    input.attachmentDocumentId,
    input.recipients,
    { without: 'recipient_without_access', none: 'no_contacts_with_access' },
  );
  const user = parts.user;
  const at = now.toISOString();
  const r: FileRequest = {
    firmId: by.firmId,
    caseId,
    requestId: deps.ids.next(),
    kind: attachment ? 'update' : 'new',
    subject: input.subject,
    description: input.description,
    ...(input.additionalMessage ? { additionalMessage: input.additionalMessage } : {}),
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
    ...(attachment ? { document: { documentId: attachment.documentId, name: attachment.name } } : {}),
    recipients: grants.map((g) => ({ contactId: g.contactId, name: g.contactName })),
    recipientIds: grants.map((g) => g.contactId),
    status: 'open',
    history: [{ status: 'open', at, by: staffActor(by) as HistoryEntry['by'] }],
    createdBy: { kind: 'staff', id: by.userId, name: user?.name ?? by.userId },
    createdAt: at,
  };
  const event = activity(deps, 'filerequest.created', r, staffActor(by), {
    requestId: r.requestId,
    subject: r.subject,
    contactIds: r.recipientIds,
    kind: r.kind,
    ...(r.document ? { documentId: r.document.documentId } : {}),
    ...(r.dueDate ? { dueDate: r.dueDate } : {}),
  });
  // The recipients of an update request must be able to download the document they are asked to
  // update: it is shared with them first (no `document.shared` event: the request's notice is the one
  // they get), the request last, so a create that fails halfway is retried whole and the notice
  // never points at a document a recipient cannot open.
  if (attachment) await shareAttachment(deps, attachment, grants, staffActor(by), at);
  await deps.fileRequests.createFileRequest(r, event);
  return fileRequestView(r);
}

export async function getFileRequest(
  deps: Pick<FileRequestDeps, 'fileRequests'>,
  by: StaffPrincipal,
  caseId: string,
  requestId: string,
) {
  return fileRequestView(await requestOf(deps, by.firmId, caseId, requestId));
}

export async function listFileRequests(
  deps: Pick<FileRequestDeps, 'caseParts' | 'fileRequests'>,
  by: StaffPrincipal,
  caseId: string,
  query: PageRequest & FileRequestFilter,
) {
  const [, page] = await checkedAlongside(
    requireCaseParts(deps, by.firmId, caseId, {}),
    deps.fileRequests.listFileRequests(by.firmId, caseId, filterOf(query), pageOf(query)),
  );
  return mapPage(page, fileRequestView);
}

export async function cancelFileRequest(
  deps: Pick<FileRequestDeps, 'fileRequests' | 'clock' | 'ids'>,
  by: StaffPrincipal,
  caseId: string,
  requestId: string,
) {
  const r = await requestOf(deps, by.firmId, caseId, requestId);
  const at = deps.clock.now().toISOString();
  const next = moved(r, 'cancelled', { at, by: { kind: 'staff', id: by.userId } });
  const event = activity(deps, 'filerequest.cancelled', r, staffActor(by), { requestId });
  await deps.fileRequests.closeFileRequest(r, 'cancelled', next.history.at(-1)!, event);
  return fileRequestView(next);
}

/** The caller's requests in a case (those it is a recipient of), newest first. */
export async function listPortalFileRequests(
  deps: Pick<FileRequestDeps, 'grantLocator' | 'caseContacts' | 'fileRequests'>,
  by: ContactPrincipal,
  caseId: string,
  query: PageRequest & { status?: FileRequestStatus },
) {
  const { data: page } = await withContactParts(
    deps,
    by,
    caseId,
    'view',
    (at) => deps.caseContacts.grantAt(at),
    (at) =>
      deps.fileRequests.listFileRequests(
        at.firmId,
        caseId,
        { ...filterOf(query), contactId: at.contactId },
        pageOf(query),
      ),
  );
  return mapPage(page, fileRequestView);
}

/**
 * The file request a contact's upload names: 404 when it is not one of the case's, 403
 * `not_a_recipient` when the caller is not among its recipients, 409 when it is no longer open.
 */
export async function requestToFulfil(
  deps: { fileRequests: FileRequestLookup },
  firmId: string,
  caseId: string,
  requestId: string,
  contactId: string,
): Promise<FileRequest> {
  const r = await requestOf(deps, firmId, caseId, requestId);
  if (!r.recipientIds.includes(contactId))
    throw forbidden('not_a_recipient', 'You are not a recipient of this file request.');
  if (r.status !== 'open')
    throw conflict('file_request_not_open', `This file request is ${r.status}.`, { status: r.status });
  return r;
}

async function requestOf(
  deps: { fileRequests: FileRequestLookup },
  firmId: string,
  caseId: string,
  requestId: string,
) {
  const r = await deps.fileRequests.getFileRequest(firmId, caseId, requestId);
  if (!r) throw notFound('file request', 'file_request_not_found');
  return r;
}

const filterOf = (q: FileRequestFilter): FileRequestFilter => ({
  ...(q.status ? { status: q.status } : {}),
  ...(q.contactId ? { contactId: q.contactId } : {}),
});
