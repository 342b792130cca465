// The live channel for SPAs (docs/live.md): gets a ticket from the API, opens the WebSocket, hands
// each new message to the app (a message whose id was seen is dropped), keeps the socket from going
// idle, and reconnects with a fresh ticket and exponential backoff whenever it closes.

/** A live message (docs/live.md; the schemas are functions/events/live.ts). Hints: ids and counts only. */
export type LiveMessage = { id: string; at: string } & (
  | { type: 'inbox.item'; data: { itemId: string; caseId?: string } }
  | { type: 'inbox.unread'; data: { count: number } }
  | { type: 'thread.message'; data: { caseId: string; threadId: string; messageId: string } }
  | { type: 'thread.tasks'; data: { caseId: string; threadId: string; completed: number; total: number } }
  | { type: 'access.revoked'; data: { caseId: string } }
);

/** What the browser's WebSocket offers and this needs (Node tests pass `ws`'s class). */
export interface LiveSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type LiveSocketConstructor = new (url: string) => LiveSocketLike;

export type LiveStatus = 'connecting' | 'open' | 'closed';

export interface ConnectLiveOptions {
  /** The API's base URL (the ticket route is `POST {baseUrl}/live/ticket`, or `/portal/live/ticket`). */
  baseUrl: string;
  /** The bearer token, or a function giving the current one (a reconnect asks again). */
  token: string | (() => string | undefined | Promise<string | undefined>);
  /** A portal (contact) session: `/portal/live/ticket`. */
  portal?: boolean;
  onMessage: (message: LiveMessage) => void;
  onStatus?: (status: LiveStatus) => void;
  /** Default: the global WebSocket (browsers, Node ≥ 22). */
  WebSocket?: LiveSocketConstructor;
  fetch?: typeof fetch;
  /** First reconnect delay (ms, doubled per failed attempt, with jitter), and its cap. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A frame sent this often keeps the socket under API Gateway's 10-minute idle timeout. */
  keepAliveMs?: number;
}

export interface LiveConnection {
  /** Closes the socket and stops reconnecting. */
  close(): void;
  status(): LiveStatus;
}

/** Ids remembered to drop repeats (a retried stream batch sends the same id again). */
const SEEN = 500;

export function connectLive(options: ConnectLiveOptions): LiveConnection {
  const Socket = options.WebSocket ?? (globalThis as { WebSocket?: LiveSocketConstructor }).WebSocket;
  if (!Socket) throw new Error('connectLive: no WebSocket here; pass options.WebSocket');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const seen = new Set<string>();
  let socket: LiveSocketLike | undefined;
  let status: LiveStatus = 'closed';
  let stopped = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  const setStatus = (next: LiveStatus) => {
    if (status === next) return;
    status = next;
    options.onStatus?.(next);
  };

  const scheduleReconnect = () => {
    if (stopped) return;
    setStatus('closed');
    const delay = Math.min(maxDelay, minDelay * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt++;
    retry = setTimeout(() => void open(), delay);
  };

  const ticket = async (): Promise<{ ticket: string; url: string }> => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    const res = await doFetch(
      `${options.baseUrl.replace(/\/+$/, '')}${options.portal ? '/portal' : ''}/live/ticket`,
      {
        method: 'POST',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      },
    );
    if (res.status !== 201) throw new Error(`live ticket: ${res.status}`);
    return (await res.json()) as { ticket: string; url: string };
  };

  const open = async () => {
    if (stopped) return;
    setStatus('connecting');
    let t: { ticket: string; url: string };
    try {
      t = await ticket();
    } catch {
      scheduleReconnect();
      return;
    }
    if (stopped) return;
    const s = new Socket(`${t.url}?ticket=${encodeURIComponent(t.ticket)}`);
    socket = s;
    s.onopen = () => {
      attempt = 0;
      setStatus('open');
      clearInterval(keepAlive);
      keepAlive = setInterval(() => s.send('{"action":"ping"}'), options.keepAliveMs ?? 5 * 60_000);
    };
    s.onmessage = (ev) => {
      let message: LiveMessage;
      try {
        message = JSON.parse(String(ev.data)) as LiveMessage;
      } catch {
        return;
      }
      if (seen.has(message.id)) return;
      seen.add(message.id);
      if (seen.size > SEEN) seen.delete(seen.values().next().value as string);
      options.onMessage(message);
    };
    s.onerror = () => undefined; // a close follows
    s.onclose = () => {
      clearInterval(keepAlive);
      if (socket === s) scheduleReconnect();
    };
  };

  void open();
  return {
    close() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(keepAlive);
      socket?.close(1000, 'closed by the app');
      setStatus('closed');
    },
    status: () => status,
  };
}
