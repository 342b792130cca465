// The authorize step's gate, from configuration, once per container: the app clients of each
// sign-in and the staff directory read through a short per-container cache (decision 0023).
import { loadConfig } from '../config';
import type { Gate } from '../http/auth';
import { cachedStaffDirectory } from '../http/staff-directory';
import { firmStore } from '../store/firm';
import type { Table } from '../store/table';

/**
 * `callerRidesWithReads`: for a group whose staff reads carry the caller's record in their own
 * request (decision 0052); every other group's directory reads the record itself, as before.
 */
export function gateFromEnv(table: Table, opts: { callerRidesWithReads?: boolean } = {}): Gate {
  const config = loadConfig(['STAFF_CLIENT_IDS', 'CONTACT_CLIENT_IDS', 'STAFF_DIRECTORY_TTL_SECONDS']);
  const staff = firmStore(table);
  return {
    clients: { staff: config.STAFF_CLIENT_IDS, contact: config.CONTACT_CLIENT_IDS },
    directory: cachedStaffDirectory((firmId, userId) => staff.getStaffUser(firmId, userId), {
      ttlSeconds: config.STAFF_DIRECTORY_TTL_SECONDS,
    }),
    ...(opts.callerRidesWithReads ? { callerRidesWithReads: true } : {}),
  };
}
