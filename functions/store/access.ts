// DynamoDB adapter of portal access: the AccessStore port (grants, invitations, binding a portal
// identity); the InvitationMail port the notify policy reads through is in ./invitations.ts. Grants
// are updated field by field, never overwritten, so the share counter kept on them by ADD is never
// clobbered.
import type { AccessStore, BoundContact } from '../domain/access';
import { boundToOther, contactRemoved, invitationUsed } from '../domain/access';
import type { Case } from '../domain/cases';
import { conflict } from '../domain/errors';
import type { Grant } from '../domain/grants';
import type { Invitation } from '../domain/invitations';
import type { CancelReason, UploadIntent } from '../domain/uploads';
import { getFirm } from './firm-settings';
import { getConsistent, invitationFromItem } from './invitations';
import {
  caseKey,
  contactKey,
  Entity,
  grantByContactKey,
  grantByIdentityKey,
  grantKey,
  grantsOfCasePattern,
  grantsOfContactPattern,
  grantsOfIdentityPattern,
  invitationKey,
} from './keys';
import {
  conditionCheck,
  fromItem,
  putActivity,
  queryAll,
  queryPage,
  type Table,
  type TransactItem,
  toItem,
  transact,
} from './table';
import { cancelIntent, pendingIntentsOf } from './uploads';

const grantChanged = () =>
  conflict('grant_changed', 'The grant changed while you were saving; reload it and save again.');

function putInvitation(table: Table, inv: Invitation): TransactItem {
  const { expiresAt, ...data } = inv;
  return {
    Put: {
      TableName: table.name,
      Item: toItem(invitationKey(inv.firmId, inv.caseId, inv.contactId), Entity.invitation, data, {
        expiresAt: Math.floor(Date.parse(expiresAt) / 1000),
      }),
    },
  };
}

/** GSI1 (the portal's index) holds a grant only while it is active and bound to an identity. */
const indexedByIdentity = (g: Grant) => g.status === 'active' && !!g.identityId;

function grantItem(g: Grant): Record<string, unknown> {
  return toItem(
    {
      ...grantKey(g.firmId, g.caseId, g.contactId),
      ...grantByContactKey(g.firmId, g.contactId, g.caseId),
      ...(indexedByIdentity(g) ? grantByIdentityKey(g.identityId!, g.caseId) : {}),
    },
    Entity.grant,
    g,
  );
}

/** Fields of a grant a save may change; keys, denormalized ids and the share counter are not among them. */
const SAVED_FIELDS = [
  'contactName',
  'contactEmail',
  'caseTitle',
  'firmName',
  'role',
  'canDownload',
  'canUpload',
  'status',
  'invitedAt',
  'acceptedAt',
  'identityId',
] as const satisfies readonly (keyof Grant)[];

/** An Update that turns grant `prev` into `next`, conditional on the grant still being `prev`. */
function updateGrantItem(table: Table, prev: Grant, next: Grant): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const set: string[] = [];
  const remove: string[] = [];
  SAVED_FIELDS.forEach((field, i) => {
    names[`#f${i}`] = field;
    const value = next[field];
    if (value === undefined) remove.push(`#f${i}`);
    else {
      set.push(`#f${i} = :f${i}`);
      values[`:f${i}`] = value;
    }
  });
  if (indexedByIdentity(next)) {
    const gsi1 = grantByIdentityKey(next.identityId!, next.caseId);
    set.push('GSI1PK = :gsi1pk', 'GSI1SK = :gsi1sk');
    values[':gsi1pk'] = gsi1.GSI1PK;
    values[':gsi1sk'] = gsi1.GSI1SK;
  } else remove.push('GSI1PK', 'GSI1SK');
  if (next.status !== 'revoked') remove.push('revokedAt');
  Object.assign(names, { '#ps': 'status', '#pr': 'role', '#pd': 'canDownload', '#pu': 'canUpload' });
  Object.assign(values, {
    ':ps': prev.status,
    ':pr': prev.role,
    ':pd': prev.canDownload,
    ':pu': prev.canUpload,
  });
  return {
    Update: {
      TableName: table.name,
      Key: grantKey(prev.firmId, prev.caseId, prev.contactId),
      UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
      ConditionExpression: 'attribute_exists(PK) AND #ps = :ps AND #pr = :pr AND #pd = :pd AND #pu = :pu',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * A grant is given or changed only while its contact is not removed (decision 0042): a removal
 * between the contact's read and this write would otherwise miss the grant it makes.
 */
const stillInFirm = (table: Table, g: Grant): TransactItem =>
  conditionCheck(table, contactKey(g.firmId, g.contactId), {
    expression: 'attribute_not_exists(removedAt)',
  });

const INTENT_MOVED = 'upload_intent_moved';
const intentMoved = () =>
  conflict(INTENT_MOVED, 'An upload of this contact was being recorded while access changed; try again.');
/** A transaction holds 100 items; the grant change itself takes at most 5. */
const CANCELS_PER_WRITE = 90;

/**
 * Writes a change of grant `g` (`items`, their condition failures mapped by `onFailed`) together with
 * the cancelling of the contact's pending upload intents on the case, so no upload asked for under
 * the old rights stays open after it. An intent that ingest closes between the read and the write
 * fails the transaction: it is read again. Intents beyond one transaction (a contact with more than
 * 90 open uploads) are cancelled right after, each on its own; ingest refuses their objects anyway.
 */
async function writeCancellingUploads(
  table: Table,
  g: Grant,
  reason: CancelReason,
  at: string,
  items: TransactItem[],
  onFailed: Record<number, () => ReturnType<typeof conflict>>,
  /** The first attempt's intents, when the caller read them alongside the grant. */
  readAlready?: UploadIntent[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const open =
      attempt === 1 && readAlready
        ? readAlready
        : await pendingIntentsOf(table, g.firmId, g.caseId, g.contactId);
    const now = open.slice(0, CANCELS_PER_WRITE).map((i) => cancelIntent(table, i, reason, at));
    try {
      // transact retries a transaction conflict: ingest may be writing one of these intents right now.
      await transact(table, [...items, ...now], {
        ...onFailed,
        ...Object.fromEntries(now.map((_, i) => [items.length + i, intentMoved])),
      });
    } catch (err) {
      if ((err as { code?: string }).code === INTENT_MOVED && attempt < 3) continue;
      throw err;
    }
    for (const rest of open.slice(CANCELS_PER_WRITE)) {
      try {
        await transact(table, [cancelIntent(table, rest, reason, at)], { 0: intentMoved });
      } catch (err) {
        // Completed or refused by ingest meanwhile: nothing left to cancel.
        if ((err as { code?: string }).code !== INTENT_MOVED) throw err;
      }
    }
    return;
  }
}

export function accessStore(table: Table): AccessStore {
  return {
    async getCase(firmId, caseId) {
      const item = await getConsistent(table, caseKey(firmId, caseId));
      return item ? fromItem<Case>(item) : undefined;
    },
    async getContact(firmId, contactId) {
      const item = await getConsistent(table, contactKey(firmId, contactId));
      return item ? fromItem<BoundContact>(item) : undefined;
    },
    getFirm: (firmId) => getFirm(table, firmId, { consistent: true }),
    async getGrant(firmId, caseId, contactId) {
      const item = await getConsistent(table, grantKey(firmId, caseId, contactId));
      return item ? fromItem<Grant>(item) : undefined;
    },
    async getInvitation(firmId, caseId, contactId) {
      const item = await getConsistent(table, invitationKey(firmId, caseId, contactId));
      return item ? invitationFromItem(item) : undefined;
    },

    async createGrant(grant, invitation, events) {
      await transact(
        table,
        [
          {
            Put: {
              TableName: table.name,
              Item: grantItem(grant),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...(invitation ? [putInvitation(table, invitation)] : []),
          ...events.map((e) => putActivity(table, e)),
          stillInFirm(table, grant),
        ],
        { 0: grantChanged, [2 + events.length - (invitation ? 0 : 1)]: contactRemoved },
      );
    },

    async updateGrant(prev, next, invitation, events, cancelUploads) {
      const items = [
        updateGrantItem(table, prev, next),
        ...(invitation ? [putInvitation(table, invitation)] : []),
        ...events.map((e) => putActivity(table, e)),
        stillInFirm(table, next),
      ];
      const onFailed = { 0: grantChanged, [items.length - 1]: contactRemoved };
      if (!cancelUploads) await transact(table, items, onFailed);
      else await writeCancellingUploads(table, prev, cancelUploads.reason, cancelUploads.at, items, onFailed);
    },

    async revokeGrant(firmId, caseId, contactId, revoke) {
      // The grant and the contact's pending uploads at once: the uploads are cancelled in the
      // revoke's transaction, and they are keyed by the case and contact the path names.
      const [item, open] = await Promise.all([
        getConsistent(table, grantKey(firmId, caseId, contactId)),
        pendingIntentsOf(table, firmId, caseId, contactId),
      ]);
      const prev = item ? fromItem<Grant>(item) : undefined;
      const event = prev && revoke(prev);
      if (!prev || !event) return prev;
      const revokedAt = event.occurredAt;
      await writeCancellingUploads(
        table,
        prev,
        'revoked',
        revokedAt,
        [
          {
            Update: {
              TableName: table.name,
              Key: grantKey(prev.firmId, prev.caseId, prev.contactId),
              // Out of GSI1 at once: the portal stops listing the case.
              UpdateExpression: 'SET #status = :revoked, revokedAt = :at REMOVE GSI1PK, GSI1SK',
              ConditionExpression: 'attribute_exists(PK) AND #status = :prev',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':revoked': 'revoked', ':at': revokedAt, ':prev': prev.status },
            },
          },
          {
            Delete: { TableName: table.name, Key: invitationKey(prev.firmId, prev.caseId, prev.contactId) },
          },
          putActivity(table, event),
        ],
        { 0: grantChanged },
        open,
      );
      return prev;
    },

    async replaceInvitation(invitation, event) {
      await transact(
        table,
        [
          conditionCheck(table, grantKey(invitation.firmId, invitation.caseId, invitation.contactId), {
            expression: '#status = :invited',
            names: { '#status': 'status' },
            values: { ':invited': 'invited' },
          }),
          putInvitation(table, invitation),
          putActivity(table, event),
        ],
        { 0: grantChanged },
      );
    },

    listGrants: (firmId, caseId, page) => queryPage<Grant>(table, grantsOfCasePattern(firmId, caseId), page),

    // One more than `max`, so the caller tells "exactly max" from "more than max".
    grantsOfContact: (firmId, contactId, max) =>
      queryAll<Grant>(table, grantsOfContactPattern(firmId, contactId), {
        consistent: false,
        atMost: max + 1,
      }),

    async accept({ invitation, tokenHash, identityId, acceptedAt, grants, event }) {
      const { firmId, caseId, contactId } = invitation;
      await transact(
        table,
        [
          {
            Update: {
              TableName: table.name,
              Key: invitationKey(firmId, caseId, contactId),
              UpdateExpression: 'SET acceptedAt = :at, acceptedBy = :me',
              ConditionExpression:
                'invitationId = :i AND tokenHash = :h AND attribute_not_exists(acceptedAt) AND attribute_not_exists(withdrawnAt)',
              ExpressionAttributeValues: {
                ':at': acceptedAt,
                ':me': identityId,
                ':i': invitation.invitationId,
                ':h': tokenHash,
              },
            },
          },
          {
            Update: {
              TableName: table.name,
              Key: contactKey(firmId, contactId),
              UpdateExpression: 'SET identityId = :me',
              ConditionExpression:
                'attribute_exists(PK) AND (attribute_not_exists(identityId) OR identityId = :me)',
              ExpressionAttributeValues: { ':me': identityId },
            },
          },
          putActivity(table, event),
          ...grants.map((g): TransactItem => {
            const gsi1 = grantByIdentityKey(identityId, g.caseId);
            return {
              Update: {
                TableName: table.name,
                Key: grantKey(firmId, g.caseId, contactId),
                UpdateExpression:
                  'SET #status = :active, acceptedAt = :at, identityId = :me, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk',
                // A grant revoked since it was read must stay revoked.
                ConditionExpression: 'attribute_exists(PK) AND #status <> :revoked',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':active': 'active',
                  ':revoked': 'revoked',
                  ':at': acceptedAt,
                  ':me': identityId,
                  ':gsi1pk': gsi1.GSI1PK,
                  ':gsi1sk': gsi1.GSI1SK,
                },
              },
            };
          }),
        ],
        {
          0: invitationUsed,
          1: boundToOther,
          ...Object.fromEntries(grants.map((_, i) => [i + 3, grantChanged])),
        },
      );
    },

    grantsOfIdentity: (identityId, page) =>
      queryPage<Grant>(table, grantsOfIdentityPattern(identityId), page),
  };
}
