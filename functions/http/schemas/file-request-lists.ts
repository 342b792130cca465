// Request and response schemas of request lists: a request's items and their review, and the firm's
// request-list templates.
import {
  FileRequestTemplateView,
  TEMPLATE_ID,
  TemplateDeletedView,
} from '../../domain/file-request-templates';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Id, Text } from './common';
import { PlainText } from './plain-text';

export { FileRequestTemplateView, TemplateDeletedView };

const ItemStatus = lazySchema(() => z.enum(['open', 'submitted', 'accepted', 'returned']));

export const NewItemBody = lazySchema(() =>
  z.strictObject({
    subject: Text(200),
    description: z.optional(PlainText(1_000)),
    dueDate: z.optional(z.iso.date()),
  }),
);

export const FileRequestItemView = lazySchema(() =>
  z.object({
    itemId: z.string(),
    subject: z.string(),
    description: z.string(),
    dueDate: z.optional(z.string()),
    status: ItemStatus,
    /** The latest submission: a resubmission is the next version of the same document. */
    submission: z.optional(
      z.object({
        contactId: z.string(),
        documentId: z.string(),
        version: z.number().check(z.int()),
        at: z.string(),
      }),
    ),
    /** Why staff returned the latest submission (the client reads it and submits again). */
    returnReason: z.optional(z.string()),
    submissions: z.number().check(z.int()),
    history: z.array(
      z.object({
        status: ItemStatus,
        at: z.string(),
        by: z.object({ kind: z.enum(['staff', 'contact']), id: z.string() }),
        documentId: z.optional(z.string()),
        version: z.optional(z.number().check(z.int())),
      }),
    ),
  }),
);

export const FileRequestItemParams = lazySchema(() =>
  z.strictObject({ caseId: Id, requestId: Id, itemId: Id }),
);

export const ReturnItemBody = lazySchema(() =>
  z.strictObject({
    /** Plain text the client reads (in the portal and in the notice it gets). */
    reason: PlainText(1_000),
  }),
);

/** The firm's own id of a template. */
export const TemplateId = lazySchema(() =>
  z.string().check(z.regex(TEMPLATE_ID, 'must be 1 to 64 letters, digits, dots, dashes or underscores')),
);

export const TemplateParams = lazySchema(() => z.strictObject({ templateId: TemplateId }));

export const TemplateBody = lazySchema(() =>
  z.strictObject({
    name: Text(200),
    items: z
      .array(
        z.strictObject({
          subject: Text(200),
          description: z.optional(PlainText(1_000)),
          /** Due this many days after the day a request is made from the template. */
          dueInDays: z.optional(z.number().check(z.int(), z.gte(0), z.lte(366))),
        }),
      )
      .check(z.minLength(1), z.maxLength(50)),
  }),
);
