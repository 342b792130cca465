// DynamoDB adapter of the PreferenceStore: one item per staff user (in the firm's partition) or per
// portal identity, saved whole; the notify core reads it once per recipient of an event. The same item
// keeps the ids of the owner's push subscriptions (changed in the subscription's own transaction), so
// that one read also says whether there is any device to push to.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type PreferenceOwner,
  type PreferenceStore,
  preferenceOwnerId,
  type StoredPreferences,
} from '../domain/preferences';
import { Entity, identityPreferencesKey, staffPreferencesKey } from './keys';
import { getMany, type Table, type TransactItem } from './table';

const keyOf = (o: PreferenceOwner) =>
  o.kind === 'staff' ? staffPreferencesKey(o.firmId, o.userId) : identityPreferencesKey(o.identityId);

/** What every write of the item sets besides its own change: what it is and whose (read back by `ownerId`). */
const OWNED = 'entity = :entity, v = :v, ownerId = :ownerId';
const ownedValues = (o: PreferenceOwner) => ({
  ':entity': Entity.preferences,
  ':v': 1,
  ':ownerId': preferenceOwnerId(o),
});

/**
 * Adds or removes one push subscription id on its owner's preference item (a string set: adding the
 * same id again, or removing one not there, changes nothing), for the subscription's transaction.
 */
export function pushDeviceChange(
  table: Table,
  owner: PreferenceOwner,
  change: 'ADD' | 'DELETE',
  subscriptionId: string,
): TransactItem {
  return {
    Update: {
      TableName: table.name,
      Key: keyOf(owner),
      UpdateExpression: `SET ${OWNED} ${change} pushSubscriptions :id`,
      ExpressionAttributeValues: { ...ownedValues(owner), ':id': new Set([subscriptionId]) },
    },
  };
}

/** Saved preferences and the number of push subscriptions of many owners, in one read (by `preferenceOwnerId`). */
async function preferencesWithDevices(
  table: Table,
  owners: PreferenceOwner[],
): Promise<Map<string, StoredPreferences & { pushDevices: number }>> {
  const unique = [...new Map(owners.map((o) => [preferenceOwnerId(o), o])).values()];
  const items = await getMany<Record<string, unknown>>(table, unique.map(keyOf));
  // Each item names its owner (`ownerId`), so the answer maps back without its key.
  const found = new Map(
    items.filter((i) => typeof i.ownerId === 'string').map((i) => [i.ownerId as string, i]),
  );
  // Owners with no item have saved nothing and hold no subscription: they are answered too.
  return new Map(
    unique.map((o) => {
      const item = found.get(preferenceOwnerId(o)) ?? {};
      const devices = item.pushSubscriptions;
      return [
        preferenceOwnerId(o),
        { ...storedOf(item), pushDevices: devices instanceof Set ? devices.size : 0 },
      ] as const;
    }),
  );
}

function storedOf(item: Record<string, unknown>): StoredPreferences {
  const out: StoredPreferences = {};
  if (item.preferences && typeof item.preferences === 'object')
    out.preferences = item.preferences as StoredPreferences['preferences'];
  if (typeof item.updatedAt === 'string') out.updatedAt = item.updatedAt;
  return out;
}

export function preferenceStore(table: Table): PreferenceStore & {
  /** What notify reads of its recipients: saved preferences and how many push devices each holds. */
  withDevices(owners: PreferenceOwner[]): Promise<Map<string, StoredPreferences & { pushDevices: number }>>;
} {
  return {
    withDevices: (owners) => preferencesWithDevices(table, owners),

    async getPreferences(owner) {
      const res = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keyOf(owner), ConsistentRead: true }),
      );
      return storedOf(res.Item ?? {});
    },

    async getManyPreferences(owners) {
      const all = await preferencesWithDevices(table, owners);
      // Owners with nothing saved are absent, as the port says.
      return new Map(
        [...all].flatMap(([id, { pushDevices: _, ...stored }]) =>
          stored.updatedAt || stored.preferences ? [[id, stored] as const] : [],
        ),
      );
    },

    async savePreferences(owner, saved) {
      // The preferences replaced whole; the push subscription ids on the same item are left as they are.
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keyOf(owner),
          UpdateExpression: `SET ${OWNED}, preferences = :preferences, updatedAt = :updatedAt`,
          ExpressionAttributeValues: {
            ...ownedValues(owner),
            ':preferences': saved.preferences,
            ':updatedAt': saved.updatedAt,
          },
        }),
      );
    },
  };
}
