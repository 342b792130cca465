// One-off upgrade of items written before document lists were ordered by `createdAt` (issue 13.4):
// documents without their GSI1 time key or with an id-ordered GSI2 key, and shares whose by-contact
// key is id-ordered, get the keys the key module builds today. Idempotent; the local stack runs it
// at start (data kept in .data/), an operator runs it once against a deployed table.
import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Document } from '../domain/documents';
import type { Share } from '../domain/shares';
import { documentBySourceKey, documentByTimeKey, Entity, KeySegmentError, shareByContactKey } from './keys';
import type { Table } from './table';

/** The index keys an item must carry, or undefined for items this upgrade does not concern. */
function expectedKeys(item: Record<string, unknown>): Record<string, string> | undefined {
  if (item.entity === Entity.document) {
    const d = item as unknown as Document;
    return {
      ...documentByTimeKey(d.firmId, d.caseId, d.createdAt, d.documentId),
      ...documentBySourceKey(d.firmId, d.caseId, d.source, d.createdAt, d.documentId),
    };
  }
  if (item.entity === Entity.share) {
    const s = item as unknown as Share;
    return shareByContactKey(s.firmId, s.caseId, s.contactId, s.documentCreatedAt, s.documentId);
  }
  return undefined;
}

/**
 * Rewrites the index keys of documents and shares that lack today's. Returns how many it changed,
 * and the keys of items it cannot key (a field a key refuses): left as they are, for a person to look at.
 */
export async function rekeyDocumentLists(table: Table): Promise<{ changed: number; skipped: string[] }> {
  let changed = 0;
  const skipped: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    // A Scan, once, by an operator or at local start: no request path ever runs this.
    const res = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        FilterExpression: '#entity IN (:document, :share)',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':document': Entity.document, ':share': Entity.share },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of res.Items ?? []) {
      let want: Record<string, string> | undefined;
      try {
        want = expectedKeys(item);
      } catch (err) {
        if (!(err instanceof KeySegmentError)) throw err;
        skipped.push(`${item.PK} ${item.SK}`);
        continue;
      }
      if (!want || Object.entries(want).every(([k, v]) => item[k] === v)) continue;
      const names = Object.keys(want);
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: { PK: item.PK, SK: item.SK },
          UpdateExpression: `SET ${names.map((_, i) => `#k${i} = :v${i}`).join(', ')}`,
          // Deleted meanwhile: nothing to upgrade (an Update would create a bare item).
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#k${i}`, n])),
          ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, want[n]])),
        }),
      );
      changed++;
    }
    start = res.LastEvaluatedKey;
  } while (start);
  return { changed, skipped };
}
