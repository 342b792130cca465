// Request and response schemas of the staff accounts routes.
import * as z from 'zod';
import { StaffRole } from '../../domain/principal';
import { StaffStatus, StaffView } from '../../domain/staff';
import { Email, Locale, PageQuery, StaffUserId, Text } from './common';

export { StaffView };

export const StaffParams = z.strictObject({ userId: StaffUserId });

export const StaffQuery = PageQuery.extend({ status: StaffStatus.optional() });

export const InviteStaffBody = z.strictObject({
  email: Email,
  name: Text(200),
  role: StaffRole,
  language: Locale,
});

/** What an admin may change on a staff user; at least one field. */
export const StaffChangeBody = z.strictObject({
  role: StaffRole.optional(),
  name: Text(200).optional(),
  language: Locale.optional(),
});

export const InvitedStaffView = z.object({
  user: StaffView,
  /** False when the email was already a staff user of this firm: nothing was written or mailed. */
  created: z.boolean(),
});
