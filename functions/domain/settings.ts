// Firm settings admins save as a whole: "detailed notifications" (file requests may carry an
// additional message) and the per-file upload limit the upload flow enforces.
import type { DomainEvent } from '../events/catalogue';
import { activity } from './activity';
import type { Clock, Ids } from './ports';
import { type StaffPrincipal, staffActor } from './principal';

export interface FirmSettings {
  detailedNotifications: boolean;
  uploadMaxBytes: number;
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
  input: { detailedNotifications: boolean; uploadMaxBytes: number },
): Promise<FirmSettings> {
  const saved: Required<FirmSettings> = {
    detailedNotifications: input.detailedNotifications,
    uploadMaxBytes: input.uploadMaxBytes,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: by.userId,
  };
  const event = activity(deps, 'settings.updated', { firmId: by.firmId }, staffActor(by), {
    detailedNotifications: saved.detailedNotifications,
    uploadMaxBytes: saved.uploadMaxBytes,
  });
  await deps.settings.saveSettings(by.firmId, saved, event);
  return saved;
}
