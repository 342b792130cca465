// DynamoDB adapter of the DocumentStore port, and the document item ingest writes.
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Document, DocumentStore } from '../domain/documents';
import { Entity, keys, patterns } from './keys';
import { fromItem, getItem, queryPage, type Table, toItem } from './table';

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

/** BatchGetItem takes at most 100 keys per call. */
const BATCH = 100;

/** Items at these keys that exist, read consistently; unprocessed keys are asked again. */
export async function getMany<T>(table: Table, itemKeys: { PK: string; SK: string }[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < itemKeys.length; i += BATCH) {
    let pending: Record<string, unknown>[] | undefined = itemKeys.slice(i, i + BATCH);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt >= 8)
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const res: BatchGetCommandOutput = await table.client.send(
        new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending, ConsistentRead: true } } }),
      );
      out.push(...(res.Responses?.[table.name] ?? []).map((item) => fromItem<T>(item)));
      pending = res.UnprocessedKeys?.[table.name]?.Keys;
    }
  }
  return out;
}
