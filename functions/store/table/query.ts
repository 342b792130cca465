// Queries of access patterns: one page behind a signed cursor, whole or capped sets, one exact
// index key, and the due ranges of scheduled functions. Key attribute names come from the key module.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../domain/ports';
import { decodeCursor, encodeCursor } from '../cursor';
import { type IndexKey, type IndexName, keyNamesOf, type QuerySpec } from '../keys';
import { fromItem, type Table } from './items';

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

/**
 * Every item of one partition, as stored, a page at a time (`visit` awaited per page, so memory holds
 * one page): for work that must see all of a partition whatever its entities (an erasure).
 */
export async function forEachInPartition(
  table: Table,
  pk: string,
  visit: (items: Record<string, unknown>[]) => Promise<void>,
): Promise<void> {
  let start: Record<string, unknown> | undefined;
  do {
    const res = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': keyNamesOf().partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    await visit(res.Items ?? []);
    start = res.LastEvaluatedKey;
  } while (start);
}
