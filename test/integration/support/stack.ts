// What integration tests need from the running local stack: an HTTP client with tokens, direct
// table access for asserting stored items, and fresh firms so tests never share data.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { Table } from '../../../functions/store/table';
import { createFirm, newId, partitionOf, type TestFirm } from '../../support/firms';
import { type ApiResponse, type CallOptions, callApi } from '../../support/http';

const stack = inject('stack');
if (!stack?.api)
  throw new Error('The local stack is not running: run integration tests through vitest (global setup).');

export const urls = stack;
export { newId };

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

/** A secret's current value, as the handlers read it (the local Secrets Manager). */
export async function secretValue(arn: string): Promise<string | undefined> {
  const client = new SecretsManagerClient({
    endpoint: stack.env.AWS_ENDPOINT_URL_SECRETS_MANAGER,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
}

export type { ApiResponse };

/**
 * Calls the API untyped, as the holder of `token` (or anonymously). Only for the /local dev routes (not
 * in the document) and for requests invalid on purpose; documented calls go through `apiAs` (client.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: tests read loosely typed JSON bodies
export const call = <T = any>(
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<ApiResponse<T>> => callApi<T>(stack.api, method, path, opts);

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

export type { TestFirm };

/** A new firm with an admin and two staff users, stored in the table, with tokens. */
export const newFirm = (name = 'Test Firm'): Promise<TestFirm> => createFirm(table, mintToken, name);

/** Every item of a partition (for asserting what was or was not written). */
export const partition = (pk: string) => partitionOf(table, pk);
