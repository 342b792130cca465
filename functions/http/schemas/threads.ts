// Request and response schemas of chat threads, their messages and client tasks.
import { Person } from '../../domain/principal';
import { ThreadView } from '../../domain/threads';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Id, PageQuery, Text } from './common';
import { PlainText } from './plain-text';
import { ReminderSettings } from './reminder-settings';

export { ThreadView };

export const ThreadParams = lazySchema(() => z.strictObject({ caseId: Id, threadId: Id }));
export const TaskParams = lazySchema(() => z.strictObject({ caseId: Id, threadId: Id, taskId: Id }));

/** A task: a short plain text (links are kept as typed). */
const TaskText = lazySchema(() => Text(500));
/** A message: free text, line breaks allowed (notifications flatten it). */
const MessageText = lazySchema(() => PlainText(10_000));

export const NewThreadBody = lazySchema(() =>
  z.strictObject({
    subject: Text(200),
    contactIds: z.array(Id).check(z.minLength(1, 'name at least one contact'), z.maxLength(20)),
    message: z.optional(MessageText),
    tasks: z.optional(z.array(TaskText).check(z.maxLength(50))),
    /** Overrides the firm's default automatic reminders for this thread. */
    reminders: z.optional(ReminderSettings),
  }),
);

export const ThreadsQuery = lazySchema(() =>
  z.extend(PageQuery, {
    filter: z._default(z.enum(['all', 'incomplete', 'completed']), 'all'),
  }),
);

const AuthorView = Person;

export const TaskView = lazySchema(() =>
  z.object({
    taskId: z.string(),
    threadId: z.string(),
    text: z.string(),
    /** Fractional index: the list order. */
    position: z.string(),
    done: z.boolean(),
    doneAt: z.optional(z.string()),
    doneBy: z.optional(AuthorView),
    createdAt: z.string(),
    createdBy: AuthorView,
    updatedAt: z.optional(z.string()),
    updatedBy: z.optional(AuthorView),
  }),
);

export const NewThreadView = lazySchema(() => z.extend(ThreadView, { tasks: z.array(TaskView) }));

export const MessageView = lazySchema(() =>
  z.object({
    messageId: z.string(),
    threadId: z.string(),
    kind: z.enum(['text', 'tasks', 'taskUpdate']),
    text: z.string(),
    author: AuthorView,
    createdAt: z.string(),
    tasks: z.optional(z.array(z.object({ taskId: z.string(), text: z.string(), done: z.boolean() }))),
    change: z.optional(z.enum(['added', 'edited', 'deleted', 'completed', 'reopened'])),
  }),
);

export const MessageBody = lazySchema(() => z.strictObject({ text: MessageText }));
export const NewTasksBody = lazySchema(() =>
  z.strictObject({
    tasks: z.array(TaskText).check(z.minLength(1), z.maxLength(50)),
  }),
);
export const EditTaskBody = lazySchema(() => z.strictObject({ text: TaskText }));
/** Drag and drop: between `afterTaskId` and `beforeTaskId` (one may be absent: the start or the end). */
export const MoveTaskBody = lazySchema(() =>
  z.strictObject({ afterTaskId: z.optional(Id), beforeTaskId: z.optional(Id) }).check(
    z.refine((b) => b.afterTaskId !== undefined || b.beforeTaskId !== undefined, {
      message: 'give afterTaskId, beforeTaskId or both',
    }),
  ),
);
