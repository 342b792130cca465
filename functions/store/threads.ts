// DynamoDB adapters of the ThreadStore and TaskStore ports: threads (GSI2 by task state), members,
// messages, tasks and the reminder schedule. A task change is one transaction: tasks, the thread's
// counts by ADD (held to the counts it read), the update message, its events, the schedule.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Case } from '../domain/cases';
import { threadClosed } from '../domain/conversation-status';
import { notFound } from '../domain/errors';
import type { StaffUser } from '../domain/firm';
import type { Grant } from '../domain/grants';
import { shardOf, taskState } from '../domain/task-rules';
import { concurrentTaskChange, type TaskChangeWrite, type TaskStore } from '../domain/tasks';
import type { Message, Task, Thread, ThreadStore } from '../domain/threads';
import { transactWhileOpen } from './cases';
import { firmReminderDefaults } from './firm-settings';
import {
  caseKey,
  Entity,
  grantKey,
  type ItemKey,
  messageKey,
  messagesOfThreadPattern,
  REMINDER_SHARDS,
  reminderByDueKey,
  reminderKey,
  staffKey,
  taskKey,
  tasksOfThreadPattern,
  threadByTaskStateKey,
  threadKey,
  threadMemberKey,
  threadsOfCaseByTaskStatePattern,
  threadsOfCasePattern,
} from './keys';
import {
  conditionCheck,
  getItem,
  getNamed,
  isTransactionConflict,
  OPEN_GUARD,
  OPEN_NAMES,
  OPEN_VALUES,
  putActivity,
  queryAll,
  queryPage,
  type Table,
  toItem,
  transact,
  writeRetrying,
  writeStatusChange,
} from './table';

type TransactItem = Parameters<typeof transact>[1][number];

/**
 * A message's thread was read a moment before, and threads are never deleted: when its condition
 * fails the thread was closed in between.
 */
const closedMeanwhile = threadClosed;

/** Strongly consistent read of one item: a tick must see the tick before it. */
const readItem = <T>(table: Table, key: ItemKey) => getItem<T>(table, key, { consistent: true });

/** GSI2 attributes of a thread for its task state (none: not indexed). */
function threadIndex(t: Pick<Thread, 'firmId' | 'caseId' | 'threadId' | 'taskCompleted' | 'taskTotal'>) {
  const state = taskState({ completed: t.taskCompleted, total: t.taskTotal });
  return state === 'none' ? undefined : threadByTaskStateKey(t.firmId, t.caseId, state, t.threadId);
}

/** GSI2 attributes of a reminder schedule due at `dueAt`. */
export const reminderIndex = (threadId: string, dueAt: string) =>
  reminderByDueKey(shardOf(threadId, REMINDER_SHARDS), dueAt, threadId);

export function threadStore(table: Table): ThreadStore & TaskStore {
  const put = (
    key: ItemKey,
    entity: Parameters<typeof toItem>[1],
    data: object,
    index?: object,
  ): TransactItem => ({
    Put: {
      TableName: table.name,
      Item: toItem({ ...key, ...index }, entity, data),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });
  const putMessage = (m: Message) =>
    put(messageKey(m.firmId, m.caseId, m.threadId, m.messageId), Entity.message, m);
  const putTask = (t: Task) => put(taskKey(t.firmId, t.caseId, t.threadId, t.taskId), Entity.task, t);

  return {
    async staffThreadParts(firmId, caseId, threadId, userId) {
      const got = await getNamed(table, {
        case: caseKey(firmId, caseId),
        ...(threadId ? { thread: threadKey(firmId, caseId, threadId) } : {}),
        ...(userId ? { user: staffKey(firmId, userId) } : {}),
      });
      return got as { case?: Case; thread?: Thread; user?: StaffUser };
    },

    async portalThreadParts(at, threadId) {
      const got = await getNamed(table, {
        grant: grantKey(at.firmId, at.caseId, at.contactId),
        ...(threadId ? { thread: threadKey(at.firmId, at.caseId, threadId) } : {}),
      });
      return got as { grant?: Grant; thread?: Thread };
    },

    firmReminderDefaults: (firmId) => firmReminderDefaults(table, firmId),

    async newThreadParts(firmId, caseId, contactIds, userId) {
      const got = await getNamed<string>(table, {
        case: caseKey(firmId, caseId),
        user: staffKey(firmId, userId),
        ...Object.fromEntries(contactIds.map((id, i) => [`grant${i}`, grantKey(firmId, caseId, id)])),
      });
      return {
        ...(got.case ? { case: got.case as unknown as Case } : {}),
        ...(got.user ? { user: got.user as unknown as StaffUser } : {}),
        grants: contactIds.map((_, i) => got[`grant${i}`] as Grant | undefined),
      };
    },

    async createThread({ thread, message, tasks, reminder, event }) {
      const { firmId, caseId, threadId } = thread;
      const items: TransactItem[] = [
        conditionCheck(table, caseKey(firmId, caseId)),
        put(threadKey(firmId, caseId, threadId), Entity.thread, thread, threadIndex(thread)),
        ...thread.contactIds.map((contactId) =>
          put(threadMemberKey(firmId, caseId, contactId, threadId), Entity.threadMember, {
            firmId,
            caseId,
            threadId,
            contactId,
          }),
        ),
        ...(message ? [putMessage(message)] : []),
        ...tasks.map(putTask),
        put(
          reminderKey(firmId, caseId, threadId),
          Entity.reminder,
          reminder,
          reminder.nextDueAt ? reminderIndex(threadId, reminder.nextDueAt) : undefined,
        ),
        putActivity(table, event),
      ];
      await transact(table, items, { 0: () => notFound('case') });
    },

    getThread: (firmId, caseId, threadId) => readItem<Thread>(table, threadKey(firmId, caseId, threadId)),

    listThreads: (firmId, caseId, state, page) =>
      queryPage<Thread>(
        table,
        state ? threadsOfCaseByTaskStatePattern(firmId, caseId, state) : threadsOfCasePattern(firmId, caseId),
        page,
      ),

    // One Query over the case's threads, those the contact takes part in kept (a thread's contacts
    // never change after it starts): not the member items, then the threads they name, in two.
    listMemberThreads: (firmId, caseId, contactId, page) =>
      queryPage<Thread>(table, threadsOfCasePattern(firmId, caseId), page, {
        expression: 'contains(contactIds, :contact)',
        values: { ':contact': contactId },
      }),

    async postMessage(message, event) {
      const { firmId, caseId, threadId } = message;
      // A contact's message needs the case open (decision 0036).
      await transactWhileOpen(
        table,
        message.author.kind === 'contact' ? { firmId, caseId } : undefined,
        [
          {
            Update: {
              TableName: table.name,
              Key: threadKey(firmId, caseId, threadId),
              UpdateExpression: 'SET lastMessageAt = :at',
              ConditionExpression: `attribute_exists(PK) AND ${OPEN_GUARD}`,
              ExpressionAttributeNames: OPEN_NAMES,
              ExpressionAttributeValues: { ':at': message.createdAt, ...OPEN_VALUES },
            },
          },
          putMessage(message),
          ...(event ? [putActivity(table, event)] : []),
        ],
        { 0: closedMeanwhile },
      );
    },

    listMessages: (firmId, caseId, threadId, page) =>
      queryPage<Message>(table, messagesOfThreadPattern(firmId, caseId, threadId), page),

    tasksOf: (firmId, caseId, threadId) =>
      queryAll<Task>(table, tasksOfThreadPattern(firmId, caseId, threadId), { consistent: true }),

    async writeTaskChange(w: TaskChangeWrite) {
      const { firmId, caseId, threadId } = w.thread;
      const after = {
        firmId,
        caseId,
        threadId,
        taskTotal: w.thread.taskTotal + w.delta.total,
        taskCompleted: w.thread.taskCompleted + w.delta.completed,
      };
      const index = threadIndex(after);
      const items: TransactItem[] = [
        {
          Update: {
            TableName: table.name,
            Key: threadKey(firmId, caseId, threadId),
            // ADD keeps the counters atomic; the condition holds them to what this change was planned
            // from, so the filter partition set here always matches them.
            UpdateExpression: [
              `ADD taskTotal :dt, taskCompleted :dc${w.completes ? ', completions :one' : ''}`,
              `SET lastMessageAt = :at${index ? ', GSI2PK = :g2pk, GSI2SK = :g2sk' : ''}`,
              ...(index ? [] : ['REMOVE GSI2PK, GSI2SK']),
            ].join(' '),
            // Closed meanwhile: the domain re-reads and refuses (thread_closed).
            ConditionExpression: `taskTotal = :t0 AND taskCompleted = :c0 AND ${OPEN_GUARD}`,
            ExpressionAttributeNames: OPEN_NAMES,
            ExpressionAttributeValues: {
              ...OPEN_VALUES,
              ':dt': w.delta.total,
              ':dc': w.delta.completed,
              ':t0': w.thread.taskTotal,
              ':c0': w.thread.taskCompleted,
              ':at': w.at,
              ...(w.completes ? { ':one': 1 } : {}),
              ...(index ? { ':g2pk': index.GSI2PK, ':g2sk': index.GSI2SK } : {}),
            },
          },
        },
        ...w.added.map(putTask),
        ...w.updated.map(({ task, wasDone }) => updateTask(table, task, wasDone)),
        ...w.deleted.map(
          (t): TransactItem => ({
            Delete: {
              TableName: table.name,
              Key: taskKey(t.firmId, t.caseId, t.threadId, t.taskId),
              ConditionExpression: 'attribute_exists(PK) AND done = :was',
              ExpressionAttributeValues: { ':was': t.done },
            },
          }),
        ),
        putMessage(w.message),
        ...w.events.map((e) => putActivity(table, e)),
        ...(w.reminder ? [reminderUpdate(table, w.thread, w.reminder)] : []),
      ];
      // Whichever condition failed, something changed since the read: the domain re-reads. So it
      // does when concurrent transactions kept cancelling this one (transact retried it in place).
      try {
        // A contact's tick needs the case open (decision 0036): that guard's failure is 403, not a race.
        await transactWhileOpen(
          table,
          w.message.author.kind === 'contact' ? { firmId, caseId } : undefined,
          items,
          Object.fromEntries(items.map((_, i) => [i, concurrentTaskChange])),
        );
      } catch (err) {
        if (isTransactionConflict(err)) throw concurrentTaskChange();
        throw err;
      }
    },

    async saveReminders(thread, settings, change) {
      await transact(
        table,
        [
          {
            Update: {
              TableName: table.name,
              Key: threadKey(thread.firmId, thread.caseId, thread.threadId),
              UpdateExpression: 'SET reminders = :r',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':r': settings },
            },
          },
          reminderUpdate(table, thread, change, settings),
        ],
        { 0: () => notFound('thread') },
      );
    },

    setThreadStatus: (thread, change, reminder, event) =>
      writeStatusChange(table, threadKey(thread.firmId, thread.caseId, thread.threadId), change, [
        ...(reminder ? [reminderUpdate(table, thread, reminder)] : []),
        putActivity(table, event),
      ]),

    async moveTask(task, position, at, by) {
      try {
        // A tick's transaction may hold the task at that moment: the move waits its turn.
        await writeRetrying(() =>
          table.client.send(
            new UpdateCommand({
              TableName: table.name,
              Key: taskKey(task.firmId, task.caseId, task.threadId, task.taskId),
              UpdateExpression: 'SET #position = :p, updatedAt = :at, updatedBy = :by',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#position': 'position' },
              ExpressionAttributeValues: { ':p': position, ':at': at, ':by': by },
            }),
          ),
        );
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') throw notFound('task');
        throw err;
      }
    },
  };
}

/** Text and done state of a task (its position is the reorder's), while `done` is still `wasDone`. */
function updateTask(table: Table, t: Task, wasDone: boolean): TransactItem {
  const set = ['#text = :text', 'done = :done'];
  const remove: string[] = [];
  const values: Record<string, unknown> = { ':text': t.text, ':done': t.done, ':was': wasDone };
  if (t.doneAt && t.doneBy) {
    set.push('doneAt = :doneAt', 'doneBy = :doneBy');
    Object.assign(values, { ':doneAt': t.doneAt, ':doneBy': t.doneBy });
  } else remove.push('doneAt', 'doneBy');
  if (t.updatedAt && t.updatedBy) {
    set.push('updatedAt = :updatedAt', 'updatedBy = :updatedBy');
    Object.assign(values, { ':updatedAt': t.updatedAt, ':updatedBy': t.updatedBy });
  }
  return {
    Update: {
      TableName: table.name,
      Key: taskKey(t.firmId, t.caseId, t.threadId, t.taskId),
      UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(PK) AND done = :was',
      ExpressionAttributeNames: { '#text': 'text' },
      ExpressionAttributeValues: values,
    },
  };
}

/** Starts the schedule (first due time, none sent yet) or takes it off the due index. */
function reminderUpdate(
  table: Table,
  thread: Thread,
  change: NonNullable<TaskChangeWrite['reminder']>,
  settings?: Thread['reminders'],
): TransactItem {
  const Key = reminderKey(thread.firmId, thread.caseId, thread.threadId);
  const withSettings = settings
    ? { set: ', settings = :settings', values: { ':settings': settings } }
    : undefined;
  if (change === 'stop') {
    return {
      Update: {
        TableName: table.name,
        Key,
        UpdateExpression: withSettings
          ? `SET ${withSettings.set.slice(2)} REMOVE nextDueAt, GSI2PK, GSI2SK`
          : 'REMOVE nextDueAt, GSI2PK, GSI2SK',
        ConditionExpression: 'attribute_exists(PK)',
        ...(withSettings ? { ExpressionAttributeValues: withSettings.values } : {}),
      },
    };
  }
  const index = reminderIndex(thread.threadId, change.start);
  return {
    Update: {
      TableName: table.name,
      Key,
      UpdateExpression: `SET nextDueAt = :due, sent = :zero, GSI2PK = :pk, GSI2SK = :sk${withSettings?.set ?? ''}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: {
        ':due': change.start,
        ':zero': 0,
        ':pk': index.GSI2PK,
        ':sk': index.GSI2SK,
        ...withSettings?.values,
      },
    },
  };
}
