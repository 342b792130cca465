// DynamoDB adapter of the StaffStore port (staff records) and of firm onboarding's FirmRecords. The
// firm item's active-admin counter (functions/store/firm-settings.ts) moves in the same transaction
// as the staff record it counts, with a condition that keeps it at 1 or more: the last-admin rule
// (decision 0025).
import { conflict, DomainError, notFound } from '../domain/errors';
import type { StaffUser } from '../domain/firm';
import { type FirmRecords, isActiveAdmin, type StaffStatus, type StaffStore } from '../domain/staff';
import { adminCounter, firmName, getFirm, putNewFirm } from './firm-settings';
import { Entity, staffKey, staffOfFirmPattern } from './keys';
import {
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
  const admins = adminCounter(table);
  /** Counts the firm's active admins from its staff records (for a firm written before the counter). */
  const ensureAdminCount = (firmId: string) =>
    admins.ensure(
      firmId,
      async () =>
        (await queryAll<StaffUser>(table, staffOfFirmPattern(firmId), { consistent: true })).filter(
          isActiveAdmin,
        ).length,
    );
  const firmPart = (firmId: string, delta: number): TransactItem => admins.change(firmId, delta);

  return {
    firmName: (firmId) => firmName(table, firmId),
    getStaff: (firmId, userId) => getItem<StaffUser>(table, staffKey(firmId, userId), { consistent: true }),

    // A firm's staff is a small set (read whole, like activeAdminsOf); invitations are rare.
    staffOfFirm: (firmId) => queryAll<StaffUser>(table, staffOfFirmPattern(firmId), { consistent: true }),

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
                Item: toItem(staffKey(user.firmId, user.userId), Entity.staff, user),
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
              Key: staffKey(before.firmId, before.userId),
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
      queryPage<StaffUser>(table, staffOfFirmPattern(firmId), page, status ? byStatus[status] : undefined),
  };
}

export function firmRecords(table: Table): FirmRecords {
  return {
    getFirm: (firmId) => getFirm(table, firmId, { consistent: true }),
    putFirm: (firm) => putNewFirm(table, firm),
  };
}

/** The firm's active admins (a small set, read whole): who stands in for an inactive case owner. */
export async function activeAdminsOf(table: Table, firmId: string): Promise<StaffUser[]> {
  const all = await queryAll<StaffUser>(table, staffOfFirmPattern(firmId), { consistent: false });
  return all.filter(isActiveAdmin);
}
