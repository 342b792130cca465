// The reliability suite's own local stack, started IN the test worker (not by the integration
// global setup), so the tests reach the very SDK clients the handlers use (to inject faults) and
// the very process they log from (to read their logs). One stack per test file, temp dir, free ports.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../../functions/store/table';
import { type LocalStack, type StackOptions, startLocalStack } from '../../../local/stack';
import { createFirm, newId, partitionOf, type Staff, type TestFirm } from '../../support/firms';
import { type ApiResponse, type CallOptions, callApi } from '../../support/http';
import { type StoredMail, storedMail } from '../../support/mail';

export interface Harness {
  stack: LocalStack;
  /** A table handle on its own client: the tests' reads never meet injected faults. */
  table: Table;
  s3: S3Client;
  call: Caller;
  mint(claims: Record<string, unknown> & { sub: string }, ttlSeconds?: number): Promise<string>;
  /** Waits until every change so far went through stream → bus → notify/ingest. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export type { ApiResponse, CallOptions };

// biome-ignore lint/suspicious/noExplicitAny: the suite reads loosely typed JSON bodies
export type Caller = <T = any>(method: string, path: string, opts?: CallOptions) => Promise<ApiResponse<T>>;

export { newId };

export async function startHarness(options: Partial<StackOptions> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-rel-'));
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // Info and up: the log assertions must see what production would write.
  process.env.LOG_LEVEL = 'info';
  const stack = await startLocalStack({ dataDir, seed: false, ...options });
  const credentials = {
    accessKeyId: stack.env.AWS_ACCESS_KEY_ID!,
    secretAccessKey: stack.env.AWS_SECRET_ACCESS_KEY!,
  };
  const table: Table = {
    client: DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: stack.urls.dynamodb, region: 'us-east-1', credentials }),
    ),
    name: stack.env.TABLE_NAME!,
    cursorSecret: stack.env.CURSOR_SECRET!,
  };
  const s3 = new S3Client({
    endpoint: stack.env.AWS_ENDPOINT_URL_S3,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials,
  });
  const call: Caller = (method, path, opts = {}) => callApi(stack.urls.api, method, path, opts);
  return {
    stack,
    table,
    s3,
    call,
    mint: (claims, ttl) => stack.auth.mint(claims, ttl),
    settle: () => stack.settle(),
    async stop() {
      await stack.stop();
      table.client.destroy();
      s3.destroy();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type { Staff, TestFirm };

/** A firm with an admin and two staff users (firm and users are provisioned outside the API). */
export const newFirm = (h: Harness, name: string): Promise<TestFirm> => createFirm(h.table, h.mint, name);

/** Every item of the table (DynamoDB Local; the suite's before/after snapshots, never production code). */
export async function scanTable(table: Table): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    out.push(...(res.Items ?? []));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The table as a sorted map `PK|SK` → item JSON, for exact before/after comparisons. */
export async function snapshot(table: Table): Promise<Map<string, string>> {
  const items = await scanTable(table);
  return new Map(
    items
      .map((i) => [`${i.PK}|${i.SK}`, JSON.stringify(i, Object.keys(i).sort())] as [string, string])
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** What changed between two snapshots (added, removed, changed keys). */
export function diff(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of after)
    if (!before.has(k)) out.push(`+ ${k}`);
    else if (before.get(k) !== v) out.push(`~ ${k}`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`- ${k}`);
  return out;
}

export const partition = partitionOf;

export type { StoredMail };

/** Every mail local SES holds. */
export async function mails(h: Harness): Promise<StoredMail[]> {
  return storedMail(h.stack.urls.mail);
}

export const mailsTo = async (h: Harness, email: string) =>
  (await mails(h)).filter((m) => m.destination.to.includes(email));
