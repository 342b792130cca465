// DynamoDB adapter of GrantLookup: GSI1 finds the grant from the portal identity, then a
// consistent read of the grant itself decides (GSIs are eventually consistent; a revoke is not).
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Grant, GrantLookup } from '../domain/grants';
import { keys, patterns } from './keys';
import { fromItem, type Table } from './table';

export function grantLookup(table: Table): GrantLookup {
  return {
    async findGrantForIdentity(identityId, caseId) {
      const spec = patterns.grantsOfIdentity(identityId);
      const byIdentity = keys.grantByIdentity(identityId, caseId);
      const res = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: spec.index,
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :sk',
          ExpressionAttributeValues: { ':pk': byIdentity.GSI1PK, ':sk': byIdentity.GSI1SK },
          ProjectionExpression: 'PK, SK',
          Limit: 5,
        }),
      );
      const hit = res.Items?.[0];
      if (!hit) return undefined;
      const got = await table.client.send(
        new GetCommand({ TableName: table.name, Key: { PK: hit.PK, SK: hit.SK }, ConsistentRead: true }),
      );
      if (!got.Item) return undefined;
      const grant = fromItem<Grant>(got.Item);
      // The index may lag behind a revoke or a re-binding: only the item itself is trusted.
      return grant.identityId === identityId && grant.status === 'active' ? grant : undefined;
    },
  };
}
