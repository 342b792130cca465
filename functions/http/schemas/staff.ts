// Request and response schemas of the staff accounts routes.
import { StaffRole } from '../../domain/principal';
import { StaffStatus, StaffView } from '../../domain/staff';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { PageQuery, StaffUserId, Text } from './common';
import { Email } from './email';
import { Locale } from './locale';

export { StaffView };

export const StaffParams = lazySchema(() => z.strictObject({ userId: StaffUserId }));

export const StaffQuery = lazySchema(() => z.extend(PageQuery, { status: z.optional(StaffStatus) }));

export const InviteStaffBody = lazySchema(() =>
  z.strictObject({
    email: Email,
    name: Text(200),
    role: StaffRole,
    language: Locale,
  }),
);

/** What an admin may change on a staff user; at least one field. */
export const StaffChangeBody = lazySchema(() =>
  z.strictObject({
    role: z.optional(StaffRole),
    name: z.optional(Text(200)),
    language: z.optional(Locale),
  }),
);

export const InvitedStaffView = lazySchema(() =>
  z.object({
    user: StaffView,
    /** False when the email was already a staff user of this firm: nothing was written or mailed. */
    created: z.boolean(),
  }),
);
