// DynamoDB adapters of the RecipientsStore (one item per case, saved whole) and of the staff
// directory (BatchGet of staff users by id).
import type { Case } from '../domain/cases';
import type { StaffUser } from '../domain/firm';
import type { RecipientsStore, SavedRecipients, StaffDirectory } from '../domain/recipients';
import { caseKey, Entity, recipientsKey, staffKey, staffOfFirmPattern } from './keys';
import { getItem, getMany, getNamed, putInCase, queryAll, type Table } from './table';

export function recipientsStore(table: Table): RecipientsStore {
  return {
    getRecipients: (firmId, caseId) => getItem<SavedRecipients>(table, recipientsKey(firmId, caseId)),
    async caseWithRecipients(firmId, caseId) {
      const got = await getNamed(table, {
        case: caseKey(firmId, caseId),
        saved: recipientsKey(firmId, caseId),
      });
      return got as { case?: Case; saved?: SavedRecipients };
    },
    async caseWithStaff(firmId, caseId, userIds) {
      const got = await getNamed<string>(table, {
        case: caseKey(firmId, caseId),
        ...Object.fromEntries(userIds.map((id, i) => [`user${i}`, staffKey(firmId, id)])),
      });
      return {
        ...(got.case ? { case: got.case as unknown as Case } : {}),
        staff: userIds.flatMap((_, i) => (got[`user${i}`] as StaffUser | undefined) ?? []),
      };
    },
    saveRecipients: (list, event) =>
      putInCase(
        table,
        list,
        {
          key: recipientsKey(list.firmId, list.caseId),
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
        [...new Set(userIds)].map((id) => staffKey(firmId, id)),
        { consistent: false },
      ),
    staffOfFirm: (firmId) => queryAll<StaffUser>(table, staffOfFirmPattern(firmId), { consistent: false }),
  };
}
