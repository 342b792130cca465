// Request and response schemas of the staff accounts routes.
import * as z from 'zod';
import { Email, Locale, PageQuery, StaffUserId, Text } from './common';

const Role = z.enum(['admin', 'staff']);
const Status = z.enum(['active', 'inactive']);

export const StaffParams = z.strictObject({ userId: StaffUserId });

export const StaffQuery = PageQuery.extend({ status: Status.optional() });

export const InviteStaffBody = z.strictObject({
  email: Email,
  name: Text(200),
  role: Role,
  language: Locale,
});

/** What an admin may change on a staff user; at least one field. */
export const StaffChangeBody = z.strictObject({
  role: Role.optional(),
  name: Text(200).optional(),
  language: Locale.optional(),
});

export const StaffView = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  language: z.string().optional(),
  status: Status,
  invitedAt: z.string(),
  deactivatedAt: z.string().optional(),
});

export const InvitedStaffView = z.object({
  user: StaffView,
  /** False when the email was already a staff user of this firm: nothing was written or mailed. */
  created: z.boolean(),
});
