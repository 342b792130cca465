// Request and response schemas of the inbox and of a case's internal notification recipients.
import { RecipientsView } from '../../domain/recipients';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Id, StaffUserId } from './common';

export { RecipientsView };

export const InboxItemParams = lazySchema(() => z.strictObject({ itemId: Id }));

export const InboxItemView = lazySchema(() =>
  z.object({
    itemId: z.string(),
    firmId: z.string(),
    caseId: z.optional(z.string()),
    eventId: z.string(),
    type: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.optional(z.string()),
    createdAt: z.string(),
    readAt: z.optional(z.string()),
    archivedAt: z.optional(z.string()),
  }),
);

export const UnreadView = lazySchema(() => z.object({ unread: z.number().check(z.int(), z.nonnegative()) }));
export const ReadAllView = lazySchema(() => z.object({ marked: z.number().check(z.int(), z.nonnegative()) }));

export const Recipient = lazySchema(() =>
  z.strictObject({ userId: StaffUserId, inApp: z.boolean(), email: z.boolean() }),
);
export const RecipientsBody = lazySchema(() =>
  z.strictObject({ recipients: z.array(Recipient).check(z.maxLength(100)) }),
);

/** A single-use ticket for the live channel's WebSocket (`$connect?ticket=…`), valid for 30 seconds. */
export const LiveTicketView = lazySchema(() =>
  z.object({
    ticket: z.string(),
    expiresAt: z.iso.datetime(),
    /** The WebSocket URL to open as `${url}?ticket=${ticket}`. */
    url: z.string(),
  }),
);
