// The items of a request list (Suralink's "provided by client" lists): several things asked for in
// one file request, each with its own status. A recipient submits an item by uploading against it
// (open or returned → submitted); staff accept the submission (→ accepted, for good) or return it
// with a reason the client reads (→ returned), and the client submits again as a new version of the
// same document. The request stays `open` while any item is not accepted, and is fulfilled when all
// are. Items live on the request item itself (decision 0043): one read shows the whole list.
import { conflict, DomainError, notFound } from './errors';
import type { FileRequest } from './file-requests';
import { MAX_VERSIONS } from './versions';

export type ItemStatus = 'open' | 'submitted' | 'accepted' | 'returned';

export interface ItemHistoryEntry {
  status: ItemStatus;
  at: string;
  by: { kind: 'staff' | 'contact'; id: string };
  /** Submissions: the document version submitted. */
  documentId?: string;
  version?: number;
}

export interface RequestItem {
  itemId: string;
  subject: string;
  description: string;
  /** `YYYY-MM-DD`. */
  dueDate?: string;
  status: ItemStatus;
  /** The latest submission (a resubmission is the next version of its document). */
  submission?: { contactId: string; documentId: string; version: number; at: string };
  /**
   * Why staff returned the latest submission: the client reads it while the item is `returned`.
   * Only the latest is kept on the item (the item's size stays bounded); each one is also in its
   * `filerequest.item_returned` activity entry.
   */
  returnReason?: string;
  submissions: number;
  history: ItemHistoryEntry[];
}

/** What an item is made from: the create body, a template's item, or a CSV row. */
export interface NewItem {
  subject: string;
  description?: string;
  dueDate?: string;
}

/**
 * Items a request may hold. The items are stored on the request's one DynamoDB item (400 KB): 50
 * items of 200 + 1,000 characters with 10 submissions each stay under a quarter of it.
 */
export const MAX_ITEMS = 50;
/** Submissions of one item (returns included): bounds the item's history. */
export const MAX_SUBMISSIONS = 10;
export const ITEM_SUBJECT_MAX = 200;
export const ITEM_DESCRIPTION_MAX = 1_000;
export const RETURN_REASON_MAX = 1_000;

export function newItems(input: NewItem[], ids: { next(): string }, at: string, by: ItemHistoryEntry['by']) {
  return input.map(
    (i): RequestItem => ({
      itemId: ids.next(),
      subject: i.subject,
      description: i.description ?? '',
      ...(i.dueDate ? { dueDate: i.dueDate } : {}),
      status: 'open',
      submissions: 0,
      history: [{ status: 'open', at, by }],
    }),
  );
}

/** The item of a request, or 404 `file_request_item_not_found`. */
export function itemOf(r: FileRequest, itemId: string): { item: RequestItem; index: number } {
  const index = (r.items ?? []).findIndex((i) => i.itemId === itemId);
  if (index < 0) throw notFound('file request item', 'file_request_item_not_found');
  return { item: r.items![index]!, index };
}

/** An item a recipient may upload against now: open or returned, submissions left. */
export function requireSubmittable(item: RequestItem): void {
  if (item.status !== 'open' && item.status !== 'returned')
    throw conflict('file_request_item_not_open', `This item is ${item.status}; it takes no upload now.`, {
      status: item.status,
    });
  if (item.submissions >= Math.min(MAX_SUBMISSIONS, MAX_VERSIONS))
    throw conflict('file_request_item_submissions_exhausted', 'This item takes no more submissions.', {
      submissions: item.submissions,
    });
}

export const mayTakeSubmission = (item: RequestItem) => {
  try {
    requireSubmittable(item);
    return true;
  } catch {
    return false;
  }
};

export type Review = { decision: 'accept' } | { decision: 'return'; reason: string };

/** The item after a submission (ingest). */
export function submitted(
  item: RequestItem,
  submission: NonNullable<RequestItem['submission']>,
): RequestItem {
  return {
    ...item,
    status: 'submitted',
    submission,
    submissions: item.submissions + 1,
    history: [
      ...item.history,
      {
        status: 'submitted',
        at: submission.at,
        by: { kind: 'contact', id: submission.contactId },
        documentId: submission.documentId,
        version: submission.version,
      },
    ],
  };
}

/**
 * The item after a review, or undefined when the review was already made (a retried accept, or a
 * retried return with the same reason: the same answer, nothing written). 409
 * `file_request_item_not_submitted` when the item is not awaiting review.
 */
export function reviewed(
  item: RequestItem,
  review: Review,
  at: string,
  by: ItemHistoryEntry['by'],
): RequestItem | undefined {
  if (review.decision === 'accept' && item.status === 'accepted') return undefined;
  if (review.decision === 'return' && item.status === 'returned' && item.returnReason === review.reason)
    return undefined;
  if (item.status !== 'submitted')
    throw conflict(
      'file_request_item_not_submitted',
      `This item is ${item.status}; only a submitted item is accepted or returned.`,
      { status: item.status },
    );
  const to = review.decision === 'accept' ? 'accepted' : 'returned';
  return {
    ...item,
    status: to,
    ...(review.decision === 'return' ? { returnReason: review.reason } : {}),
    history: [...item.history, { status: to, at, by }],
  };
}

/** Every item accepted: the request is complete. */
export const allAccepted = (items: RequestItem[]) => items.every((i) => i.status === 'accepted');

/** The earliest due date among items (the request's own when it has none). */
export const earliestDue = (items: NewItem[]) =>
  items
    .map((i) => i.dueDate)
    .filter((d): d is string => !!d)
    .sort()[0];

/** One line's problem in a bulk list (CSV), as the 400 `csv_invalid` lists them. */
export interface LineProblem {
  line: number;
  code: string;
  message: string;
}

export const csvInvalid = (lines: LineProblem[]) =>
  new DomainError('invalid', 'csv_invalid', `The CSV has ${lines.length} problem(s); nothing was created.`, {
    lines,
  });
