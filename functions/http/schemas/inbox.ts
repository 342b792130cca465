// Request and response schemas of the inbox and of a case's internal notification recipients.
import * as z from 'zod';
import { RecipientsView } from '../../domain/recipients';
import { Id, StaffUserId } from './common';

export { RecipientsView };

export const InboxItemParams = z.strictObject({ itemId: Id });

export const InboxItemView = z.object({
  itemId: z.string(),
  firmId: z.string(),
  caseId: z.string().optional(),
  eventId: z.string(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().optional(),
  createdAt: z.string(),
  readAt: z.string().optional(),
  archivedAt: z.string().optional(),
});

export const UnreadView = z.object({ unread: z.number().int().nonnegative() });
export const ReadAllView = z.object({ marked: z.number().int().nonnegative() });

export const Recipient = z.strictObject({ userId: StaffUserId, inApp: z.boolean(), email: z.boolean() });
export const RecipientsBody = z.strictObject({ recipients: z.array(Recipient).max(100) });
