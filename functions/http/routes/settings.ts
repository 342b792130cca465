// Routes of the `settings` group: the firm-level settings an admin saves (firm settings, client
// notifications of chat threads, the notification matrix); the texts per language are `templates`.
import { defineRoute, type GroupRoutes, type RouteSummaries } from '../route';
import { ClientNotificationsBody, ClientNotificationsView } from '../schemas/client-notifications';
import { MatrixBody, MatrixView } from '../schemas/notification-matrix';
import { SettingsBody, SettingsView } from '../schemas/settings';

export const settingsRoutes = {
  getSettings: defineRoute({
    method: 'GET',
    path: '/settings',
    group: 'settings',
    auth: 'admin',
    scope: 'firm',
    response: { status: 200, schema: SettingsView },
  }),
  putSettings: defineRoute({
    method: 'PUT',
    path: '/settings',
    group: 'settings',
    auth: 'admin',
    scope: 'firm',
    body: SettingsBody,
    response: { status: 200, schema: SettingsView },
  }),
  getClientNotifications: defineRoute({
    method: 'GET',
    path: '/settings/client-notifications',
    group: 'settings',
    auth: 'admin',
    scope: 'firm',
    response: { status: 200, schema: ClientNotificationsView },
  }),
  putClientNotifications: defineRoute({
    method: 'PUT',
    path: '/settings/client-notifications',
    group: 'settings',
    auth: 'admin',
    scope: 'firm',
    body: ClientNotificationsBody,
    response: { status: 200, schema: ClientNotificationsView },
  }),
  getNotificationMatrix: defineRoute({
    method: 'GET',
    path: '/settings/notifications',
    group: 'settings',
    auth: 'admin',
    scope: 'firm',
    response: { status: 200, schema: MatrixView },
  }),
  putNotificationMatrix: defineRoute({
    method: 'PUT',
    path: '/settings/notifications',
    group: 'settings',
    auth: 'admin',
    scope: 'firm',
    body: MatrixBody,
    response: { status: 200, schema: MatrixView },
  }),
} as const satisfies GroupRoutes<'settings'>;

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const settingsSummaries = {
  getSettings:
    "Firm settings: detailed notifications (default off), the per-file upload limit and the firm's default language (en until set).",
  putSettings:
    "Save the whole firm settings object (explicit save); a body without `locale` keeps the firm's language.",
  getClientNotifications:
    'Client-notification settings of chat threads: message context in client emails, default reminders.',
  putClientNotifications: 'Save the client-notification settings (explicit save of the whole object).',
  getNotificationMatrix:
    'The notification matrix: each notifying event type × channel (inApp, email) on or off; defaults all on; access notices locked on.',
  putNotificationMatrix:
    'Save the whole notification matrix (explicit save; a locked cell switched off → 422).',
} as const satisfies RouteSummaries<typeof settingsRoutes>;
