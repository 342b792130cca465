// Firm settings admins save as a whole: "detailed notifications" (file requests may carry an
// additional message), the per-file upload limit the upload flow enforces, and the firm's default
// language (the texts of people who have none, or one we do not ship, fall back to it).
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import type { Clock, Ids } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

/** The firm's language until an admin chooses one (the texts' last resort too). */
export const DEFAULT_FIRM_LOCALE = 'en';

export interface FirmSettings {
  detailedNotifications: boolean;
  uploadMaxBytes: number;
  /** Default language (canonical BCP 47 tag) for contacts and staff who have none. */
  locale: string;
  updatedAt?: string;
  updatedBy?: string;
}

/** What the firm item holds; absent fields take the defaults. */
export type StoredSettings = Partial<FirmSettings>;

export interface SettingsStore {
  getSettings(firmId: string): Promise<StoredSettings>;
  /** Saves the whole settings object on the firm and its activity entry in one transaction. */
  saveSettings(firmId: string, settings: Required<FirmSettings>, event: DomainEvent): Promise<void>;
}

export interface SettingsDeps {
  settings: SettingsStore;
  clock: Clock;
  ids: Ids;
  /** Default per-file limit (configuration), for firms that set none. */
  uploadMaxBytes: number;
}

/** The settings that apply: what the firm saved, the defaults for the rest ("detailed" is off). */
export function effectiveSettings(stored: StoredSettings, defaultUploadMaxBytes: number): FirmSettings {
  return {
    detailedNotifications: stored.detailedNotifications === true,
    uploadMaxBytes:
      typeof stored.uploadMaxBytes === 'number' && stored.uploadMaxBytes > 0
        ? stored.uploadMaxBytes
        : defaultUploadMaxBytes,
    locale: typeof stored.locale === 'string' && stored.locale ? stored.locale : DEFAULT_FIRM_LOCALE,
    ...(stored.updatedAt ? { updatedAt: stored.updatedAt } : {}),
    ...(stored.updatedBy ? { updatedBy: stored.updatedBy } : {}),
  };
}

export async function getSettings(
  deps: Pick<SettingsDeps, 'settings' | 'uploadMaxBytes'>,
  by: StaffPrincipal,
): Promise<FirmSettings> {
  return effectiveSettings(await deps.settings.getSettings(by.firmId), deps.uploadMaxBytes);
}

export async function putSettings(
  deps: SettingsDeps,
  by: StaffPrincipal,
  input: { detailedNotifications: boolean; uploadMaxBytes: number; locale?: string },
): Promise<FirmSettings> {
  // A save that names no language keeps the firm's (clients written before it was a setting).
  const locale =
    input.locale ?? effectiveSettings(await deps.settings.getSettings(by.firmId), deps.uploadMaxBytes).locale;
  const saved: Required<FirmSettings> = {
    detailedNotifications: input.detailedNotifications,
    uploadMaxBytes: input.uploadMaxBytes,
    locale,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: by.userId,
  };
  const event = activity(deps, 'settings.updated', { firmId: by.firmId }, staffActor(by), {
    detailedNotifications: saved.detailedNotifications,
    uploadMaxBytes: saved.uploadMaxBytes,
    locale: saved.locale,
  });
  await deps.settings.saveSettings(by.firmId, saved, event);
  return saved;
}
