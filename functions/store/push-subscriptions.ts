// DynamoDB adapter of web push subscriptions: those of each staff user (in its firm) and each portal
// identity, one item per browser endpoint; each added or removed in one transaction with its id on the
// owner's preference item, which notify reads anyway (a person with no device costs no lookup). (The
// VAPID key pair lives in Secrets Manager: functions/secrets/vapid-keys.ts.)
import type { PushOwner, PushSubscriptionStore, StoredPushSubscription } from '../domain/push';
import {
  Entity,
  type ItemKey,
  identityPushSubscriptionKey,
  pushSubscriptionsOfIdentityPattern,
  pushSubscriptionsOfStaffPattern,
  staffPushSubscriptionKey,
} from './keys';
import { pushDeviceChange } from './preferences';
import { failedConditionAt, queryAll, queryPage, type Table, toItem, transact } from './table';

const keyOf = (owner: PushOwner, subscriptionId: string): ItemKey =>
  owner.kind === 'staff'
    ? staffPushSubscriptionKey(owner.firmId, owner.userId, subscriptionId)
    : identityPushSubscriptionKey(owner.identityId, subscriptionId);

const patternOf = (owner: PushOwner) =>
  owner.kind === 'staff'
    ? pushSubscriptionsOfStaffPattern(owner.firmId, owner.userId)
    : pushSubscriptionsOfIdentityPattern(owner.identityId);

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
      // A plain put: the id is the endpoint's hash, so a repeated registration overwrites itself (and
      // adds its id again, which changes nothing: a set).
      await transact(table, [
        {
          Put: {
            TableName: table.name,
            Item: toItem(keyOf(owner, subscription.subscriptionId), Entity.pushSubscription, subscription),
          },
        },
        pushDeviceChange(table, owner, 'ADD', subscription.subscriptionId),
      ]);
    },

    async deleteSubscription(owner, subscriptionId) {
      try {
        await transact(table, [
          {
            Delete: {
              TableName: table.name,
              Key: keyOf(owner, subscriptionId),
              ConditionExpression: 'attribute_exists(PK)',
            },
          },
          pushDeviceChange(table, owner, 'DELETE', subscriptionId),
        ]);
        return true;
      } catch (err) {
        // Not there (any more): nothing was written.
        if (failedConditionAt(err) === 0) return false;
        throw err;
      }
    },
  };
}
