// DynamoDB adapter of the notify core's DeliveryStore: one record per event × recipient × channel
// (TTL ~30 days), claimed by a conditional update before a mail or push is sent (an in-app delivery's
// record is written `sent` inside the inbox transaction instead: inAppDelivered), or written
// `suppressed` with its reason when the firm's settings stop it; a case's records are also listed by
// case (GSI2).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { correlationId } from '../correlation';
import type { DeliveryListStore, DeliveryRecord, SuppressReason } from '../domain/deliveries';
import type { ClaimResult, DeliveryKey, DeliveryStore, SuppressionLog } from '../notify/core';
import {
  deliveriesOfCasePattern,
  deliveriesOfEventPattern,
  deliveryByCaseKey,
  deliveryKey,
  Entity,
  notifiedKey,
} from './keys';
import { cancellationCodes, queryPage, sendTransaction, type Table, type TransactItem } from './table';

/** Delivery records outlive any retry or redrive of their event, then expire. */
export const DELIVERY_TTL_SECONDS = 30 * 24 * 3600;

export const deliveryItemKey = (k: DeliveryKey) => deliveryKey(k.firmId, k.eventId, k.recipient, k.channel);

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

/** The dedupe marker of a delivery's news: one per dedupe key × recipient × channel, naming the event that holds it. */
export const dedupeMarkerKey = (k: DeliveryKey, dedupeKey: string) =>
  notifiedKey(k.firmId, dedupeKey, k.recipient, k.channel);

/** Attempts of a dedupe claim that met a concurrent transaction on the same items. */
const CLAIM_ATTEMPTS = 5;

const byCase = (k: DeliveryKey, caseId: string) =>
  deliveryByCaseKey(k.firmId, caseId, k.eventId, k.recipient, k.channel);

/** What a delivery record says of its delivery, whoever writes it (a claim, or the in-app transaction). */
interface RecordInfo {
  type: string;
  caseId?: string;
  now: Date;
}

/**
 * The SET clause and values every write of a delivery record makes: who, what, when (kept from the
 * first write), the request or event that caused it, and its place in the case's list (GSI2).
 */
function recordFields(key: DeliveryKey, info: RecordInfo) {
  const now = info.now.getTime();
  // The request or event that caused this delivery: an operator follows it from the API call here.
  const correlation = correlationId();
  const byCaseKey = info.caseId ? byCase(key, info.caseId) : undefined;
  return {
    set: [
      'firmId = :firmId, eventId = :eventId, recipient = :recipient, channel = :channel, #type = :type',
      'entity = :entity, v = :v, createdAt = if_not_exists(createdAt, :createdAt)',
      'expiresAt = if_not_exists(expiresAt, :expiresAt)',
      ...(byCaseKey ? ['caseId = :caseId, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk'] : []),
      ...(correlation ? ['correlationId = :correlationId'] : []),
    ].join(', '),
    names: { '#status': 'status', '#type': 'type' },
    values: {
      ':firmId': key.firmId,
      ':eventId': key.eventId,
      ':recipient': key.recipient,
      ':channel': key.channel,
      ':type': info.type,
      ':entity': Entity.delivery,
      ':v': 1,
      ':createdAt': info.now.toISOString(),
      ':expiresAt': Math.floor(now / 1000) + DELIVERY_TTL_SECONDS,
      ':one': 1,
      ...(correlation ? { ':correlationId': correlation } : {}),
      ...(byCaseKey
        ? { ':caseId': info.caseId, ':gsi2pk': byCaseKey.GSI2PK, ':gsi2sk': byCaseKey.GSI2SK }
        : {}),
    },
  };
}

/**
 * The in-app delivery's record written `sent` inside the inbox transaction, claim and outcome in one:
 * new, or pending (claimed by an attempt of the code before the claim moved into this transaction: the
 * transaction alone decides, since only one can find it pending). Sent or suppressed: the condition
 * fails and the transaction writes nothing.
 */
export function inAppDelivered(
  table: Table,
  key: DeliveryKey,
  info: RecordInfo & { itemId: string },
): TransactItem {
  const fields = recordFields(key, info);
  return {
    Update: {
      TableName: table.name,
      Key: deliveryItemKey(key),
      ConditionExpression: 'attribute_not_exists(PK) OR #status = :pending',
      UpdateExpression: `SET #status = :sent, sentAt = :at, inboxItemId = :itemId, ${fields.set} REMOVE leaseUntil, lastError, lastErrorAt ADD attempts :one`,
      ExpressionAttributeNames: fields.names,
      ExpressionAttributeValues: {
        ...fields.values,
        ':pending': 'pending',
        ':sent': 'sent',
        ':at': info.now.toISOString(),
        ':itemId': info.itemId,
      },
    },
  };
}

/**
 * The dedupe marker of a delivery's news, put in the same transaction as the delivery: free, or held
 * by this very event (a retry re-claims its own delivery).
 */
export function dedupeMarkerPut(table: Table, key: DeliveryKey, dedupeKey: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: table.name,
      Item: {
        ...dedupeMarkerKey(key, dedupeKey),
        entity: Entity.notified,
        v: 1,
        firmId: key.firmId,
        dedupeKey,
        recipient: key.recipient,
        channel: key.channel,
        eventId: key.eventId,
        createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + DELIVERY_TTL_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK) OR eventId = :eventId',
      ExpressionAttributeValues: { ':eventId': key.eventId },
    },
  };
}

/** The event holding a dedupe marker another event's transaction found taken (undefined: it expired or moved). */
export async function markerHolder(
  table: Table,
  key: DeliveryKey,
  dedupeKey: string,
): Promise<string | undefined> {
  const got = await table.client.send(
    new GetCommand({ TableName: table.name, Key: dedupeMarkerKey(key, dedupeKey), ConsistentRead: true }),
  );
  const holder = got.Item?.eventId;
  return typeof holder === 'string' && holder !== key.eventId ? holder : undefined;
}

/**
 * Closes a claimed delivery record as `suppressed` with its reason, words and any other attributes,
 * leaving no lease or last error; `onlyPending`: only while no attempt made it final.
 */
function suppressClaimed(
  table: Table,
  key: DeliveryKey,
  reason: SuppressReason,
  detail: string,
  extra: Record<string, string>,
  onlyPending = false,
) {
  const fields = Object.keys(extra);
  return table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: deliveryItemKey(key),
      ConditionExpression: onlyPending
        ? 'attribute_exists(PK) AND #status = :pending'
        : 'attribute_exists(PK)',
      UpdateExpression: `SET #status = :suppressed, reason = :reason, detail = :detail${fields
        .map((f) => `, ${f} = :${f}`)
        .join('')} REMOVE leaseUntil, lastError, lastErrorAt`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':suppressed': 'suppressed',
        ':reason': reason,
        ':detail': detail,
        ...(onlyPending ? { ':pending': 'pending' } : {}),
        ...Object.fromEntries(fields.map((f) => [`:${f}`, extra[f]])),
      },
    }),
  );
}

export function deliveryStore(table: Table): DeliveryStore & SuppressionLog {
  return {
    async claim(key, info) {
      const now = info.now.getTime();
      const fields = recordFields(key, info);
      const update = {
        TableName: table.name,
        Key: deliveryItemKey(key),
        // New, or pending and not held by a live attempt (released after a failure, or stale after a crash).
        ConditionExpression:
          'attribute_not_exists(PK) OR (#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))',
        UpdateExpression: `SET #status = :pending, leaseUntil = :lease, ${fields.set} ADD attempts :one`,
        ExpressionAttributeNames: fields.names,
        ExpressionAttributeValues: {
          ...fields.values,
          ':pending': 'pending',
          ':now': now,
          ':lease': now + info.leaseMs,
        },
      };
      /** Why the delivery record's condition failed: delivered or decided (final), or held by a live attempt. */
      const settled = async (): Promise<ClaimResult> => {
        const got = await table.client.send(
          new GetCommand({ TableName: table.name, Key: deliveryItemKey(key), ConsistentRead: true }),
        );
        // A suppressed record is final too: a retry after the firm switched the channel back on
        // must not take it for a live claim (busy forever), nor deliver what was decided against.
        const status = got.Item?.status;
        return status === 'sent' || status === 'suppressed' ? 'sent' : 'busy';
      };

      if (!info.dedupeKey) {
        try {
          await table.client.send(new UpdateCommand(update));
          return 'claimed';
        } catch (err) {
          if (!isConditionFailure(err)) throw err;
          return settled();
        }
      }

      // With a dedupe key: the delivery and the marker of its news in one transaction, so two events
      // carrying the same news (a document version shared, then published) cannot both claim it.
      for (let attempt = 1; ; attempt++) {
        try {
          await sendTransaction(table, [
            { Update: update },
            dedupeMarkerPut(table, key, info.dedupeKey, info.now),
          ]);
          return 'claimed';
        } catch (err) {
          const reasons = cancellationCodes(err);
          if (!reasons) throw err;
          // The delivery's own record first: once it is final, that decides (even if another event holds the news).
          if (reasons[0] === 'ConditionalCheckFailed') return settled();
          if (reasons[1] === 'ConditionalCheckFailed') {
            const holder = await markerHolder(table, key, info.dedupeKey);
            if (holder) return { duplicateOf: holder };
            // The marker expired or moved in between: claim again.
          } else if (!reasons.includes('TransactionConflict')) {
            throw err;
          }
          if (attempt >= CLAIM_ATTEMPTS) throw err;
          // Another event's claim of the same news (or of this delivery) was in flight at that moment.
          await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        }
      }
    },

    async markSent(key, result) {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: deliveryItemKey(key),
          ConditionExpression: 'attribute_exists(PK)',
          UpdateExpression:
            'SET #status = :sent, sentAt = :sentAt, messageId = :messageId REMOVE leaseUntil, lastError, lastErrorAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':sentAt': result.sentAt,
            ':messageId': result.messageId,
          },
        }),
      );
    },

    async release(key, failure) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: deliveryItemKey(key),
            ConditionExpression: '#status = :pending',
            UpdateExpression: 'SET lastError = :error, lastErrorAt = :at REMOVE leaseUntil',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':pending': 'pending', ':error': failure.error, ':at': failure.at },
          }),
        );
      } catch (err) {
        // Sent in the meantime (the in-app transaction committed after all): nothing to release.
        if (!isConditionFailure(err)) throw err;
      }
    },

    async markDigested(key, info) {
      await suppressClaimed(table, key, 'digest', info.detail, {
        digestId: info.digestId,
        digestDueAt: info.dueAt,
      });
    },

    async markWithdrawn(key, detail) {
      try {
        await suppressClaimed(table, key, 'withdrawn', detail, {}, true);
      } catch (err) {
        // Made final meanwhile by another attempt: nothing left to close.
        if (!isConditionFailure(err)) throw err;
      }
    },

    async suppress(key, info) {
      const now = info.now.getTime();
      const correlation = correlationId();
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...deliveryItemKey(key),
              ...(info.caseId ? byCase(key, info.caseId) : {}),
              entity: Entity.delivery,
              v: 1,
              status: 'suppressed',
              reason: info.reason,
              detail: info.detail,
              firmId: key.firmId,
              eventId: key.eventId,
              recipient: key.recipient,
              channel: key.channel,
              type: info.type,
              ...(info.caseId ? { caseId: info.caseId } : {}),
              ...(correlation ? { correlationId: correlation } : {}),
              createdAt: info.now.toISOString(),
              expiresAt: Math.floor(now / 1000) + DELIVERY_TTL_SECONDS,
            },
            // A record that exists already (sent, or pending before the firm changed its settings) wins.
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}

/** Reads of delivery records for the staff routes ("who was told what, how, and why not"). */
export function deliveryLists(table: Table): DeliveryListStore {
  return {
    ofEvent: (firmId, eventId, page) =>
      queryPage<DeliveryRecord>(table, deliveriesOfEventPattern(firmId, eventId), page),
    ofCase: (firmId, caseId, page) =>
      queryPage<DeliveryRecord>(table, deliveriesOfCasePattern(firmId, caseId), page),
  };
}
