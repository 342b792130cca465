// The firm's client-notification settings of chat threads: whether client-facing emails may show
// the message and task texts (off by default: content is sensitive) and the default automatic
// reminders of open tasks. Admins read and save them as a whole (explicit save).
import { notFound } from './errors';
import type { StaffPrincipal } from './principal';
import { DEFAULT_REMINDERS, type ReminderSettings } from './task-rules';

export interface ClientNotificationSettings {
  /** Show message context (message and task texts) in client-facing notifications. */
  showMessageContext: boolean;
  /** Default automatic reminders of new threads (a thread may override them). */
  taskReminders: ReminderSettings;
}

export const DEFAULT_CLIENT_NOTIFICATIONS: ClientNotificationSettings = {
  showMessageContext: false,
  taskReminders: DEFAULT_REMINDERS,
};

export interface ClientNotificationStore {
  /** The saved attributes of the firm item, or undefined when the firm does not exist. */
  get(firmId: string): Promise<Partial<ClientNotificationSettings> | undefined>;
  /** Sets only these attributes of the firm item (other settings are someone else's). */
  save(firmId: string, settings: ClientNotificationSettings, at: string, by: string): Promise<void>;
}

export interface ClientNotificationDeps {
  clientNotifications: ClientNotificationStore;
  clock: { now(): Date };
}

export const withDefaults = (saved: Partial<ClientNotificationSettings>): ClientNotificationSettings => ({
  showMessageContext: saved.showMessageContext ?? DEFAULT_CLIENT_NOTIFICATIONS.showMessageContext,
  taskReminders: saved.taskReminders ?? DEFAULT_CLIENT_NOTIFICATIONS.taskReminders,
});

export async function getClientNotifications(
  deps: ClientNotificationDeps,
  by: StaffPrincipal,
): Promise<ClientNotificationSettings> {
  const saved = await deps.clientNotifications.get(by.firmId);
  if (!saved) throw notFound('firm');
  return withDefaults(saved);
}

export async function putClientNotifications(
  deps: ClientNotificationDeps,
  by: StaffPrincipal,
  input: ClientNotificationSettings,
): Promise<ClientNotificationSettings> {
  const settings: ClientNotificationSettings = {
    showMessageContext: input.showMessageContext,
    taskReminders: { everyDays: input.taskReminders.everyDays, maxCount: input.taskReminders.maxCount },
  };
  await deps.clientNotifications.save(by.firmId, settings, deps.clock.now().toISOString(), by.userId);
  return settings;
}
