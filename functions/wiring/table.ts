// Builds the Table handle every store adapter takes, from configuration, once per container.
import { documentClient } from '../clients/dynamodb';
import { loadConfig } from '../config';
import type { Table } from '../store/table';
import { resolveSecrets } from './secrets';

/** Awaited at module load by the route group handlers (top-level await: part of the cold start). */
export async function tableFromEnv(): Promise<Table> {
  await resolveSecrets(['CURSOR_SECRET']);
  const config = loadConfig(['TABLE_NAME', 'CURSOR_SECRET']);
  return { client: documentClient, name: config.TABLE_NAME, cursorSecret: config.CURSOR_SECRET };
}
