// Route implementations of the `staff` group: the firm's staff accounts.
import {
  deactivateStaff,
  inviteStaff,
  listStaff,
  reactivateStaff,
  type StaffDeps,
  updateStaff,
} from '../domain/staff';
import type { Gate } from '../http/auth';
import { staffChecks } from '../http/checks/staff';
import { groupHandler } from '../http/handler';
import { staffRoutes } from '../http/routes/staff';

export function staffApi(deps: StaffDeps, gate: Gate) {
  return groupHandler(
    'staff',
    staffRoutes,
    {
      inviteStaff: ({ principal, body }) => inviteStaff(deps, principal.firmId, body),
      listStaff: ({ principal, query }) => listStaff(deps, principal, query),
      updateStaff: ({ principal, params, body }) => updateStaff(deps, principal, params.userId, body),
      deactivateStaff: ({ principal, params }) => deactivateStaff(deps, principal, params.userId),
      reactivateStaff: ({ principal, params }) => reactivateStaff(deps, principal, params.userId),
    },
    gate,
    staffChecks,
  );
}
