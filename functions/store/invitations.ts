// Invitation items read back (consistently, the TTL expiry as ISO), and the notify policy's view of
// an invitation (the InvitationMail port). Apart from the access store: notify reads and marks
// invitations only, and the access store's module brings the grant, upload and ingest code along.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BoundContact } from '../domain/access';
import type { Grant } from '../domain/grants';
import { type Invitation, type InvitationMail, invitationSuperseded } from '../domain/invitations';
import { getFirm } from './firm-settings';
import { contactKey, grantKey, type ItemKey, invitationKey } from './keys';
import { fromItem, type Table } from './table';

/** One item by key, read consistently, as stored (layout and TTL attributes included). */
export async function getConsistent(
  table: Table,
  key: ItemKey,
): Promise<Record<string, unknown> | undefined> {
  const res = await table.client.send(
    new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
  );
  return res.Item;
}

/** The invitation's expiry lives in the table's TTL attribute (epoch seconds); the domain sees ISO. */
export function invitationFromItem(item: Record<string, unknown>): Invitation {
  return {
    ...fromItem<Omit<Invitation, 'expiresAt'>>(item),
    expiresAt: new Date(Number(item.expiresAt) * 1000).toISOString(),
  };
}

/** The notify policy's view of an invitation, over the table. */
export function invitationMailStore(table: Table, defaultPortalUrl: string): InvitationMail {
  return {
    async load(firmId, caseId, contactId) {
      const [inv, grant, contact, firm] = await Promise.all([
        getConsistent(table, invitationKey(firmId, caseId, contactId)),
        getConsistent(table, grantKey(firmId, caseId, contactId)),
        getConsistent(table, contactKey(firmId, contactId)),
        getFirm(table, firmId, { consistent: true }),
      ]);
      if (!inv || !grant || !contact) return undefined;
      const g = fromItem<Grant>(grant);
      const c = fromItem<BoundContact>(contact);
      return {
        invitation: invitationFromItem(inv),
        grant: { status: g.status, caseTitle: g.caseTitle, firmName: g.firmName },
        contact: {
          name: c.name,
          ...(c.email ? { email: c.email } : {}),
          ...(c.locale ? { locale: c.locale } : {}),
          ...(c.identityId ? { identityId: c.identityId } : {}),
        },
        firmName: firm?.name || g.firmName,
        portalUrl: (firm?.portalUrl || defaultPortalUrl).replace(/\/+$/, ''),
      };
    },

    async storeTokenHash(claims, tokenHash) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: invitationKey(claims.firmId, claims.caseId, claims.contactId),
            UpdateExpression: 'SET tokenHash = :h',
            // A resend (new invitation id), a revoke (item deleted), an accept or a withdrawal
            // (the contact's email changed: decision 0042) in between wins.
            ConditionExpression:
              'invitationId = :i AND attribute_not_exists(acceptedAt) AND attribute_not_exists(withdrawnAt)',
            ExpressionAttributeValues: { ':h': tokenHash, ':i': claims.invitationId },
          }),
        );
      } catch (err) {
        if ((err as Error).name === 'ConditionalCheckFailedException') throw invitationSuperseded();
        throw err;
      }
    },
  };
}
