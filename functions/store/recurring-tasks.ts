// DynamoDB adapters of the notify-client flags: recurring tasks (items of the firm, listed by id)
// and the flag on the case item itself.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '../domain/cases';
import type { CaseFlagStore, RecurringTask, RecurringTaskStore } from '../domain/recurring-tasks';
import { caseKey, Entity, recurringTaskKey, recurringTasksOfFirmPattern } from './keys';
import { deleteWithEvent, fromItem, getItem, queryPage, type Table } from './table';

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

export function recurringTaskStore(table: Table): RecurringTaskStore {
  return {
    async putRecurringTask(t) {
      // An Update, not a Put: a replace keeps the date the task was first saved.
      const res = await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: recurringTaskKey(t.firmId, t.recurringTaskId),
          UpdateExpression:
            'SET firmId = :firmId, recurringTaskId = :id, #name = :name, notifyClient = :notify, updatedAt = :at, updatedBy = :by, createdAt = if_not_exists(createdAt, :at), entity = :entity, v = :v',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: {
            ':firmId': t.firmId,
            ':id': t.recurringTaskId,
            ':name': t.name,
            ':notify': t.notifyClient,
            ':at': t.updatedAt,
            ':by': t.updatedBy,
            ':entity': Entity.recurringTask,
            ':v': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem<RecurringTask>(res.Attributes!);
    },
    getRecurringTask: (firmId, id) =>
      getItem<RecurringTask>(table, recurringTaskKey(firmId, id), { consistent: true }),
    listRecurringTasks: (firmId, page) =>
      queryPage<RecurringTask>(table, recurringTasksOfFirmPattern(firmId), page),
    deleteRecurringTask: (t, event) =>
      deleteWithEvent(table, recurringTaskKey(t.firmId, t.recurringTaskId), event),
  };
}

export function caseFlagStore(table: Table): CaseFlagStore {
  return {
    async setNotifyClient(firmId, caseId, change) {
      try {
        const res = await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: caseKey(firmId, caseId),
            // Only an existing case: an Update would otherwise create a bare case item.
            ConditionExpression: 'attribute_exists(PK)',
            UpdateExpression:
              'SET notifyClient = :notify, notifyClientChangedAt = :at, notifyClientChangedBy = :by',
            ExpressionAttributeValues: { ':notify': change.notifyClient, ':at': change.at, ':by': change.by },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return fromItem<Case>(res.Attributes!);
      } catch (err) {
        if (isConditionFailure(err)) return undefined;
        throw err;
      }
    },
  };
}
