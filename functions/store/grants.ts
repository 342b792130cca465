// DynamoDB adapters of GrantLookup and GrantLocator: GSI1 finds the grant from the portal identity,
// then a consistent read of the grant itself decides (GSIs are eventually consistent; a revoke is not).
import type { Grant, GrantLocation, GrantLocator, GrantLookup } from '../domain/grants';
import { lookups } from './keys';
import { getItem, queryKey, type Table } from './table';

export function grantLookup(table: Table): GrantLookup {
  return {
    async findGrantForIdentity(identityId, caseId) {
      const [hit] = await queryKey(table, lookups.grantOfIdentity(identityId, caseId), {
        limit: 5,
        projection: 'PK, SK',
      });
      if (!hit) return undefined;
      const grant = await getItem<Grant>(
        table,
        { PK: String(hit.PK), SK: String(hit.SK) },
        { consistent: true },
      );
      if (!grant) return undefined;
      // The index may lag behind a revoke or a re-binding: only the item itself is trusted.
      return grant.identityId === identityId && grant.status === 'active' ? grant : undefined;
    },
  };
}

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
