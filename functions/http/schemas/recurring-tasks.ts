// Request and response schemas of the process path (ONVIO): recurring tasks and their
// notify-client flag, a case's notify-client flag, and publishing a document for a recurring task.
import { PublicationView } from '../../domain/publish';
import { RECURRING_TASK_ID, RecurringTaskDeletedView, RecurringTaskView } from '../../domain/recurring-tasks';
import * as z from '../../zod-mini';
import { Id, Text } from './common';

export { PublicationView, RecurringTaskDeletedView, RecurringTaskView };

/** The integration's own id of the recurring task. */
export const RecurringTaskId = z
  .string()
  .check(z.regex(RECURRING_TASK_ID, 'must be 1 to 64 letters, digits, dots, dashes or underscores'));

export const RecurringTaskParams = z.strictObject({ recurringTaskId: RecurringTaskId });

export const RecurringTaskBody = z.strictObject({
  name: Text(200),
  /** Whether a document published for this recurring task tells the case's contacts. */
  notifyClient: z.boolean(),
});

export const NotifyClientBody = z.strictObject({ notifyClient: z.boolean() });

export const PublishBody = z.strictObject({
  recurringTaskId: RecurringTaskId,
  /** Contacts to publish to (each must have access to the case); absent: every contact with access. */
  contactIds: z.optional(z.array(Id).check(z.minLength(1), z.maxLength(500))),
});
