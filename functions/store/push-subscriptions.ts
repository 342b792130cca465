// DynamoDB adapters of web push: the subscriptions of each staff user (in its firm) and each portal
// identity, one item per browser endpoint, and the deployment's VAPID key pair, generated on first
// use and stored once (first writer wins, everyone reads the winner).
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  generateVapidKeys,
  type PushOwner,
  type PushSubscriptionStore,
  type StoredPushSubscription,
  type VapidKeySource,
  type VapidKeys,
} from '../domain/push';
import { Entity, type ItemKey, keys, patterns } from './keys';
import { fromItem, queryPage, type Table, toItem } from './table';

const keyOf = (owner: PushOwner, subscriptionId: string): ItemKey =>
  owner.kind === 'staff'
    ? keys.staffPushSubscription(owner.firmId, owner.userId, subscriptionId)
    : keys.identityPushSubscription(owner.identityId, subscriptionId);

const patternOf = (owner: PushOwner) =>
  owner.kind === 'staff'
    ? patterns.pushSubscriptionsOfStaff(owner.firmId, owner.userId)
    : patterns.pushSubscriptionsOfIdentity(owner.identityId);

export function pushSubscriptionStore(table: Table): PushSubscriptionStore {
  return {
    async subscriptionsOf(owner, { limit }) {
      const spec = patternOf(owner);
      // One page: the set is bounded by the cap, which `limit` is; consistent, because the cap and
      // the "same endpoint again" check read it right before a write.
      const res = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': spec.pk, ':sk': spec.skPrefix },
          ConsistentRead: true,
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map((i) => fromItem<StoredPushSubscription>(i));
    },

    listSubscriptions: (owner, page) => queryPage<StoredPushSubscription>(table, patternOf(owner), page),

    async saveSubscription(owner, subscription) {
      // A plain put: the id is the endpoint's hash, so a repeated registration overwrites itself.
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(keyOf(owner, subscription.subscriptionId), Entity.pushSubscription, subscription),
        }),
      );
    },

    async deleteSubscription(owner, subscriptionId) {
      const res = await table.client.send(
        new DeleteCommand({
          TableName: table.name,
          Key: keyOf(owner, subscriptionId),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return res.Attributes !== undefined;
    },
  };
}

/** How long a container trusts the key pair it read (deleting the item rotates it everywhere within this). */
export const VAPID_CACHE_MS = 10 * 60_000;

/**
 * The VAPID key pair of the deployment. Why generated here rather than supplied: `cdk deploy` and
 * `npm start` need no manual step, and a key pair needs no secret store of its own (the table is
 * encrypted at rest and only Portico's functions can read it); see docs/decisions/0014-web-push.md.
 * Concurrent first uses race on a conditional put: the loser drops its pair and reads the winner's,
 * so every function signs with, and every browser subscribes to, the same key.
 */
export function vapidKeyStore(
  table: Table,
  opts: { generate?: () => VapidKeys; now?: () => number } = {},
): VapidKeySource {
  const generate = opts.generate ?? generateVapidKeys;
  const now = opts.now ?? Date.now;
  let cached: { keys: Promise<VapidKeys>; at: number } | undefined;

  const read = async () => {
    const res = await table.client.send(
      new GetCommand({ TableName: table.name, Key: keys.vapidKeys(), ConsistentRead: true }),
    );
    return res.Item ? keysOf(res.Item) : undefined;
  };

  const load = async (): Promise<VapidKeys> => {
    const stored = await read();
    if (stored) return stored;
    const fresh = generate();
    try {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(keys.vapidKeys(), Entity.vapidKeys, {
            publicKey: fresh.publicKey,
            privateKey: fresh.privateKey,
            createdAt: new Date(now()).toISOString(),
          }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return fresh;
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
      const winner = await read();
      if (!winner) throw new Error('the VAPID key pair was written by another writer but cannot be read');
      return winner;
    }
  };

  return {
    current() {
      if (!cached || now() - cached.at > VAPID_CACHE_MS) {
        const entry = { keys: load(), at: now() };
        // A failed read is not cached: the next call tries again.
        entry.keys.catch(() => {
          if (cached === entry) cached = undefined;
        });
        cached = entry;
      }
      return cached.keys;
    },
  };
}

function keysOf(item: Record<string, unknown>): VapidKeys {
  const { publicKey, privateKey } = item;
  if (typeof publicKey !== 'string' || typeof privateKey !== 'string')
    throw new Error('the stored VAPID key pair is malformed');
  return { publicKey, privateKey };
}
