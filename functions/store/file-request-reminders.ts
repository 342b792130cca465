// The reminder schedule item of a file request (decision 0044): written in the request's creation
// transaction, moved slot by slot by the reminders run under the condition that it still waits for
// the slot being served (the claim), on the due index threads' reminders use.
import type { FileRequest } from '../domain/file-requests';
import {
  type FileRequestReminder,
  type FileRequestReminderMove,
  newFileRequestReminder,
} from '../domain/reminders-file-requests';
import { shardOf } from '../domain/task-rules';
import { Entity, fileRequestReminderByDueKey, fileRequestReminderKey, REMINDER_SHARDS } from './keys';
import { type Table, type TransactItem, toItem } from './table';

/** GSI2 attributes of a request's schedule due at `dueAt`. */
const dueIndex = (requestId: string, dueAt: string) =>
  fileRequestReminderByDueKey(shardOf(requestId, REMINDER_SHARDS), dueAt, requestId);

/** The new request's schedule, for its creation transaction (once: a retried create writes nothing twice). */
export function fileRequestReminderPut(table: Table, r: FileRequest): TransactItem {
  const schedule = newFileRequestReminder(r);
  return {
    Put: {
      TableName: table.name,
      Item: toItem(
        {
          ...fileRequestReminderKey(r.firmId, r.caseId, r.requestId),
          ...dueIndex(r.requestId, r.createdAt),
        },
        Entity.fileRequestReminder,
        schedule,
      ),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * The Update that moves a schedule off `slot`: its settings, its next slot or none (off the index),
 * one more sent (and overdue) when a reminder goes with it. Holds only while it still waits for `slot`.
 */
export function fileRequestReminderMove(
  table: Table,
  schedule: Pick<FileRequestReminder, 'firmId' | 'caseId' | 'requestId'>,
  slot: string,
  move: FileRequestReminderMove,
) {
  const index = move.next ? dueIndex(schedule.requestId, move.next) : undefined;
  const set = ['settings = :settings'];
  const values: Record<string, unknown> = { ':slot': slot, ':settings': move.settings };
  if (move.sent) {
    set.push('lastSentAt = :now');
    values[':now'] = move.sent.event.occurredAt;
    values[':one'] = 1;
    values[':overdue'] = move.sent.overdue ? 1 : 0;
  }
  if (index) {
    set.push('nextDueAt = :next', 'GSI2PK = :pk', 'GSI2SK = :sk');
    Object.assign(values, { ':next': move.next, ':pk': index.GSI2PK, ':sk': index.GSI2SK });
  }
  return {
    TableName: table.name,
    Key: fileRequestReminderKey(schedule.firmId, schedule.caseId, schedule.requestId),
    UpdateExpression: [
      move.sent ? 'ADD sent :one, overdueSent :overdue' : '',
      `SET ${set.join(', ')}`,
      index ? '' : 'REMOVE nextDueAt, GSI2PK, GSI2SK',
    ]
      .filter(Boolean)
      .join(' '),
    // The slot is this run's only if the schedule still waits for it.
    ConditionExpression: 'nextDueAt = :slot',
    ExpressionAttributeValues: values,
  };
}
