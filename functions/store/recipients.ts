// DynamoDB adapters of the RecipientsStore (one item per case, saved whole) and of the staff
// directory (BatchGet of staff users by id).
import { notFound } from '../domain/errors';
import type { StaffUser } from '../domain/firm';
import type { RecipientsStore, SavedRecipients, StaffDirectory } from '../domain/recipients';
import { Entity, keys } from './keys';
import { conditionCheck, getItem, getMany, putActivity, type Table, toItem, transact } from './table';

export function recipientsStore(table: Table): RecipientsStore {
  return {
    getRecipients: (firmId, caseId) => getItem<SavedRecipients>(table, keys.recipients(firmId, caseId)),
    saveRecipients: (list, event) =>
      transact(
        table,
        [
          // The case must still exist when the list lands (it was read a moment before).
          conditionCheck(table, keys.case(list.firmId, list.caseId)),
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
    staffUsers: (firmId, userIds) =>
      getMany<StaffUser>(
        table,
        [...new Set(userIds)].map((id) => keys.staff(firmId, id)),
        { consistent: false },
      ),
  };
}
