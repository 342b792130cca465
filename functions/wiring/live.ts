// The Table handle of the live channel's functions: the table name only. They page no list, so they
// hold no cursor key (one secret fewer to read at cold start, one grant fewer).
import { documentClient } from '../clients/dynamodb';
import { loadConfig } from '../config';
import type { Table } from '../store/table';

export function liveTable(): Table {
  const config = loadConfig(['TABLE_NAME']);
  return { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };
}
