// The authorize step's gate, from configuration, once per container: the app clients of each
// sign-in and the staff directory read through a short per-container cache (decision 0023).
import { loadConfig } from '../config';
import type { Gate } from '../http/auth';
import type { callerRides } from '../http/caller-rides';
import { cachedStaffDirectory } from '../http/staff-directory';
import { firmStore } from '../store/firm';
import type { Table } from '../store/table';

/**
 * `rides`: for a group whose staff reads carry the caller's record in their own request (decision
 * 0052), passed by its entry so no other bundle holds it; without it the directory reads as before.
 */
export function gateFromEnv(table: Table, rides?: typeof callerRides): Gate {
  const config = loadConfig(['STAFF_CLIENT_IDS', 'CONTACT_CLIENT_IDS', 'STAFF_DIRECTORY_TTL_SECONDS']);
  const staff = firmStore(table);
  const read = (firmId: string, userId: string) => staff.getStaffUser(firmId, userId);
  const riding = rides?.(read);
  return {
    clients: { staff: config.STAFF_CLIENT_IDS, contact: config.CONTACT_CLIENT_IDS },
    directory: cachedStaffDirectory(riding?.read ?? read, { ttlSeconds: config.STAFF_DIRECTORY_TTL_SECONDS }),
    callerRecord: riding?.callerRecord,
  };
}
