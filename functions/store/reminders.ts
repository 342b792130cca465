// DynamoDB adapter of the ReminderStore port: due schedules (threads' and file requests') through
// GSI2 (sorted by due time, a range Query per shard, never a Scan) and the conditional claim of one
// due slot.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FileRequest } from '../domain/file-requests';
import type { ReminderStore } from '../domain/reminders';
import type { FileRequestReminder } from '../domain/reminders-file-requests';
import type { ReminderSchedule, Thread } from '../domain/threads';
import { fileRequestReminderMove } from './file-request-reminders';
import { firmReminderDefaults } from './firm-settings';
import { dueRemindersOf, fileRequestKey, fileRequestReminderKey, reminderKey, threadKey } from './keys';
import { failedConditionAt, getItem, putActivity, queryDueRange, type Table, transact } from './table';
import { reminderIndex } from './threads';

export function reminderStore(table: Table): ReminderStore {
  return {
    due: (shard, dueBy, page) =>
      queryDueRange<ReminderSchedule | FileRequestReminder>(table, dueRemindersOf(shard, dueBy), page),

    getReminder: (firmId, caseId, threadId) =>
      getItem<ReminderSchedule>(table, reminderKey(firmId, caseId, threadId), { consistent: true }),
    getThread: (firmId, caseId, threadId) =>
      getItem<Thread>(table, threadKey(firmId, caseId, threadId), { consistent: true }),

    async claimSlot(schedule, slot, next, event) {
      const index = next ? reminderIndex(schedule.threadId, next) : undefined;
      try {
        await transact(table, [
          {
            Update: {
              TableName: table.name,
              Key: reminderKey(schedule.firmId, schedule.caseId, schedule.threadId),
              UpdateExpression: index
                ? 'ADD sent :one SET lastSentAt = :now, nextDueAt = :next, GSI2PK = :pk, GSI2SK = :sk'
                : 'ADD sent :one SET lastSentAt = :now REMOVE nextDueAt, GSI2PK, GSI2SK',
              // The slot is this run's only if the schedule still waits for it.
              ConditionExpression: 'nextDueAt = :slot',
              ExpressionAttributeValues: {
                ':one': 1,
                ':now': event.occurredAt,
                ':slot': slot,
                ...(index ? { ':next': next, ':pk': index.GSI2PK, ':sk': index.GSI2SK } : {}),
              },
            },
          },
          putActivity(table, event),
        ]);
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    getFileRequestReminder: (firmId, caseId, requestId) =>
      getItem<FileRequestReminder>(table, fileRequestReminderKey(firmId, caseId, requestId), {
        consistent: true,
      }),
    getFileRequest: (firmId, caseId, requestId) =>
      getItem<FileRequest>(table, fileRequestKey(firmId, caseId, requestId), { consistent: true }),
    reminderDefaults: (firmId) => firmReminderDefaults(table, firmId),

    async moveFileRequestReminder(schedule, slot, move) {
      const update = fileRequestReminderMove(table, schedule, slot, move);
      try {
        if (move.sent) await transact(table, [{ Update: update }, putActivity(table, move.sent.event)]);
        else await table.client.send(new UpdateCommand(update));
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    async stop(schedule, slot) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: reminderKey(schedule.firmId, schedule.caseId, schedule.threadId),
            UpdateExpression: 'REMOVE nextDueAt, GSI2PK, GSI2SK',
            ConditionExpression: 'nextDueAt = :slot',
            ExpressionAttributeValues: { ':slot': slot },
          }),
        );
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },
  };
}

function isConditionFailure(err: unknown): boolean {
  return (err as Error).name === 'ConditionalCheckFailedException' || failedConditionAt(err) >= 0;
}
