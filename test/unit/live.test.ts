// The live channel's rules with in-memory ports: tickets are single-use and short-lived, the fan-out
// tells each change to whom may read it (a contact only while its grant is active), forgets closed
// sockets, never throws for a failed post; and which stream records become which changes.
import { readFileSync } from 'node:fs';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { LiveMessage as ClientLiveMessage } from '../../client/src/live';
import {
  connect,
  fanOut,
  issueTicket,
  type LiveChange,
  type LiveConnection,
  type LiveConnections,
  type LiveOwner,
  type LiveTickets,
  type StoredTicket,
  TICKET_TTL_MS,
} from '../../functions/domain/live';
import type { LiveMessage } from '../../functions/events/live';
import { LiveMessageSchema, liveMessageData, liveMessageTypes } from '../../functions/events/live';
import { liveChangeOf } from '../../functions/live/stream';

const staffPrincipal = { kind: 'staff' as const, firmId: 'F1', userId: 'U1', role: 'staff' as const };

function memory() {
  const tickets = new Map<string, StoredTicket>();
  const connections = new Map<string, LiveConnection>();
  const ticketPort: LiveTickets = {
    put: async (h, t) => void tickets.set(h, t),
    take: async (h) => {
      const t = tickets.get(h);
      tickets.delete(h);
      return t;
    },
  };
  const same = (a: LiveOwner, b: LiveOwner) => JSON.stringify(a) === JSON.stringify(b);
  const connectionPort: LiveConnections = {
    add: async (c) => void connections.set(c.connectionId, c),
    remove: async (id) => void connections.delete(id),
    of: async (owner) => [...connections.values()].filter((c) => same(c.owner, owner)),
    staffOf: async (firmId) =>
      [...connections.values()].filter((c) => c.owner.kind === 'staff' && c.owner.firmId === firmId),
  };
  return { tickets: ticketPort, connections: connectionPort, stored: { tickets, connections } };
}

const clockAt = (ms: number) => ({ now: () => new Date(ms) });

describe('Function: live tickets', () => {
  it('opens one connection per ticket, bound to the person it was issued to', async () => {
    const m = memory();
    const { ticket } = await issueTicket({ ...m, clock: clockAt(0) }, staffPrincipal);
    const c = await connect({ ...m, clock: clockAt(1_000) }, 'conn-1', ticket);
    expect(c.owner).toEqual({ kind: 'staff', firmId: 'F1', userId: 'U1' });
    await expect(connect({ ...m, clock: clockAt(2_000) }, 'conn-2', ticket)).rejects.toMatchObject({
      code: 'ticket_unknown',
    });
    expect([...m.stored.connections.keys()]).toEqual(['conn-1']);
  });

  it('refuses an expired ticket, and it is gone after the attempt', async () => {
    const m = memory();
    const { ticket } = await issueTicket({ ...m, clock: clockAt(0) }, staffPrincipal);
    await expect(connect({ ...m, clock: clockAt(TICKET_TTL_MS) }, 'c', ticket)).rejects.toMatchObject({
      code: 'ticket_expired',
    });
    expect(m.stored.tickets.size).toBe(0);
    expect(m.stored.connections.size).toBe(0);
  });

  it('stores only a hash of the ticket', async () => {
    const m = memory();
    const { ticket } = await issueTicket({ ...m, clock: clockAt(0) }, staffPrincipal);
    expect([...m.stored.tickets.keys()][0]).not.toContain(ticket);
    expect(JSON.stringify([...m.stored.tickets.values()])).not.toContain(ticket);
  });
});

describe('Function: live fan-out', () => {
  const at = '2026-12-06T12:00:00.000Z';
  const staffConn = (id: string, userId = 'U1'): LiveConnection => ({
    connectionId: id,
    owner: { kind: 'staff', firmId: 'F1', userId },
    connectedAt: at,
    expiresAt: 4e9,
  });
  const contactConn = (id: string, identityId = 'I1'): LiveConnection => ({
    connectionId: id,
    owner: { kind: 'contact', identityId },
    connectedAt: at,
    expiresAt: 4e9,
  });

  function world(opts: { active?: boolean; gone?: string[]; failing?: string[] } = {}) {
    const m = memory();
    const posted: [string, LiveMessage][] = [];
    const deps = {
      connections: m.connections,
      poster: {
        post: async (id: string, msg: LiveMessage) => {
          if (opts.failing?.includes(id)) throw new Error('throttled');
          if (opts.gone?.includes(id)) return 'gone' as const;
          posted.push([id, msg]);
          return 'sent' as const;
        },
      },
      reads: {
        activeIdentity: async () => (opts.active === false ? undefined : 'I1'),
        threadContacts: async () => ['K1'],
        identityUnread: async () => 7,
      },
    };
    return { m, deps, posted };
  }

  const message: LiveChange = {
    id: 'e1',
    at,
    firmId: 'F1',
    kind: 'message',
    caseId: 'C1',
    threadId: 'T1',
    messageId: 'M1',
  };

  it('tells a chat message to the firm staff and the thread contact with an active grant', async () => {
    const { m, deps, posted } = world();
    for (const c of [staffConn('s1'), staffConn('s2', 'U2'), contactConn('k1'), contactConn('other', 'I9')])
      await m.connections.add(c);
    const result = await fanOut(deps, [message], () => undefined);
    expect(posted.map(([id]) => id).sort()).toEqual(['k1', 's1', 's2']);
    expect(posted[0]![1]).toEqual({
      type: 'thread.message',
      id: 'e1',
      at,
      data: { caseId: 'C1', threadId: 'T1', messageId: 'M1' },
    });
    expect(result).toEqual({ sent: 3, gone: 0, failed: 0 });
  });

  it('tells a revoked contact nothing of the case', async () => {
    const { m, deps, posted } = world({ active: false });
    await m.connections.add(contactConn('k1'));
    const item: LiveChange = {
      id: 'e2',
      at,
      firmId: 'F1',
      kind: 'inboxItem',
      owner: { kind: 'contact', contactId: 'K1', identityId: 'I1' },
      itemId: 'N1',
      caseId: 'C1',
    };
    await fanOut(deps, [message, item], () => undefined);
    expect(posted).toEqual([]);
  });

  it("sums a contact's unread count across firms; a staff count comes from the counter", async () => {
    const { m, deps, posted } = world();
    await m.connections.add(contactConn('k1'));
    await m.connections.add(staffConn('s1'));
    await fanOut(
      deps,
      [
        {
          id: 'a',
          at,
          firmId: 'F1',
          kind: 'inboxCounter',
          owner: { kind: 'contact', contactId: 'K1', identityId: 'I1' },
          unread: 1,
        },
        {
          id: 'b',
          at,
          firmId: 'F1',
          kind: 'inboxCounter',
          owner: { kind: 'staff', userId: 'U1' },
          unread: 3,
        },
      ],
      () => undefined,
    );
    expect(posted.map(([id, msg]) => [id, msg.data])).toEqual([
      ['k1', { count: 7 }],
      ['s1', { count: 3 }],
    ]);
  });

  it('forgets a connection answered 410, and counts a failed post without throwing', async () => {
    const { m, deps } = world({ gone: ['s1'], failing: ['s2'] });
    await m.connections.add(staffConn('s1'));
    await m.connections.add(staffConn('s2', 'U2'));
    const errors: unknown[] = [];
    const result = await fanOut(deps, [message], (err) => errors.push(err));
    expect(result).toEqual({ sent: 0, gone: 1, failed: 1 });
    expect([...m.stored.connections.keys()]).toEqual(['s2']);
    expect(errors).toHaveLength(1);
  });

  it('every message it builds fits the catalogue', async () => {
    const { m, deps, posted } = world();
    await m.connections.add(staffConn('s1'));
    await m.connections.add(contactConn('k1'));
    await fanOut(
      deps,
      [
        message,
        {
          id: 'i',
          at,
          firmId: 'F1',
          kind: 'inboxItem',
          owner: { kind: 'staff', userId: 'U1' },
          itemId: 'N1',
        },
        {
          id: 'c',
          at,
          firmId: 'F1',
          kind: 'inboxCounter',
          owner: { kind: 'staff', userId: 'U1' },
          unread: 2,
        },
        {
          id: 't',
          at,
          firmId: 'F1',
          kind: 'threadTasks',
          caseId: 'C1',
          threadId: 'T1',
          contactIds: ['K1'],
          completed: 1,
          total: 2,
        },
        { id: 'r', at, firmId: 'F1', kind: 'grantRevoked', caseId: 'C1', identityId: 'I1' },
      ],
      () => undefined,
    );
    for (const [, msg] of posted) expect(LiveMessageSchema.safeParse(msg).success).toBe(true);
    expect(new Set(posted.map(([, msg]) => msg.type))).toEqual(new Set(liveMessageTypes));
  });
});

describe('Function: live stream records', () => {
  const rec = (
    eventName: DynamoDBRecord['eventName'],
    next: Record<string, unknown>,
    before?: Record<string, unknown>,
  ): DynamoDBRecord => ({
    eventID: 'ev1',
    eventName,
    dynamodb: {
      ApproximateCreationDateTime: 1_765_000_000,
      NewImage: marshall(next) as never,
      ...(before ? { OldImage: marshall(before) as never } : {}),
    },
  });

  it("reads a contact's inbox item with its identity from the index key", () => {
    const change = liveChangeOf(
      rec('INSERT', {
        entity: 'inboxItem',
        firmId: 'F1',
        ownerKind: 'contact',
        ownerId: 'K1',
        itemId: 'N1',
        caseId: 'C1',
        GSI1PK: 'IDENTITY#I1#INBOX',
      }),
    );
    expect(change).toMatchObject({
      kind: 'inboxItem',
      id: 'ev1',
      owner: { kind: 'contact', contactId: 'K1', identityId: 'I1' },
      itemId: 'N1',
      caseId: 'C1',
    });
  });

  it('reads no further than the entity of a record it does not report, whatever the rest holds', () => {
    // An attribute value the unmarshaller refuses ({}), on an entity the live channel does not report.
    const record: DynamoDBRecord = {
      eventID: 'ev2',
      eventName: 'INSERT',
      dynamodb: { NewImage: { entity: { S: 'document' }, firmId: { S: 'F1' }, odd: {} } as never },
    };
    expect(liveChangeOf(record)).toBeUndefined();
  });

  it('leaves out what no live message reports', () => {
    const counter = { entity: 'inboxCounter', firmId: 'F1', ownerKind: 'staff', ownerId: 'U1', unread: 2 };
    // A counter write that did not change the count.
    expect(liveChangeOf(rec('MODIFY', counter, counter))).toBeUndefined();
    // A thread whose task counts did not move (renamed, closed…).
    const thread = {
      entity: 'thread',
      firmId: 'F1',
      caseId: 'C1',
      threadId: 'T1',
      taskTotal: 2,
      taskCompleted: 1,
    };
    expect(liveChangeOf(rec('MODIFY', { ...thread, subject: 'x' }, thread))).toBeUndefined();
    // A grant changed but not revoked, or revoked before.
    const grant = { entity: 'grant', firmId: 'F1', caseId: 'C1', contactId: 'K1', identityId: 'I1' };
    expect(
      liveChangeOf(rec('MODIFY', { ...grant, status: 'active' }, { ...grant, status: 'invited' })),
    ).toBeUndefined();
    expect(
      liveChangeOf(rec('MODIFY', { ...grant, status: 'revoked' }, { ...grant, status: 'revoked' })),
    ).toBeUndefined();
    // A contact's inbox no portal identity reads yet.
    expect(
      liveChangeOf(
        rec('INSERT', {
          entity: 'inboxItem',
          firmId: 'F1',
          ownerKind: 'contact',
          ownerId: 'K1',
          itemId: 'N1',
        }),
      ),
    ).toBeUndefined();
    expect(liveChangeOf(rec('INSERT', { entity: 'activity', firmId: 'F1' }))).toBeUndefined();
  });

  it('reads a revoke, and task counts that moved', () => {
    const grant = { entity: 'grant', firmId: 'F1', caseId: 'C1', contactId: 'K1', identityId: 'I1' };
    expect(
      liveChangeOf(rec('MODIFY', { ...grant, status: 'revoked' }, { ...grant, status: 'active' })),
    ).toMatchObject({
      kind: 'grantRevoked',
      caseId: 'C1',
      identityId: 'I1',
    });
    const thread = {
      entity: 'thread',
      firmId: 'F1',
      caseId: 'C1',
      threadId: 'T1',
      contactIds: ['K1'],
      taskTotal: 2,
    };
    expect(
      liveChangeOf(rec('MODIFY', { ...thread, taskCompleted: 2 }, { ...thread, taskCompleted: 1 })),
    ).toMatchObject({ kind: 'threadTasks', completed: 2, total: 2, contactIds: ['K1'] });
  });
});

describe('Document: docs/live.md', () => {
  it('has a row for every live message type, naming each field of its data', () => {
    const doc = readFileSync(new URL('../../docs/live.md', import.meta.url), 'utf8');
    for (const type of liveMessageTypes) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${type}\` |`));
      expect(row, type).toBeDefined();
      for (const field of Object.keys(liveMessageData[type].def.shape))
        expect(row, `${type}.${field}`).toContain(field);
    }
  });
});

describe('Package: the typed client', () => {
  it('declares the same live messages as the catalogue (a type error here when they drift)', () => {
    const fromServer = (m: LiveMessage): ClientLiveMessage => m;
    const fromClient = (m: ClientLiveMessage): LiveMessage => m;
    expect([fromServer, fromClient]).toHaveLength(2);
  });
});
