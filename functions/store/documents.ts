// DynamoDB adapter of the DocumentStore port, and the document item ingest writes.
import type { Document, DocumentStore } from '../domain/documents';
import {
  documentBySourceKey,
  documentByTimeKey,
  documentKey,
  documentsOfCaseBySourcePattern,
  documentsOfCasePattern,
  Entity,
} from './keys';
import { getItem, queryPage, type Table, toItem } from './table';

/** The document item: main key by case and id, GSI1 by case and time, GSI2 by case, source and time. */
export function documentItem(d: Document): Record<string, unknown> {
  return toItem(
    {
      ...documentKey(d.firmId, d.caseId, d.documentId),
      ...documentByTimeKey(d.firmId, d.caseId, d.createdAt, d.documentId),
      ...documentBySourceKey(d.firmId, d.caseId, d.source, d.createdAt, d.documentId),
    },
    Entity.document,
    d,
  );
}

export function documentStore(table: Table): DocumentStore {
  return {
    getDocument: (firmId, caseId, documentId) =>
      getItem<Document>(table, documentKey(firmId, caseId, documentId), { consistent: true }),
    listDocuments: (firmId, caseId, source, page) =>
      queryPage<Document>(
        table,
        source
          ? documentsOfCaseBySourcePattern(firmId, caseId, source)
          : documentsOfCasePattern(firmId, caseId),
        page,
      ),
  };
}
