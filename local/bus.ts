// The local event bus. It answers the EventBridge PutEvents API (so the publisher's SDK call is
// the production call, only the endpoint differs), wraps entries in EventBridge envelopes and
// dispatches them to the same handlers, with the same rule patterns as CDK (functions/events/rules).
// Like a rule target with retryAttempts and a DLQ: a failing target is retried, then its event is
// appended to .data/dlq/<target>.jsonl, from where it can be redriven.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { type BusRule, busRules, matches, type RuleTarget } from '../functions/events/rules';

export type Envelope = EventBridgeEvent<string, unknown> & { 'event-bus-name'?: string };
export type Target = (event: Envelope) => Promise<unknown>;

export interface LocalBusOptions {
  port: number;
  dataDir: string;
  busName: string;
  bucketName: string;
  targets: Record<RuleTarget, Target>;
  /** Attempts after the first one, like a rule target's retryAttempts. */
  retryAttempts?: number;
  retryDelayMs?: number;
  onLog?: (line: string) => void;
}

export interface DeadLetter {
  target: RuleTarget;
  rule: string;
  error: string;
  failedAt: string;
  event: Envelope;
}

export class LocalBus {
  private server: Server | undefined;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly dlqDir: string;
  readonly delivered: { target: RuleTarget; eventId: string; detailType: string }[] = [];

  constructor(private readonly opts: LocalBusOptions) {
    this.dlqDir = join(opts.dataDir, 'dlq');
  }

  get endpoint() {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  async start(): Promise<void> {
    await mkdir(this.dlqDir, { recursive: true });
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        if (req.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'UnknownOperationException', message: `unsupported: ${target}` }));
          return;
        }
        const body = JSON.parse(raw || '{}') as { Entries?: PutEntry[] };
        const entries = (body.Entries ?? []).map((e) => this.put(e));
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map((id) => ({ EventId: id })) }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      const server = this.server!;
      server.once('error', reject);
      server.listen(this.opts.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    await this.whenIdle();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Puts one event on a bus (S3's events go to `default`), as PutEvents would. Returns its id. */
  put(entry: PutEntry): string {
    const busName = entry.EventBusName ?? 'default';
    const envelope: Envelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '000000000000',
      time: entry.Time
        ? new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time).toISOString()
        : new Date().toISOString(),
      region: 'us-east-1',
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail),
    };
    const bus =
      busName === this.opts.busName || busName.endsWith(`/${this.opts.busName}`) ? 'domain' : 'default';
    for (const rule of busRules) {
      if (rule.bus !== bus) continue;
      if (
        !matches(
          rule.pattern({ bucketName: this.opts.bucketName }),
          envelope as unknown as Record<string, unknown>,
        )
      )
        continue;
      this.dispatch(rule, envelope);
    }
    return envelope.id;
  }

  /** Resolves once no dispatch is running or waiting for a retry. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async deadLetters(target: RuleTarget): Promise<DeadLetter[]> {
    try {
      const text = await readFile(join(this.dlqDir, `${target}.jsonl`), 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as DeadLetter);
    } catch {
      return [];
    }
  }

  /** Sends every dead letter of a target through its rule again; those that fail again stay. */
  async redrive(target: RuleTarget): Promise<{ redriven: number }> {
    const letters = await this.deadLetters(target);
    await writeFile(join(this.dlqDir, `${target}.jsonl`), '');
    for (const letter of letters) {
      const rule = busRules.find((r) => r.id === letter.rule);
      if (rule) this.dispatch(rule, letter.event);
    }
    await this.whenIdle();
    return { redriven: letters.length };
  }

  private dispatch(rule: BusRule, event: Envelope): void {
    this.inFlight++;
    void this.deliver(rule, event).finally(() => {
      this.inFlight--;
      if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    });
  }

  private async deliver(rule: BusRule, event: Envelope): Promise<void> {
    const attempts = 1 + (this.opts.retryAttempts ?? 2);
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.opts.targets[rule.target](event);
        this.delivered.push({ target: rule.target, eventId: event.id, detailType: event['detail-type'] });
        return;
      } catch (err) {
        lastError = err;
        this.opts.onLog?.(
          `bus: ${rule.target} failed on ${event['detail-type']} (attempt ${attempt}/${attempts}): ${(err as Error).message}`,
        );
        if (attempt < attempts)
          await new Promise((r) => setTimeout(r, (this.opts.retryDelayMs ?? 200) * attempt));
      }
    }
    const letter: DeadLetter = {
      target: rule.target,
      rule: rule.id,
      error: (lastError as Error)?.message ?? String(lastError),
      failedAt: new Date().toISOString(),
      event,
    };
    await appendFile(join(this.dlqDir, `${rule.target}.jsonl`), `${JSON.stringify(letter)}\n`);
  }
}

export interface PutEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number;
}
