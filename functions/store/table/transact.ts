// Writes that must not be lost to a race: condition checks, the activity entry that rides with a
// change, transactions retried in place while only concurrent ones cancel them, and the reading of
// a cancellation's reasons.
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type DomainError, notFound } from '../../domain/errors';
import type { DomainEvent } from '../../events/catalogue';
import { activityKey, caseKey, Entity, type EntityName, type ItemKey } from '../keys';
import { type Table, toItem } from './items';

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
      Item: toItem(activityKey(event.firmId, event.caseId, event.eventId), Entity.activity, event),
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
  /** Items that belong with this one (a file request's reminder schedule), in the same transaction. */
  also: TransactItem[] = [],
): Promise<void> {
  return transact(
    table,
    [
      conditionCheck(table, caseKey(where.firmId, where.caseId)),
      {
        Put: {
          TableName: table.name,
          Item: toItem(item.key, item.entity, item.data),
          ...(item.once ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
        },
      },
      ...also,
      putActivity(table, event),
    ],
    { 0: () => notFound('case') },
  );
}

/**
 * Deletes the item at `key` with the event that reports it, in one transaction, while it exists.
 * False, nothing written, when it did not: a concurrent delete won, and its event is the one.
 */
export async function deleteWithEvent(table: Table, key: ItemKey, event: DomainEvent): Promise<boolean> {
  try {
    await transact(table, [
      { Delete: { TableName: table.name, Key: key, ConditionExpression: 'attribute_exists(PK)' } },
      putActivity(table, event),
    ]);
    return true;
  } catch (err) {
    if (failedConditionAt(err) === 0) return false;
    throw err;
  }
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

/**
 * Runs a transaction in which the items at `optional` may be left out: when the transaction is
 * cancelled only by the conditions of some of them (an item that is gone, or already as wanted), it
 * is sent again without those. Other condition failures map through `onConditionFailed` (indexes of
 * `items`) as in `transact`. Answers the indexes of the items left out.
 */
export async function transactSkipping(
  table: Table,
  items: TransactItem[],
  optional: ReadonlySet<number>,
  onConditionFailed: Record<number, () => DomainError> = {},
): Promise<number[]> {
  let kept = items.map((_, i) => i);
  for (;;) {
    const mapped = Object.fromEntries(
      kept.flatMap((i, k) => (onConditionFailed[i] ? [[k, onConditionFailed[i]]] : [])),
    );
    try {
      await transact(
        table,
        kept.map((i) => items[i]!),
        mapped,
      );
      return items.map((_, i) => i).filter((i) => !kept.includes(i));
    } catch (err) {
      const codes = cancellationCodes(err);
      const failed = kept.filter((_, k) => codes?.[k] === 'ConditionalCheckFailed');
      if (failed.length === 0) throw err;
      const hard = failed.find((i) => !optional.has(i));
      if (hard !== undefined) throw onConditionFailed[hard]?.() ?? err;
      kept = kept.filter((i) => !failed.includes(i));
      if (kept.length === 0) return items.map((_, i) => i);
    }
  }
}
