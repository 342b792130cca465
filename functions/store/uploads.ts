// DynamoDB adapter of the UploadStore and IngestStore ports: upload intents (TTL), the firm's upload
// limit, and ingest's two outcomes, each one transaction: completed (document or its next version,
// version item, own share, grant counter, fulfilled file request, event; guarded by the uploader's
// right) or rejected (audit record, intent status, event). Also the cancelling of a contact's
// pending intents that a revoke or a downgrade writes in its own transaction (store/access.ts).
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, type DomainError } from '../domain/errors';
import type { Grant } from '../domain/grants';
import { type IngestStore, UPLOADER_CHANGED } from '../domain/ingest';
import type { Share } from '../domain/shares';
import type { CancelReason, UploadIntent, UploadStore } from '../domain/uploads';
import { caseOpenCheck } from './cases';
import { documentItem } from './documents';
import { closeRequest, itemUpdate, notOpen, requestMoved } from './file-requests';
import { firmUploadLimit } from './firm-settings';
import {
  caseKey,
  Entity,
  grantKey,
  type ItemKey,
  staffKey,
  uploadIntentKey,
  uploadIntentsOfCasePattern,
  uploadRejectionKey,
} from './keys';
import { countOnGrant, shareItem } from './shares';
import {
  conditionCheck,
  fromItem,
  putActivity,
  queryAll,
  type Table,
  type TransactItem,
  toItem,
  transact,
} from './table';
import { nextVersionOf, putVersion, versionMoved } from './versions';

const NOT_PENDING = 'upload_not_pending';
const notPending = () => conflict(NOT_PENDING, 'This upload was already handled.');
const uploaderChanged = () =>
  conflict(UPLOADER_CHANGED, 'The uploader may no longer add files to this case.');

/** refusalOf's rule for contacts as a condition on the grant item (the grant may also be counted on). */
const GRANT_MAY_UPLOAD = {
  expression: '#gStatus = :gActive AND #gRole = :gCollaborator AND #gUpload = :gTrue',
  names: { '#gStatus': 'status', '#gRole': 'role', '#gUpload': 'canUpload' },
  values: { ':gActive': 'active', ':gCollaborator': 'collaborator', ':gTrue': true },
};

/**
 * The write guards of an upload's completion: the case still exists, and the uploader may still add
 * files to it (staff: still a user of the firm; contact: refusalOf's grant rule). When the upload
 * counts a share on the grant, the counter update carries the grant's guard instead (countGuarded:
 * one transaction may touch an item only once).
 */
function uploaderGuards(table: Table, intent: UploadIntent, grantCounted: boolean): TransactItem[] {
  if (intent.uploadedBy.kind === 'staff')
    return [
      conditionCheck(table, caseKey(intent.firmId, intent.caseId)),
      conditionCheck(table, staffKey(intent.firmId, intent.uploadedBy.id)),
    ];
  // A contact's upload also needs the case open (decision 0036).
  const guards = [caseOpenCheck(table, intent.firmId, intent.caseId)];
  if (grantCounted) return guards;
  return [
    ...guards,
    conditionCheck(
      table,
      grantKey(intent.firmId, intent.caseId, intent.contactId ?? intent.uploadedBy.id),
      GRANT_MAY_UPLOAD,
    ),
  ];
}

/** The share's count on its grant, only while the grant still lets the contact upload. */
function countGuarded(table: Table, share: Share): TransactItem {
  const { Update } = countOnGrant(table, share, 1);
  return {
    Update: {
      ...Update!,
      ConditionExpression: `${Update!.ConditionExpression} AND ${GRANT_MAY_UPLOAD.expression}`,
      ExpressionAttributeNames: { ...Update!.ExpressionAttributeNames, ...GRANT_MAY_UPLOAD.names },
      ExpressionAttributeValues: { ...Update!.ExpressionAttributeValues, ...GRANT_MAY_UPLOAD.values },
    },
  };
}

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
  ) => intentTransition(table, intent, status, closing);

  return {
    uploadLimit: (firmId) => firmUploadLimit(table, firmId),

    async putIntent(intent) {
      const { expiresAt, ...data } = intent;
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(
            uploadIntentKey(intent.firmId, intent.caseId, intent.uploadId),
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
          Key: uploadIntentKey(firmId, caseId, uploadId),
          ConsistentRead: true,
        }),
      );
      // expiresAt is the TTL attribute (a layout field): the domain needs it back.
      return res.Item
        ? { ...fromItem<UploadIntent>(res.Item), expiresAt: Number(res.Item.expiresAt) }
        : undefined;
    },

    async uploaderStanding(intent) {
      const get = async (Key: ItemKey) =>
        (await table.client.send(new GetCommand({ TableName: table.name, Key, ConsistentRead: true }))).Item;
      const { firmId, caseId, uploadedBy } = intent;
      const [found, uploader] = await Promise.all([
        get(caseKey(firmId, caseId)),
        uploadedBy.kind === 'staff'
          ? get(staffKey(firmId, uploadedBy.id))
          : get(grantKey(firmId, caseId, intent.contactId ?? uploadedBy.id)),
      ]);
      if (uploadedBy.kind === 'staff') return { caseExists: !!found, staffUser: !!uploader };
      const caseClosed = found?.status === 'closed';
      if (!uploader) return { caseExists: !!found, caseClosed };
      const { status, role, canUpload } = fromItem<Grant>(uploader);
      return { caseExists: !!found, caseClosed, grant: { status, role, canUpload } };
    },

    async completeUpload({
      intent,
      document,
      share,
      event,
      version,
      previous,
      fileRequest,
      fileRequestItem,
    }) {
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
          countGuarded(table, share),
        );
        onFailed[items.length - 1] = uploaderChanged;
      }
      for (const guard of uploaderGuards(table, intent, !!share)) {
        onFailed[items.length] = uploaderChanged;
        items.push(guard);
      }
      if (fileRequest) {
        onFailed[items.length] = notOpen;
        items.push(
          closeRequest(table, fileRequest.request, 'fulfilled', fileRequest.entry, fileRequest.fulfilment),
        );
      }
      if (fileRequestItem) {
        onFailed[items.length] = requestMoved;
        const { request, index, item } = fileRequestItem;
        items.push(itemUpdate(table, request, index, item));
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
            uploadRejectionKey(rejection.firmId, rejection.keyHash),
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
        // From the status it was read with: pending, or cancelled by a revoke before the object came.
        closeIntent(intent, 'rejected', { reason: rejection.reason, rejectedAt: rejection.rejectedAt }),
        record,
        ...(event ? [putActivity(table, event)] : []),
      ]);
    },
  };
}

/**
 * An Update moving an intent from the status it was read with to `status`, setting `fields`; a
 * closed intent is kept CLOSED_INTENT_TTL_SECONDS from its closing time.
 */
function intentTransition(
  table: Table,
  intent: Pick<UploadIntent, 'firmId' | 'caseId' | 'uploadId' | 'status'>,
  status: UploadIntent['status'],
  fields: Record<string, unknown>,
): TransactItem {
  const closedAt = Date.parse(String(fields.completedAt ?? fields.rejectedAt ?? fields.cancelledAt));
  const set = Number.isFinite(closedAt)
    ? { ...fields, expiresAt: Math.floor(closedAt / 1000) + CLOSED_INTENT_TTL_SECONDS }
    : fields;
  const names = Object.keys(set);
  return {
    Update: {
      TableName: table.name,
      Key: uploadIntentKey(intent.firmId, intent.caseId, intent.uploadId),
      UpdateExpression: `SET #status = :status${names.map((_, i) => `, #f${i} = :f${i}`).join('')}`,
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: {
        '#status': 'status',
        ...Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
      },
      ExpressionAttributeValues: {
        ':status': status,
        ':from': intent.status,
        ...Object.fromEntries(names.map((n, i) => [`:f${i}`, set[n]])),
      },
    },
  };
}

/**
 * The pending upload intents of one contact on a case, read consistently (a revoke must see the one
 * asked for a moment ago). Intents are few per case: they expire within hours, closed ones in days.
 */
export async function pendingIntentsOf(
  table: Table,
  firmId: string,
  caseId: string,
  contactId: string,
): Promise<UploadIntent[]> {
  return queryAll<UploadIntent>(table, uploadIntentsOfCasePattern(firmId, caseId), {
    consistent: true,
    filter: {
      expression: 'contactId = :contact AND #status = :pending',
      names: { '#status': 'status' },
      values: { ':contact': contactId, ':pending': 'pending' },
    },
  });
}

/** Cancels a pending intent (only while still pending: ingest may have just completed it). */
export const cancelIntent = (table: Table, intent: UploadIntent, reason: CancelReason, at: string) =>
  intentTransition(table, { ...intent, status: 'pending' }, 'cancelled', { reason, cancelledAt: at });
