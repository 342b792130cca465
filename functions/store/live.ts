// DynamoDB adapters of the live channel: connect tickets (by hash, TTL, deleted by the redeem that
// gets them), open connections (by id; a person's found on GSI1), and what the fan-out reads at send time.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Grant } from '../domain/grants';
import type {
  LiveConnection,
  LiveConnections,
  LiveOwner,
  LiveReads,
  LiveTickets,
  StoredTicket,
} from '../domain/live';
import type { Thread } from '../domain/threads';
import { inboxStore } from './inbox';
import {
  Entity,
  grantKey,
  liveConnectionByOwnerKey,
  liveConnectionKey,
  liveConnectionsOfPattern,
  liveStaffConnectionsOfFirmPattern,
  liveTicketKey,
  threadKey,
} from './keys';
import { fromItem, getItem, queryAll, type Table, toItem } from './table';

export function liveTickets(table: Table): LiveTickets {
  return {
    async put(ticketHash, ticket) {
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(liveTicketKey(ticketHash), Entity.liveTicket, ticket, {
            expiresAt: Math.ceil(ticket.expiresAtMs / 1000),
          }),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async take(ticketHash) {
      // Deleting is the redeem: of two connects racing with one ticket, only one gets the old item.
      const res = await table.client.send(
        new DeleteCommand({
          TableName: table.name,
          Key: liveTicketKey(ticketHash),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return res.Attributes ? fromItem<StoredTicket>(res.Attributes) : undefined;
    },
  };
}

export function liveConnections(table: Table, now: () => Date = () => new Date()): LiveConnections {
  // TTL deletes lazily (within days): a record past its time is no connection any more.
  const open = (list: LiveConnection[]) => {
    const seconds = now().getTime() / 1000;
    return list.filter((c) => c.expiresAt > seconds);
  };
  return {
    async add(connection) {
      const { expiresAt, ...data } = connection;
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: toItem(
            {
              ...liveConnectionKey(connection.connectionId),
              ...liveConnectionByOwnerKey(connection.owner, connection.connectionId),
            },
            Entity.liveConnection,
            { ...data, expiresAtEpoch: expiresAt },
            { expiresAt },
          ),
        }),
      );
    },
    async remove(connectionId) {
      await table.client.send(
        new DeleteCommand({ TableName: table.name, Key: liveConnectionKey(connectionId) }),
      );
    },
    of: async (owner: LiveOwner) => open(await connectionsAt(table, liveConnectionsOfPattern(owner))),
    staffOf: async (firmId) => open(await connectionsAt(table, liveStaffConnectionsOfFirmPattern(firmId))),
  };
}

async function connectionsAt(table: Table, spec: ReturnType<typeof liveStaffConnectionsOfFirmPattern>) {
  const stored = await queryAll<Omit<LiveConnection, 'expiresAt'> & { expiresAtEpoch: number }>(table, spec, {
    consistent: false,
  });
  return stored.map(({ expiresAtEpoch, ...c }) => ({ ...c, expiresAt: expiresAtEpoch }));
}

export function liveReads(table: Table): LiveReads {
  const inbox = inboxStore(table);
  return {
    async activeIdentity(firmId, caseId, contactId) {
      const grant = await getItem<Grant>(table, grantKey(firmId, caseId, contactId), { consistent: true });
      return grant?.status === 'active' ? grant.identityId : undefined;
    },
    async threadContacts(firmId, caseId, threadId) {
      const thread = await getItem<Pick<Thread, 'contactIds'>>(table, threadKey(firmId, caseId, threadId));
      return thread?.contactIds ?? [];
    },
    identityUnread: (identityId) => inbox.unreadCount({ identityId }),
  };
}
