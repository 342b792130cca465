// Fault injection into the SDK clients the handlers use (functions/clients/*): middleware that,
// with a seeded probability, fails a call with a throttling error, a 500 or a timeout BEFORE the
// request leaves (the service never saw it). Two places: inside the SDK's retry loop (the SDK's own
// retries must absorb it) and outside it (the error reaches the handler: the bus retries the event,
// the DLQ keeps it, a redrive delivers it). Only calls made on the notify, ingest and publisher paths
// are failed: the API's calls of the scenario's setup go through untouched.
import type { MiddlewareStack } from '@smithy/types';

export type FaultKind = 'ThrottlingException' | 'InternalServerError' | 'TimeoutError';
type Path = 'notify' | 'ingest' | 'publisher';

/** Source files that mark a call as made on one of the faulted paths (found in the async stack). */
const PATHS: [Path, RegExp][] = [
  ['notify', /functions[\\/](notify[\\/]|handlers[\\/]notify)/],
  ['ingest', /functions[\\/](domain[\\/]ingest|handlers[\\/]ingest)/],
  ['publisher', /functions[\\/](events[\\/]publisher|handlers[\\/]publisher)/],
];

function pathOfCaller(): Path | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 80;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return PATHS.find(([, re]) => re.test(stack))?.[0];
}

function fault(kind: FaultKind, client: string): Error {
  const messages: Record<FaultKind, string> = {
    ThrottlingException: 'Rate exceeded (injected)',
    InternalServerError: 'Internal server error (injected)',
    TimeoutError: 'Connection timed out (injected)',
  };
  return Object.assign(new Error(`${client}: ${messages[kind]}`), {
    name: kind,
    $fault: kind === 'ThrottlingException' ? 'client' : 'server',
    $metadata: {
      httpStatusCode: kind === 'ThrottlingException' ? 400 : kind === 'InternalServerError' ? 500 : undefined,
      attempts: 1,
    },
    ...(kind === 'ThrottlingException' ? { $retryable: { throttling: true } } : {}),
  });
}

export interface FaultRecord {
  client: string;
  command: string;
  kind: FaultKind;
  /** `sdk`: inside the SDK's retry loop; `handler`: reached the handler. */
  layer: 'sdk' | 'handler';
  path: Path;
}

export class FaultInjector {
  enabled = false;
  readonly injected: FaultRecord[] = [];
  private state: number;

  constructor(
    seed: number,
    /** Probability that one call fails, per layer. */
    private readonly rate: number,
  ) {
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32: seeded, so a run's sequence of decisions can be replayed. */
  private random(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 2 ** 32;
  }

  private decide(client: string, command: string, layer: FaultRecord['layer']): Error | undefined {
    if (!this.enabled) return undefined;
    const path = pathOfCaller();
    if (!path || this.random() >= this.rate) return undefined;
    const kinds: FaultKind[] = ['ThrottlingException', 'InternalServerError', 'TimeoutError'];
    const kind = kinds[Math.floor(this.random() * kinds.length)]!;
    this.injected.push({ client, command, kind, layer, path });
    return fault(kind, client);
  }

  // biome-ignore lint/suspicious/noExplicitAny: any SDK v3 client's stack
  attach(name: string, client: { middlewareStack: MiddlewareStack<any, any> }): void {
    const tag = `reliability-faults-${name}`;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const err = this.decide(name, String(context.commandName), 'handler');
        if (err) throw err;
        return next(args);
      },
      { step: 'initialize', name: `${tag}-outer`, override: true },
    );
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const err = this.decide(name, String(context.commandName), 'sdk');
        if (err) throw err;
        return next(args);
      },
      { step: 'deserialize', name: `${tag}-inner`, override: true },
    );
  }

  summary(): string {
    const by = (f: (r: FaultRecord) => string) => {
      const m = new Map<string, number>();
      for (const r of this.injected) m.set(f(r), (m.get(f(r)) ?? 0) + 1);
      return [...m].map(([k, n]) => `${k}=${n}`).join(' ');
    };
    return `${this.injected.length} faults: ${by((r) => r.client)}; ${by((r) => r.kind)}; ${by((r) => r.layer)}; ${by((r) => r.path)}`;
  }
}
