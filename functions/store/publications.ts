// DynamoDB adapter of the PublicationStore: one item per document version × recurring task,
// written once, in one transaction with its `document.published` activity entry.
import { conflict, type DomainError } from '../domain/errors';
import type { Publication, PublicationStore } from '../domain/publish';
import { Entity, publicationKey } from './keys';
import { getItem, putActivity, type Table, toItem, transact } from './table';

const ALREADY = 'publication_exists';

export function publicationStore(table: Table): PublicationStore {
  return {
    getPublication: (firmId, caseId, documentId, version, recurringTaskId) =>
      getItem<Publication>(table, publicationKey(firmId, caseId, documentId, version, recurringTaskId), {
        consistent: true,
      }),

    async recordPublication(p, event) {
      try {
        await transact(
          table,
          [
            {
              Put: {
                TableName: table.name,
                Item: toItem(
                  publicationKey(p.firmId, p.caseId, p.documentId, p.version, p.recurringTaskId),
                  Entity.publication,
                  p,
                ),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            putActivity(table, event),
          ],
          // "Published already": caught below, never shown to a caller.
          { 0: () => conflict(ALREADY, 'This version was already published for this recurring task.') },
        );
        return true;
      } catch (err) {
        if ((err as DomainError).code === ALREADY) return false;
        throw err;
      }
    },
  };
}
