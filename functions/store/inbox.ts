// DynamoDB adapters of the inbox: the InboxStore the inbox API reads and changes, and the notify
// core's InboxWriter (delivery record + item + unread counter + dedupe marker in one transaction). Each item
// records its owner, so a contact's item found by identity (GSI1) leads back to its main key.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InboxItem, InboxOwner, InboxScope, InboxStore, OwnedInboxItem } from '../domain/inbox';
import type { PageRequest } from '../domain/ports';
import { log } from '../log';
import type { InboxWriter } from '../notify/core';
import { dedupeMarkerPut, inAppDelivered, markerHolder } from './deliveries';
import {
  Entity,
  inboxCounterByIdentityKey,
  inboxCounterKey,
  inboxCountersOfIdentityPattern,
  inboxItemByIdentityKey,
  inboxItemKey,
  inboxItemOfIdentityLookup,
  inboxOfIdentityPattern,
  inboxOfPattern,
  type QuerySpec,
} from './keys';
import {
  failedConditionAt,
  queryAll,
  queryKey,
  queryPage,
  type Table,
  type TransactItem,
  toItem,
  transact,
  writeRetrying,
} from './table';

/** What an inbox item holds besides the InboxItem: its owner. */
interface StoredInboxItem extends InboxItem {
  ownerKind: InboxOwner['kind'];
  ownerId: string;
}

const ITEM_FIELDS = [
  'itemId',
  'firmId',
  'caseId',
  'eventId',
  'type',
  'title',
  'body',
  'link',
  'createdAt',
  'readAt',
  'archivedAt',
] as const satisfies readonly (keyof InboxItem)[];

function toInboxItem(raw: Record<string, unknown>): InboxItem {
  const out: Record<string, unknown> = {};
  for (const f of ITEM_FIELDS) if (raw[f] !== undefined) out[f] = raw[f];
  return out as unknown as InboxItem;
}

const ownerOf = (raw: Record<string, unknown>): InboxOwner => ({
  firmId: raw.firmId as string,
  kind: raw.ownerKind as InboxOwner['kind'],
  id: raw.ownerId as string,
});

const specOf = (scope: InboxScope): QuerySpec =>
  'owner' in scope ? inboxOfPattern(scope.owner) : inboxOfIdentityPattern(scope.identityId);

const NOT_ARCHIVED = { name: 'notArchived', expression: 'attribute_not_exists(archivedAt)' };
// Archiving marks an item read, so "unread" alone also leaves archived items out.
const UNREAD = { name: 'unread', expression: 'attribute_not_exists(readAt)' };

export function inboxStore(table: Table): InboxStore {
  /** A filtered page (full unless it is the last: the pager reads on past items the filter drops). */
  const filteredPage = (spec: QuerySpec, filter: { expression: string }, page: PageRequest) =>
    queryPage<Record<string, unknown>>(table, spec, page, filter);

  const counterUpdate = (owner: InboxOwner, delta: -1): TransactItem => ({
    Update: {
      TableName: table.name,
      Key: inboxCounterKey(owner),
      UpdateExpression: 'ADD unread :delta',
      // Never below zero: a decrement only where something is counted.
      ConditionExpression: 'unread >= :one',
      ExpressionAttributeValues: { ':delta': delta, ':one': 1 },
    },
  });

  async function update(owner: InboxOwner, itemId: string, set: string, condition: string, at: string) {
    // Another tab's read (a transaction) may hold the item at that moment: retried in place.
    await writeRetrying(() =>
      table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: inboxItemKey(owner, itemId),
          UpdateExpression: set,
          ConditionExpression: condition,
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  /** The item change plus the counter decrement; if the counter is somehow already 0, the item change alone. */
  async function changeUnread(owner: InboxOwner, itemId: string, set: string, condition: string, at: string) {
    const itemUpdate: TransactItem = {
      Update: {
        TableName: table.name,
        Key: inboxItemKey(owner, itemId),
        UpdateExpression: set,
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':at': at },
      },
    };
    try {
      // A concurrent change of the same counter (another read, a new item) is retried in place.
      await transact(table, [itemUpdate, counterUpdate(owner, -1)]);
      return true;
    } catch (err) {
      const failed = failedConditionAt(err);
      if (failed === 0) return false;
      if (failed !== 1) throw err;
    }
    log.warn('inbox counter was already 0 while an item was unread; item changed without decrement', {
      firmId: owner.firmId,
      itemId,
    });
    try {
      await update(owner, itemId, set, condition, at);
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  return {
    async listItems(scope, page) {
      const res = await filteredPage(specOf(scope), NOT_ARCHIVED, page);
      return { ...res, items: res.items.map(toInboxItem) };
    },

    async listUnread(scope, page) {
      const res = await filteredPage(specOf(scope), UNREAD, page);
      return { ...res, items: res.items.map((raw) => ({ owner: ownerOf(raw), item: toInboxItem(raw) })) };
    },

    async unreadCount(scope) {
      if ('owner' in scope) {
        const res = await table.client.send(
          new GetCommand({
            TableName: table.name,
            Key: inboxCounterKey(scope.owner),
            ConsistentRead: true,
          }),
        );
        return Number(res.Item?.unread ?? 0);
      }
      // One counter per firm the identity is a contact of: one Query sums them.
      const counters = await queryAll<{ unread?: number }>(
        table,
        inboxCountersOfIdentityPattern(scope.identityId),
        { consistent: false, projection: 'unread' },
      );
      return counters.reduce((total, c) => total + Math.max(0, Number(c.unread ?? 0)), 0);
    },

    async getItem(owner, itemId) {
      const res = await table.client.send(
        new GetCommand({ TableName: table.name, Key: inboxItemKey(owner, itemId), ConsistentRead: true }),
      );
      return res.Item ? toInboxItem(res.Item) : undefined;
    },

    async findForIdentity(identityId, itemId): Promise<OwnedInboxItem | undefined> {
      const [raw] = await queryKey(table, inboxItemOfIdentityLookup(identityId, itemId), { limit: 1 });
      return raw ? { owner: ownerOf(raw), item: toInboxItem(raw) } : undefined;
    },

    markRead: (owner, itemId, at) =>
      changeUnread(
        owner,
        itemId,
        'SET readAt = :at',
        'attribute_exists(PK) AND attribute_not_exists(readAt)',
        at,
      ),

    async archive(owner, item, at) {
      if (!item.readAt) {
        return changeUnread(
          owner,
          item.itemId,
          'SET readAt = :at, archivedAt = :at',
          'attribute_exists(PK) AND attribute_not_exists(readAt) AND attribute_not_exists(archivedAt)',
          at,
        );
      }
      try {
        await update(
          owner,
          item.itemId,
          'SET archivedAt = :at',
          'attribute_exists(PK) AND attribute_exists(readAt) AND attribute_not_exists(archivedAt)',
          at,
        );
        return true;
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') return false;
        throw err;
      }
    },
  };
}

/** Attempts of an in-app delivery whose dedupe marker was taken by an event whose marker then expired or moved. */
const DELIVER_ATTEMPTS = 5;

export function inboxWriter(table: Table): InboxWriter {
  return {
    async deliverInApp({ key, owner, identityId, item, at, dedupeKey }) {
      const stored: StoredInboxItem = { ...item, ownerKind: owner.kind, ownerId: owner.id };
      const byIdentity = owner.kind === 'contact' && identityId ? identityId : undefined;
      const counterIndex = byIdentity ? inboxCounterByIdentityKey(byIdentity, owner.firmId) : undefined;
      const now = new Date(at);
      // One request: the delivery's record (its claim), the item, the unread counter and the news's
      // dedupe marker commit together or not at all, so a replayed event writes nothing.
      const items: TransactItem[] = [
        inAppDelivered(table, key, {
          type: item.type,
          ...(item.caseId ? { caseId: item.caseId } : {}),
          now,
          itemId: item.itemId,
        }),
        {
          Put: {
            TableName: table.name,
            Item: toItem(
              {
                ...inboxItemKey(owner, item.itemId),
                ...(byIdentity ? inboxItemByIdentityKey(byIdentity, item.itemId) : {}),
              },
              Entity.inboxItem,
              stored,
            ),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        {
          Update: {
            TableName: table.name,
            Key: inboxCounterKey(owner),
            UpdateExpression: [
              'SET entity = :entity, v = :v, firmId = :firmId, ownerKind = :kind, ownerId = :ownerId',
              counterIndex
                ? ', GSI1PK = if_not_exists(GSI1PK, :g1pk), GSI1SK = if_not_exists(GSI1SK, :g1sk)'
                : '',
              'ADD unread :one',
            ].join(' '),
            ExpressionAttributeValues: {
              ':entity': Entity.inboxCounter,
              ':v': 1,
              ':firmId': owner.firmId,
              ':kind': owner.kind,
              ':ownerId': owner.id,
              ':one': 1,
              ...(counterIndex ? { ':g1pk': counterIndex.GSI1PK, ':g1sk': counterIndex.GSI1SK } : {}),
            },
          },
        },
        ...(dedupeKey ? [dedupeMarkerPut(table, key, dedupeKey, now)] : []),
      ];
      for (let attempt = 1; ; attempt++) {
        try {
          // A concurrent change of the same counter (a read, another item) is retried in place.
          await transact(table, items);
          return true;
        } catch (err) {
          const failed = failedConditionAt(err);
          // Delivered already, or suppressed: final either way.
          if (failed === 0) return false;
          if (failed !== 3 || !dedupeKey) throw err;
          const holder = await markerHolder(table, key, dedupeKey);
          if (holder) return { duplicateOf: holder };
          if (attempt >= DELIVER_ATTEMPTS) throw err;
        }
      }
    },
  };
}
