// DynamoDB adapter of the PreferenceStore: one item per staff user (in the firm's partition) or per
// portal identity, saved whole; the notify core reads it once per recipient of an event.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type PreferenceOwner,
  type PreferenceStore,
  preferenceOwnerId,
  type StoredPreferences,
} from '../domain/preferences';
import { Entity, keys } from './keys';
import { getMany, type Table } from './table';

const keyOf = (o: PreferenceOwner) =>
  o.kind === 'staff' ? keys.staffPreferences(o.firmId, o.userId) : keys.identityPreferences(o.identityId);

function storedOf(item: Record<string, unknown>): StoredPreferences {
  const out: StoredPreferences = {};
  if (item.preferences && typeof item.preferences === 'object')
    out.preferences = item.preferences as StoredPreferences['preferences'];
  if (typeof item.updatedAt === 'string') out.updatedAt = item.updatedAt;
  return out;
}

export function preferenceStore(table: Table): PreferenceStore {
  return {
    async getPreferences(owner) {
      const res = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keyOf(owner), ConsistentRead: true }),
      );
      return storedOf(res.Item ?? {});
    },

    async getManyPreferences(owners) {
      const unique = [...new Map(owners.map((o) => [preferenceOwnerId(o), o])).values()];
      const items = await getMany<Record<string, unknown>>(table, unique.map(keyOf));
      // Each item names its owner (`ownerId`), so the answer maps back without its key.
      return new Map(
        items.filter((i) => typeof i.ownerId === 'string').map((i) => [i.ownerId as string, storedOf(i)]),
      );
    },

    async savePreferences(owner, saved) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: {
            ...keyOf(owner),
            entity: Entity.preferences,
            v: 1,
            ownerId: preferenceOwnerId(owner),
            preferences: saved.preferences,
            updatedAt: saved.updatedAt,
          },
        }),
      );
    },
  };
}
