// Request and response schemas of a person's notification preferences and of delivery status.
import { DeliveryView } from '../../domain/deliveries';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '../../domain/notification-matrix';
import { PreferencesView } from '../../domain/preferences';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Switches } from './channel-switches';
import { Id } from './common';

export { DeliveryView, PreferencesView };

/** Every category must be present: preferences are saved whole. */
const preferencesShape = Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, Switches])) as Record<
  NotificationCategory,
  typeof Switches
>;

export const PreferencesBody = lazySchema(() =>
  z.strictObject({ preferences: z.strictObject(preferencesShape) }),
);

/** Event ids are ULIDs Portico issued. */
export const EventParams = lazySchema(() => z.strictObject({ eventId: Id }));
