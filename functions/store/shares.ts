// DynamoDB adapter of the ShareStore port: share items (by document; GSI1 by contact) whose every
// add and remove rides with the ADD on its grant's sharedCount, the conditional update that moves
// their copies to a document's newer version, plus the filtered and consistent queries shares need.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentInTrash } from '../domain/document-trash';
import type { Document } from '../domain/documents';
import { conflict, type DomainError, unprocessable } from '../domain/errors';
import type { Grant } from '../domain/grants';
import type { Share, ShareStore } from '../domain/shares';
import type { DomainEvent } from '../events/catalogue';
import {
  documentKey,
  Entity,
  grantKey,
  type ItemKey,
  shareByContactKey,
  shareKey,
  sharesOfCasePattern,
  sharesOfContactPattern,
  sharesOfDocumentPattern,
} from './keys';
import {
  conditionCheck,
  fromItem,
  getItem,
  getMany,
  getManyStored,
  putActivity,
  queryAll,
  queryPage,
  type Table,
  type TransactItem,
  toItem,
  transact,
} from './table';

/** What `q` searches: document name, contact name and email, lower-cased. */
export const searchTextOf = (s: Pick<Share, 'documentName' | 'contactName' | 'contactEmail'>) =>
  [s.documentName, s.contactName, s.contactEmail].join(' ').toLowerCase();

/** The share item: main key by document then contact; GSI1 by contact (the portal's list). */
export function shareItem(s: Share): Record<string, unknown> {
  return toItem(
    {
      ...shareKey(s.firmId, s.caseId, s.documentId, s.contactId),
      ...shareByContactKey(s.firmId, s.caseId, s.contactId, s.documentCreatedAt, s.documentId),
    },
    Entity.share,
    { ...s, searchText: searchTextOf(s) },
  );
}

/** ADD `delta` to the grant's sharedCount; the grant must exist (an ADD would otherwise create one). */
export function countOnGrant(
  table: Table,
  s: Pick<Share, 'firmId' | 'caseId' | 'contactId'>,
  delta: 1 | -1,
): TransactItem {
  return {
    Update: {
      TableName: table.name,
      Key: grantKey(s.firmId, s.caseId, s.contactId),
      UpdateExpression: 'ADD sharedCount :delta',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':delta': delta },
    },
  };
}

/**
 * The share's copies of the document's fields as `doc` now is, only over an older version of a share
 * that still exists (an Update would otherwise create a share nobody made, uncounted on its grant).
 */
export function followVersionUpdate(table: Table, s: Share, doc: Document) {
  return {
    TableName: table.name,
    Key: shareKey(s.firmId, s.caseId, s.documentId, s.contactId),
    UpdateExpression:
      'SET version = :v, documentName = :name, contentType = :type, #size = :size, uploadedBy = :by, searchText = :search',
    ConditionExpression: 'attribute_exists(PK) AND version < :v',
    ExpressionAttributeNames: { '#size': 'size' },
    ExpressionAttributeValues: {
      ':v': doc.version,
      ':name': doc.name,
      ':type': doc.contentType,
      ':size': doc.size,
      ':by': doc.uploadedBy,
      ':search': searchTextOf({ ...s, documentName: doc.name }),
    },
  };
}

const ALREADY_DONE = 'share_already_in_place';
const alreadyDone = () => conflict(ALREADY_DONE, 'A concurrent save already made this change.');
const grantGone = () =>
  unprocessable('contact_without_access', 'The contact lost access to this case while saving.', {});
const DOCUMENT_MOVED = 'share_document_moved';
const documentMoved = () =>
  conflict(DOCUMENT_MOVED, 'A newer version of the document was recorded meanwhile.');
/** Share adds in a row that may meet a newer version of their document (versions are rare). */
const VERSION_ATTEMPTS = 3;

/** The share's copies of the document's fields as `doc` now is (what followVersionUpdate writes). */
const following = (s: Share, doc: Document): Share => ({
  ...s,
  version: doc.version,
  documentName: doc.name,
  contentType: doc.contentType,
  size: doc.size,
  uploadedBy: doc.uploadedBy,
});

export function shareStore(table: Table): ShareStore {
  /** Runs a share change; false when its condition shows a concurrent save already made it. */
  const change = async (items: TransactItem[], more: Record<number, () => DomainError> = {}) => {
    try {
      await transact(table, items, { 0: alreadyDone, 1: grantGone, ...more });
      return true;
    } catch (err) {
      if ((err as DomainError).code === ALREADY_DONE) return false;
      throw err;
    }
  };

  const followVersion = async (share: Share, doc: Document) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await table.client.send(new UpdateCommand(followVersionUpdate(table, share, doc)));
        return true;
      } catch (err) {
        const name = (err as Error).name;
        if (name === 'ConditionalCheckFailedException') return false;
        // A transaction (a share save, a version bump) was touching the item at that moment.
        if (attempt >= 8 || name !== 'TransactionConflictException') throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
      }
    }
  };

  /**
   * A share copies the document as its caller read it. Had a new version been recorded since, its
   * ingest may have updated the document's shares before this one existed: the add's transaction
   * checks that the document is still at most the share's version (a ConditionCheck, no extra round
   * trip), so either that ingest's consistent query sees this share, or the add fails here and is
   * made again with the newer version's fields.
   */
  const addShare = async (first: Share, event?: DomainEvent) => {
    let share = first;
    for (let attempt = 1; ; attempt++) {
      try {
        return await change(
          [
            {
              Put: {
                TableName: table.name,
                Item: shareItem(share),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            countOnGrant(table, share, 1),
            conditionCheck(table, documentKey(share.firmId, share.caseId, share.documentId), {
              // Nor may a share be added to a document in the trash (decision 0038).
              expression: 'attribute_not_exists(PK) OR (version <= :v AND attribute_not_exists(deletedAt))',
              values: { ':v': share.version },
            }),
            ...withEvent(table, event),
          ],
          { 2: documentMoved },
        );
      } catch (err) {
        if ((err as DomainError).code !== DOCUMENT_MOVED || attempt >= VERSION_ATTEMPTS) throw err;
        const doc = await getItem<Document>(
          table,
          documentKey(share.firmId, share.caseId, share.documentId),
          {
            consistent: true,
          },
        );
        if (doc?.deletedAt !== undefined) throw documentInTrash();
        if (doc) share = following(share, doc);
      }
    }
  };

  return {
    followVersion,
    async sharedDocument(firmId, caseId, documentId, contactId) {
      const shareItemKey = shareKey(firmId, caseId, documentId, contactId);
      const docKey = documentKey(firmId, caseId, documentId);
      const items = await getManyStored(table, [shareItemKey, docKey]);
      const at = (k: ItemKey) => items.find((i) => i.PK === k.PK && i.SK === k.SK);
      const share = at(shareItemKey);
      const document = at(docKey);
      return {
        ...(share ? { share: fromItem<Share>(share) } : {}),
        ...(document ? { document: fromItem<Document>(document) } : {}),
      };
    },
    sharesOfDocument: (firmId, caseId, documentId) =>
      queryAll<Share>(table, sharesOfDocumentPattern(firmId, caseId, documentId), { consistent: true }),
    sharesOfContact: (firmId, caseId, contactId) =>
      queryAll<Share>(table, sharesOfContactPattern(firmId, caseId, contactId), { consistent: false }),
    addShare,
    removeShare: (share, event) =>
      change([
        {
          Delete: {
            TableName: table.name,
            Key: shareKey(share.firmId, share.caseId, share.documentId, share.contactId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        countOnGrant(table, share, -1),
        ...withEvent(table, event),
      ]),
    listShares: (firmId, caseId, q, page) =>
      queryPage<Share>(
        table,
        sharesOfCasePattern(firmId, caseId),
        page,
        // Shares of a trashed document are out of the list until it is restored.
        q
          ? {
              expression: 'attribute_not_exists(trashed) AND contains(searchText, :q)',
              values: { ':q': q.toLowerCase() },
            }
          : { expression: 'attribute_not_exists(trashed)', values: {} },
      ),
    listSharedWithContact: (firmId, caseId, contactId, page) =>
      queryPage<Share>(table, sharesOfContactPattern(firmId, caseId, contactId), page),
    grantsOf: (firmId, caseId, contactIds) =>
      getMany<Grant>(
        table,
        contactIds.map((id) => grantKey(firmId, caseId, id)),
      ),
    documentsOf: (firmId, caseId, documentIds) =>
      getMany<Document>(
        table,
        documentIds.map((id) => documentKey(firmId, caseId, id)),
      ),
  };
}

const withEvent = (table: Table, event: DomainEvent | undefined): TransactItem[] =>
  event ? [putActivity(table, event)] : [];
