// Automatic reminders of a thread's open tasks: set per thread (threads group) and as the firm's
// default for new threads (settings group).

import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';

export const ReminderSettings = lazySchema(() =>
  z.strictObject({
    /** Days between reminders while tasks are open. */
    everyDays: z.number().check(z.int(), z.gte(1), z.lte(90)),
    /** At most this many reminders per open period; 0 = no automatic reminders. */
    maxCount: z.number().check(z.int(), z.gte(0), z.lte(20)),
  }),
);
