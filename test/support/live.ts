// Live channel sockets for tests and the bench: ask the ticket route for a ticket, open the WebSocket
// (ws, as Node 20 has no global WebSocket) and keep every message it receives, to wait for one.
import WebSocket from 'ws';
import type { LiveMessage } from '../../functions/events/live';

export interface LiveSocket {
  socket: WebSocket;
  messages: LiveMessage[];
  /** Resolves with the first message (kept or coming) that matches, or rejects after `ms`. */
  next(match: (m: LiveMessage) => boolean, ms?: number): Promise<LiveMessage>;
  close(): Promise<void>;
}

/** A ticket from the ticket route: staff (`/live/ticket`) or portal (`/portal/live/ticket`). */
export async function liveTicket(
  api: string,
  token: string,
  portal = false,
): Promise<{ ticket: string; url: string; expiresAt: string }> {
  const res = await fetch(`${api}${portal ? '/portal' : ''}/live/ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 201) throw new Error(`ticket route answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { ticket: string; url: string; expiresAt: string };
}

/** Opens `${url}?ticket=…`: resolves once open, rejects with the refusal's HTTP status (e.g. `401`). */
export function openLive(url: string, ticket: string | undefined): Promise<LiveSocket> {
  const socket = new WebSocket(ticket === undefined ? url : `${url}?ticket=${encodeURIComponent(ticket)}`);
  const messages: LiveMessage[] = [];
  const waiters: { match: (m: LiveMessage) => boolean; resolve: (m: LiveMessage) => void }[] = [];
  socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as LiveMessage;
    messages.push(m);
    for (const w of [...waiters])
      if (w.match(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  const live: LiveSocket = {
    socket,
    messages,
    next: (match, ms = 5_000) => {
      const kept = messages.find(match);
      if (kept) return Promise.resolve(kept);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i < 0) return;
          waiters.splice(i, 1);
          reject(new Error(`no matching live message within ${ms} ms; got ${JSON.stringify(messages)}`));
        }, ms).unref();
      });
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(live));
    socket.once('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode))));
    socket.once('error', (err) => reject(err));
  });
}

/** A ticket, then a socket: the person's live view. */
export async function connectAs(api: string, token: string, portal = false): Promise<LiveSocket> {
  const { ticket, url } = await liveTicket(api, token, portal);
  return openLive(url, ticket);
}
