// DynamoDB adapter of the notify core's DeliveryStore: one record per event × recipient × channel
// (TTL ~30 days), claimed by a conditional update before anything is sent.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryKey, DeliveryStore } from '../notify/core';
import { Entity, keys } from './keys';
import type { Table } from './table';

/** Delivery records outlive any retry or redrive of their event, then expire. */
export const DELIVERY_TTL_SECONDS = 30 * 24 * 3600;

export const deliveryItemKey = (k: DeliveryKey) => keys.delivery(k.firmId, k.eventId, k.recipient, k.channel);

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

export function deliveryStore(table: Table): DeliveryStore {
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
              info.caseId ? ', caseId = :caseId' : '',
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
              ...(info.caseId ? { ':caseId': info.caseId } : {}),
            },
          }),
        );
        return 'claimed';
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const got = await table.client.send(
          new GetCommand({ TableName: table.name, Key: deliveryItemKey(key), ConsistentRead: true }),
        );
        return got.Item?.status === 'sent' ? 'sent' : 'busy';
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
  };
}
