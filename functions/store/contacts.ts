// DynamoDB adapter of the ContactStore port. Email uniqueness is a claim item in the same transaction.
import type { Contact, ContactStore } from '../domain/contacts';
import { conflict } from '../domain/errors';
import { Entity, keys, patterns } from './keys';
import { getItem, putActivity, queryPage, type Table, toItem, transact } from './table';

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
    getContact: (firmId, contactId) => getItem<Contact>(table, keys.contact(firmId, contactId)),
    listContacts: (firmId, page) => queryPage<Contact>(table, patterns.contactsOfFirm(firmId), page),
  };
}
