// DynamoDB adapter of the MatrixStore: the firm's notification matrix is one map attribute of the
// firm item (read by the notify core for every event: one GetItem), saved whole.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../domain/errors';
import type { MatrixStore, StoredMatrix } from '../domain/notification-matrix';
import { keys } from './keys';
import type { Table } from './table';

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

export function matrixStore(table: Table): MatrixStore {
  return {
    async getMatrix(firmId) {
      const res = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: keys.firm(firmId),
          ProjectionExpression:
            'notificationMatrix, mandatoryCategories, documentPath, digestWindows, matrixUpdatedAt, matrixUpdatedBy',
          ConsistentRead: true,
        }),
      );
      const item = res.Item ?? {};
      const out: StoredMatrix = {};
      if (item.notificationMatrix && typeof item.notificationMatrix === 'object')
        out.matrix = item.notificationMatrix as StoredMatrix['matrix'];
      if (Array.isArray(item.mandatoryCategories)) out.mandatory = item.mandatoryCategories as string[];
      if (typeof item.documentPath === 'string') out.documentPath = item.documentPath;
      if (item.digestWindows && typeof item.digestWindows === 'object')
        out.digest = item.digestWindows as StoredMatrix['digest'];
      if (typeof item.matrixUpdatedAt === 'string') out.updatedAt = item.matrixUpdatedAt;
      if (typeof item.matrixUpdatedBy === 'string') out.updatedBy = item.matrixUpdatedBy;
      return out;
    },

    async saveMatrix(firmId, saved) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keys.firm(firmId),
            UpdateExpression:
              'SET notificationMatrix = :m, mandatoryCategories = :mandatory, documentPath = :path, digestWindows = :digest, matrixUpdatedAt = :at, matrixUpdatedBy = :by',
            // Only an onboarded firm has settings: an Update would otherwise create a bare firm item.
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: {
              ':m': saved.matrix,
              ':mandatory': saved.mandatory,
              ':path': saved.documentPath,
              ':digest': saved.digest,
              ':at': saved.updatedAt,
              ':by': saved.updatedBy,
            },
          }),
        );
      } catch (err) {
        if (isConditionFailure(err)) throw notFound('firm');
        throw err;
      }
    },
  };
}
