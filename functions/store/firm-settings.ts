// The firm item (`firmKey`): ONE typed map of its attributes and every read or write of it, so no
// other module spells a firm-item attribute name (test/unit/firm-item.test.ts): the firm record, its
// settings slices (firm settings, client notifications, notification matrix), the admin counter.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientNotificationSettings, ClientNotificationStore } from '../domain/client-notifications';
import { notFound } from '../domain/errors';
import type { Firm } from '../domain/firm';
import type { MatrixStore, StoredMatrix } from '../domain/notification-matrix';
import type { SettingsStore, StoredSettings } from '../domain/settings';
import type { ReminderSettings } from '../domain/task-rules';
import { Entity, firmKey } from './keys';
import {
  conditionCheck,
  fromItem,
  putActivity,
  type Table,
  type TransactItem,
  toItem,
  transact,
} from './table';

/** Every attribute of the firm item (beyond the table layout's), by name, with its type. */
export interface FirmItem extends Firm {
  // Firm settings (PUT /settings), saved whole.
  detailedNotifications?: boolean;
  uploadMaxBytes?: number;
  settingsUpdatedAt?: string;
  settingsUpdatedBy?: string;
  // Client notifications of chat threads (PUT /settings/client-notifications).
  showMessageContext?: boolean;
  taskReminders?: ReminderSettings;
  // Notification policy (PUT /settings/notifications), saved whole.
  notificationMatrix?: StoredMatrix['matrix'];
  mandatoryCategories?: string[];
  documentPath?: string;
  digestWindows?: StoredMatrix['digest'];
  matrixUpdatedAt?: string;
  matrixUpdatedBy?: string;
}

type FirmAttribute = keyof FirmItem;

/** DynamoDB's type of a TypeScript attribute type. */
type DynamoType<T> = T extends string
  ? 'S'
  : T extends number
    ? 'N'
    : T extends boolean
      ? 'BOOL'
      : T extends readonly unknown[]
        ? 'L'
        : 'M';

/**
 * The same map at run time (the boundary test reads the names from it); the type makes it list
 * exactly FirmItem's attributes, each with its DynamoDB type.
 */
export const FIRM_ATTRIBUTES = {
  firmId: 'S',
  name: 'S',
  locale: 'S',
  portalUrl: 'S',
  createdAt: 'S',
  activeAdmins: 'N',
  detailedNotifications: 'BOOL',
  uploadMaxBytes: 'N',
  settingsUpdatedAt: 'S',
  settingsUpdatedBy: 'S',
  showMessageContext: 'BOOL',
  taskReminders: 'M',
  notificationMatrix: 'M',
  mandatoryCategories: 'L',
  documentPath: 'S',
  digestWindows: 'M',
  matrixUpdatedAt: 'S',
  matrixUpdatedBy: 'S',
} as const satisfies { [K in FirmAttribute]-?: DynamoType<NonNullable<FirmItem[K]>> };

const isConditionFailure = (err: unknown) => (err as Error).name === 'ConditionalCheckFailedException';

/** Only these attributes of the firm item (names through placeholders: `name` is a reserved word). */
async function readFirm<K extends FirmAttribute>(
  table: Table,
  firmId: string,
  attributes: readonly K[],
  opts: { consistent?: boolean } = {},
): Promise<Partial<Pick<FirmItem, K>> | undefined> {
  const res = await table.client.send(
    new GetCommand({
      TableName: table.name,
      Key: firmKey(firmId),
      ProjectionExpression: attributes.map((_, i) => `#p${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#p${i}`, a])),
      ...(opts.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return res.Item as Partial<Pick<FirmItem, K>> | undefined;
}

/**
 * The Update that sets these attributes of an existing firm item: only an onboarded firm has
 * settings (an Update would otherwise create a bare firm item).
 */
function setOnFirm(table: Table, firmId: string, values: Partial<FirmItem>) {
  const entries = Object.entries(values);
  return {
    TableName: table.name,
    Key: firmKey(firmId),
    UpdateExpression: `SET ${entries.map((_, i) => `#s${i} = :s${i}`).join(', ')}`,
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#s${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:s${i}`, value])),
  };
}

async function updateFirm(table: Table, firmId: string, values: Partial<FirmItem>): Promise<void> {
  try {
    await table.client.send(new UpdateCommand(setOnFirm(table, firmId, values)));
  } catch (err) {
    if (isConditionFailure(err)) throw notFound('firm');
    throw err;
  }
}

// ── the firm record ──

/** The whole firm item (its record and every setting), or undefined when the firm does not exist. */
export async function getFirm(
  table: Table,
  firmId: string,
  opts: { consistent?: boolean } = {},
): Promise<FirmItem | undefined> {
  const res = await table.client.send(
    new GetCommand({
      TableName: table.name,
      Key: firmKey(firmId),
      ...(opts.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return res.Item ? fromItem<FirmItem>(res.Item) : undefined;
}

/** Creates the firm record once: false when the firm exists already (what exists is kept). */
export async function putNewFirm(table: Table, firm: Firm): Promise<boolean> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: toItem(firmKey(firm.firmId), Entity.firm, firm),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}

/** The firm's name, for staff invitation mail. */
export const firmName = async (table: Table, firmId: string) =>
  (await readFirm(table, firmId, ['name']))?.name;

// ── single settings other contexts read ──

/** The firm's default language, where the firm saved one (texts and digests fall back to it). */
export async function firmLocale(table: Table, firmId: string): Promise<string | undefined> {
  return localeOfFirm(await readFirm(table, firmId, ['locale']));
}

const localeOfFirm = (item: Record<string, unknown> | undefined) =>
  typeof item?.locale === 'string' ? item.locale : undefined;

/**
 * The firm item's key and how to read its language from it, for a reader that fetches it in a
 * BatchGetItem of its own beside other items (the activity's names): one round trip, not two.
 */
export const firmLocaleInBatch = (firmId: string) => ({
  key: firmKey(firmId),
  localeOf: (item: Record<string, unknown>) => (item.entity === Entity.firm ? localeOfFirm(item) : undefined),
});

/** The firm's own per-file upload limit, where it saved one. */
export async function firmUploadLimit(table: Table, firmId: string): Promise<number | undefined> {
  const limit = (await readFirm(table, firmId, ['uploadMaxBytes']))?.uploadMaxBytes;
  return typeof limit === 'number' && limit > 0 ? limit : undefined;
}

/** The firm's default automatic reminders of new threads, where it saved them. */
export const firmReminderDefaults = async (table: Table, firmId: string) =>
  (await readFirm(table, firmId, ['taskReminders']))?.taskReminders;

// ── the settings slices admins save ──

/** Firm settings (PUT /settings): saved whole with their activity entry. */
export function settingsStore(table: Table): SettingsStore {
  return {
    async getSettings(firmId) {
      const item =
        (await readFirm(
          table,
          firmId,
          ['detailedNotifications', 'uploadMaxBytes', 'locale', 'settingsUpdatedAt', 'settingsUpdatedBy'],
          { consistent: true },
        )) ?? {};
      const out: StoredSettings = {};
      if (typeof item.detailedNotifications === 'boolean')
        out.detailedNotifications = item.detailedNotifications;
      if (typeof item.uploadMaxBytes === 'number') out.uploadMaxBytes = item.uploadMaxBytes;
      if (typeof item.locale === 'string') out.locale = item.locale;
      if (typeof item.settingsUpdatedAt === 'string') out.updatedAt = item.settingsUpdatedAt;
      if (typeof item.settingsUpdatedBy === 'string') out.updatedBy = item.settingsUpdatedBy;
      return out;
    },

    saveSettings: (firmId, s, event) =>
      transact(
        table,
        [
          {
            Update: setOnFirm(table, firmId, {
              detailedNotifications: s.detailedNotifications,
              uploadMaxBytes: s.uploadMaxBytes,
              locale: s.locale,
              settingsUpdatedAt: s.updatedAt,
              settingsUpdatedBy: s.updatedBy,
            }),
          },
          putActivity(table, event),
        ],
        { 0: () => notFound('firm') },
      ),
  };
}

/** Client notifications of chat threads: two attributes, set without touching the other settings. */
export function clientNotificationStore(table: Table): ClientNotificationStore {
  return {
    async get(firmId) {
      const item = await readFirm(table, firmId, ['firmId', 'showMessageContext', 'taskReminders'], {
        consistent: true,
      });
      if (!item) return undefined;
      const { showMessageContext, taskReminders } = item as Partial<ClientNotificationSettings>;
      return {
        ...(showMessageContext !== undefined ? { showMessageContext } : {}),
        ...(taskReminders ? { taskReminders } : {}),
      };
    },
    save: (firmId, settings) =>
      updateFirm(table, firmId, {
        showMessageContext: settings.showMessageContext,
        taskReminders: settings.taskReminders,
      }),
  };
}

/** The notification matrix: read by the notify core for every event (one GetItem), saved whole. */
export function matrixStore(table: Table): MatrixStore {
  return {
    async getMatrix(firmId) {
      const item =
        (await readFirm(
          table,
          firmId,
          [
            'notificationMatrix',
            'mandatoryCategories',
            'documentPath',
            'digestWindows',
            'matrixUpdatedAt',
            'matrixUpdatedBy',
          ],
          { consistent: true },
        )) ?? {};
      const out: StoredMatrix = {};
      if (item.notificationMatrix && typeof item.notificationMatrix === 'object')
        out.matrix = item.notificationMatrix;
      if (Array.isArray(item.mandatoryCategories)) out.mandatory = item.mandatoryCategories;
      if (typeof item.documentPath === 'string') out.documentPath = item.documentPath;
      if (item.digestWindows && typeof item.digestWindows === 'object') out.digest = item.digestWindows;
      if (typeof item.matrixUpdatedAt === 'string') out.updatedAt = item.matrixUpdatedAt;
      if (typeof item.matrixUpdatedBy === 'string') out.updatedBy = item.matrixUpdatedBy;
      return out;
    },

    saveMatrix: (firmId, saved) =>
      updateFirm(table, firmId, {
        notificationMatrix: saved.matrix,
        mandatoryCategories: saved.mandatory,
        documentPath: saved.documentPath,
        digestWindows: saved.digest,
        matrixUpdatedAt: saved.updatedAt,
        matrixUpdatedBy: saved.updatedBy,
      }),
  };
}

// ── the active-admin counter (decision 0025) ──

/** The counter of active admins the last-admin rule is the condition of. */
export function adminCounter(table: Table) {
  return {
    /**
     * A firm written before the counter existed gets it once, counted by `count`, so the counter's
     * condition never judges a firm on a number it never kept. 404 `firm` for an unknown firm.
     */
    async ensure(firmId: string, count: () => Promise<number>): Promise<void> {
      const firm = await readFirm(table, firmId, ['firmId', 'activeAdmins'], { consistent: true });
      if (!firm) throw notFound('firm');
      if (firm.activeAdmins !== undefined) return;
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: firmKey(firmId),
            UpdateExpression: 'SET #n = :n',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#n)',
            ExpressionAttributeNames: { '#n': 'activeAdmins' satisfies FirmAttribute },
            ExpressionAttributeValues: { ':n': await count() },
          }),
        );
      } catch (err) {
        // Another request counted first: its number stands.
        if (!isConditionFailure(err)) throw err;
      }
    },

    /**
     * The firm item's part of a transaction that moves the count by `delta` (-1, 0, +1): its
     * condition fails when the firm is gone or, going down, when it would leave no active admin.
     */
    change(firmId: string, delta: number): TransactItem {
      if (delta === 0) return conditionCheck(table, firmKey(firmId));
      return {
        Update: {
          TableName: table.name,
          Key: firmKey(firmId),
          UpdateExpression: 'ADD #n :d',
          ConditionExpression: delta < 0 ? '#n > :one' : 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#n': 'activeAdmins' satisfies FirmAttribute },
          ExpressionAttributeValues: { ':d': delta, ...(delta < 0 ? { ':one': 1 } : {}) },
        },
      };
    },
  };
}
