// DynamoDB adapter of the ReminderStore port: due schedules through GSI2 (sorted by due time, a
// range Query per shard, never a Scan) and the conditional claim of one due slot.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReminderStore } from '../domain/reminders';
import type { ReminderSchedule, Thread } from '../domain/threads';
import { dueRemindersOf, keys } from './keys';
import { fromItem, putActivity, type Table, transact } from './table';
import { readItem, reminderIndex } from './threads';

/** The scheduler pages through its own Query; the position never leaves the function. */
const encodePosition = (key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(key)).toString('base64url');
const decodePosition = (token: string) => JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));

export function reminderStore(table: Table): ReminderStore {
  return {
    async due(shard, dueBy, page) {
      const range = dueRemindersOf(shard, dueBy);
      const res = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: range.index,
          KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': range.pk, ':from': range.skFrom, ':to': range.skTo },
          Limit: page.limit,
          ...(page.nextToken ? { ExclusiveStartKey: decodePosition(page.nextToken) } : {}),
        }),
      );
      const items = (res.Items ?? []).map((i) => fromItem<ReminderSchedule>(i));
      return res.LastEvaluatedKey ? { items, nextToken: encodePosition(res.LastEvaluatedKey) } : { items };
    },

    getReminder: (firmId, caseId, threadId) =>
      readItem<ReminderSchedule>(table, keys.reminder(firmId, caseId, threadId)),
    getThread: (firmId, caseId, threadId) => readItem<Thread>(table, keys.thread(firmId, caseId, threadId)),

    async claimSlot(schedule, slot, next, event) {
      const index = next ? reminderIndex(schedule.threadId, next) : undefined;
      try {
        await transact(table, [
          {
            Update: {
              TableName: table.name,
              Key: keys.reminder(schedule.firmId, schedule.caseId, schedule.threadId),
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

    async stop(schedule, slot) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keys.reminder(schedule.firmId, schedule.caseId, schedule.threadId),
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
  const e = err as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (e.name === 'ConditionalCheckFailedException') return true;
  return (
    e.name === 'TransactionCanceledException' &&
    (e.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  );
}
