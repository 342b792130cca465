// DynamoDB adapter of the ContactRemovalStore: the contact marked removed and its grants revoked in
// transactions of at most 100 items, each grant with its invitation's delete and its entry.

import type { ContactRemovalStore } from '../domain/contact-removal';
import type { Contact } from '../domain/contacts';
import type { Grant } from '../domain/grants';
import { contactKey, grantKey, grantsOfContactPattern, grantsOfIdentityPattern, invitationKey } from './keys';
import {
  cancellationCodes,
  getItem,
  putActivity,
  queryAll,
  type Table,
  type TransactItem,
  transact,
} from './table';

/** Items one grant's revoke takes: the grant, its invitation's delete, its entry. */
const PER_GRANT = 3;
/** Grants per transaction: 32 × 3 + the contact and its entry = 98 of DynamoDB's 100. */
const GRANTS_PER_WRITE = 32;
/** Transactions in flight at once for a contact on many cases. */
const PARALLEL = 4;

/** The revoke of one grant as the removal writes it: out of the portal's index at once. */
function revokeItems(table: Table, g: Grant, at: string, event: TransactItem): TransactItem[] {
  return [
    {
      Update: {
        TableName: table.name,
        Key: grantKey(g.firmId, g.caseId, g.contactId),
        UpdateExpression: 'SET #status = :revoked, revokedAt = :at REMOVE GSI1PK, GSI1SK',
        // Revoked meanwhile (by staff, or by a removal that ran first): left as it is.
        ConditionExpression: 'attribute_exists(PK) AND #status <> :revoked',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':revoked': 'revoked', ':at': at },
      },
    },
    { Delete: { TableName: table.name, Key: invitationKey(g.firmId, g.caseId, g.contactId) } },
    event,
  ];
}

export function contactRemovalStore(table: Table): ContactRemovalStore {
  /**
   * Writes `head` (the contact's own items, or none) and the revokes of `grants` in one transaction;
   * a grant whose condition failed (revoked meanwhile) is dropped with its entry and the rest sent again.
   */
  async function write(first: TransactItem[], grants: Grant[], revoke: (g: Grant) => TransactItem[]) {
    let head = first;
    let left = grants;
    for (;;) {
      const items = [...head, ...left.flatMap(revoke)];
      if (items.length === 0) return;
      try {
        await transact(table, items);
        return;
      } catch (err) {
        const codes = cancellationCodes(err);
        const gone = left.filter((_, i) => codes?.[head.length + i * PER_GRANT] === 'ConditionalCheckFailed');
        // The contact's own condition (removed meanwhile by another call) also ends here: that call
        // writes the entry, this one only the revokes.
        const headFailed = head.length > 0 && codes?.[0] === 'ConditionalCheckFailed';
        if (gone.length === 0 && !headFailed) throw err;
        left = left.filter((g) => !gone.includes(g));
        if (headFailed) head = [];
      }
    }
  }

  return {
    async removalOf(firmId, contactId) {
      const [contact, grants] = await Promise.all([
        getItem<Contact & { identityId?: string }>(table, contactKey(firmId, contactId), {
          consistent: true,
        }),
        queryAll<Grant>(table, grantsOfContactPattern(firmId, contactId), { consistent: false }),
      ]);
      return contact ? { contact, grants } : undefined;
    },

    async remove({ contact, removed, grants, revoked }) {
      const at = removed?.occurredAt ?? new Date().toISOString();
      const revoke = (g: Grant) => {
        const event = revoked(g);
        return revokeItems(table, g, event.occurredAt, putActivity(table, event));
      };
      const head: TransactItem[] = removed
        ? [
            {
              Update: {
                TableName: table.name,
                Key: contactKey(contact.firmId, contact.contactId),
                UpdateExpression: 'SET removedAt = :at',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(removedAt)',
                ExpressionAttributeValues: { ':at': at },
              },
            },
            putActivity(table, removed),
          ]
        : [];
      // The contact is marked in the first transaction: from then on no grant can be given to it
      // (the grant writes check it). A grant given just before may still be missing from the index
      // read above (GSI2 lags by a moment): the removal sent again revokes it (decision 0042).
      const [first, ...rest] = chunks(grants, GRANTS_PER_WRITE);
      await write(head, first ?? [], revoke);
      for (let i = 0; i < rest.length; i += PARALLEL)
        await Promise.all(rest.slice(i, i + PARALLEL).map((chunk) => write([], chunk, revoke)));
    },

    async servesOtherFirms(identityId, firmId) {
      // GSI1 holds a grant only while it is active and bound: any item of another firm is access there.
      const found = await queryAll(table, grantsOfIdentityPattern(identityId), {
        consistent: false,
        filter: { expression: 'firmId <> :firm', values: { ':firm': firmId } },
        projection: 'firmId',
        atMost: 1,
      });
      return found.length > 0;
    },
  };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
