// Section 7: event → live message on the running local stack. The clock starts when the write is
// acknowledged (the chat message route answered: its transaction committed) and stops when the
// message's `thread.message` arrives on an open socket: table stream → fan-out → Management API →
// WebSocket. Then the same with 100 open staff sockets of the firm, until the last one has it.
import type { LiveMessage } from '../functions/events/live';
import { type LiveSocket, openLive } from '../test/support/live';
import { quantile } from './stats';
import type { World } from './world';

export interface LiveLatency {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samples: number;
  /** One message to `connections` open sockets of one firm: commit → the last socket has it. */
  fanOut: { connections: number; samples: number; p50Ms: number; p95Ms: number; maxMs: number };
}

const TIMEOUT_MS = 10_000;

/** When a socket received each chat message (performance.now(), by message id): a message may beat the write's answer. */
function recorder(s: LiveSocket) {
  const at = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  s.socket.on('message', (data) => {
    const m = JSON.parse(String(data)) as LiveMessage;
    if (m.type !== 'thread.message') return;
    const now = performance.now();
    at.set(m.data.messageId, now);
    waiters.get(m.data.messageId)?.(now);
  });
  return (messageId: string) =>
    new Promise<number>((resolve, reject) => {
      const seen = at.get(messageId);
      if (seen !== undefined) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`no live message within ${TIMEOUT_MS} ms`)),
        TIMEOUT_MS,
      );
      waiters.set(messageId, (t) => {
        clearTimeout(timer);
        resolve(t);
      });
    });
}

export async function measureLive(
  world: World,
  settings: { samples: number; fanOutConnections: number; fanOutSamples: number },
  progress: (line: string) => void,
): Promise<LiveLatency> {
  const f = await world.firm();
  const { caseId, threadId } = await world.threadParams();
  const contact = await world.portalContact();
  const open = async (id: 'issueLiveTicket' | 'issuePortalLiveTicket', claims: Record<string, string>) => {
    const t = await world.must(id, { claims });
    return openLive(t.url as string, t.ticket as string);
  };
  const post = async (text: string) => {
    const m = await world.must('postThreadMessage', {
      claims: f.owner.claims,
      params: { caseId, threadId },
      body: { text },
    });
    return { messageId: m.messageId as string, committedAt: performance.now() };
  };

  await world.settle();
  const socket = await open('issuePortalLiveTicket', contact.claims);
  const arrival = recorder(socket);
  const times: number[] = [];
  try {
    for (let i = 0; i < settings.samples; i++) {
      const { messageId, committedAt } = await post(`live ${i}`);
      times.push((await arrival(messageId)) - committedAt);
      await world.settle();
      if ((i + 1) % 25 === 0)
        progress(
          `event → live message: ${i + 1}/${settings.samples}, p50 so far ${quantile(times, 0.5).toFixed(0)} ms`,
        );
    }
  } finally {
    await socket.close();
  }

  // Fan-out: many open staff sockets of the firm (any staff user may read any case of the firm).
  const staff = [f.owner, f.staff2, f.admin];
  const sockets: LiveSocket[] = [];
  const fanTimes: number[] = [];
  try {
    for (let i = 0; i < settings.fanOutConnections; i++)
      sockets.push(await open('issueLiveTicket', staff[i % staff.length]!.claims));
    const arrivals = sockets.map(recorder);
    for (let i = 0; i < settings.fanOutSamples; i++) {
      const { messageId, committedAt } = await post(`fan-out ${i}`);
      const at = await Promise.all(arrivals.map((a) => a(messageId)));
      fanTimes.push(Math.max(...at) - committedAt);
      await world.settle();
    }
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
  }
  progress(
    `event → live message to ${settings.fanOutConnections} sockets: p50 ${quantile(fanTimes, 0.5).toFixed(0)} ms`,
  );
  return {
    p50Ms: quantile(times, 0.5),
    p95Ms: quantile(times, 0.95),
    maxMs: Math.max(...times),
    samples: times.length,
    fanOut: {
      connections: settings.fanOutConnections,
      samples: fanTimes.length,
      p50Ms: quantile(fanTimes, 0.5),
      p95Ms: quantile(fanTimes, 0.95),
      maxMs: Math.max(...fanTimes),
    },
  };
}
