// DynamoDB adapter of the ContactErasureStore: reads every item that may copy a contact's personal
// data by key (its cases' and threads' partitions, its cases' deliveries and the staff inbox items
// they made, the firm's trail: Queries, never a Scan), rewrites each copy, deletes its own items.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ContactErasureStore, ErasureCount } from '../domain/contact-erasure';
import { FORMER_CONTACT } from '../domain/contact-erasure';
import {
  activityKey,
  casePartition,
  contactEmailKey,
  contactKey,
  deliveriesOfCasePattern,
  deliveryKey,
  Entity,
  firmTrailPattern,
  type ItemKey,
  identityPreferencesKey,
  identityPushSubscriptionKey,
  inboxCounterKey,
  inboxItemKey,
  inboxOfPattern,
  mailAddressKey,
  pushSubscriptionsOfIdentityPattern,
  tableLayout,
  threadPartition,
} from './keys';
import {
  cancellationCodes,
  forEachInPartition,
  getManyStored,
  putActivity,
  queryAll,
  type Table,
  type TransactItem,
  transact,
  writeRetrying,
} from './table';

/** Writes in flight at once. */
const PARALLEL = 8;

/** Attributes an erasure never rewrites: the item's keys and what it is. */
const KEPT = new Set<string>([
  tableLayout.partitionKey,
  tableLayout.sortKey,
  ...Object.values(tableLayout.indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
  'entity',
  'v',
]);

export interface Person {
  name: string;
  email?: string;
  identityId?: string;
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A value with every copy of the person rewritten: the identity (a binding) dropped, an exact
 * address emptied, the name (and an address inside text: a rendered notice, a search text) said
 * as "Former contact". `undefined`: the value is to be removed.
 */
export function scrubbed(value: unknown, p: Person): unknown {
  if (typeof value === 'string') {
    if (p.identityId && value === p.identityId) return undefined;
    if (p.email && value.toLowerCase() === p.email.toLowerCase()) return '';
    if (value === p.name) return FORMER_CONTACT;
    // A lower-cased text (a search text) stays lower-cased.
    const said = value === value.toLowerCase() ? FORMER_CONTACT.toLowerCase() : FORMER_CONTACT;
    let out = value;
    for (const needle of [p.email, p.name]) {
      if (!needle?.trim()) continue;
      // As a whole word only: a short name must not eat into other words of a text.
      const word = new RegExp(`(?<![\\p{L}\\p{N}])${literal(needle)}(?![\\p{L}\\p{N}])`, 'giu');
      out = out.replace(word, said);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrubbed(v, p)).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = scrubbed(v, p);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return value;
}

/** The Update that rewrites an item's changed attributes, or undefined when nothing in it is the person's. */
function rewriteOf(table: Table, item: Record<string, unknown>, p: Person): UpdateCommand | undefined {
  const set: string[] = [];
  const remove: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  let n = 0;
  for (const [attr, value] of Object.entries(item)) {
    if (KEPT.has(attr)) continue;
    const after = scrubbed(value, p);
    if (JSON.stringify(after) === JSON.stringify(value)) continue;
    names[`#a${n}`] = attr;
    if (after === undefined) remove.push(`#a${n}`);
    else {
      set.push(`#a${n} = :a${n}`);
      values[`:a${n}`] = after;
    }
    n++;
  }
  if (n === 0) return undefined;
  return new UpdateCommand({
    TableName: table.name,
    Key: { PK: item.PK, SK: item.SK },
    UpdateExpression: [
      set.length ? `SET ${set.join(', ')}` : '',
      remove.length ? `REMOVE ${remove.join(', ')}` : '',
    ]
      .join(' ')
      .trim(),
    // Gone meanwhile (a trashed document purged, an expired item): nothing left to rewrite.
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeNames: names,
    ...(set.length ? { ExpressionAttributeValues: values } : {}),
  });
}

async function inBatches<T>(list: T[], run: (t: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < list.length; i += PARALLEL) await Promise.all(list.slice(i, i + PARALLEL).map(run));
}

export function contactErasureStore(table: Table): ContactErasureStore {
  const send = async (command: UpdateCommand | DeleteCommand) => {
    try {
      await writeRetrying(() => table.client.send(command));
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  };

  /** Rewrites the person's copies in `items`; answers how many items changed. */
  async function rewrite(items: Record<string, unknown>[], p: Person): Promise<number> {
    const updates = items.flatMap((i) => rewriteOf(table, i, p) ?? []);
    await inBatches(updates, send);
    return updates.length;
  }

  const remove = async (list: ItemKey[]) => {
    await inBatches(list, (Key) => send(new DeleteCommand({ TableName: table.name, Key })));
    return list.length;
  };

  return {
    async scrubCopies({ contact, caseIds, person, identityItems }) {
      const { firmId, contactId } = contact;
      const count: ErasureCount = { rewritten: 0, deleted: 0 };
      const staffInbox: ItemKey[] = [];
      for (const caseId of caseIds) {
        const threads: string[] = [];
        await forEachInPartition(table, casePartition(firmId, caseId), async (items) => {
          for (const i of items) if (i.entity === Entity.thread) threads.push(String(i.threadId));
          count.rewritten += await rewrite(items, person);
        });
        for (const threadId of threads)
          await forEachInPartition(table, threadPartition(firmId, caseId, threadId), async (items) => {
            count.rewritten += await rewrite(items, person);
          });
        // Notices of the case's events (who was told what): their records, and the staff inbox
        // items they made, which repeat the contact's name in their rendered text.
        const deliveries = await queryAll<Record<string, unknown>>(
          table,
          deliveriesOfCasePattern(firmId, caseId),
          {
            consistent: false,
          },
        );
        count.rewritten += await rewrite(
          await getManyStored(
            table,
            deliveries.map((d) =>
              deliveryKey(firmId, String(d.eventId), String(d.recipient), String(d.channel)),
            ),
          ),
          person,
        );
        for (const d of deliveries) {
          const staff = /^staff-(.+)$/.exec(String(d.recipient));
          if (staff && typeof d.inboxItemId === 'string')
            staffInbox.push(inboxItemKey({ firmId, kind: 'staff', id: staff[1]! }, d.inboxItemId));
        }
      }
      count.rewritten += await rewrite(await getManyStored(table, staffInbox), person);
      // The firm's own trail: the contact's creation names it.
      const trail = await queryAll<{ eventId: string }>(table, firmTrailPattern(firmId), {
        consistent: true,
        filter: { expression: 'detail.contactId = :c', values: { ':c': contactId } },
      });
      count.rewritten += await rewrite(
        trail.map((e) => ({ ...e, ...activityKey(firmId, undefined, e.eventId) })),
        person,
      );
      // The contact's own inbox in this firm, with its unread counter.
      const owner = { firmId, kind: 'contact' as const, id: contactId };
      const inbox = await queryAll<{ itemId: string }>(table, inboxOfPattern(owner), { consistent: true });
      count.deleted += await remove([
        ...inbox.map((i) => inboxItemKey(owner, i.itemId)),
        inboxCounterKey(owner),
      ]);
      // The portal identity's own items, when no other firm's contact uses that login.
      if (identityItems && person.identityId) {
        const subs = await queryAll<{ subscriptionId: string }>(
          table,
          pushSubscriptionsOfIdentityPattern(person.identityId),
          { consistent: true },
        );
        count.deleted += await remove([
          identityPreferencesKey(person.identityId),
          ...subs.map((s) => identityPushSubscriptionKey(person.identityId!, s.subscriptionId)),
        ]);
      }
      return count;
    },

    async eraseRecord(contact, event) {
      const items: TransactItem[] = [
        {
          Update: {
            TableName: table.name,
            Key: contactKey(contact.firmId, contact.contactId),
            UpdateExpression: 'SET #name = :empty, erasedAt = :at REMOVE email, phone, locale, identityId',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(erasedAt)',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: { ':empty': '', ':at': event.occurredAt },
          },
        },
        putActivity(table, event),
      ];
      if (contact.email)
        items.push(
          { Delete: { TableName: table.name, Key: contactEmailKey(contact.firmId, contact.email) } },
          { Delete: { TableName: table.name, Key: mailAddressKey(contact.email) } },
        );
      try {
        await transact(table, items);
        return true;
      } catch (err) {
        if (cancellationCodes(err)?.[0] === 'ConditionalCheckFailed') return false;
        throw err;
      }
    },
  };
}
