// Route implementations of the `settings` group: the firm-level settings admins save as a whole
// (firm settings, client notifications of chat threads, the notification matrix).
import {
  type ClientNotificationDeps,
  getClientNotifications,
  putClientNotifications,
} from '../domain/client-notifications';
import { getMatrix, type MatrixDeps, putMatrix } from '../domain/notification-matrix';
import { getSettings, putSettings, type SettingsDeps } from '../domain/settings';
import type { Gate } from '../http/auth';
import { settingsChecks } from '../http/checks/settings';
import { groupHandler } from '../http/handler';
import { settingsRoutes } from '../http/routes/settings';

export type SettingsApiDeps = SettingsDeps & ClientNotificationDeps & MatrixDeps;

export function settingsApi(deps: SettingsApiDeps, gate: Gate) {
  return groupHandler(
    'settings',
    settingsRoutes,
    {
      getSettings: ({ principal }) => getSettings(deps, principal),
      putSettings: ({ principal, body }) => putSettings(deps, principal, body),
      getClientNotifications: ({ principal }) => getClientNotifications(deps, principal),
      putClientNotifications: ({ principal, body }) => putClientNotifications(deps, principal, body),
      getNotificationMatrix: ({ principal }) => getMatrix(deps, principal),
      putNotificationMatrix: ({ principal, body }) => putMatrix(deps, principal, body),
    },
    gate,
    settingsChecks,
  );
}
