// Transaction items of open/closed items (chat threads, discussions): the open guard a write into
// one holds, and the close or reopen itself, held to the status read.
import type { StatusChange } from '../../domain/conversation-status';
import type { ItemKey } from '../keys';
import type { Table } from './items';
import { failedConditionAt, type TransactItem, transact } from './transact';

/** Items written before the status existed have none: open. Needs OPEN_NAMES and OPEN_VALUES. */
export const OPEN_GUARD = '(attribute_not_exists(#status) OR #status <> :closed)';
export const OPEN_NAMES = { '#status': 'status' };
export const OPEN_VALUES = { ':closed': 'closed' };

/**
 * Closes (who and when recorded) or reopens (they are cleared) the item at `key`, only from the
 * other status: a concurrent close or reopen fails the condition and the caller reads again.
 */
export function statusUpdate(table: Table, key: ItemKey, change: StatusChange): TransactItem {
  const closing = change.status === 'closed';
  return {
    Update: {
      TableName: table.name,
      Key: key,
      UpdateExpression: closing
        ? 'SET #status = :to, closedAt = :at, closedBy = :by'
        : 'SET #status = :to REMOVE closedAt, closedBy',
      ConditionExpression: closing ? `attribute_exists(PK) AND ${OPEN_GUARD}` : '#status = :closed',
      ExpressionAttributeNames: OPEN_NAMES,
      ExpressionAttributeValues: {
        ':to': change.status,
        ...OPEN_VALUES,
        ...(closing ? { ':at': change.at, ':by': change.by } : {}),
      },
    },
  };
}

/**
 * Writes a close or reopen: its `statusUpdate` and what goes with it (the event, a reminder change)
 * in one transaction. False, nothing written, when the status had moved since it was read.
 */
export async function writeStatusChange(
  table: Table,
  key: ItemKey,
  change: StatusChange,
  withIt: TransactItem[],
): Promise<boolean> {
  try {
    await transact(table, [statusUpdate(table, key, change), ...withIt]);
    return true;
  } catch (err) {
    if (failedConditionAt(err) === 0) return false;
    throw err;
  }
}
