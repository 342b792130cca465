// Routes of the `staff` group: staff accounts: invitations, roles, deactivation (decision 0025).
import { defineRoute, type GroupRoutes, type RouteSummaries, THROTTLE } from '../route';
import { pageOf } from '../schemas/common';
import {
  InvitedStaffView,
  InviteStaffBody,
  StaffChangeBody,
  StaffParams,
  StaffQuery,
  StaffView,
} from '../schemas/staff';

export const staffRoutes = {
  inviteStaff: defineRoute({
    throttle: THROTTLE.mail,
    method: 'POST',
    path: '/staff',
    group: 'staff',
    auth: 'admin',
    scope: 'firm',
    body: InviteStaffBody,
    response: { status: 200, schema: InvitedStaffView },
  }),
  listStaff: defineRoute({
    method: 'GET',
    path: '/staff',
    group: 'staff',
    auth: 'staff',
    scope: 'firm',
    query: StaffQuery,
    response: { status: 200, schema: pageOf(StaffView) },
  }),
  updateStaff: defineRoute({
    method: 'PATCH',
    path: '/staff/{userId}',
    group: 'staff',
    auth: 'admin',
    scope: 'firm',
    params: StaffParams,
    body: StaffChangeBody,
    response: { status: 200, schema: StaffView },
  }),
  deactivateStaff: defineRoute({
    method: 'POST',
    path: '/staff/{userId}/deactivate',
    group: 'staff',
    auth: 'admin',
    scope: 'firm',
    params: StaffParams,
    response: { status: 200, schema: StaffView },
  }),
  reactivateStaff: defineRoute({
    method: 'POST',
    path: '/staff/{userId}/reactivate',
    group: 'staff',
    auth: 'admin',
    scope: 'firm',
    params: StaffParams,
    response: { status: 200, schema: StaffView },
  }),
} as const satisfies GroupRoutes<'staff'>;

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const staffSummaries = {
  inviteStaff:
    "Invite a staff user: creates the staff sign-in's login (Cognito mails the invitation with a temporary password) and the staff record. Idempotent: the same email again answers the existing user (`created: false`, no second mail); an email that is another firm's staff login answers 409 `staff_email_in_other_firm`.",
  listStaff: "List the firm's staff users (by id), optionally only `active` or only `inactive` ones.",
  updateStaff:
    "Change a staff user's role, name or language. A role change also sets the login's `custom:role`: the user's tokens issued before it answer 403 `role_mismatch` until they sign in again. The last active admin cannot be demoted (409 `last_admin`).",
  deactivateStaff:
    "Deactivate a staff user (idempotent): the record first (the user's tokens are refused within STAFF_DIRECTORY_TTL_SECONDS, 60 s by default), then the login is signed out everywhere (refresh tokens revoked) and disabled. The user drops out of recipients; notices meant for them as case owner go to the firm's active admins. The last active admin cannot be deactivated (409 `last_admin`).",
  reactivateStaff: 'Reactivate a staff user (idempotent): the record, then the login is enabled again.',
} as const satisfies RouteSummaries<typeof staffRoutes>;
