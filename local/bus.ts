// The local event bus. It answers the EventBridge PutEvents API (so the publisher's SDK call is
// the production call, only the endpoint differs), wraps entries in EventBridge envelopes and
// dispatches them to the same handlers, with the same rule patterns as CDK (functions/events/rules).
// Durable like EventBridge + Lambda async invocation (decision 0017): an accepted entry is in the
// journal (.data/bus/journal.jsonl, fsynced) before PutEvents answers, and leaves it only when its
// target succeeded or its event went to .data/dlq/<target>.jsonl after the last retry; on start,
// what is still in the journal is dispatched again. Redrives are journaled before the DLQ is cut.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { type BusRule, busRules, matches, type RuleTarget } from '../functions/events/rules';
import { count } from '../functions/metrics';
import { Journal, writeFileAtomic } from './journal';
import { listenOn } from './ports';

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
  /** The first retry's delay; each next one doubles it (exponential backoff). */
  retryDelayMs?: number;
  /** The same for events found in the journal at start (a killed run's), whose schedule must outlast its claims. */
  recoveryRetryAttempts?: number;
  recoveryRetryDelayMs?: number;
  onLog?: (line: string) => void;
}

/** A failing target is retried twice, after 0.2 and 0.4 s, then its event goes to the DLQ. */
const DEFAULT_RETRY_ATTEMPTS = 2;
const DEFAULT_RETRY_DELAY_MS = 200;
/**
 * Events a killed run left in the journal are retried over ~9 s (0.3 + 0.6 + 1.2 + 2.4 + 4.8 s):
 * longer than the local notify lease (stack.ts), so the deliveries that run had claimed are stale
 * by the last retries and are taken again, as Lambda's async retries (1 and 2 min) come after the
 * 45 s lease in AWS.
 */
const RECOVERY_RETRY_ATTEMPTS = 5;
const RECOVERY_RETRY_DELAY_MS = 300;
/** Journal lines beyond which it is rewritten with only the live entries. */
const COMPACT_AFTER_LINES = 20_000;

export interface DeadLetter {
  target: RuleTarget;
  rule: string;
  error: string;
  failedAt: string;
  event: Envelope;
}

/** One journal line: an event accepted for one rule's target, or that dispatch finished. */
type JournalRecord = { op: 'put'; key: string; rule: string; event: Envelope } | { op: 'done'; key: string };

interface Dispatch {
  key: string;
  rule: BusRule;
  event: Envelope;
  /** Found in the journal at start: a killed run may hold claims on its deliveries. */
  recovered?: boolean;
}

export class LocalBus {
  private server: Server | undefined;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly dlqDir: string;
  private readonly journal: Journal<JournalRecord>;
  /** Accepted and not finished: what the journal holds live (its compaction writes exactly this). */
  private readonly pending = new Map<string, Extract<JournalRecord, { op: 'put' }>>();
  /** Found in the journal at start, dispatched by `replayPending`. */
  private recovered: Dispatch[] = [];
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private readonly dlqLocks = new Map<RuleTarget, Promise<unknown>>();
  readonly delivered: { target: RuleTarget; eventId: string; detailType: string }[] = [];

  constructor(private readonly opts: LocalBusOptions) {
    this.dlqDir = join(opts.dataDir, 'dlq');
    this.journal = new Journal(join(opts.dataDir, 'bus', 'journal.jsonl'));
  }

  get endpoint() {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  /** Loads what a previous run left in the journal (dispatched by `replayPending`) and listens. */
  async start(): Promise<void> {
    await mkdir(this.dlqDir, { recursive: true });
    for (const record of await this.journal.open()) {
      if (record.op === 'put') this.pending.set(record.key, record);
      else this.pending.delete(record.key);
    }
    await this.journal.compact(() => [...this.pending.values()]);
    for (const record of this.pending.values()) {
      const rule = busRules.find((r) => r.id === record.rule);
      if (rule) this.recovered.push({ key: record.key, rule, event: record.event, recovered: true });
      else this.pending.delete(record.key); // a rule that no longer exists: nothing to deliver to
    }
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || target !== 'AWSEvents.PutEvents') {
          reply(400, { __type: 'UnknownOperationException', message: `unsupported: ${target}` });
          return;
        }
        const body = JSON.parse(raw || '{}') as { Entries?: PutEntry[] };
        // Answered only once the entries are on disk: the caller (the stream relay) checkpoints
        // after this answer, so an accepted entry must survive a kill from here on.
        this.putAll(body.Entries ?? []).then(
          (ids) => reply(200, { FailedEntryCount: 0, Entries: ids.map((id) => ({ EventId: id })) }),
          (err) => reply(500, { __type: 'InternalException', message: (err as Error).message }),
        );
      });
    });
    await listenOn(this.server, this.opts.port);
  }

  /** Dispatches what a previous run accepted and did not finish (once the targets' services are up). */
  replayPending(): number {
    const recovered = this.recovered.splice(0);
    for (const d of recovered) this.dispatch(d);
    if (recovered.length > 0) this.opts.onLog?.(`bus: ${recovered.length} pending events from the last run`);
    return recovered.length;
  }

  /**
   * Stops: no new PutEvents, waits up to `drainMs` for dispatches to finish, then lets no retry
   * start; what is unfinished stays in the journal for the next start.
   */
  async stop(drainMs = 10_000): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await Promise.race([this.whenIdle(), new Promise((r) => setTimeout(r, drainMs).unref())]);
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    // Attempts already running are awaited (their SDK calls time out on their own).
    await this.whenIdle();
    await this.journal.close();
  }

  /** Puts one event on a bus (S3's events go to `default`), as PutEvents would. Resolves with its id once durable. */
  async put(entry: PutEntry): Promise<string> {
    const [id] = await this.putAll([entry]);
    return id!;
  }

  /** Puts entries with one journal write (one fsync), then dispatches them. */
  async putAll(entries: PutEntry[]): Promise<string[]> {
    const dispatches: Dispatch[] = [];
    const ids = entries.map((entry) => {
      const envelope = this.envelope(entry);
      for (const rule of this.rulesOf(entry, envelope))
        dispatches.push({ key: `${envelope.id}/${rule.id}`, rule, event: envelope });
      return envelope.id;
    });
    // Counted from now, so `whenIdle` also waits for entries still being written.
    this.inFlight++;
    try {
      await this.accept(dispatches);
    } finally {
      this.finished();
    }
    for (const d of dispatches) this.dispatch(d);
    return ids;
  }

  /** Resolves once no dispatch is running or waiting for a retry. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async deadLetters(target: RuleTarget): Promise<DeadLetter[]> {
    try {
      const text = await readFile(this.dlqFile(target), 'utf8');
      return text
        .split('\n')
        .filter(Boolean)
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as DeadLetter];
          } catch {
            return []; // a torn last line: its append never finished, the event is still journaled
          }
        });
    } catch {
      return [];
    }
  }

  /**
   * Sends every dead letter of a target through its rule again; those that fail again come back.
   * The letters are journaled before the DLQ file is emptied, so a kill in between delivers them
   * (perhaps twice: the targets are idempotent), never loses them.
   */
  async redrive(target: RuleTarget): Promise<{ redriven: number }> {
    const dispatches = await this.withDlq(target, async () => {
      const letters = await this.deadLetters(target);
      const found = letters.flatMap((letter): Dispatch[] => {
        const rule = busRules.find((r) => r.id === letter.rule);
        return rule ? [{ key: `${letter.event.id}/${rule.id}`, rule, event: letter.event }] : [];
      });
      await this.accept(found);
      await writeFileAtomic(this.dlqFile(target), '');
      return found;
    });
    for (const d of dispatches) this.dispatch(d);
    await this.whenIdle();
    return { redriven: dispatches.length };
  }

  private envelope(entry: PutEntry): Envelope {
    return {
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
  }

  private rulesOf(entry: PutEntry, envelope: Envelope): BusRule[] {
    const busName = entry.EventBusName ?? 'default';
    const bus =
      busName === this.opts.busName || busName.endsWith(`/${this.opts.busName}`) ? 'domain' : 'default';
    return busRules.filter(
      (rule) =>
        rule.bus === bus &&
        matches(
          rule.pattern({ bucketName: this.opts.bucketName }),
          envelope as unknown as Record<string, unknown>,
        ),
    );
  }

  /** Journals dispatches as live (fsynced) before anyone is told they were accepted. */
  private async accept(dispatches: Dispatch[]): Promise<void> {
    const records = dispatches.map(
      (d): JournalRecord => ({ op: 'put', key: d.key, rule: d.rule.id, event: d.event }),
    );
    for (const r of records) if (r.op === 'put') this.pending.set(r.key, r);
    await this.journal.append(records);
  }

  /** A dispatch ended (delivered or dead-lettered): its journal entry is no longer live. */
  private async finish(key: string): Promise<void> {
    this.pending.delete(key);
    // Not fsynced: losing this line only replays a delivery the idempotent target already made.
    await this.journal.append([{ op: 'done', key }], { durable: false });
    if (this.journal.size > Math.max(COMPACT_AFTER_LINES, 4 * this.pending.size))
      void this.journal
        .compact(() => [...this.pending.values()])
        .catch((err) => this.opts.onLog?.(`bus: journal compaction failed: ${(err as Error).message}`));
  }

  private dispatch(d: Dispatch): void {
    this.inFlight++;
    void this.deliver(d)
      .catch((err) => this.opts.onLog?.(`bus: ${d.rule.target} on ${d.key}: ${(err as Error).message}`))
      .finally(() => this.finished());
  }

  private finished(): void {
    this.inFlight--;
    if (this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private async deliver({ key, rule, event, recovered }: Dispatch): Promise<void> {
    const attempts =
      1 +
      (recovered
        ? (this.opts.recoveryRetryAttempts ?? RECOVERY_RETRY_ATTEMPTS)
        : (this.opts.retryAttempts ?? DEFAULT_RETRY_ATTEMPTS));
    const firstDelay = recovered
      ? (this.opts.recoveryRetryDelayMs ?? RECOVERY_RETRY_DELAY_MS)
      : (this.opts.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS);
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (this.stopping) return; // stays in the journal: the next start dispatches it again
      try {
        await this.opts.targets[rule.target](event);
        this.delivered.push({ target: rule.target, eventId: event.id, detailType: event['detail-type'] });
        await this.finish(key);
        return;
      } catch (err) {
        lastError = err;
        this.opts.onLog?.(
          `bus: ${rule.target} failed on ${event['detail-type']} (attempt ${attempt}/${attempts}): ${(err as Error).message}`,
        );
        if (attempt < attempts) await this.sleep(firstDelay * 2 ** (attempt - 1));
      }
    }
    const letter: DeadLetter = {
      target: rule.target,
      rule: rule.id,
      error: (lastError as Error)?.message ?? String(lastError),
      failedAt: new Date().toISOString(),
      event,
    };
    // In the DLQ (fsynced) before it leaves the journal: a kill in between keeps it in both.
    await this.withDlq(rule.target, async () => {
      const handle = await open(this.dlqFile(rule.target), 'a');
      try {
        await handle.write(`${JSON.stringify(letter)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    // In AWS the DLQ's own depth metric says this; locally the bus is the queue.
    count('DeadLetter', { target: rule.target });
    await this.finish(key);
  }

  /** Waits, unless the bus stops meanwhile. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** One DLQ change at a time per target (an append must not fall between a redrive's read and its cut). */
  private withDlq<T>(target: RuleTarget, work: () => Promise<T>): Promise<T> {
    const previous = this.dlqLocks.get(target) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.dlqLocks.set(target, next);
    return next;
  }

  private dlqFile(target: RuleTarget): string {
    return join(this.dlqDir, `${target}.jsonl`);
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
