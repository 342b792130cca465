// The live channel (issue 19) on the local stack: tickets from the HTTP route, the WebSocket endpoint
// refusing what is not a fresh ticket, and the stream fan-out: staff hear of a client's upload, a
// contact of a staff message, a revoked contact of nothing more; a closed socket's record goes on 410.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectLive, type LiveMessage, type LiveSocketConstructor } from '../../client/src/live';
import { ticketHash } from '../../functions/domain/live';
import { deliveryStore } from '../../functions/store/deliveries';
import { inboxWriter } from '../../functions/store/inbox';
import { liveConnectionByOwnerKey, liveConnectionKey, liveTicketKey } from '../../functions/store/keys';
import { liveConnections, liveTickets } from '../../functions/store/live';
import { getItem } from '../../functions/store/table';
import { connectAs, liveTicket, openLive } from '../support/live';
import { apiAs } from './support/client';
import { PDF, pdfBytes, upload } from './support/files';
import { portalContact } from './support/portal';
import { newFirm, newId, settle, table, urls } from './support/stack';
import { newThread, setup } from './support/threads';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'opened',
    (err: Error) => err.message,
  );

/** Until `check` holds (a disconnect is handled after the socket closed), at most ~3 s. */
async function eventually(check: () => Promise<boolean>) {
  for (let i = 0; i < 60 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('live channel: tickets and connections', () => {
  it('a staff ticket opens one connection, recorded until the socket closes', async () => {
    // Prepare
    const firm = await newFirm('Live Firm');
    // Act
    const { ticket, url, expiresAt } = await liveTicket(urls.api, firm.staff.token);
    const live = await openLive(url, ticket);
    // Assess
    expect(url).toBe(urls.env.LIVE_URL);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(30_000);
    const connections = liveConnections(table);
    const open = await connections.of({ kind: 'staff', firmId: firm.firmId, userId: firm.staff.userId });
    expect(open).toHaveLength(1);
    // The ticket's value is stored nowhere: only its hash named the (now deleted) item.
    expect(await getItem(table, liveTicketKey(ticketHash(ticket)))).toBeUndefined();
    await live.close();
    expect(
      await eventually(
        async () =>
          (await connections.of({ kind: 'staff', firmId: firm.firmId, userId: firm.staff.userId })).length ===
          0,
      ),
    ).toBe(true);
  });

  it('a portal ticket opens a connection bound to the portal identity', async () => {
    const s = await setup('Live Portal Firm');
    const { ticket, url } = await liveTicket(urls.api, s.contact, true);
    const live = await openLive(url, ticket);
    expect(live.socket.readyState).toBe(live.socket.OPEN);
    await live.close();
  });

  it('refuses a connect without a ticket, with an unknown, a used or an expired one (401), recording nothing', async () => {
    const firm = await newFirm('Live Refusals');
    const { ticket, url } = await liveTicket(urls.api, firm.staff.token);
    const first = await openLive(url, ticket);
    // Reused: the first connect took it.
    expect(await refusal(openLive(url, ticket))).toBe('401');
    expect(await refusal(openLive(url, undefined))).toBe('401');
    expect(await refusal(openLive(url, `${ticket.slice(0, -2)}xx`))).toBe('401');
    // Expired: a ticket past its 30 s, as the ticket route would have stored it.
    const stale = `stale-${newId()}`;
    await liveTickets(table).put(ticketHash(stale), {
      owner: { kind: 'staff', firmId: firm.firmId, userId: firm.staff.userId },
      expiresAtMs: Date.now() - 1_000,
    });
    expect(await refusal(openLive(url, stale))).toBe('401');
    // Only the first connect is recorded.
    const open = await liveConnections(table).of({
      kind: 'staff',
      firmId: firm.firmId,
      userId: firm.staff.userId,
    });
    expect(open).toHaveLength(1);
    await first.close();
  });

  it('the ticket routes need a token of their own sign-in', async () => {
    const firm = await newFirm('Live Auth');
    const s = await setup('Live Auth Portal');
    expect((await fetch(`${urls.api}/live/ticket`, { method: 'POST' })).status).toBe(401);
    const wrongPool = await fetch(`${urls.api}/portal/live/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${firm.staff.token}` },
    });
    expect(wrongPool.status).toBe(401);
    const portal = await fetch(`${urls.api}/live/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.contact}` },
    });
    expect(portal.status).toBe(401);
  });
});

describe('live channel: fan-out', () => {
  it('staff hear of a client upload: inbox.item with the case, then the unread count', async () => {
    // Prepare: the case owner's open socket, a collaborator who may upload
    const firm = await newFirm('Live Uploads');
    const created = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Live 2026' } });
    const caseId = created.data!.caseId;
    const contact = await portalContact(firm, caseId, 'Uma Uploader', {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    await settle();
    const staff = await connectAs(urls.api, firm.staff.token);
    // Act
    await upload(
      caseId,
      contact.token,
      { fileName: 'w2.pdf', contentType: PDF, bytes: pdfBytes('w2') },
      'portal',
    );
    await settle();
    // Assess: the item is the one the inbox lists, and the count the unread route answers
    const item = await staff.next((m) => m.type === 'inbox.item');
    const inbox = await apiAs(firm.staff.token).GET('/inbox');
    expect(item.data).toEqual({ itemId: inbox.data!.items[0]!.itemId, caseId });
    const unread = (await apiAs(firm.staff.token).GET('/inbox/unread-count')).data!.unread;
    const count = await staff.next((m) => m.type === 'inbox.unread' && m.data.count === unread);
    expect(count.data).toEqual({ count: unread });
    // Ids and counts only: no title, body or name of anything
    expect(JSON.stringify(staff.messages)).not.toContain('w2.pdf');
    await staff.close();
  });

  it('a contact hears of a staff message in its thread (ids only); staff sockets of the firm too', async () => {
    const s = await setup('Live Chat');
    const thread = await newThread(s);
    await settle();
    const contact = await connectAs(urls.api, s.contact, true);
    const staff = await connectAs(urls.api, s.firm.staff2.token);
    const posted = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      body: { text: 'Please send the W-2 by Friday' },
    });
    expect(posted.response.status).toBe(201);
    await settle();
    const expected = { caseId: s.caseId, threadId: thread.threadId, messageId: posted.data!.messageId };
    expect((await contact.next((m) => m.type === 'thread.message')).data).toEqual(expected);
    expect((await staff.next((m) => m.type === 'thread.message')).data).toEqual(expected);
    expect(JSON.stringify(contact.messages)).not.toContain('W-2');
    await Promise.all([contact.close(), staff.close()]);
  });

  it('thread.tasks carries the counts when a task is ticked', async () => {
    const s = await setup('Live Tasks');
    const thread = await newThread(s, { tasks: ['Send W-2', 'Sign 8879'] });
    await settle();
    const staff = await connectAs(urls.api, s.firm.staff.token);
    const tasks = await apiAs(s.contact).GET('/portal/cases/{caseId}/threads/{threadId}', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
    });
    expect(tasks.response.status).toBe(200);
    const taskId = (
      await apiAs(s.firm.staff.token).GET('/cases/{caseId}/threads/{threadId}/tasks', {
        params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      })
    ).data!.items[0]!.taskId;
    const ticked = await apiAs(s.contact).PUT(
      '/portal/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done',
      {
        params: { path: { caseId: s.caseId, threadId: thread.threadId, taskId } },
      },
    );
    expect(ticked.response.status).toBe(200);
    await settle();
    const m = await staff.next((x) => x.type === 'thread.tasks');
    expect(m.data).toEqual({ caseId: s.caseId, threadId: thread.threadId, completed: 1, total: 2 });
    await staff.close();
  });

  it('a revoked contact is told access.revoked, then hears nothing of the case', async () => {
    const s = await setup('Live Revoke');
    const thread = await newThread(s);
    await settle();
    const contact = await connectAs(urls.api, s.contact, true);
    const staff = await connectAs(urls.api, s.firm.staff2.token);
    const revoked = await apiAs(s.firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: s.caseId, contactId: s.contactId } },
    });
    expect(revoked.response.status).toBe(200);
    await settle();
    expect((await contact.next((m) => m.type === 'access.revoked')).data).toEqual({ caseId: s.caseId });
    const posted = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      body: { text: 'After the revoke' },
    });
    await settle();
    // The staff socket heard it, so the fan-out ran; the contact's did not.
    await staff.next((m) => m.type === 'thread.message' && m.data.messageId === posted.data!.messageId);
    expect(contact.messages.filter((m) => m.type === 'thread.message')).toEqual([]);
    await Promise.all([contact.close(), staff.close()]);
  });

  it('forgets a connection whose post answers 410 Gone (a socket closed without $disconnect)', async () => {
    const s = await setup('Live Gone');
    const thread = await newThread(s);
    await settle();
    // A record whose socket no longer exists (API Gateway lost the $disconnect, or it was never open here).
    const ghost = `ghost${newId()}=`;
    await liveConnections(table).add({
      connectionId: ghost,
      owner: { kind: 'staff', firmId: s.firm.firmId, userId: s.firm.staff.userId },
      connectedAt: new Date().toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) + 600,
    });
    expect(await getItem(table, liveConnectionKey(ghost))).toBeDefined();
    await apiAs(s.contact).POST('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: s.caseId, threadId: thread.threadId } },
      body: { text: 'Anyone there?' },
    });
    await settle();
    expect(await eventually(async () => (await getItem(table, liveConnectionKey(ghost))) === undefined)).toBe(
      true,
    );
  });

  it('leaves out a connection record past its TTL (DynamoDB deletes lazily)', async () => {
    const firm = await newFirm('Live TTL');
    const old = `old${newId()}`;
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          ...liveConnectionKey(old),
          ...liveConnectionByOwnerKey({ kind: 'staff', firmId: firm.firmId, userId: firm.staff.userId }, old),
          entity: 'liveConnection',
          v: 1,
          connectionId: old,
          owner: { kind: 'staff', firmId: firm.firmId, userId: firm.staff.userId },
          connectedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
          expiresAtEpoch: Math.floor(Date.now() / 1000) - 60,
          expiresAt: Math.floor(Date.now() / 1000) - 60,
        },
      }),
    );
    expect(await liveConnections(table).staffOf(firm.firmId)).toEqual([]);
  });
});

/** An in-app item in a staff inbox, written as the notify core writes it (claim, then the transaction). */
async function deliverToStaff(firmId: string, userId: string): Promise<string> {
  const key = { firmId, eventId: newId(), recipient: `staff-${userId}`, channel: 'inApp' as const };
  await deliveryStore(table).claim(key, { type: 'document.uploaded', now: new Date(), leaseMs: 30_000 });
  const itemId = newId();
  const at = new Date().toISOString();
  await inboxWriter(table).deliverInApp({
    key,
    owner: { firmId, kind: 'staff', id: userId },
    item: {
      itemId,
      firmId,
      eventId: key.eventId,
      type: 'document.uploaded',
      title: 'T',
      body: 'B',
      createdAt: at,
    },
    at,
  });
  return itemId;
}

describe('live channel: the typed client', () => {
  it('connectLive delivers messages, and reconnects with a new ticket when the socket is closed', async () => {
    // Prepare
    const firm = await newFirm('Live Client');
    const received: LiveMessage[] = [];
    const statuses: string[] = [];
    const live = connectLive({
      baseUrl: urls.api,
      token: firm.staff.token,
      WebSocket: WebSocket as unknown as LiveSocketConstructor,
      onMessage: (m) => received.push(m),
      onStatus: (s) => statuses.push(s),
      minDelayMs: 50,
    });
    const owner = { kind: 'staff' as const, firmId: firm.firmId, userId: firm.staff.userId };
    const connected = async () => (await liveConnections(table).of(owner)).map((c) => c.connectionId);
    expect(await eventually(async () => (await connected()).length === 1)).toBe(true);
    const [first] = await connected();

    // Act: the server closes the connection (as API Gateway does after 2 hours)
    const closed = await fetch(`${urls.env.LIVE_CALLBACK_URL}/@connections/${encodeURIComponent(first!)}`, {
      method: 'DELETE',
    });
    expect(closed.status).toBe(204);
    expect(
      await eventually(async () => {
        const now = await connected();
        return now.length === 1 && now[0] !== first && live.status() === 'open';
      }),
    ).toBe(true);
    const itemId = await deliverToStaff(firm.firmId, firm.staff.userId);
    await settle();

    // Assess: the new socket hears the case owner's inbox news
    expect(statuses).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
    expect(
      await eventually(async () => received.some((m) => m.type === 'inbox.item' && m.data.itemId === itemId)),
    ).toBe(true);
    live.close();
  });
});
