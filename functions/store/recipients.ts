// DynamoDB adapters of the RecipientsStore (one item per case, saved whole) and of the staff
// directory (BatchGet of staff users by id).
import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../domain/errors';
import type { StaffUser } from '../domain/firm';
import type { RecipientsStore, SavedRecipients, StaffDirectory } from '../domain/recipients';
import { Entity, keys } from './keys';
import { fromItem, getItem, putActivity, type Table, toItem, transact } from './table';

const BATCH_GET_MAX = 100;
const UNPROCESSED_RETRIES = 5;

export function recipientsStore(table: Table): RecipientsStore {
  return {
    getRecipients: (firmId, caseId) => getItem<SavedRecipients>(table, keys.recipients(firmId, caseId)),
    saveRecipients: (list, event) =>
      transact(
        table,
        [
          // The case must still exist when the list lands (it was read a moment before).
          {
            ConditionCheck: {
              TableName: table.name,
              Key: keys.case(list.firmId, list.caseId),
              ConditionExpression: 'attribute_exists(PK)',
            },
          },
          {
            Put: {
              TableName: table.name,
              Item: toItem(keys.recipients(list.firmId, list.caseId), Entity.recipients, list),
            },
          },
          putActivity(table, event),
        ],
        { 0: () => notFound('case') },
      ),
  };
}

export function staffDirectory(table: Table): StaffDirectory {
  return {
    async staffUsers(firmId, userIds) {
      const out: StaffUser[] = [];
      const unique = [...new Set(userIds)];
      for (let i = 0; i < unique.length; i += BATCH_GET_MAX) {
        let pending: Record<string, unknown>[] | undefined = unique
          .slice(i, i + BATCH_GET_MAX)
          .map((id) => keys.staff(firmId, id) as unknown as Record<string, unknown>);
        for (let attempt = 0; pending?.length; attempt++) {
          if (attempt > UNPROCESSED_RETRIES) throw new Error('BatchGet of staff users left keys unprocessed');
          if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
          const res: BatchGetCommandOutput = await table.client.send(
            new BatchGetCommand({ RequestItems: { [table.name]: { Keys: pending } } }),
          );
          for (const item of res.Responses?.[table.name] ?? []) {
            if (item.entity === Entity.staff) out.push(fromItem<StaffUser>(item));
          }
          pending = res.UnprocessedKeys?.[table.name]?.Keys;
        }
      }
      return out;
    },
  };
}
