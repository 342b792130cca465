// A small typed layer over the DynamoDB document client: item <-> entity mapping, paginated
// queries with signed cursors, and transactions whose failed conditions become domain errors.
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { DomainError } from '../domain/errors';
import type { Page, PageRequest } from '../domain/ports';
import type { DomainEvent } from '../events/catalogue';
import { decodeCursor, encodeCursor } from './cursor';
import { Entity, type EntityName, type ItemKey, keys, type QuerySpec } from './keys';

export interface Table {
  client: DynamoDBDocumentClient;
  name: string;
  cursorSecret: string;
}

/** Attributes that belong to the table layout, not to the entity. */
const LAYOUT = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'entity', 'v', 'expiresAt']);

export function toItem<T extends object>(
  key: ItemKey & Partial<Record<'GSI1PK' | 'GSI1SK' | 'GSI2PK' | 'GSI2SK', string>>,
  entity: EntityName,
  data: T,
  extra: { expiresAt?: number } = {},
): Record<string, unknown> {
  return { ...(data as Record<string, unknown>), ...key, entity, v: 1, ...extra };
}

export function fromItem<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) if (!LAYOUT.has(k)) out[k] = v;
  return out as T;
}

export async function getItem<T>(table: Table, key: ItemKey): Promise<T | undefined> {
  const res = await table.client.send(new GetCommand({ TableName: table.name, Key: key }));
  return res.Item ? fromItem<T>(res.Item) : undefined;
}

/** One Query, one page. The cursor is bound to the pattern's name and partition. */
export async function queryPage<T>(table: Table, spec: QuerySpec, page: PageRequest): Promise<Page<T>> {
  const scope = `${spec.name}|${spec.index ?? 'table'}|${spec.pk}`;
  const pkName = spec.index ? `${spec.index}PK` : 'PK';
  const skName = spec.index ? `${spec.index}SK` : 'SK';
  const res = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      ...(spec.index ? { IndexName: spec.index } : {}),
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
      ExpressionAttributeValues: { ':pk': spec.pk, ':sk': spec.skPrefix },
      ScanIndexForward: spec.forward,
      Limit: page.limit,
      ...(page.nextToken
        ? { ExclusiveStartKey: decodeCursor(table.cursorSecret, scope, page.nextToken) }
        : {}),
    }),
  );
  const items = (res.Items ?? []).map((i) => fromItem<T>(i));
  return res.LastEvaluatedKey
    ? { items, nextToken: encodeCursor(table.cursorSecret, scope, res.LastEvaluatedKey) }
    : { items };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The Put of an activity entry (the domain event) that rides in the same transaction as its change. */
export function putActivity(table: Table, event: DomainEvent): TransactItem {
  return {
    Put: {
      TableName: table.name,
      Item: toItem(keys.activity(event.firmId, event.caseId, event.eventId), Entity.activity, event),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * Runs a transaction. When it is cancelled because the condition of item i failed, throws
 * `onConditionFailed[i]()` (a domain error) instead of the SDK error.
 */
export async function transact(
  table: Table,
  items: TransactItem[],
  onConditionFailed: Record<number, () => DomainError> = {},
): Promise<void> {
  try {
    await table.client.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if ((err as Error).name === 'TransactionCanceledException') {
      const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      const toError = onConditionFailed[failed];
      if (toError) throw toError();
    }
    throw err;
  }
}
