// DynamoDB adapter of GrantLocator: where a portal identity's grant on a case lives, from GSI1,
// remembered per container (a grant's key never changes; only the grant item, read alongside the
// work, decides: decision 0033).
import type { GrantLocation, GrantLocator } from '../domain/grants';
import { lookups } from './keys';
import { queryKey, type Table } from './table';

/** Locations a container remembers (a grant's key never changes); the oldest go first beyond this. */
const REMEMBERED = 2000;

/**
 * GrantLocator over GSI1, remembering what it found: the portal's next request on the same case
 * reads the grant item alongside its work instead of after a lookup. What it remembers is only
 * where to read; the grant item read then decides, and a location it no longer fits is asked again.
 */
export function grantLocator(table: Table): GrantLocator {
  const remembered = new Map<string, Omit<GrantLocation, 'memoized'>>();
  return {
    async locateGrant(identityId, caseId, fresh) {
      const id = `${identityId}\u0000${caseId}`;
      const known = fresh ? undefined : remembered.get(id);
      if (known) return { ...known, memoized: true };
      remembered.delete(id);
      const [hit] = await queryKey(table, lookups.grantOfIdentity(identityId, caseId), {
        limit: 5,
        projection: 'firmId, caseId, contactId',
      });
      if (!hit) return undefined;
      const at = { firmId: String(hit.firmId), caseId: String(hit.caseId), contactId: String(hit.contactId) };
      if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
      remembered.set(id, at);
      return { ...at, memoized: false };
    },
  };
}
