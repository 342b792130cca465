// DynamoDB adapter of GrantLookup: GSI1 finds the grant from the portal identity, then a
// consistent read of the grant itself decides (GSIs are eventually consistent; a revoke is not).
import type { Grant, GrantLookup } from '../domain/grants';
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
