// Request and response schemas of discussions, comments, file requests and document versions.
import { DiscussionView } from '../../domain/discussions';
import { Person } from '../../domain/principal';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Id, PageQuery, Text } from './common';
import { FileRequestItemView, NewItemBody, TemplateId } from './file-request-lists';
import { PlainText } from './plain-text';

export { DiscussionView, PlainText };

// ── discussions and comments ──────────────────────────────────────────────────────────────────────

export const DiscussionParams = lazySchema(() => z.strictObject({ caseId: Id, discussionId: Id }));

export const NewDiscussionBody = lazySchema(() =>
  z.strictObject({
    subject: Text(200),
    message: PlainText(10_000),
    /** A document of the case (a new file is uploaded through the upload flow first). */
    attachmentDocumentId: z.optional(Id),
    /** "Publish and share": every contact with access to the case, or the chosen ones. */
    shareWith: z.union([z.literal('all'), z.array(Id).check(z.minLength(1), z.maxLength(100))]),
  }),
);

export const NewCommentBody = lazySchema(() => z.strictObject({ body: PlainText(5_000) }));

export const CommentView = lazySchema(() =>
  z.object({
    commentId: z.string(),
    discussionId: z.string(),
    body: z.string(),
    author: Person,
    createdAt: z.string(),
  }),
);

// ── file requests ─────────────────────────────────────────────────────────────────────────────────

export const FileRequestParams = lazySchema(() => z.strictObject({ caseId: Id, requestId: Id }));

export const FileRequestStatus = lazySchema(() => z.enum(['open', 'fulfilled', 'cancelled']));

export const NewFileRequestBody = lazySchema(() =>
  z.strictObject({
    /** Contacts with access to the case. */
    recipients: z.array(Id).check(z.minLength(1), z.maxLength(20)),
    subject: Text(200),
    /** Plain text: notifications carry no formatting and no line breaks. */
    description: PlainText(4_000),
    /** Accepted only when the firm turned "detailed notifications" on (422 otherwise). */
    additionalMessage: z.optional(PlainText(4_000)),
    dueDate: z.optional(z.iso.date()),
    /** An existing document of the case: the request asks for a new version of it. */
    attachmentDocumentId: z.optional(Id),
    /**
     * A request list (at most 50 items), given one way only: each item submitted and reviewed on its
     * own. Without any, one upload fulfils the request.
     */
    items: z.optional(z.array(NewItemBody).check(z.minLength(1), z.maxLength(50))),
    /** The items of one of the firm's request-list templates (due days counted from today, UTC). */
    templateId: z.optional(TemplateId),
    /**
     * The items as CSV text: a header `subject,description,dueDate` (subject required), then one
     * line per item, at most 50; a bad line answers 400 `csv_invalid` listing every bad line.
     */
    csv: z.optional(z.string().check(z.maxLength(200_000))),
  }),
);

export const FileRequestsQuery = lazySchema(() =>
  z.extend(PageQuery, {
    status: z.optional(FileRequestStatus),
    /** Only the requests sent to this contact. */
    contactId: z.optional(Id),
    /** `true`: only open requests whose due date is before today (UTC). */
    overdue: z.optional(z.enum(['true', 'false'])),
  }),
);

export const PortalFileRequestsQuery = lazySchema(() =>
  z.extend(PageQuery, { status: z.optional(FileRequestStatus) }),
);

export const FileRequestView = lazySchema(() =>
  z.object({
    requestId: z.string(),
    caseId: z.string(),
    kind: z.enum(['new', 'update']),
    subject: z.string(),
    description: z.string(),
    additionalMessage: z.optional(z.string()),
    dueDate: z.optional(z.string()),
    /** Update requests: the document a new version is asked for. */
    document: z.optional(z.object({ documentId: z.string(), name: z.string() })),
    recipients: z.array(z.object({ contactId: z.string(), name: z.string() })),
    status: FileRequestStatus,
    history: z.array(
      z.object({
        status: FileRequestStatus,
        at: z.string(),
        by: z.object({ kind: z.enum(['staff', 'contact']), id: z.string() }),
      }),
    ),
    fulfilment: z.optional(
      z.object({
        contactId: z.string(),
        documentId: z.string(),
        version: z.number().check(z.int()),
        at: z.string(),
      }),
    ),
    /** A request list's items, each with its status (absent: one upload fulfils the request). */
    items: z.optional(z.array(FileRequestItemView)),
    createdBy: Person,
    createdAt: z.string(),
  }),
);
