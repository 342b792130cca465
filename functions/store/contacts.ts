// DynamoDB adapter of the ContactStore port. Email uniqueness is a claim item in the same transaction.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Contact, ContactStore } from '../domain/contacts';
import { conflict } from '../domain/errors';
import type { Grant } from '../domain/grants';
import { Entity, keys, patterns } from './keys';
import { clearMailMark } from './mail-addresses';
import {
  getItem,
  putActivity,
  queryAll,
  queryPage,
  type Table,
  type TransactItem,
  toItem,
  transact,
} from './table';

/** A transaction holds 100 items: the contact, two claims, the mark, and (the first 96 of) its grants. */
const MAX_GRANTS_UPDATED = 96;
/** Follow-up grant writes in flight at once, for a contact on more cases than one transaction holds. */
const FOLLOW_UP_PARALLEL = 8;

export function contactStore(table: Table): ContactStore {
  return {
    async createContact(c, event) {
      const items = [
        {
          Put: {
            TableName: table.name,
            Item: toItem(keys.contact(c.firmId, c.contactId), Entity.contact, c),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        putActivity(table, event),
      ];
      if (c.email) {
        items.push({
          Put: {
            TableName: table.name,
            Item: toItem(keys.contactEmail(c.firmId, c.email), Entity.contactEmail, {
              contactId: c.contactId,
            }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
      }
      await transact(table, items, {
        0: () => conflict('contact_exists', 'A contact with this id already exists.'),
        2: () =>
          conflict('contact_email_taken', 'Another contact of this firm already has this email.', {
            email: c.email,
          }),
      });
    },
    getContact: (firmId, contactId) =>
      getItem<Contact>(table, keys.contact(firmId, contactId), { consistent: true }),

    async updateContact(firmId, contactId, edit) {
      // Grants repeat the name and email (the access list shows them without reading each contact):
      // they are read with the contact, in one round trip, and every copy that differs is
      // rewritten, so an edit interrupted after its transaction is completed by the same edit sent again.
      const [before, ofContact] = await Promise.all([
        getItem<Contact>(table, keys.contact(firmId, contactId), { consistent: true }),
        queryAll<Grant>(table, patterns.grantsOfContact(firmId, contactId), { consistent: false }),
      ]);
      if (!before) return undefined;
      const after = edit(before);
      const emailMoves = before.email !== after.email;
      const grants = ofContact.filter(
        (g) => g.contactName !== after.name || g.contactEmail !== (after.email ?? ''),
      );
      const fields = { name: after.name, email: after.email, locale: after.locale };
      const set = Object.entries(fields).filter(([, v]) => v !== undefined);
      const items: TransactItem[] = [
        {
          Update: {
            TableName: table.name,
            Key: keys.contact(firmId, contactId),
            UpdateExpression: `SET ${set.map(([k]) => `#${k} = :${k}`).join(', ')}`,
            // Optimistic: what we changed is what is there (a concurrent edit answers 409).
            ConditionExpression: `attribute_exists(PK) AND ${
              before.email ? '#email = :was' : 'attribute_not_exists(#email)'
            } AND #name = :wasName`,
            ExpressionAttributeNames: Object.fromEntries(
              [...set.map(([k]) => k), 'email', 'name'].map((k) => [`#${k}`, k]),
            ),
            ExpressionAttributeValues: {
              ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
              ...(before.email ? { ':was': before.email } : {}),
              ':wasName': before.name,
            },
          },
        },
      ];
      const takenAt = emailMoves && after.email ? items.length : -1;
      if (emailMoves && after.email)
        items.push({
          Put: {
            TableName: table.name,
            Item: toItem(keys.contactEmail(firmId, after.email), Entity.contactEmail, { contactId }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
      if (emailMoves && before.email)
        items.push({ Delete: { TableName: table.name, Key: keys.contactEmail(firmId, before.email) } });
      if (after.email) items.push(clearMailMark(table, after.email));
      const copyOnGrant = (g: Grant) => ({
        TableName: table.name,
        Key: keys.grant(firmId, g.caseId, contactId),
        UpdateExpression: 'SET contactName = :n, contactEmail = :e',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':n': after.name, ':e': after.email ?? '' },
      });
      for (const g of grants.slice(0, MAX_GRANTS_UPDATED)) items.push({ Update: copyOnGrant(g) });
      await transact(table, items, {
        0: () => conflict('contact_changed', 'The contact was changed meanwhile; read it again and retry.'),
        ...(takenAt > 0
          ? {
              [takenAt]: () =>
                conflict('contact_email_taken', 'Another contact of this firm already has this email.', {
                  email: after.email,
                }),
            }
          : {}),
      });
      // A contact on more cases than one transaction holds: the other grants' copies follow, one
      // idempotent write each (a grant revoked meanwhile is skipped).
      const rest = grants.slice(MAX_GRANTS_UPDATED);
      for (let i = 0; i < rest.length; i += FOLLOW_UP_PARALLEL)
        await Promise.all(
          rest.slice(i, i + FOLLOW_UP_PARALLEL).map(async (g) => {
            try {
              await table.client.send(new UpdateCommand(copyOnGrant(g)));
            } catch (err) {
              if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
            }
          }),
        );
      return after;
    },
    listContacts: (firmId, page) => queryPage<Contact>(table, patterns.contactsOfFirm(firmId), page),
  };
}
