// What integration tests need from the running local stack: an HTTP client with tokens, direct
// table access for asserting stored items, and fresh firms so tests never share data.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import { inject } from 'vitest';
import type { StaffUser } from '../../../functions/domain/firm';
import { firmAdminStore } from '../../../functions/store/firm';
import type { Table } from '../../../functions/store/table';

const stack = inject('stack');
if (!stack?.api)
  throw new Error('The local stack is not running: run integration tests through vitest (global setup).');

export const urls = stack;
const nextId = monotonicFactory();
export const newId = () => nextId();

export const table: Table = {
  client: DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.env.AWS_ENDPOINT_URL_DYNAMODB,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  ),
  name: stack.env.TABLE_NAME!,
  cursorSecret: stack.env.CURSOR_SECRET!,
};

// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON bodies
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the API as the holder of `token` (or anonymously). */
// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON bodies
export async function call<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(`${stack.api}${path}`, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined || opts.rawBody !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...opts.headers,
    },
    ...(opts.rawBody !== undefined
      ? { body: opts.rawBody }
      : opts.body !== undefined
        ? { body: JSON.stringify(opts.body) }
        : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export async function mintToken(
  claims: Record<string, unknown> & { sub: string },
  ttlSeconds = 3600,
): Promise<string> {
  const res = await call<{ token: string }>('POST', '/local/tokens', { body: { claims, ttlSeconds } });
  if (res.status !== 200) throw new Error(`could not mint a token: ${res.status}`);
  return res.body.token;
}

/** Waits until everything written so far went through stream → bus → notify/ingest. */
export async function settle(): Promise<void> {
  const res = await call('POST', '/local/settle');
  if (res.status !== 200) throw new Error(`settle failed: ${res.status}`);
}

export interface TestFirm {
  firmId: string;
  admin: StaffUser & { token: string };
  staff: StaffUser & { token: string };
  staff2: StaffUser & { token: string };
}

/** A new firm with an admin and two staff users, stored in the table, with tokens. */
export async function newFirm(name = 'Test Firm'): Promise<TestFirm> {
  const firmId = newId();
  const admin = firmAdminStore(table);
  await admin.putFirm({
    firmId,
    name,
    locale: 'en',
    portalUrl: 'http://localhost:5173',
    createdAt: new Date().toISOString(),
  });
  const user = async (role: 'admin' | 'staff', label: string) => {
    const u: StaffUser = {
      firmId,
      userId: newId(),
      name: `${label} of ${name}`,
      email: `${label.toLowerCase()}.${firmId.toLowerCase()}@firm.test`,
      role,
      createdAt: new Date().toISOString(),
    };
    await admin.putStaffUser(u);
    return { ...u, token: await mintToken({ sub: u.userId, firmId, role, email: u.email }) };
  };
  return {
    firmId,
    admin: await user('admin', 'Admin'),
    staff: await user('staff', 'Staff'),
    staff2: await user('staff', 'Staff2'),
  };
}

/** Every item of a partition (for asserting what was or was not written). */
export async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}
