// DynamoDB adapter of document versions: one item per version beside the document item (which holds
// the current one), and the guarded update that makes an upload the document's next version.
import type { Document } from '../domain/documents';
import { conflict } from '../domain/errors';
import type { DocumentVersion, VersionStore } from '../domain/versions';
import { documentStore } from './documents';
import { documentKey, documentVersionKey, Entity, versionsOfDocumentPattern } from './keys';
import { queryPage, type Table, toItem } from './table';

export const versionMoved = () =>
  conflict('document_version_moved', 'The document got another new version at the same time.');

export function putVersion(table: Table, v: DocumentVersion) {
  return {
    Put: {
      TableName: table.name,
      Item: toItem(
        documentVersionKey(v.firmId, v.caseId, v.documentId, v.version),
        Entity.documentVersion,
        v,
      ),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The document item moves to `next` only while it is still at `previous.version`. */
export function nextVersionOf(table: Table, previous: Document, next: Document) {
  return {
    Update: {
      TableName: table.name,
      Key: documentKey(previous.firmId, previous.caseId, previous.documentId),
      UpdateExpression:
        'SET version = :next, s3Key = :key, contentType = :type, #size = :size, uploadedBy = :by, updatedAt = :at',
      ConditionExpression: 'version = :prev',
      ExpressionAttributeNames: { '#size': 'size' },
      ExpressionAttributeValues: {
        ':next': next.version,
        ':prev': previous.version,
        ':key': next.s3Key,
        ':type': next.contentType,
        ':size': next.size,
        ':by': next.uploadedBy,
        ':at': next.updatedAt ?? next.createdAt,
      },
    },
  };
}

export function versionStore(table: Table): VersionStore {
  const documents = documentStore(table);
  return {
    getDocument: (firmId, caseId, documentId) => documents.getDocument(firmId, caseId, documentId),
    listVersions: (firmId, caseId, documentId, page) =>
      queryPage<DocumentVersion>(table, versionsOfDocumentPattern(firmId, caseId, documentId), page),
  };
}
