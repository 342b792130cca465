// DynamoDB adapter of the DocumentTrashStore port: rename, trash and restore of a document with its
// shares in transactions that carry the change's event, the trash list, and the purge run's steps.

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentTrashStore } from '../domain/document-trash';
import { documentInTrash, documentPurged } from '../domain/document-trash';
import type { Document } from '../domain/documents';
import type { Share } from '../domain/shares';
import type { DomainEvent } from '../events/catalogue';
import {
  documentBySourceKey,
  documentByTimeKey,
  documentInTrashKey,
  documentKey,
  documentPurgeDueKey,
  documentVersionKey,
  duePurgesOf,
  type ItemKey,
  publicationKey,
  publicationsOfDocumentPattern,
  type QuerySpec,
  shareByContactKey,
  shareKey,
  sharesOfDocumentPattern,
  trashOfCasePattern,
  versionsOfDocumentPattern,
} from './keys';
import { countOnGrant, searchTextOf } from './shares';
import {
  putActivity,
  queryAll,
  queryDueRange,
  queryPage,
  type Table,
  type TransactItem,
  transact,
  writeRetrying,
} from './table';

/** TransactWriteItems takes at most 100 items. */
const TRANSACTION_ITEMS = 100;

/**
 * Sends `first` (the document's change and its event: the condition that decides) with as many of
 * `more` as fit, then the rest in further transactions. Each of `more` is idempotent on its own, so a
 * call cut short is finished by a retry of the request (the domain passes what is still to do).
 */
async function inChunks(
  table: Table,
  first: TransactItem[],
  more: TransactItem[][],
  onFirstFailed: Record<number, () => Error>,
): Promise<void> {
  const perChunk = (room: number) => {
    const chunk: TransactItem[] = [];
    while (more.length > 0 && chunk.length + more[0]!.length <= room) chunk.push(...more.shift()!);
    return chunk;
  };
  if (first.length > 0) {
    await transact(table, [...first, ...perChunk(TRANSACTION_ITEMS - first.length)], onFirstFailed as never);
  }
  while (more.length > 0) await transact(table, perChunk(TRANSACTION_ITEMS));
}

const keyOfDocument = (d: Pick<Document, 'firmId' | 'caseId' | 'documentId'>) =>
  documentKey(d.firmId, d.caseId, d.documentId);
const keyOfShare = (s: Share) => shareKey(s.firmId, s.caseId, s.documentId, s.contactId);

/** The document's own GSI keys in the case's lists (by time, by source), as ingest wrote them. */
const listedKeys = (d: Document) => ({
  ...documentByTimeKey(d.firmId, d.caseId, d.createdAt, d.documentId),
  ...documentBySourceKey(d.firmId, d.caseId, d.source, d.createdAt, d.documentId),
});

/** An update of a share that still exists (it would otherwise create one nobody made). */
const shareUpdate = (
  table: Table,
  s: Share,
  expression: string,
  values: Record<string, unknown> = {},
): TransactItem => ({
  Update: {
    TableName: table.name,
    Key: keyOfShare(s),
    UpdateExpression: expression,
    ConditionExpression: 'attribute_exists(PK)',
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  },
});

export function documentTrashStore(table: Table): DocumentTrashStore {
  /**
   * The document's own change with its event: the first items of a trash, restore or rename, whose
   * condition decides. Without an event (a retry finishing the shares) there is nothing to change.
   */
  const documentChange = (
    doc: Document,
    update: {
      expression: string;
      condition: string;
      values: Record<string, unknown>;
      names?: Record<string, string>;
    },
    event: DomainEvent | undefined,
  ): TransactItem[] =>
    event
      ? [
          {
            Update: {
              TableName: table.name,
              Key: keyOfDocument(doc),
              UpdateExpression: update.expression,
              ConditionExpression: update.condition,
              ...(update.names ? { ExpressionAttributeNames: update.names } : {}),
              ExpressionAttributeValues: update.values,
            },
          },
          putActivity(table, event),
        ]
      : [];

  return {
    async renameDocument(doc, name, shares, event) {
      await inChunks(
        table,
        documentChange(
          doc,
          {
            expression: 'SET #name = :name',
            condition: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
            names: { '#name': 'name' },
            values: { ':name': name },
          },
          event,
        ),
        // The portal lists a document through its shares' copies of its fields: they follow the name.
        shares.map((s) => [
          shareUpdate(table, s, 'SET documentName = :name, searchText = :search', {
            ':name': name,
            ':search': searchTextOf({ ...s, documentName: name }),
          }),
        ]),
        { 0: documentInTrash },
      );
    },

    async trashDocument(doc, trashed, shares, event) {
      const first = documentChange(
        doc,
        {
          expression:
            'SET deletedAt = :at, purgeAt = :purge, deletedBy = :by, GSI1PK = :g1pk, GSI1SK = :g1sk, GSI2PK = :g2pk, GSI2SK = :g2sk',
          condition: 'attribute_exists(PK) AND attribute_not_exists(deletedAt)',
          values: {
            ':at': trashed.deletedAt,
            ':purge': trashed.purgeAt,
            ':by': trashed.deletedBy,
            ...gsiValues({
              ...documentInTrashKey(doc.firmId, doc.caseId, trashed.deletedAt!, doc.documentId),
              ...documentPurgeDueKey(trashed.purgeAt!, doc.documentId),
            }),
          },
        },
        event,
      );
      // Out of the portal's list (its index keys go) and out of the grant's count, until restored.
      const hide = shares.map((s) => [
        shareUpdate(table, s, 'SET trashed = :yes REMOVE GSI1PK, GSI1SK', { ':yes': true }),
        countOnGrant(table, s, -1),
      ]);
      await inChunks(table, first, hide, { 0: documentInTrash });
    },

    async restoreDocument(doc, shares, event) {
      const first = documentChange(
        doc,
        {
          expression:
            'SET GSI1PK = :g1pk, GSI1SK = :g1sk, GSI2PK = :g2pk, GSI2SK = :g2sk REMOVE deletedAt, purgeAt, deletedBy',
          condition: 'attribute_exists(deletedAt) AND attribute_not_exists(purgingAt)',
          values: gsiValues(listedKeys(doc)),
        },
        event,
      );
      const show = shares.map((s) => [
        shareUpdate(
          table,
          s,
          'SET GSI1PK = :g1pk, GSI1SK = :g1sk REMOVE trashed',
          gsiValues(shareByContactKey(s.firmId, s.caseId, s.contactId, s.documentCreatedAt, s.documentId)),
        ),
        countOnGrant(table, s, 1),
      ]);
      await inChunks(table, first, show, { 0: documentPurged });
    },

    listTrash: (firmId, caseId, page) => queryPage<Document>(table, trashOfCasePattern(firmId, caseId), page),

    sharesOfDocument: (firmId, caseId, documentId) =>
      queryAll<Share>(table, sharesOfDocumentPattern(firmId, caseId, documentId), { consistent: true }),

    duePurges: (dueBy, page) => queryDueRange<Document>(table, duePurgesOf(dueBy), page),

    async claimPurge(doc, at) {
      try {
        await writeRetrying(() =>
          table.client.send(
            new UpdateCommand({
              TableName: table.name,
              Key: keyOfDocument(doc),
              UpdateExpression: 'SET purgingAt = :at',
              // Still in the trash since the same moment: a restore (and a new trashing) wins.
              ConditionExpression: 'deletedAt = :deleted',
              ExpressionAttributeValues: { ':at': at, ':deleted': doc.deletedAt },
            }),
          ),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },

    async objectKeysOf(doc) {
      const versions = await queryAll<{ s3Key?: string }>(
        table,
        versionsOfDocumentPattern(doc.firmId, doc.caseId, doc.documentId),
        { consistent: true },
      );
      return [...new Set([doc.s3Key, ...versions.flatMap((v) => (v.s3Key ? [v.s3Key] : []))])];
    },

    async finishPurge(doc, event) {
      const { firmId, caseId, documentId } = doc;
      const all = <T>(spec: QuerySpec) => queryAll<T>(table, spec, { consistent: true });
      const [shares, versions, publications] = await Promise.all([
        all<Share>(sharesOfDocumentPattern(firmId, caseId, documentId)),
        all<{ version: number }>(versionsOfDocumentPattern(firmId, caseId, documentId)),
        all<{ version: number; recurringTaskId: string }>(
          publicationsOfDocumentPattern(firmId, caseId, documentId),
        ),
      ]);
      const itemKeys: ItemKey[] = [
        ...shares.map(keyOfShare),
        ...versions.map((v) => documentVersionKey(firmId, caseId, documentId, v.version)),
        ...publications.map((p) => publicationKey(firmId, caseId, documentId, p.version, p.recurringTaskId)),
      ];
      // Its items first (deleting what is gone is no error), the document and its event last: the
      // document's condition makes the event once, however many runs get here.
      const items: TransactItem[][] = itemKeys.map((Key) => [{ Delete: { TableName: table.name, Key } }]);
      await inChunks(table, [], items, {});
      try {
        await transact(
          table,
          [
            {
              Delete: {
                TableName: table.name,
                Key: keyOfDocument(doc),
                ConditionExpression: 'attribute_exists(purgingAt)',
              },
            },
            putActivity(table, event),
          ],
          { 0: documentPurged },
        );
        return true;
      } catch (err) {
        if ((err as { code?: string }).code === 'document_purged') return false;
        throw err;
      }
    },
  };
}

/** The values of an item's GSI keys, as the update expressions above name them. */
function gsiValues(v: Partial<Record<'GSI1PK' | 'GSI1SK' | 'GSI2PK' | 'GSI2SK', string>>) {
  return {
    ...(v.GSI1PK ? { ':g1pk': v.GSI1PK, ':g1sk': v.GSI1SK } : {}),
    ...(v.GSI2PK ? { ':g2pk': v.GSI2PK, ':g2sk': v.GSI2SK } : {}),
  };
}
