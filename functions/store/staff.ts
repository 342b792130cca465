// DynamoDB adapter of the StaffStore port (staff records) and of firm onboarding's FirmRecords. The
// firm item's `activeAdmins` counter moves in the same transaction as the staff record it counts,
// with a condition that keeps it at 1 or more: the last-admin rule (decision 0025).
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conflict, DomainError, notFound } from '../domain/errors';
import type { Firm, StaffUser } from '../domain/firm';
import { type FirmRecords, isActiveAdmin, type StaffStatus, type StaffStore } from '../domain/staff';
import { Entity, keys, patterns } from './keys';
import {
  conditionCheck,
  getItem,
  type QueryFilter,
  queryAll,
  queryPage,
  type Table,
  type TransactItem,
  toItem,
  transact,
} from './table';

const lastAdmin = () =>
  conflict('last_admin', 'The firm must keep at least one active admin: make another user admin first.');
const staffChanged = () =>
  conflict('staff_changed', 'The staff user was changed meanwhile; read it again and retry.');
const STAFF_EXISTS = 'staff_exists';

const byStatus: Record<StaffStatus, QueryFilter> = {
  // Records written before `status` existed are active.
  active: {
    expression: 'attribute_not_exists(#st) OR #st = :st',
    names: { '#st': 'status' },
    values: { ':st': 'active' },
  },
  inactive: { expression: '#st = :st', names: { '#st': 'status' }, values: { ':st': 'inactive' } },
};

export function staffStore(table: Table): StaffStore {
  /**
   * A firm written before the counter existed gets it once, counted from its staff records, so
   * the counter's condition never judges a firm on a number it never kept.
   */
  const ensureAdminCount = async (firmId: string) => {
    const firm = await getItem<Firm>(table, keys.firm(firmId), { consistent: true });
    if (!firm) throw notFound('firm');
    if (firm.activeAdmins !== undefined) return;
    const staff = await queryAll<StaffUser>(table, patterns.staffOfFirm(firmId), { consistent: true });
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keys.firm(firmId),
          UpdateExpression: 'SET activeAdmins = :n',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(activeAdmins)',
          ExpressionAttributeValues: { ':n': staff.filter(isActiveAdmin).length },
        }),
      );
    } catch (err) {
      // Another request counted first: its number stands.
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  };

  /** The firm item's part of a transaction that moves the admin count by `delta` (-1, 0, +1). */
  const firmPart = (firmId: string, delta: number): TransactItem =>
    delta === 0
      ? conditionCheck(table, keys.firm(firmId))
      : {
          Update: {
            TableName: table.name,
            Key: keys.firm(firmId),
            UpdateExpression: 'ADD activeAdmins :d',
            ConditionExpression: delta < 0 ? 'activeAdmins > :one' : 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':d': delta, ...(delta < 0 ? { ':one': 1 } : {}) },
          },
        };

  return {
    firmName: async (firmId) => (await getItem<Firm>(table, keys.firm(firmId)))?.name,
    getStaff: (firmId, userId) => getItem<StaffUser>(table, keys.staff(firmId, userId), { consistent: true }),

    // A firm's staff is a small set (read whole, like activeAdminsOf); invitations are rare.
    staffOfFirm: (firmId) => queryAll<StaffUser>(table, patterns.staffOfFirm(firmId), { consistent: true }),

    async addStaff(user) {
      const delta = isActiveAdmin(user) ? 1 : 0;
      if (delta) await ensureAdminCount(user.firmId);
      try {
        await transact(
          table,
          [
            {
              Put: {
                TableName: table.name,
                Item: toItem(keys.staff(user.firmId, user.userId), Entity.staff, user),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            firmPart(user.firmId, delta),
          ],
          {
            0: () => conflict(STAFF_EXISTS, 'The staff user exists.'),
            1: () => notFound('firm'),
          },
        );
        return 'created';
      } catch (err) {
        if (err instanceof DomainError && err.code === STAFF_EXISTS) return 'exists';
        throw err;
      }
    },

    async changeStaff(before, after) {
      const delta = Number(isActiveAdmin(after)) - Number(isActiveAdmin(before));
      if (delta) await ensureAdminCount(before.firmId);
      const set: [string, unknown][] = [
        ['role', after.role],
        ['name', after.name],
        ['status', after.status ?? 'active'],
        ...(after.locale !== undefined ? [['locale', after.locale] as [string, unknown]] : []),
        ...(after.deactivatedAt !== undefined
          ? [['deactivatedAt', after.deactivatedAt] as [string, unknown]]
          : []),
      ];
      await transact(
        table,
        [
          {
            Update: {
              TableName: table.name,
              Key: keys.staff(before.firmId, before.userId),
              UpdateExpression: `SET ${set.map(([k]) => `#${k} = :${k}`).join(', ')}`,
              // Optimistic: the record is still what the decision was made on (the count relies on it).
              ConditionExpression: `attribute_exists(PK) AND #role = :wasRole AND #name = :wasName AND ${
                before.status ? '#status = :wasStatus' : 'attribute_not_exists(#status)'
              }`,
              ExpressionAttributeNames: Object.fromEntries(
                [...set.map(([k]) => k), 'role', 'name', 'status'].map((k) => [`#${k}`, k]),
              ),
              ExpressionAttributeValues: {
                ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
                ':wasRole': before.role,
                ':wasName': before.name,
                ...(before.status ? { ':wasStatus': before.status } : {}),
              },
            },
          },
          firmPart(before.firmId, delta),
        ],
        { 0: staffChanged, 1: delta < 0 ? lastAdmin : () => notFound('firm') },
      );
    },

    listStaff: (firmId, page, status) =>
      queryPage<StaffUser>(table, patterns.staffOfFirm(firmId), page, status ? byStatus[status] : undefined),
  };
}

export function firmRecords(table: Table): FirmRecords {
  return {
    getFirm: (firmId) => getItem<Firm>(table, keys.firm(firmId), { consistent: true }),
    async putFirm(firm) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: toItem(keys.firm(firm.firmId), Entity.firm, firm),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
  };
}

/** The firm's active admins (a small set, read whole): who stands in for an inactive case owner. */
export async function activeAdminsOf(table: Table, firmId: string): Promise<StaffUser[]> {
  const all = await queryAll<StaffUser>(table, patterns.staffOfFirm(firmId), { consistent: false });
  return all.filter(isActiveAdmin);
}
