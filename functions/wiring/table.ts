// Builds the Table handle every store adapter takes, from configuration, once per container.
import { documentClient } from '../clients/dynamodb';
import { loadConfig } from '../config';
import type { Table } from '../store/table';

export function tableFromEnv(): Table {
  const config = loadConfig(['TABLE_NAME', 'CURSOR_SECRET']);
  return { client: documentClient, name: config.TABLE_NAME, cursorSecret: config.CURSOR_SECRET };
}
