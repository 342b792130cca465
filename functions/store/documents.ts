// DynamoDB adapter of the DocumentStore port, and the document item ingest writes.
import type { Document, DocumentStore } from '../domain/documents';
import { Entity, keys, patterns } from './keys';
import { getItem, queryPage, type Table, toItem } from './table';

/** The document item: main key by case and id, GSI1 by case and time, GSI2 by case, source and time. */
export function documentItem(d: Document): Record<string, unknown> {
  return toItem(
    {
      ...keys.document(d.firmId, d.caseId, d.documentId),
      ...keys.documentByTime(d.firmId, d.caseId, d.createdAt, d.documentId),
      ...keys.documentBySource(d.firmId, d.caseId, d.source, d.createdAt, d.documentId),
    },
    Entity.document,
    d,
  );
}

export function documentStore(table: Table): DocumentStore {
  return {
    getDocument: (firmId, caseId, documentId) =>
      getItem<Document>(table, keys.document(firmId, caseId, documentId), { consistent: true }),
    listDocuments: (firmId, caseId, source, page) =>
      queryPage<Document>(
        table,
        source
          ? patterns.documentsOfCaseBySource(firmId, caseId, source)
          : patterns.documentsOfCase(firmId, caseId),
        page,
      ),
  };
}
