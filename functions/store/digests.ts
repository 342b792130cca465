// DynamoDB adapters of digests: the notify core's DigestSink (an email batched into its recipient's
// open window) and the digest run's DigestStore (due windows through GSI2 — a range Query per shard,
// never a Scan — the claim, the entries, the mark). One partition per firm × recipient × category:
//   LATEST                  which window is the latest (open, or closed: then `add` opens a new one)
//   WINDOW#<windowId>       the window: status open → sending → sent, dueAt, entry count, address
//   ENTRY#<windowId>#<evt>  one batched message (rendered subject/title/body/link)
//   EVENT#<evt>             which window the event's email went into (makes `add` idempotent)
// Everything expires (TTL) a month after it was written, like delivery records.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestItem, DigestRef, DigestStore, DigestWindow } from '../domain/digests';
import { shardOf } from '../domain/task-rules';
import type { DigestEntry, DigestSink } from '../notify/core';
import { DELIVERY_TTL_SECONDS } from './deliveries';
import { firmLocale } from './firm-settings';
import {
  DIGEST_SHARDS,
  digestByDueKey,
  digestEntryKey,
  digestEventKey,
  digestLatestKey,
  digestWindowKey,
  dueDigestsOf,
  Entity,
  entriesOfDigestPattern,
} from './keys';
import {
  cancellationCodes,
  fromItem,
  queryAll,
  queryDueRange,
  sendTransaction,
  type Table,
  type TransactItem,
  toItem,
} from './table';

type TransactItems = TransactItem[];

/** Attempts of `add` when it loses a race (another entry opened the window, or a run closed it). */
export const ADD_ATTEMPTS = 8;

export const digestIndex = (windowId: string, dueAt: string) =>
  digestByDueKey(shardOf(windowId, DIGEST_SHARDS), dueAt, windowId);

interface Where {
  firmId: string;
  recipientKey: string;
  category: string;
}

const windowKey = (r: Where, windowId: string) =>
  digestWindowKey(r.firmId, r.recipientKey, r.category, windowId);

export function digestSink(table: Table): DigestSink {
  const get = async (key: ReturnType<typeof digestLatestKey>) =>
    (await table.client.send(new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }))).Item;

  return {
    async add(entry) {
      const where: Where = {
        firmId: entry.key.firmId,
        recipientKey: entry.key.recipient,
        category: entry.category,
      };
      const eventKey = digestEventKey(where.firmId, where.recipientKey, where.category, entry.key.eventId);
      for (let attempt = 1; ; attempt++) {
        // Added by an earlier attempt (its mark failed, the event was retried): the same window, whatever is open now.
        const done = await get(eventKey);
        if (done) return { digestId: done.windowId as string, dueAt: done.dueAt as string };
        const latest = await get(digestLatestKey(where.firmId, where.recipientKey, where.category));
        const outcome = latest
          ? await attach(table, where, entry, {
              windowId: latest.windowId as string,
              dueAt: latest.dueAt as string,
            })
          : 'closed';
        if (typeof outcome === 'object') return outcome;
        if (outcome === 'closed') {
          const opened = await open(table, where, entry, latest?.windowId as string | undefined);
          if (opened) return opened;
        }
        if (attempt >= ADD_ATTEMPTS)
          throw new Error(
            `could not add to the ${where.category} digest after ${attempt} attempts (contention)`,
          );
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    },
  };
}

const ttl = (at: Date) => Math.floor(at.getTime() / 1000) + DELIVERY_TTL_SECONDS;

/** The entry and the event's marker: both new, or the whole transaction fails. */
function entryItems(
  table: Table,
  where: Where,
  entry: DigestEntry,
  window: { windowId: string; dueAt: string },
) {
  const item: DigestItem = {
    eventId: entry.key.eventId,
    type: entry.type,
    ...(entry.caseId ? { caseId: entry.caseId } : {}),
    subject: entry.message.subject,
    title: entry.message.title,
    body: entry.message.body,
    ...(entry.message.link ? { link: entry.message.link } : {}),
    at: entry.at.toISOString(),
  };
  const { firmId, recipientKey, category } = where;
  return [
    {
      Put: {
        TableName: table.name,
        Item: toItem(
          digestEventKey(firmId, recipientKey, category, entry.key.eventId),
          Entity.digestEvent,
          window,
          { expiresAt: ttl(entry.at) },
        ),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: table.name,
        Item: toItem(
          digestEntryKey(firmId, recipientKey, category, window.windowId, entry.key.eventId),
          Entity.digestEntry,
          { ...item, windowId: window.windowId },
          { expiresAt: ttl(entry.at) },
        ),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ] satisfies TransactItems;
}

type Attempt = { digestId: string; dueAt: string } | 'closed' | 'retry';

/** Adds the entry to the latest window while it is still open (one transaction with its count). */
async function attach(
  table: Table,
  where: Where,
  entry: DigestEntry,
  window: { windowId: string; dueAt: string },
): Promise<Attempt> {
  const reasons = await transactReasons(table, [
    ...entryItems(table, where, entry, window),
    {
      Update: {
        TableName: table.name,
        Key: windowKey(where, window.windowId),
        UpdateExpression: 'ADD entryCount :one',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
      },
    },
  ]);
  if (!reasons) return { digestId: window.windowId, dueAt: window.dueAt };
  // The window is sending or sent (a run claimed it): the entry goes into a new one.
  if (reasons[2] === 'ConditionalCheckFailed' && reasons[0] !== 'ConditionalCheckFailed') return 'closed';
  return 'retry';
}

/**
 * Opens a new window with the entry as its first, moving LATEST to it: only if LATEST still names
 * `previous` (or is absent), so two entries racing to open one window open exactly one.
 */
async function open(
  table: Table,
  where: Where,
  entry: DigestEntry,
  previous: string | undefined,
): Promise<{ digestId: string; dueAt: string } | undefined> {
  // The opening event's id names the window: ULIDs sort by time, and an event opens at most one window.
  const windowId = entry.key.eventId;
  const dueAt = new Date(entry.at.getTime() + entry.windowMinutes * 60_000).toISOString();
  const r = entry.recipient;
  const window: DigestWindow = {
    firmId: where.firmId,
    recipientKey: where.recipientKey,
    category: entry.category,
    windowId,
    status: 'open',
    recipient: {
      kind: r.kind,
      id: r.id,
      name: r.name,
      ...(r.email ? { email: r.email } : {}),
      ...(r.locale ? { locale: r.locale } : {}),
    },
    windowMinutes: entry.windowMinutes,
    openedAt: entry.at.toISOString(),
    dueAt,
    entryCount: 1,
  };
  const latestKey = digestLatestKey(where.firmId, where.recipientKey, where.category);
  const reasons = await transactReasons(table, [
    ...entryItems(table, where, entry, { windowId, dueAt }),
    {
      Put: {
        TableName: table.name,
        Item: toItem(
          { ...windowKey(where, windowId), ...digestIndex(windowId, dueAt) },
          Entity.digestWindow,
          window,
          {
            expiresAt: ttl(entry.at),
          },
        ),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: table.name,
        Item: toItem(latestKey, Entity.digestLatest, { windowId, dueAt }, { expiresAt: ttl(entry.at) }),
        ConditionExpression: previous ? 'windowId = :previous' : 'attribute_not_exists(PK)',
        ...(previous ? { ExpressionAttributeValues: { ':previous': previous } } : {}),
      },
    },
  ]);
  return reasons ? undefined : { digestId: windowId, dueAt };
}

/** Runs a transaction; undefined when it committed, else the cancellation code of each item. */
async function transactReasons(
  table: Table,
  items: TransactItems,
): Promise<(string | undefined)[] | undefined> {
  try {
    await sendTransaction(table, items);
    return undefined;
  } catch (err) {
    const codes = cancellationCodes(err)?.map((c) => (c === 'None' ? undefined : c));
    if (!codes) throw err;
    // Anything but a lost race (a condition, a concurrent transaction on the same item) is a real failure.
    if (codes.some((c) => c && c !== 'ConditionalCheckFailed' && c !== 'TransactionConflict')) throw err;
    return codes;
  }
}

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

export function digestStore(table: Table): DigestStore {
  return {
    due: (shard, dueBy, page) =>
      queryDueRange<DigestRef>(
        table,
        dueDigestsOf(shard, dueBy),
        page,
        'firmId, recipientKey, category, windowId',
      ),

    async window(ref) {
      const res = await table.client.send(
        new GetCommand({ TableName: table.name, Key: windowKey(ref, ref.windowId), ConsistentRead: true }),
      );
      return res.Item ? fromItem<DigestWindow>(res.Item) : undefined;
    },

    async claim(ref, now, leaseUntil) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: windowKey(ref, ref.windowId),
            // Open, or sending without a live claim (released after a failed send, or its run crashed).
            ConditionExpression:
              '#status = :open OR (#status = :sending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))',
            UpdateExpression: 'SET #status = :sending, leaseUntil = :lease ADD attempts :one',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':open': 'open',
              ':sending': 'sending',
              ':now': now.getTime(),
              ':lease': leaseUntil,
              ':one': 1,
            },
          }),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    entries: (ref) =>
      queryAll<DigestItem>(
        table,
        entriesOfDigestPattern(ref.firmId, ref.recipientKey, ref.category, ref.windowId),
        { consistent: true },
      ),

    async markSent(ref, leaseUntil, sent) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: windowKey(ref, ref.windowId),
          ConditionExpression: '#status = :sending AND leaseUntil = :lease',
          UpdateExpression:
            'SET #status = :sent, messageId = :messageId, sentAt = :sentAt REMOVE leaseUntil, lastError, lastErrorAt, GSI2PK, GSI2SK',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':lease': leaseUntil,
            ':sent': 'sent',
            ':messageId': sent.messageId,
            ':sentAt': sent.sentAt,
          },
        }),
      );
    },

    async release(ref, leaseUntil, failure) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: windowKey(ref, ref.windowId),
            ConditionExpression: '#status = :sending AND leaseUntil = :lease',
            UpdateExpression: 'SET lastError = :error, lastErrorAt = :at REMOVE leaseUntil',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':sending': 'sending',
              ':lease': leaseUntil,
              ':error': failure.error,
              ':at': failure.at,
            },
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },

    firmLocale: (firmId) => firmLocale(table, firmId),
  };
}
