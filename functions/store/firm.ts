// DynamoDB adapter of the FirmStore port (firm record and staff users).
import type { FirmStore, StaffUser } from '../domain/firm';
import { keys } from './keys';
import { getItem, type Table } from './table';

export function firmStore(table: Table): FirmStore {
  return {
    getStaffUser: (firmId, userId) => getItem<StaffUser>(table, keys.staff(firmId, userId)),
  };
}
