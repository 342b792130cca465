// Personal notification preferences: each staff user and each portal identity may switch
// categories × channels off for themselves, within what the firm enables. Categories the firm marks
// mandatory (always: access) cannot be switched off; the notify core ignores a stored "off" for them.
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { unprocessable } from './errors';
import {
  type ChannelSwitches,
  defaultSwitches,
  effectiveMatrix,
  LOCKED_CATEGORIES,
  type MatrixStore,
  NOTIFICATION_CATEGORIES,
  NOTIFY_CHANNELS,
  type NotificationCategory,
} from './notification-matrix';
import type { Clock } from './ports';
import type { ContactPrincipal, StaffPrincipal } from './principal';

export type Preferences = Record<NotificationCategory, ChannelSwitches>;

/** What is stored; categories absent take the default (on). */
export interface StoredPreferences {
  preferences?: Partial<Record<string, Partial<ChannelSwitches>>>;
  updatedAt?: string;
}

/** Staff preferences live in their firm; a contact's follow its portal identity across firms. */
export type PreferenceOwner =
  | { kind: 'staff'; firmId: string; userId: string }
  | { kind: 'contact'; identityId: string };

/** Identifies an owner across kinds (the key of `getManyPreferences`' answer). */
export const preferenceOwnerId = (o: PreferenceOwner) =>
  o.kind === 'staff' ? `staff#${o.firmId}#${o.userId}` : `identity#${o.identityId}`;

export interface PreferenceStore {
  getPreferences(owner: PreferenceOwner): Promise<StoredPreferences>;
  /** The saved preferences of many owners at once (by `preferenceOwnerId`; owners with none are absent). */
  getManyPreferences(owners: PreferenceOwner[]): Promise<Map<string, StoredPreferences>>;
  /** Saves the whole set (explicit save; last write wins). */
  savePreferences(owner: PreferenceOwner, saved: Required<StoredPreferences>): Promise<void>;
}

export interface PreferencesDeps {
  preferences: Pick<PreferenceStore, 'getPreferences' | 'savePreferences'>;
  matrix: Pick<MatrixStore, 'getMatrix'>;
  clock: Clock;
}

/** A category's three channel switches, as every notification setting shows them. */
export const SwitchesView = lazySchema(() =>
  z.object({ inApp: z.boolean(), email: z.boolean(), push: z.boolean() }),
);

export const PreferencesView = lazySchema(() =>
  z.object({
    preferences: z.object(
      Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, SwitchesView])) as Record<
        NotificationCategory,
        typeof SwitchesView
      >,
    ),
    /** Categories the caller cannot switch off. */
    mandatory: z.array(z.enum(NOTIFICATION_CATEGORIES)),
    updatedAt: z.optional(z.string()),
  }),
);
export type PreferencesView = z.output<typeof PreferencesView>;

export function effectivePreferences(
  stored: StoredPreferences,
  mandatory: readonly NotificationCategory[],
): PreferencesView {
  const preferences = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => {
      const cell = defaultSwitches();
      const saved = stored.preferences?.[category] ?? {};
      for (const channel of NOTIFY_CHANNELS)
        if (!mandatory.includes(category) && typeof saved[channel] === 'boolean')
          cell[channel] = saved[channel];
      return [category, cell];
    }),
  ) as Preferences;
  return {
    preferences,
    mandatory: [...mandatory],
    ...(stored.updatedAt ? { updatedAt: stored.updatedAt } : {}),
  };
}

/**
 * Whether a recipient's own preferences let this category × channel through. A mandatory category
 * always passes (the firm decided the recipient must hear of it).
 */
export function prefers(
  stored: StoredPreferences | undefined,
  category: NotificationCategory,
  channel: string,
  mandatory: readonly NotificationCategory[],
): boolean {
  if (mandatory.includes(category)) return true;
  const cell = stored?.preferences?.[category] as Partial<Record<string, boolean>> | undefined;
  return cell?.[channel] !== false;
}

async function firmMandatory(deps: Pick<PreferencesDeps, 'matrix'>, firmId: string) {
  return effectiveMatrix(await deps.matrix.getMatrix(firmId)).mandatory;
}

async function save(
  deps: PreferencesDeps,
  owner: PreferenceOwner,
  mandatory: NotificationCategory[],
  input: { preferences: Preferences },
): Promise<PreferencesView> {
  const off = mandatory.flatMap((category) =>
    NOTIFY_CHANNELS.filter((c) => input.preferences[category][c] === false).map((c) => `${category}.${c}`),
  );
  if (off.length > 0)
    throw unprocessable(
      'category_mandatory',
      `Your firm requires these notifications; they cannot be switched off: ${off.join(', ')}.`,
      { mandatory: off },
    );
  const saved = { preferences: input.preferences, updatedAt: deps.clock.now().toISOString() };
  await deps.preferences.savePreferences(owner, saved);
  return effectivePreferences(saved, mandatory);
}

const staffOwner = (by: StaffPrincipal): PreferenceOwner => ({
  kind: 'staff',
  firmId: by.firmId,
  userId: by.userId,
});
const contactOwner = (by: ContactPrincipal): PreferenceOwner => ({
  kind: 'contact',
  identityId: by.identityId,
});

export async function getStaffPreferences(deps: PreferencesDeps, by: StaffPrincipal) {
  const [saved, mandatory] = await Promise.all([
    deps.preferences.getPreferences(staffOwner(by)),
    firmMandatory(deps, by.firmId),
  ]);
  return effectivePreferences(saved, mandatory);
}

export async function putStaffPreferences(
  deps: PreferencesDeps,
  by: StaffPrincipal,
  input: { preferences: Preferences },
) {
  return save(deps, staffOwner(by), await firmMandatory(deps, by.firmId), input);
}

/**
 * A portal identity may be a contact of several firms: at save time only the categories no firm
 * lets anyone leave (access) are refused; each firm's own mandatory categories apply at send time.
 */
export async function getContactPreferences(deps: PreferencesDeps, by: ContactPrincipal) {
  return effectivePreferences(await deps.preferences.getPreferences(contactOwner(by)), LOCKED_CATEGORIES);
}

export async function putContactPreferences(
  deps: PreferencesDeps,
  by: ContactPrincipal,
  input: { preferences: Preferences },
) {
  return save(deps, contactOwner(by), [...LOCKED_CATEGORIES], input);
}
