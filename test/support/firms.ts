// Test fixtures shared by the integration and reliability suites: fresh firms (provisioned
// outside the API, as onboarding does) and raw reads of the table for asserting what was written.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { StaffUser } from '../../functions/domain/firm';
import { firmAdminStore } from '../../functions/store/firm';
import type { Table } from '../../functions/store/table';

const nextId = monotonicFactory();
export const newId = () => nextId();

export type Mint = (
  claims: Record<string, unknown> & { sub: string },
  ttlSeconds?: number,
) => Promise<string>;

export interface Staff extends StaffUser {
  token: string;
}

export interface TestFirm {
  firmId: string;
  name: string;
  admin: Staff;
  staff: Staff;
  staff2: Staff;
}

/** A new firm with an admin and two staff users, stored in the table, with tokens. */
export async function createFirm(table: Table, mint: Mint, name: string): Promise<TestFirm> {
  const firmId = newId();
  const admin = firmAdminStore(table);
  await admin.putFirm({
    firmId,
    name,
    locale: 'en',
    portalUrl: 'http://localhost:5173',
    createdAt: new Date().toISOString(),
  });
  const user = async (role: 'admin' | 'staff', label: string): Promise<Staff> => {
    const u: StaffUser = {
      firmId,
      userId: newId(),
      name: `${label} of ${name}`,
      email: `${label.toLowerCase()}.${firmId.toLowerCase()}@firm.test`,
      role,
      createdAt: new Date().toISOString(),
    };
    await admin.putStaffUser(u);
    return { ...u, token: await mint({ sub: u.userId, firmId, role, email: u.email }) };
  };
  return {
    firmId,
    name,
    admin: await user('admin', 'Admin'),
    staff: await user('staff', 'Staff'),
    staff2: await user('staff', 'Staff2'),
  };
}

/** Every item of a partition, read consistently (for asserting what was or was not written). */
export async function partitionOf(table: Table, pk: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
