// DynamoDB adapters of the RecipientsStore (one item per case, saved whole) and of the staff
// directory (BatchGet of staff users by id).
import type { StaffUser } from '../domain/firm';
import type { RecipientsStore, SavedRecipients, StaffDirectory } from '../domain/recipients';
import { Entity, keys } from './keys';
import { getItem, getMany, putInCase, type Table } from './table';

export function recipientsStore(table: Table): RecipientsStore {
  return {
    getRecipients: (firmId, caseId) => getItem<SavedRecipients>(table, keys.recipients(firmId, caseId)),
    saveRecipients: (list, event) =>
      putInCase(
        table,
        list,
        {
          key: keys.recipients(list.firmId, list.caseId),
          entity: Entity.recipients,
          data: list,
          once: false,
        },
        event,
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
