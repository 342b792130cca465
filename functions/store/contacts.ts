// DynamoDB adapter of the ContactStore port. Email uniqueness is a claim item in the same transaction.
import { type Contact, type ContactStore, contactErased } from '../domain/contacts';
import { conflict } from '../domain/errors';
import type { Grant } from '../domain/grants';
import {
  contactEmailKey,
  contactKey,
  contactsOfFirmPattern,
  Entity,
  grantKey,
  grantsOfContactPattern,
  invitationKey,
} from './keys';
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
  transactSkipping,
} from './table';

/**
 * Withdraws a pending invitation (it stays, marked, so its link answers 410 `invitation_superseded`);
 * only one that exists and was not accepted. A resend puts a new invitation over it.
 */
export const withdrawInvitation = (
  table: Table,
  firmId: string,
  caseId: string,
  contactId: string,
  at: string,
): TransactItem => ({
  Update: {
    TableName: table.name,
    Key: invitationKey(firmId, caseId, contactId),
    UpdateExpression: 'SET withdrawnAt = if_not_exists(withdrawnAt, :at)',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(acceptedAt)',
    ExpressionAttributeValues: { ':at': at },
  },
});

/** A transaction holds 100 items: the contact, two claims, the mark, the event, then its grants' writes. */
const MAX_ITEMS = 100;
/** Follow-up grant writes in flight at once, for a contact on more cases than one transaction holds. */
const FOLLOW_UP_PARALLEL = 8;

export function contactStore(table: Table): ContactStore {
  return {
    async createContact(c, event) {
      const items = [
        {
          Put: {
            TableName: table.name,
            Item: toItem(contactKey(c.firmId, c.contactId), Entity.contact, c),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        putActivity(table, event),
      ];
      if (c.email) {
        items.push({
          Put: {
            TableName: table.name,
            Item: toItem(contactEmailKey(c.firmId, c.email), Entity.contactEmail, {
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
      getItem<Contact>(table, contactKey(firmId, contactId), { consistent: true }),

    async updateContact(firmId, contactId, edit, eventOf) {
      // Grants repeat the name and email (the access list shows them without reading each contact):
      // they are read with the contact, in one round trip, and every copy that differs is
      // rewritten, so an edit interrupted after its transaction is completed by the same edit sent again.
      const [before, ofContact] = await Promise.all([
        getItem<Contact>(table, contactKey(firmId, contactId), { consistent: true }),
        queryAll<Grant>(table, grantsOfContactPattern(firmId, contactId), { consistent: false }),
      ]);
      if (!before) return undefined;
      if (before.erasedAt) throw contactErased();
      const after = edit(before);
      const emailMoves = before.email !== after.email;
      const grants = ofContact.filter(
        (g) => g.contactName !== after.name || g.contactEmail !== (after.email ?? ''),
      );
      // A pending invitation was mailed to the address its grant repeats: once that copy is not the
      // contact's address any more, the invitation is withdrawn with it (decision 0042).
      const withdraws = (g: Grant) => g.status === 'invited' && g.contactEmail !== (after.email ?? '');
      const fields = { name: after.name, email: after.email, locale: after.locale };
      const set = Object.entries(fields).filter(([, v]) => v !== undefined);
      const items: TransactItem[] = [
        {
          Update: {
            TableName: table.name,
            Key: contactKey(firmId, contactId),
            UpdateExpression: `SET ${set.map(([k]) => `#${k} = :${k}`).join(', ')}`,
            // Optimistic: what we changed is what is there (a concurrent edit answers 409).
            ConditionExpression: `attribute_exists(PK) AND attribute_not_exists(erasedAt) AND ${
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
            Item: toItem(contactEmailKey(firmId, after.email), Entity.contactEmail, { contactId }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
      if (emailMoves && before.email)
        items.push({ Delete: { TableName: table.name, Key: contactEmailKey(firmId, before.email) } });
      if (after.email) items.push(clearMailMark(table, after.email));
      const withdrawn = grants.filter(withdraws);
      const event = eventOf?.(before, after, withdrawn.length);
      if (event) items.push(putActivity(table, event));
      const at = event?.occurredAt ?? new Date().toISOString();
      const copyOnGrant = (g: Grant) => ({
        TableName: table.name,
        Key: grantKey(firmId, g.caseId, contactId),
        UpdateExpression: 'SET contactName = :n, contactEmail = :e',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':n': after.name, ':e': after.email ?? '' },
      });
      // A grant's copy and its invitation's withdrawal always travel together, so an edit sent again
      // finds every grant whose copy still differs and withdraws what the first attempt did not.
      const writesOf = (g: Grant): TransactItem[] => [
        { Update: copyOnGrant(g) },
        ...(withdraws(g) ? [withdrawInvitation(table, firmId, g.caseId, contactId, at)] : []),
      ];
      let first = 0;
      const optional = new Set<number>();
      for (const g of grants) {
        const more = writesOf(g);
        if (items.length + more.length > MAX_ITEMS) break;
        // The invitation may be gone (expired, or never sent to a contact that had no email then).
        if (more.length > 1) optional.add(items.length + 1);
        items.push(...more);
        first++;
      }
      await transactSkipping(table, items, optional, {
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
      // small idempotent transaction each (a grant revoked or an invitation gone meanwhile is skipped).
      const rest = grants.slice(first);
      for (let i = 0; i < rest.length; i += FOLLOW_UP_PARALLEL)
        await Promise.all(
          rest
            .slice(i, i + FOLLOW_UP_PARALLEL)
            .map((g) => transactSkipping(table, writesOf(g), new Set([0, 1]))),
        );
      return after;
    },
    listContacts: (firmId, page) => queryPage<Contact>(table, contactsOfFirmPattern(firmId), page),
  };
}
