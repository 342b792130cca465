// DynamoDB adapter of the FirmStore port (firm record and staff users).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Firm, FirmStore, StaffUser } from '../domain/firm';
import { Entity, keys } from './keys';
import { getItem, type Table, toItem } from './table';

export function firmStore(table: Table): FirmStore {
  return {
    getStaffUser: (firmId, userId) => getItem<StaffUser>(table, keys.staff(firmId, userId)),
  };
}

/** Firm onboarding (seed and, later, the admin console): idempotent puts that keep what exists. */
export function firmAdminStore(table: Table) {
  const putOnce = async (item: Record<string, unknown>) => {
    try {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: item,
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  };
  return {
    putFirm: (firm: Firm) => putOnce(toItem(keys.firm(firm.firmId), Entity.firm, firm)),
    putStaffUser: (user: StaffUser) =>
      putOnce(toItem(keys.staff(user.firmId, user.userId), Entity.staff, user)),
    getFirm: (firmId: string) => getItem<Firm>(table, keys.firm(firmId)),
  };
}
