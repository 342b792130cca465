// The integration's own id of a recurring task: named by the notifications group's recurring-task
// routes and by the documents group's publication.
import { RECURRING_TASK_ID } from '../../domain/recurring-tasks';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';

/** The integration's own id of the recurring task. */
export const RecurringTaskId = lazySchema(() =>
  z
    .string()
    .check(z.regex(RECURRING_TASK_ID, 'must be 1 to 64 letters, digits, dots, dashes or underscores')),
);
