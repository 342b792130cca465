// File requests (CaseWare): staff ask contacts with access to a case for a file, or for a new
// version of an existing document. A recipient fulfils one by uploading through the upload flow with
// the request id (ingest closes it in the same transaction as the document); staff may cancel it.
// Status moves only open → fulfilled or open → cancelled, and every move is kept in its history.
// A request may list several items (./file-request-items.ts), each submitted and reviewed on its
// own; one made without items is fulfilled by its first upload, as before (decision 0043).
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import {
  attachmentAndContacts,
  type CaseContacts,
  type CaseParts,
  caseAndGrants,
  caseExists,
  mapPage,
  type Person,
  pageOf,
} from './case-contacts';
import { pageUnderCase } from './checks';
import { conflict, forbidden, invalid, notFound, unprocessable } from './errors';
import { itemsFromCsv } from './file-request-csv';
import {
  allAccepted,
  earliestDue,
  type ItemHistoryEntry,
  itemOf,
  MAX_ITEMS,
  type NewItem,
  newItems,
  type RequestItem,
  type Review,
  requireSubmittable,
  reviewed,
} from './file-request-items';
import { type FileRequestTemplateStore, itemsFromTemplate } from './file-request-templates';
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
  /** A request list: each item submitted and reviewed on its own (absent: one upload fulfils it). */
  items?: RequestItem[];
  /** Request lists: bumped by every item move, which holds only against the revision it read. */
  revision?: number;
  createdBy: Person;
  createdAt: string;
}

export interface FileRequestFilter {
  status?: FileRequestStatus;
  contactId?: string;
  /** Overdue: open, with a due date before this day (`YYYY-MM-DD`, today in UTC). */
  dueBefore?: string;
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
  /**
   * Writes item `index` of an open request list as `item` (and, with `completion`, the request
   * fulfilled with that history entry) and the event, in one transaction that holds only while the
   * request is open at the revision it was read with. False, nothing written, when it moved.
   */
  writeItem(
    r: FileRequest,
    index: number,
    item: RequestItem,
    completion: HistoryEntry | undefined,
    event: DomainEvent,
  ): Promise<boolean>;
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
  /** Request-list templates a request's items may come from (wired by the API; absent: none named). */
  templates?: Pick<FileRequestTemplateStore, 'getTemplate'>;
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
  /** A request list's items, given one by one, */
  items?: NewItem[];
  /** or copied from one of the firm's templates, */
  templateId?: string;
  /** or read from CSV text (`subject,description,dueDate`). */
  csv?: string;
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

export const fileRequestView = ({ firmId: _, recipientIds: __, revision: ___, ...r }: FileRequest) =>
  // The attached document's name as the display-name rule shows it (names stored before it included).
  r.document ? { ...r, document: { ...r.document, name: displayName(r.document.name) } } : r;

export async function createFileRequest(
  deps: FileRequestDeps,
  by: StaffPrincipal,
  caseId: string,
  input: NewFileRequest,
) {
  // The firm's settings live on the firm item (its own store), a template on its own item: read
  // alongside, not after.
  const [[parts, caseGrants], stored, template] = await Promise.all([
    caseAndGrants(deps, by.firmId, caseId, { userId: by.userId, documentId: input.attachmentDocumentId }),
    deps.settings.getSettings(by.firmId),
    input.templateId && deps.templates ? deps.templates.getTemplate(by.firmId, input.templateId) : undefined,
  ]);
  if (input.additionalMessage && stored.detailedNotifications !== true)
    throw unprocessable(
      'detailed_notifications_off',
      'An additional message needs the firm setting "detailed notifications" to be on.',
    );
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  if (input.dueDate && input.dueDate < today)
    throw unprocessable('due_date_in_past', 'The due date is in the past.', { dueDate: input.dueDate });
  const asked = itemsAsked(input, template, today);
  if (asked && input.attachmentDocumentId)
    throw unprocessable(
      'items_with_attachment',
      'A request for a new version of a document asks for that one file: it takes no items.',
    );
  const dueDate = input.dueDate ?? (asked ? earliestDue(asked) : undefined);
  const { attachment, contacts: grants } = attachmentAndContacts(
    parts,
    caseGrants,
    input.attachmentDocumentId,
    input.recipients,
    { without: 'recipient_without_access', none: 'no_contacts_with_access' },
  );
  const user = parts.user;
  const at = now.toISOString();
  const by_ = staffActor(by) as HistoryEntry['by'];
  const r: FileRequest = {
    firmId: by.firmId,
    caseId,
    requestId: deps.ids.next(),
    kind: attachment ? 'update' : 'new',
    subject: input.subject,
    description: input.description,
    ...(input.additionalMessage ? { additionalMessage: input.additionalMessage } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(attachment ? { document: { documentId: attachment.documentId, name: attachment.name } } : {}),
    recipients: grants.map((g) => ({ contactId: g.contactId, name: g.contactName })),
    recipientIds: grants.map((g) => g.contactId),
    status: 'open',
    history: [{ status: 'open', at, by: by_ }],
    ...(asked ? { items: newItems(asked, deps.ids, at, by_), revision: 0 } : {}),
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
    ...(r.items ? { items: r.items.length } : {}),
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
  deps: Pick<FileRequestDeps, 'caseParts' | 'fileRequests' | 'clock'>,
  by: StaffPrincipal,
  caseId: string,
  query: PageRequest & Omit<FileRequestFilter, 'dueBefore'> & { overdue?: boolean },
) {
  // Overdue is judged by today's date in UTC: firms have no time zone setting (yet), and a due date
  // is a calendar day, as the create check (`due_date_in_past`) also reads it.
  const filter = {
    ...filterOf(query),
    ...(query.overdue ? { dueBefore: deps.clock.now().toISOString().slice(0, 10) } : {}),
  };
  const page = await pageUnderCase(
    () => caseExists(deps, by.firmId, caseId),
    (p) => deps.fileRequests.listFileRequests(by.firmId, caseId, filter, p),
    query,
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
  itemId?: string,
): Promise<FileRequest> {
  const r = await requestOf(deps, firmId, caseId, requestId);
  if (!r.recipientIds.includes(contactId))
    throw forbidden('not_a_recipient', 'You are not a recipient of this file request.');
  if (r.status !== 'open')
    throw conflict('file_request_not_open', `This file request is ${r.status}.`, { status: r.status });
  // A request list is answered item by item; a request without items takes no item id.
  if (r.items && !itemId)
    throw unprocessable(
      'file_request_item_required',
      'This request lists items: upload against one of them.',
    );
  if (itemId) requireSubmittable(itemOf(r, itemId).item);
  return r;
}

/** The caller's view of one request addressed to it (404 when it is not among the recipients). */
export async function getPortalFileRequest(
  deps: Pick<FileRequestDeps, 'grantLocator' | 'caseContacts' | 'fileRequests'>,
  by: ContactPrincipal,
  caseId: string,
  requestId: string,
) {
  const {
    parts: { grant },
    data: r,
  } = await withContactParts(
    deps,
    by,
    caseId,
    'view',
    (at) => deps.caseContacts.grantAt(at),
    (at) => deps.fileRequests.getFileRequest(at.firmId, caseId, requestId),
  );
  if (!r?.recipientIds.includes(grant.contactId)) throw notFound('file request', 'file_request_not_found');
  return fileRequestView(r);
}

/** Moves an item lost to a concurrent one are read again and decided afresh, this many times. */
const ITEM_MOVE_ATTEMPTS = 5;

/**
 * Staff accept an item's submission or return it with a reason (submitted → accepted | returned);
 * accepting the last item fulfils the request. A retry of a review already made answers the request
 * as it is and writes nothing; an item not awaiting review is 409 `file_request_item_not_submitted`.
 */
export async function reviewItem(
  deps: Pick<FileRequestDeps, 'fileRequests' | 'clock' | 'ids'>,
  by: StaffPrincipal,
  caseId: string,
  requestId: string,
  itemId: string,
  review: Review,
) {
  for (let attempt = 0; attempt < ITEM_MOVE_ATTEMPTS; attempt++) {
    const r = await requestOf(deps, by.firmId, caseId, requestId);
    if (!r.items) throw notFound('file request item', 'file_request_item_not_found');
    const { item, index } = itemOf(r, itemId);
    const at = deps.clock.now().toISOString();
    const who: ItemHistoryEntry['by'] = { kind: 'staff', id: by.userId };
    const next = reviewed(item, review, at, who);
    if (!next) return fileRequestView(r);
    if (r.status !== 'open')
      throw conflict('file_request_not_open', `This file request is ${r.status}.`, { status: r.status });
    const items = r.items.map((i, k) => (k === index ? next : i));
    const completion = allAccepted(items) ? ({ status: 'fulfilled', at, by: who } as const) : undefined;
    const common = { requestId, itemId, subject: item.subject, contactId: item.submission!.contactId };
    const event =
      review.decision === 'accept'
        ? activity(deps, 'filerequest.item_accepted', r, staffActor(by), {
            ...common,
            completed: !!completion,
          })
        : activity(deps, 'filerequest.item_returned', r, staffActor(by), {
            ...common,
            reason: review.reason,
          });
    if (await deps.fileRequests.writeItem(r, index, next, completion, event))
      return fileRequestView({
        ...r,
        items,
        ...(completion ? { status: 'fulfilled', history: [...r.history, completion] } : {}),
      });
  }
  throw conflict('file_request_busy', 'The request kept changing while it was reviewed; try again.');
}

/** The items a create asks for: given, from a template, from CSV, or none (one upload fulfils it). */
function itemsAsked(
  input: NewFileRequest,
  template: Parameters<typeof itemsFromTemplate>[0],
  today: string,
): NewItem[] | undefined {
  const sources = [input.items, input.templateId, input.csv].filter((s) => s !== undefined).length;
  if (sources > 1)
    throw invalid('items_one_source', 'Give the items one way: `items`, `templateId` or `csv`.');
  if (input.templateId) return itemsFromTemplate(template, today);
  if (input.csv !== undefined) return itemsFromCsv(input.csv, today);
  if (!input.items) return undefined;
  if (input.items.length > MAX_ITEMS)
    throw unprocessable('too_many_items', `A request holds at most ${MAX_ITEMS} items.`);
  const past = input.items.find((i) => i.dueDate && i.dueDate < today);
  if (past)
    throw unprocessable('due_date_in_past', "An item's due date is in the past.", { dueDate: past.dueDate });
  return input.items;
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
