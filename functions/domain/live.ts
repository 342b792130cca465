// The live channel's rules (decision 0045): single-use connect tickets bound to one person, open
// connections, and which person hears of which committed change (ids and counts only; a contact only
// about cases it still holds an active grant on, checked when the message is sent).
import { createHash, randomBytes } from 'node:crypto';
import type { LiveMessage, LiveMessageType } from '../events/live';
import { DomainError } from './errors';
import type { Clock } from './ports';
import type { ContactPrincipal, StaffPrincipal } from './principal';

/** Whose connection: a staff user of a firm, or a portal identity (one socket for all its firms). */
export type LiveOwner =
  | { kind: 'staff'; firmId: string; userId: string }
  | { kind: 'contact'; identityId: string };

export interface LiveConnection {
  connectionId: string;
  owner: LiveOwner;
  connectedAt: string;
  /** Epoch seconds: the table's TTL, and the end of the longest connection API Gateway keeps open. */
  expiresAt: number;
}

/** A ticket as stored: whose it is and until when (the value is only known to its holder). */
export interface StoredTicket {
  owner: LiveOwner;
  /** Epoch ms. */
  expiresAtMs: number;
}

/** Port: connect tickets, stored by hash, removed by the one redeem that gets them. */
export interface LiveTickets {
  put(ticketHash: string, ticket: StoredTicket): Promise<void>;
  /** Deletes the ticket and answers what it was; undefined when there was none (unknown or used). */
  take(ticketHash: string): Promise<StoredTicket | undefined>;
}

/** Port: the open connections. */
export interface LiveConnections {
  add(connection: LiveConnection): Promise<void>;
  remove(connectionId: string): Promise<void>;
  /** One person's open connections (one Query), expired ones left out. */
  of(owner: LiveOwner): Promise<LiveConnection[]>;
  /** Every staff connection of a firm (one Query), expired ones left out. */
  staffOf(firmId: string): Promise<LiveConnection[]>;
}

/** Port: posting to one connection; `gone` when API Gateway answers 410 (the socket is closed). */
export interface LivePoster {
  post(connectionId: string, message: LiveMessage): Promise<'sent' | 'gone'>;
}

/** Port: what the fan-out reads at send time. */
export interface LiveReads {
  /** The portal identity of the contact's active grant on the case; undefined when none is active. */
  activeIdentity(firmId: string, caseId: string, contactId: string): Promise<string | undefined>;
  /** The contacts taking part in a chat thread. */
  threadContacts(firmId: string, caseId: string, threadId: string): Promise<string[]>;
  /** A portal identity's unread count across its firms (what GET /portal/inbox/unread-count answers). */
  identityUnread(identityId: string): Promise<number>;
}

/** How long a ticket may wait between the HTTP answer and the WebSocket connect. */
export const TICKET_TTL_MS = 30_000;
/** API Gateway closes a WebSocket connection after 2 hours at most: no record should outlive that. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 60;

export const ticketHash = (ticket: string) => createHash('sha256').update(ticket, 'utf8').digest('hex');

const ownerOf = (p: StaffPrincipal | ContactPrincipal): LiveOwner =>
  p.kind === 'staff'
    ? { kind: 'staff', firmId: p.firmId, userId: p.userId }
    : { kind: 'contact', identityId: p.identityId };

/** A fresh single-use ticket for the caller: the value goes back to the caller only, its hash to the table. */
export async function issueTicket(
  deps: { tickets: LiveTickets; clock: Clock; random?: (n: number) => Buffer },
  by: StaffPrincipal | ContactPrincipal,
): Promise<{ ticket: string; expiresAt: string }> {
  const ticket = (deps.random ?? randomBytes)(32).toString('base64url');
  const expiresAtMs = deps.clock.now().getTime() + TICKET_TTL_MS;
  await deps.tickets.put(ticketHash(ticket), { owner: ownerOf(by), expiresAtMs });
  return { ticket, expiresAt: new Date(expiresAtMs).toISOString() };
}

const refused = (code: string, message: string) => new DomainError('unauthenticated', code, message);

/**
 * `$connect?ticket=…`: the ticket is taken (deleted) whatever follows, so it opens one connection at
 * most; a missing, unknown, used or expired one is refused and records nothing.
 */
export async function connect(
  deps: { tickets: LiveTickets; connections: LiveConnections; clock: Clock },
  connectionId: string,
  ticket: string | undefined,
): Promise<LiveConnection> {
  if (!ticket || ticket.length > 100)
    throw refused('ticket_missing', 'A ticket from POST /live/ticket is required.');
  const stored = await deps.tickets.take(ticketHash(ticket));
  const now = deps.clock.now();
  if (!stored) throw refused('ticket_unknown', 'This ticket is unknown or was used already.');
  if (stored.expiresAtMs <= now.getTime()) throw refused('ticket_expired', 'This ticket has expired.');
  const connection: LiveConnection = {
    connectionId,
    owner: stored.owner,
    connectedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + CONNECTION_TTL_SECONDS,
  };
  await deps.connections.add(connection);
  return connection;
}

export const disconnect = (deps: { connections: LiveConnections }, connectionId: string) =>
  deps.connections.remove(connectionId);

/** Who an inbox (item or counter) belongs to, as the stream shows it. */
export type InboxOwnerOfChange =
  | { kind: 'staff'; userId: string }
  | { kind: 'contact'; contactId: string; identityId: string };

/** A committed change the live channel reports, read from the table's stream (functions/live/stream.ts). */
export type LiveChange = { id: string; at: string; firmId: string } & (
  | { kind: 'inboxItem'; owner: InboxOwnerOfChange; itemId: string; caseId?: string }
  | { kind: 'inboxCounter'; owner: InboxOwnerOfChange; unread: number }
  | { kind: 'message'; caseId: string; threadId: string; messageId: string }
  | {
      kind: 'threadTasks';
      caseId: string;
      threadId: string;
      contactIds: string[];
      completed: number;
      total: number;
    }
  | { kind: 'grantRevoked'; caseId: string; identityId: string }
);

export interface FanOutDeps {
  connections: LiveConnections;
  poster: LivePoster;
  reads: LiveReads;
}

export interface FanOutResult {
  sent: number;
  gone: number;
  failed: number;
}

const message = <T extends LiveMessageType>(
  change: LiveChange,
  type: T,
  data: Extract<LiveMessage, { type: T }>['data'],
): LiveMessage => ({ type, id: change.id, at: change.at, data }) as LiveMessage;

/** The connections of the thread's audience: the firm's staff, and its contacts still holding an active grant. */
async function threadAudience(
  deps: FanOutDeps,
  firmId: string,
  caseId: string,
  contactIds: string[],
): Promise<LiveConnection[]> {
  const identities = await Promise.all(contactIds.map((c) => deps.reads.activeIdentity(firmId, caseId, c)));
  const lists = await Promise.all([
    deps.connections.staffOf(firmId),
    ...[...new Set(identities.filter((i): i is string => !!i))].map((identityId) =>
      deps.connections.of({ kind: 'contact', identityId }),
    ),
  ]);
  return lists.flat();
}

const inboxConnections = (deps: FanOutDeps, firmId: string, owner: InboxOwnerOfChange) =>
  deps.connections.of(
    owner.kind === 'staff'
      ? { kind: 'staff', firmId, userId: owner.userId }
      : { kind: 'contact', identityId: owner.identityId },
  );

/** Who hears of one change, and what: reads at send time, so a revoked contact hears nothing more. */
async function plan(
  deps: FanOutDeps,
  change: LiveChange,
): Promise<[LiveConnection[], LiveMessage] | undefined> {
  switch (change.kind) {
    case 'inboxItem': {
      const { owner, caseId } = change;
      if (owner.kind === 'contact' && caseId) {
        const identity = await deps.reads.activeIdentity(change.firmId, caseId, owner.contactId);
        if (identity !== owner.identityId) return undefined;
      }
      const data = { itemId: change.itemId, ...(caseId ? { caseId } : {}) };
      return [await inboxConnections(deps, change.firmId, owner), message(change, 'inbox.item', data)];
    }
    case 'inboxCounter': {
      const { owner } = change;
      const [connections, count] = await Promise.all([
        inboxConnections(deps, change.firmId, owner),
        // A portal's badge counts every firm of the identity, as its unread-count route does.
        owner.kind === 'staff' ? change.unread : deps.reads.identityUnread(owner.identityId),
      ]);
      return [connections, message(change, 'inbox.unread', { count: Math.max(0, count) })];
    }
    case 'message': {
      const { firmId, caseId, threadId, messageId } = change;
      const contacts = await deps.reads.threadContacts(firmId, caseId, threadId);
      return [
        await threadAudience(deps, firmId, caseId, contacts),
        message(change, 'thread.message', { caseId, threadId, messageId }),
      ];
    }
    case 'threadTasks': {
      const { firmId, caseId, threadId, completed, total } = change;
      return [
        await threadAudience(deps, firmId, caseId, change.contactIds),
        message(change, 'thread.tasks', { caseId, threadId, completed, total }),
      ];
    }
    case 'grantRevoked':
      return [
        await deps.connections.of({ kind: 'contact', identityId: change.identityId }),
        message(change, 'access.revoked', { caseId: change.caseId }),
      ];
  }
}

/**
 * Posts each change to its audience's open connections. A closed connection (410) is removed; any
 * other failure is counted and dropped: a live message is a hint, and the record (inbox, thread) is
 * what a portal reads back, so a lost hint must never hold the stream back.
 */
export async function fanOut(
  deps: FanOutDeps,
  changes: LiveChange[],
  onError: (err: unknown, change: LiveChange) => void,
): Promise<FanOutResult> {
  const result: FanOutResult = { sent: 0, gone: 0, failed: 0 };
  for (const change of changes) {
    try {
      const planned = await plan(deps, change);
      if (!planned) continue;
      const [connections, msg] = planned;
      const unique = [...new Map(connections.map((c) => [c.connectionId, c])).values()];
      await Promise.all(
        unique.map(async (c) => {
          try {
            if ((await deps.poster.post(c.connectionId, msg)) === 'sent') result.sent++;
            else {
              result.gone++;
              await deps.connections.remove(c.connectionId);
            }
          } catch (err) {
            result.failed++;
            onError(err, change);
          }
        }),
      );
    } catch (err) {
      result.failed++;
      onError(err, change);
    }
  }
  return result;
}
