// DynamoDB adapter of the UploadStore and IngestStore ports: upload intents (TTL), the firm's upload
// limit, and ingest's two outcomes, each one transaction: completed (document or its next version,
// version item, own share, grant counter, fulfilled file request, event) or rejected (audit record,
// intent status, event).
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, type DomainError } from '../domain/errors';
import type { IngestStore } from '../domain/ingest';
import type { UploadIntent, UploadStore } from '../domain/uploads';
import { documentItem } from './documents';
import { closeRequest, notOpen } from './file-requests';
import { Entity, keys } from './keys';
import { countOnGrant, shareItem } from './shares';
import { fromItem, putActivity, type Table, toItem, transact } from './table';
import { nextVersionOf, putVersion, versionMoved } from './versions';

const NOT_PENDING = 'upload_not_pending';
const notPending = () => conflict(NOT_PENDING, 'This upload was already handled.');

/** Rejection records are kept for the firm's audit, then expire. */
const REJECTION_TTL_SECONDS = 90 * 24 * 60 * 60;

/**
 * A closed intent is ingest's memory that an object was handled: it must outlive every redelivery
 * of the object's S3 event (the ingest target retries for up to 6 hours; a DLQ redrive may come
 * days later). Without it a late retry would find no intent, take the object for an unknown one and
 * delete a recorded document's file.
 */
export const CLOSED_INTENT_TTL_SECONDS = 30 * 24 * 60 * 60;

export function uploadStore(table: Table): UploadStore & IngestStore {
  /** A transaction whose first item is the pending → done guard; false when the guard failed. */
  const once = async (
    items: Parameters<typeof transact>[1],
    onFailed: Record<number, () => DomainError> = {},
  ) => {
    try {
      await transact(table, items, { ...onFailed, 0: notPending });
      return true;
    } catch (err) {
      if ((err as DomainError).code === NOT_PENDING) return false;
      throw err;
    }
  };
  const closeIntent = (
    intent: UploadIntent,
    status: 'completed' | 'rejected',
    closing: Record<string, unknown>,
  ) => {
    const closedAt = Date.parse(String(closing.completedAt ?? closing.rejectedAt));
    const set = Number.isFinite(closedAt)
      ? { ...closing, expiresAt: Math.floor(closedAt / 1000) + CLOSED_INTENT_TTL_SECONDS }
      : closing;
    const names = Object.keys(set);
    return {
      Update: {
        TableName: table.name,
        Key: keys.uploadIntent(intent.firmId, intent.caseId, intent.uploadId),
        UpdateExpression: `SET #status = :status${names.map((_, i) => `, #f${i} = :f${i}`).join('')}`,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: {
          '#status': 'status',
          ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
        },
        ExpressionAttributeValues: {
          ':status': status,
          ':pending': 'pending',
          ...Object.fromEntries(names.map((n, i) => [`:f${i}`, set[n]])),
        },
      },
    };
  };

  return {
    async uploadLimit(firmId) {
      const res = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: keys.firm(firmId),
          ProjectionExpression: 'uploadMaxBytes',
        }),
      );
      const limit = res.Item?.uploadMaxBytes;
      return typeof limit === 'number' && limit > 0 ? limit : undefined;
    },

    async putIntent(intent) {
      const { expiresAt, ...data } = intent;
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(
            keys.uploadIntent(intent.firmId, intent.caseId, intent.uploadId),
            Entity.uploadIntent,
            data,
            {
              expiresAt,
            },
          ),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async getIntent(firmId, caseId, uploadId) {
      const res = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: keys.uploadIntent(firmId, caseId, uploadId),
          ConsistentRead: true,
        }),
      );
      // expiresAt is the TTL attribute (a layout field): the domain needs it back.
      return res.Item
        ? { ...fromItem<UploadIntent>(res.Item), expiresAt: Number(res.Item.expiresAt) }
        : undefined;
    },

    async completeUpload({ intent, document, share, event, version, previous, fileRequest }) {
      const items: Parameters<typeof transact>[1] = [
        closeIntent(intent, 'completed', {
          documentId: document.documentId,
          completedAt: document.updatedAt ?? document.createdAt,
          size: document.size,
          ...(previous ? { version: document.version } : {}),
        }),
        previous
          ? nextVersionOf(table, previous, document)
          : {
              Put: {
                TableName: table.name,
                Item: documentItem(document),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
      ];
      const onFailed: Record<number, () => DomainError> = {};
      if (previous) onFailed[1] = versionMoved;
      if (version) items.push(putVersion(table, version));
      if (share) {
        items.push(
          {
            Put: {
              TableName: table.name,
              Item: shareItem(share),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          countOnGrant(table, share, 1),
        );
      }
      if (fileRequest) {
        onFailed[items.length] = notOpen;
        items.push(
          closeRequest(table, fileRequest.request, 'fulfilled', fileRequest.entry, fileRequest.fulfilment),
        );
      }
      items.push(putActivity(table, event));
      return once(items, onFailed);
    },

    async rejectUpload(rejection, intent, event) {
      const record = {
        Put: {
          TableName: table.name,
          // Overwritten by a replay of the same object: one record per object key.
          Item: toItem(
            keys.uploadRejection(rejection.firmId, rejection.keyHash),
            Entity.uploadRejection,
            rejection,
            {
              expiresAt: Math.floor(Date.parse(rejection.rejectedAt) / 1000) + REJECTION_TTL_SECONDS,
            },
          ),
        },
      };
      if (!intent) {
        await table.client.send(new PutCommand(record.Put));
        return true;
      }
      return once([
        closeIntent(intent, 'rejected', { reason: rejection.reason, rejectedAt: rejection.rejectedAt }),
        record,
        ...(event ? [putActivity(table, event)] : []),
      ]);
    },
  };
}
