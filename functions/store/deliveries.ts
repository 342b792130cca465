// DynamoDB adapter of the notify core's DeliveryStore: one record per event × recipient × channel
// (TTL ~30 days), claimed by a conditional update before anything is sent, or written `suppressed`
// with its reason when the firm's settings stop it; a case's records are also listed by case (GSI2).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { correlationId } from '../correlation';
import type { DeliveryListStore, DeliveryRecord } from '../domain/deliveries';
import type { ClaimResult, DeliveryKey, DeliveryStore, SuppressionLog } from '../notify/core';
import { Entity, keys, patterns } from './keys';
import { cancellationCodes, queryPage, sendTransaction, type Table } from './table';

/** Delivery records outlive any retry or redrive of their event, then expire. */
export const DELIVERY_TTL_SECONDS = 30 * 24 * 3600;

export const deliveryItemKey = (k: DeliveryKey) => keys.delivery(k.firmId, k.eventId, k.recipient, k.channel);

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

/** The dedupe marker of a delivery's news: one per dedupe key × recipient × channel, naming the event that holds it. */
export const dedupeMarkerKey = (k: DeliveryKey, dedupeKey: string) =>
  keys.notified(k.firmId, dedupeKey, k.recipient, k.channel);

/** Attempts of a dedupe claim that met a concurrent transaction on the same items. */
const CLAIM_ATTEMPTS = 5;

const byCase = (k: DeliveryKey, caseId: string) =>
  keys.deliveryByCase(k.firmId, caseId, k.eventId, k.recipient, k.channel);

export function deliveryStore(table: Table): DeliveryStore & SuppressionLog {
  return {
    async claim(key, info) {
      const now = info.now.getTime();
      // The request or event that caused this delivery: an operator follows it from the API call here.
      const correlation = correlationId();
      const update = {
        TableName: table.name,
        Key: deliveryItemKey(key),
        // New, or pending and not held by a live attempt (released after a failure, or stale after a crash).
        ConditionExpression:
          'attribute_not_exists(PK) OR (#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))',
        UpdateExpression: [
          'SET #status = :pending, leaseUntil = :lease, firmId = :firmId, eventId = :eventId,',
          'recipient = :recipient, channel = :channel, #type = :type, entity = :entity, v = :v,',
          'createdAt = if_not_exists(createdAt, :createdAt), expiresAt = if_not_exists(expiresAt, :expiresAt)',
          info.caseId ? ', caseId = :caseId, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk' : '',
          correlation ? ', correlationId = :correlationId' : '',
          'ADD attempts :one',
        ].join(' '),
        ExpressionAttributeNames: { '#status': 'status', '#type': 'type' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':now': now,
          ':lease': now + info.leaseMs,
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
          ...(info.caseId
            ? {
                ':caseId': info.caseId,
                ':gsi2pk': byCase(key, info.caseId).GSI2PK,
                ':gsi2sk': byCase(key, info.caseId).GSI2SK,
              }
            : {}),
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
      const marker = dedupeMarkerKey(key, info.dedupeKey);
      for (let attempt = 1; ; attempt++) {
        try {
          await sendTransaction(table, [
            { Update: update },
            {
              Put: {
                TableName: table.name,
                Item: {
                  ...marker,
                  entity: Entity.notified,
                  v: 1,
                  firmId: key.firmId,
                  dedupeKey: info.dedupeKey,
                  recipient: key.recipient,
                  channel: key.channel,
                  eventId: key.eventId,
                  createdAt: info.now.toISOString(),
                  expiresAt: Math.floor(now / 1000) + DELIVERY_TTL_SECONDS,
                },
                // Free, or held by this very event (a retry re-claims its own delivery).
                ConditionExpression: 'attribute_not_exists(PK) OR eventId = :eventId',
                ExpressionAttributeValues: { ':eventId': key.eventId },
              },
            },
          ]);
          return 'claimed';
        } catch (err) {
          const reasons = cancellationCodes(err);
          if (!reasons) throw err;
          // The delivery's own record first: once it is final, that decides (even if another event holds the news).
          if (reasons[0] === 'ConditionalCheckFailed') return settled();
          if (reasons[1] === 'ConditionalCheckFailed') {
            const got = await table.client.send(
              new GetCommand({ TableName: table.name, Key: marker, ConsistentRead: true }),
            );
            const holder = got.Item?.eventId;
            if (typeof holder === 'string' && holder !== key.eventId) return { duplicateOf: holder };
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
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: deliveryItemKey(key),
          ConditionExpression: 'attribute_exists(PK)',
          UpdateExpression:
            'SET #status = :suppressed, reason = :digest, detail = :detail, digestId = :digestId, digestDueAt = :dueAt REMOVE leaseUntil, lastError, lastErrorAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':suppressed': 'suppressed',
            ':digest': 'digest',
            ':detail': info.detail,
            ':digestId': info.digestId,
            ':dueAt': info.dueAt,
          },
        }),
      );
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
      queryPage<DeliveryRecord>(table, patterns.deliveriesOfEvent(firmId, eventId), page),
    ofCase: (firmId, caseId, page) =>
      queryPage<DeliveryRecord>(table, patterns.deliveriesOfCase(firmId, caseId), page),
  };
}
