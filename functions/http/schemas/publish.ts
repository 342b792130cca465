// Request and response schemas of publishing a document for a recurring task (the process path,
// served by the documents group).
import { PublicationView } from '../../domain/publish';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Id } from './common';
import { RecurringTaskId } from './recurring-task-id';

export { PublicationView };

export const PublishBody = lazySchema(() =>
  z.strictObject({
    recurringTaskId: RecurringTaskId,
    /** Contacts to publish to (each must have access to the case); absent: every contact with access. */
    contactIds: z.optional(z.array(Id).check(z.minLength(1), z.maxLength(500))),
  }),
);
