// The one table helper module every store uses: item <-> entity mapping, reads (one item, batches),
// Queries (paginated with signed cursors, whole sets, exact keys, due ranges), condition checks and
// transactions (conflicts retried in place, failed conditions become domain errors).
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type DomainError, notFound } from '../domain/errors';
import type { Page, PageRequest } from '../domain/ports';
import type { DomainEvent } from '../events/catalogue';
import { decodeCursor, encodeCursor } from './cursor';
import {
  Entity,
  type EntityName,
  type IndexKey,
  type IndexName,
  type ItemKey,
  keyNamesOf,
  keys,
  type QuerySpec,
  tableLayout,
} from './keys';

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
  const consistent = opts.consistent ?? true;
  const out: T[] = [];
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
      out.push(...(res.Responses?.[table.name] ?? []).map((item) => fromItem<T>(item)));
      pending = res.UnprocessedKeys?.[table.name]?.Keys;
    }
  }
  return out;
}

/** A FilterExpression applied after the key condition (its names and values merge with the key's). */
export interface QueryFilter {
  expression: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}

/** The Query input of an access pattern (the bench uses it too, as the floor a route must pay). */
export function queryInput(table: Pick<Table, 'name'>, spec: QuerySpec, filter?: QueryFilter) {
  const names = keyNamesOf(spec.index);
  return {
    TableName: table.name,
    ...(spec.index ? { IndexName: spec.index } : {}),
    KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
    ...(filter ? { FilterExpression: filter.expression } : {}),
    ExpressionAttributeNames: {
      '#pk': names.partitionKey,
      '#sk': names.sortKey,
      ...filter?.names,
    },
    ExpressionAttributeValues: { ':pk': spec.pk, ':sk': spec.skPrefix, ...filter?.values } as Record<
      string,
      unknown
    >,
    ScanIndexForward: spec.forward,
  };
}

/** The key DynamoDB resumes a Query after an item: the table's key, plus the index's when one is read. */
function resumeKeyOf(spec: QuerySpec, item: Record<string, unknown>): Record<string, unknown> {
  const table = keyNamesOf();
  const index = spec.index ? keyNamesOf(spec.index) : undefined;
  const names = [table.partitionKey, table.sortKey, ...(index ? [index.partitionKey, index.sortKey] : [])];
  return Object.fromEntries(names.map((n) => [n, item[n]]));
}

/**
 * One page of an access pattern. It reads one item more than `limit` (Query's own LastEvaluatedKey
 * is set whenever the page is full, so a page that ends exactly at the end of the list would carry
 * a token to an empty page): the extra item proves there is a next page, and the cursor resumes
 * after the page's last item. Unfiltered, that is one Query; with a filter, Queries continue until
 * the page is full or the partition ends, so a page is never short while more items match. The
 * cursor is signed and bound to the pattern's name and partition (and filter), so it cannot be
 * replayed on another list.
 */
export async function queryPage<T>(
  table: Table,
  spec: QuerySpec,
  page: PageRequest,
  filter?: QueryFilter,
): Promise<Page<T>> {
  const scope = `${spec.name}${filter ? `+${filter.expression}` : ''}|${spec.index ?? 'table'}|${spec.pk}`;
  const found: Record<string, unknown>[] = [];
  let start = page.nextToken ? decodeCursor(table.cursorSecret, scope, page.nextToken) : undefined;
  do {
    const res = await table.client.send(
      new QueryCommand({
        ...queryInput(table, spec, filter),
        // A filter drops items after Limit counts them, so each Query evaluates a whole page's worth.
        Limit: page.limit + 1,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    found.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start && found.length <= page.limit);
  const items = found.slice(0, page.limit);
  const last = items.at(-1);
  return found.length > page.limit && last
    ? {
        items: items.map((i) => fromItem<T>(i)),
        nextToken: encodeCursor(table.cursorSecret, scope, resumeKeyOf(spec, last)),
      }
    : { items: items.map((i) => fromItem<T>(i)) };
}

export interface QueryAllOptions {
  consistent: boolean;
  filter?: QueryFilter;
  /** Only these attributes (a ProjectionExpression). */
  projection?: string;
  /** Stop once this many items are read, and answer at most this many (a capped set). */
  atMost?: number;
}

/**
 * Every item of a pattern, for sets that are bounded by design (a case's contacts or documents),
 * or its first `atMost` items.
 */
export async function queryAll<T>(table: Table, spec: QuerySpec, opts: QueryAllOptions): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const input = queryInput(table, spec, opts.filter);
    const res = await table.client.send(
      new QueryCommand({
        ...input,
        // Only the main table can be read consistently; an index query must not ask for it.
        ...(opts.consistent && !spec.index ? { ConsistentRead: true } : {}),
        ...(opts.projection ? { ProjectionExpression: opts.projection } : {}),
        // A filter drops items after Limit counts them: a capped filtered set pages without a Limit.
        ...(opts.atMost !== undefined && !opts.filter ? { Limit: opts.atMost } : {}),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    out.push(...(res.Items ?? []).map((i) => fromItem<T>(i)));
    start = res.LastEvaluatedKey;
  } while (start && (opts.atMost === undefined || out.length < opts.atMost));
  return opts.atMost === undefined ? out : out.slice(0, opts.atMost);
}

/**
 * The items stored under one exact index key, as stored (with their table keys: the caller may read
 * the item itself next, or tell its owner from them). One Query; an index is never read consistently.
 */
export async function queryKey(
  table: Table,
  key: IndexKey,
  opts: { limit: number; projection?: string },
): Promise<Record<string, unknown>[]> {
  const names = keyNamesOf(key.index);
  const res = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      IndexName: key.index,
      KeyConditionExpression: '#pk = :pk AND #sk = :sk',
      ExpressionAttributeNames: { '#pk': names.partitionKey, '#sk': names.sortKey },
      ExpressionAttributeValues: { ':pk': key.pk, ':sk': key.sk },
      ...(opts.projection ? { ProjectionExpression: opts.projection } : {}),
      Limit: opts.limit,
    }),
  );
  return res.Items ?? [];
}

/** A range of a sparse "due" index (scheduled work: reminders, digests), by shard and due time. */
export interface DueRange {
  index: IndexName;
  pk: string;
  skFrom: string;
  skTo: string;
}

/** The Query input of a due range (the bench uses it too, as the floor a scheduled run must pay). */
export function dueRangeInput(table: Pick<Table, 'name'>, range: DueRange, projection?: string) {
  const names = keyNamesOf(range.index);
  return {
    TableName: table.name,
    IndexName: range.index,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': names.partitionKey, '#sk': names.sortKey },
    ExpressionAttributeValues: { ':pk': range.pk, ':from': range.skFrom, ':to': range.skTo },
    ...(projection ? { ProjectionExpression: projection } : {}),
  };
}

/**
 * One page of a scheduled function's own range Query over a due index. Its position never leaves
 * the function (no client sees it), so it is a plain encoding, not a signed cursor.
 */
export async function queryDueRange<T>(
  table: Table,
  range: DueRange,
  page: { limit: number; nextToken?: string },
  projection?: string,
): Promise<{ items: T[]; nextToken?: string }> {
  const res = await table.client.send(
    new QueryCommand({
      ...dueRangeInput(table, range, projection),
      Limit: page.limit,
      ...(page.nextToken
        ? { ExclusiveStartKey: JSON.parse(Buffer.from(page.nextToken, 'base64url').toString('utf8')) }
        : {}),
    }),
  );
  const items = (res.Items ?? []).map((i) => fromItem<T>(i));
  return res.LastEvaluatedKey
    ? { items, nextToken: Buffer.from(JSON.stringify(res.LastEvaluatedKey)).toString('base64url') }
    : { items };
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A condition on an item that the transaction does not otherwise touch: by default, that it exists. */
export function conditionCheck(
  table: Table,
  key: ItemKey,
  condition: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> } = {
    expression: 'attribute_exists(PK)',
  },
): TransactItem {
  return {
    ConditionCheck: {
      TableName: table.name,
      Key: key,
      ConditionExpression: condition.expression,
      ...(condition.names ? { ExpressionAttributeNames: condition.names } : {}),
      ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
    },
  };
}

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
 * Attempts of a write that DynamoDB keeps cancelling only for concurrent ones. At a 30 % conflict
 * rate (the races suite's, far above real traffic) 8 attempts lost one write in ~15,000 (0.3^8): with
 * the suite's hundreds of racing writes, a 500 about once in fifty runs; 10 make it one in ~170,000.
 * The backoff (full jitter, capped at 1.6 s) keeps the worst case (~8 s of waiting) inside a
 * route's 10 s timeout.
 */
const CONFLICT_ATTEMPTS = 10;

/** A short random wait before attempt `attempt + 1` of a write that lost a race (full jitter). */
export const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** Math.min(attempt, 6)));

/**
 * Sends a transaction, sent again in place while DynamoDB cancels it only because another
 * transaction held one of its items at that moment (concurrent writes to one counter: a grant's
 * sharedCount, an inbox's unread, a discussion's commentCount, a thread). A cancelled transaction
 * wrote nothing, so sending it again is safe; its conditions are judged afresh.
 */
async function transactWrite(table: Table, items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sendTransaction(table, items);
      return;
    } catch (err) {
      if (attempt >= CONFLICT_ATTEMPTS || !isTransactionConflict(err)) throw err;
      await backoff(attempt);
    }
  }
}

/**
 * One single-item write (Put, Update, Delete), sent again while DynamoDB refuses it only because a
 * transaction held its item at that moment (TransactionConflictException: nothing was written).
 */
export async function writeRetrying<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (attempt >= CONFLICT_ATTEMPTS || !isTransactionConflict(err)) throw err;
      await backoff(attempt);
    }
  }
}

/**
 * Runs a transaction (through transactWrite: conflicts with concurrent ones are retried). When it
 * is cancelled because the condition of item i failed, throws `onConditionFailed[i]()` (a domain
 * error) instead of the SDK error.
 */
export async function transact(
  table: Table,
  items: TransactItem[],
  onConditionFailed: Record<number, () => DomainError> = {},
): Promise<void> {
  try {
    await transactWrite(table, items);
  } catch (err) {
    const toError = onConditionFailed[failedConditionAt(err)];
    if (toError) throw toError();
    throw err;
  }
}

/**
 * Puts one item of a case with its activity entry, while the case still exists (it was read a
 * moment before): a case deleted in between is 404 `case`. `once`: the item must be new.
 */
export function putInCase(
  table: Table,
  where: { firmId: string; caseId: string },
  item: { key: ItemKey; entity: EntityName; data: object; once: boolean },
  event: DomainEvent,
): Promise<void> {
  return transact(
    table,
    [
      conditionCheck(table, keys.case(where.firmId, where.caseId)),
      {
        Put: {
          TableName: table.name,
          Item: toItem(item.key, item.entity, item.data),
          ...(item.once ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
        },
      },
      putActivity(table, event),
    ],
    { 0: () => notFound('case') },
  );
}

/** One TransactWriteItems call, no retry: for stores whose retry decides on each item's reason. */
export async function sendTransaction(table: Table, items: TransactItem[]): Promise<void> {
  await table.client.send(new TransactWriteCommand({ TransactItems: items }));
}

/** The cancellation code of each item of a cancelled transaction (undefined: not a cancellation). */
export function cancellationCodes(err: unknown): (string | undefined)[] | undefined {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name !== 'TransactionCanceledException') return undefined;
  return (e.CancellationReasons ?? []).map((r) => r.Code);
}

/** The item whose condition failed in a cancelled transaction (-1: none failed, or not a cancellation). */
export function failedConditionAt(err: unknown): number {
  return cancellationCodes(err)?.indexOf('ConditionalCheckFailed') ?? -1;
}

/** DynamoDB refused a write only because a transaction held one of its items: trying again is right. */
export function isTransactionConflict(err: unknown): boolean {
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name === 'TransactionConflictException') return true;
  if (e.name !== 'TransactionCanceledException') return false;
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}
