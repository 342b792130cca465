// DynamoDB adapter of the FirmStore port (staff users), and firm onboarding's puts.

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Firm, FirmStore, StaffUser } from '../domain/firm';
import { getFirm, putNewFirm } from './firm-settings';
import { Entity, staffKey } from './keys';
import { getItem, type Table, toItem } from './table';

export function firmStore(table: Table): FirmStore {
  return {
    getStaffUser: (firmId, userId) => getItem<StaffUser>(table, staffKey(firmId, userId)),
  };
}

/** Firm onboarding (seed and, later, the admin console): idempotent puts that keep what exists. */
export function firmAdminStore(table: Table) {
  return {
    putFirm: (firm: Firm) => putNewFirm(table, firm),
    async putStaffUser(user: StaffUser) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: toItem(staffKey(user.firmId, user.userId), Entity.staff, user),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
    getFirm: (firmId: string) => getFirm(table, firmId),
  };
}
