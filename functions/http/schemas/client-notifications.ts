// Request and response schemas of the firm's client-notification settings of chat threads (the
// settings group).

import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { ReminderSettings } from './reminder-settings';

export const ClientNotificationsBody = lazySchema(() =>
  z.strictObject({
    /** Show message and task texts in client-facing emails (off by default: content is sensitive). */
    showMessageContext: z.boolean(),
    /** Default automatic reminders of new threads. */
    taskReminders: ReminderSettings,
  }),
);
export const ClientNotificationsView = lazySchema(() =>
  z.object({
    showMessageContext: z.boolean(),
    taskReminders: z.object({ everyDays: z.number().check(z.int()), maxCount: z.number().check(z.int()) }),
  }),
);
