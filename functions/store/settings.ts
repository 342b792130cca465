// DynamoDB adapter of the SettingsStore: the firm settings are attributes of the firm item
// (`uploadMaxBytes` is the one the upload flow reads, `locale` the one the notify texts read),
// saved whole with their activity entry.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { notFound } from '../domain/errors';
import type { SettingsStore, StoredSettings } from '../domain/settings';
import { keys } from './keys';
import { putActivity, type Table, transact } from './table';

export function settingsStore(table: Table): SettingsStore {
  return {
    async getSettings(firmId) {
      const res = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: keys.firm(firmId),
          ProjectionExpression:
            'detailedNotifications, uploadMaxBytes, locale, settingsUpdatedAt, settingsUpdatedBy',
          ConsistentRead: true,
        }),
      );
      const item = res.Item ?? {};
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
            Update: {
              TableName: table.name,
              Key: keys.firm(firmId),
              UpdateExpression:
                'SET detailedNotifications = :detailed, uploadMaxBytes = :max, locale = :locale, settingsUpdatedAt = :at, settingsUpdatedBy = :by',
              // Only an onboarded firm has settings: an Update would otherwise create a bare firm item.
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: {
                ':detailed': s.detailedNotifications,
                ':max': s.uploadMaxBytes,
                ':locale': s.locale,
                ':at': s.updatedAt,
                ':by': s.updatedBy,
              },
            },
          },
          putActivity(table, event),
        ],
        { 0: () => notFound('firm') },
      ),
  };
}
