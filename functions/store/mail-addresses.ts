// DynamoDB adapter of the MailAddressStore: one item per address (mailAddressKey), read by the
// notify core with one BatchGet of an event's recipients, written by SES feedback events.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MailAddressStore, MailMark } from '../domain/mail-addresses';
import { Entity, mailAddressKey } from './keys';
import { getMany, type Table } from './table';

/** The delete of an address's mark, for a transaction that sets that address on a contact. */
export const clearMailMark = (table: Table, email: string) => ({
  Delete: { TableName: table.name, Key: mailAddressKey(email) },
});

export function mailAddressStore(table: Table): MailAddressStore {
  // if_not_exists keeps the first `since`: a second bounce of the same address says nothing new.
  const mark = (email: string, field: 'bounced' | 'complained', value: Record<string, string>) =>
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: mailAddressKey(email),
        UpdateExpression: 'SET #f = if_not_exists(#f, :v), email = :e, entity = :n, v = :one',
        ExpressionAttributeNames: { '#f': field },
        ExpressionAttributeValues: { ':v': value, ':e': email, ':n': Entity.mailAddress, ':one': 1 },
      }),
    );

  return {
    async marksOf(emails) {
      const unique = [...new Set(emails)];
      if (unique.length === 0) return new Map();
      const items = await getMany<MailMark>(table, unique.map(mailAddressKey));
      return new Map(items.map((m) => [m.email, m]));
    },
    async recordBounce(email, bounce) {
      await mark(email, 'bounced', { since: bounce.at, detail: bounce.detail });
    },
    async recordComplaint(email, at) {
      await mark(email, 'complained', { since: at });
    },
  };
}
