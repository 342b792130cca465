// Items: the table handle, item <-> entity mapping (layout attributes stripped), and reads by key:
// one item, or many in BatchGets with unprocessed keys asked again.
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
} from '@aws-sdk/lib-dynamodb';
import { type EntityName, type ItemKey, tableLayout } from '../keys';

export interface Table {
  client: DynamoDBDocumentClient;
  name: string;
  cursorSecret: string;
}

/** Attributes that belong to the table layout, not to the entity. */
const LAYOUT = new Set<string>([
  tableLayout.partitionKey,
  tableLayout.sortKey,
  ...Object.values(tableLayout.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
  tableLayout.timeToLiveAttribute,
  'entity',
  'v',
]);

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

/** One item by key; `consistent` where a decision rides on it (a check right after a write). */
export async function getItem<T>(
  table: Table,
  key: ItemKey,
  opts: { consistent?: boolean } = {},
): Promise<T | undefined> {
  const res = await table.client.send(
    new GetCommand({ TableName: table.name, Key: key, ...(opts.consistent ? { ConsistentRead: true } : {}) }),
  );
  return res.Item ? fromItem<T>(res.Item) : undefined;
}

/** BatchGetItem takes at most 100 keys per call. */
const BATCH_GET_MAX = 100;
/** BatchGets of one chunk before giving up on keys DynamoDB keeps leaving unprocessed (throttling). */
const BATCH_GET_ATTEMPTS = 8;

/**
 * The items at these keys that exist (in no particular order), in BatchGets of 100; keys left
 * unprocessed are asked again after a short backoff. Consistent unless told otherwise: most callers
 * decide on what they read.
 */
export async function getMany<T>(
  table: Table,
  itemKeys: ItemKey[],
  opts: { consistent?: boolean } = {},
): Promise<T[]> {
  return (await getManyStored(table, itemKeys, opts)).map((item) => fromItem<T>(item));
}

/** getMany's items as stored, table keys included: for a read of several entities at once, told apart by key. */
export async function getManyStored(
  table: Table,
  itemKeys: ItemKey[],
  opts: { consistent?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const consistent = opts.consistent ?? true;
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < itemKeys.length; i += BATCH_GET_MAX) {
    let pending: Record<string, unknown>[] | undefined = itemKeys.slice(i, i + BATCH_GET_MAX) as never;
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt >= BATCH_GET_ATTEMPTS)
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const res: BatchGetCommandOutput = await table.client.send(
        new BatchGetCommand({
          RequestItems: { [table.name]: { Keys: pending, ...(consistent ? { ConsistentRead: true } : {}) } },
        }),
      );
      out.push(...(res.Responses?.[table.name] ?? []));
      pending = res.UnprocessedKeys?.[table.name]?.Keys;
    }
  }
  return out;
}
