// Request and response schemas of the process path's (ONVIO) recurring tasks and their notify-client
// flag, and of a case's notify-client flag (the notifications group).
import { RecurringTaskDeletedView, RecurringTaskView } from '../../domain/recurring-tasks';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Text } from './common';
import { RecurringTaskId } from './recurring-task-id';

export { RecurringTaskDeletedView, RecurringTaskView };

export const RecurringTaskParams = lazySchema(() => z.strictObject({ recurringTaskId: RecurringTaskId }));

export const RecurringTaskBody = lazySchema(() =>
  z.strictObject({
    name: Text(200),
    /** Whether a document published for this recurring task tells the case's contacts. */
    notifyClient: z.boolean(),
  }),
);

export const NotifyClientBody = lazySchema(() => z.strictObject({ notifyClient: z.boolean() }));
