// DynamoDB adapter of the notify core's DeliveryStore: one record per event × recipient × channel
// (TTL ~30 days), claimed by a conditional update before anything is sent, or written `suppressed`
// with its reason when the firm's settings stop it; a case's records are also listed by case (GSI2).
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryListStore, DeliveryRecord } from '../domain/deliveries';
import type { DeliveryKey, DeliveryStore, SuppressionLog } from '../notify/core';
import { Entity, keys, patterns } from './keys';
import { queryPage, type Table } from './table';

/** Delivery records outlive any retry or redrive of their event, then expire. */
export const DELIVERY_TTL_SECONDS = 30 * 24 * 3600;

export const deliveryItemKey = (k: DeliveryKey) => keys.delivery(k.firmId, k.eventId, k.recipient, k.channel);

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

const byCase = (k: DeliveryKey, caseId: string) =>
  keys.deliveryByCase(k.firmId, caseId, k.eventId, k.recipient, k.channel);

export function deliveryStore(table: Table): DeliveryStore & SuppressionLog {
  return {
    async claim(key, info) {
      const now = info.now.getTime();
      try {
        await table.client.send(
          new UpdateCommand({
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
              ...(info.caseId
                ? {
                    ':caseId': info.caseId,
                    ':gsi2pk': byCase(key, info.caseId).GSI2PK,
                    ':gsi2sk': byCase(key, info.caseId).GSI2SK,
                  }
                : {}),
            },
          }),
        );
        return 'claimed';
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const got = await table.client.send(
          new GetCommand({ TableName: table.name, Key: deliveryItemKey(key), ConsistentRead: true }),
        );
        // A suppressed record is final too: a retry after the firm switched the channel back on
        // must not take it for a live claim (busy forever), nor deliver what was decided against.
        const status = got.Item?.status;
        return status === 'sent' || status === 'suppressed' ? 'sent' : 'busy';
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

    async suppress(key, info) {
      const now = info.now.getTime();
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
              firmId: key.firmId,
              eventId: key.eventId,
              recipient: key.recipient,
              channel: key.channel,
              type: info.type,
              ...(info.caseId ? { caseId: info.caseId } : {}),
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
