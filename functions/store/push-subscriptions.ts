// DynamoDB adapter of web push subscriptions: those of each staff user (in its firm) and each portal
// identity, one item per browser endpoint. (The VAPID key pair lives in Secrets Manager:
// functions/secrets/vapid-keys.ts.)
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PushOwner, PushSubscriptionStore, StoredPushSubscription } from '../domain/push';
import { Entity, type ItemKey, keys, patterns } from './keys';
import { queryAll, queryPage, type Table, toItem } from './table';

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
      return queryAll<StoredPushSubscription>(table, spec, { consistent: true, atMost: limit });
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
