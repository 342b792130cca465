// The table's shape for DynamoDB Local, built from the one layout in functions/store/keys.ts that
// lib/table.ts builds the AWS table from: the same keys, indexes, stream and TTL.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { tableLayout } from '../functions/store/keys';

const hashAndRange = (k: { partitionKey: string; sortKey: string }) => [
  { AttributeName: k.partitionKey, KeyType: 'HASH' as const },
  { AttributeName: k.sortKey, KeyType: 'RANGE' as const },
];

export const tableDefinition = (tableName: string): CreateTableCommandInput => {
  const indexes = Object.entries(tableLayout.indexes);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [tableLayout, ...indexes.map(([, k]) => k)]
      .flatMap((k) => [k.partitionKey, k.sortKey])
      .map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: hashAndRange(tableLayout),
    GlobalSecondaryIndexes: indexes.map(([IndexName, k]) => ({
      IndexName,
      KeySchema: hashAndRange(k),
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableLayout.streamViewType },
  };
};

/** DynamoDB Local takes TTL in its own call after CreateTable, as AWS does. */
export const TTL_ATTRIBUTE = tableLayout.timeToLiveAttribute;
