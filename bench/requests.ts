// Counts (and times) the AWS requests made inside one piece of work: a middleware on each shared
// SDK client (functions/clients/*) records into the AsyncLocalStorage scope of the work, so the
// background traffic of the stream relay and the bus targets in the same process is left out.
// Each request keeps when it started and ended, so the work's sequential round trips (requests
// that wait on each other) can be told from requests in flight together.
import { AsyncLocalStorage } from 'node:async_hooks';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './paths';

export type Service = 'dynamodb' | 's3' | 'ses' | 'eventbridge' | 'other';

export interface AwsRequest {
  service: Service;
  command: string;
  ms: number;
  /** performance.now() when the attempt was sent and when its answer arrived. */
  start: number;
  end: number;
}

/** A request's time in flight; only the order of the instants matters. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The longest chain of requests each of which started after the previous one ended: how many
 * round trips the work waits for one after the other. Requests in flight together (overlapping
 * or nested) cannot both be in one chain, so they count once.
 */
export function sequentialRoundTrips(spans: readonly Span[]): number {
  // Longest chain ending at each request, in order of end: a request extends the best chain among
  // those that ended before it started (an O(n²) scan: a route makes a handful of requests).
  const byEnd = [...spans].sort((a, b) => a.end - b.end);
  const chain: number[] = [];
  let longest = 0;
  for (const [i, s] of byEnd.entries()) {
    let before = 0;
    for (let j = 0; j < i; j++) {
      const prior = byEnd[j] as Span;
      if (prior.end <= s.start) before = Math.max(before, chain[j] as number);
    }
    chain.push(before + 1);
    longest = Math.max(longest, before + 1);
  }
  return longest;
}

const current = new AsyncLocalStorage<AwsRequest[]>();

const SERVICES: Record<string, Service> = {
  DynamoDBClient: 'dynamodb',
  S3Client: 's3',
  SESv2Client: 'ses',
  EventBridgeClient: 'eventbridge',
};

type Next = (args: unknown) => Promise<unknown>;

interface MiddlewareHost {
  middlewareStack: {
    add: (
      mw: (next: Next, context: { clientName?: string; commandName?: string }) => Next,
      opts: Record<string, unknown>,
    ) => void;
  };
}

/**
 * Adds the counting middleware to one SDK client (a document client shares its inner client's
 * stack: pass either). Tests count a route's requests through this too (test/integration/round-trips).
 */
export function instrumentClient(host: unknown): void {
  const stack = (host as Partial<MiddlewareHost>).middlewareStack;
  if (!stack) throw new Error('not an AWS SDK client');
  stack.add(
    (next, context) => async (args) => {
      const into = current.getStore();
      if (!into) return next(args);
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        const end = performance.now();
        into.push({
          service: SERVICES[String(context.clientName)] ?? 'other',
          command: String(context.commandName).replace(/Command$/, ''),
          ms: end - start,
          start,
          end,
        });
      }
    },
    // finalizeRequest, low priority: inside the retry loop, so every HTTP attempt counts.
    { step: 'finalizeRequest', priority: 'low', name: 'portico-bench-requests' },
  );
}

/** Adds the counting middleware once to every SDK client exported by functions/clients/*.ts. */
export async function instrumentSharedClients(): Promise<string[]> {
  const dir = join(repoRoot, 'functions', 'clients');
  const stacks = new Set<unknown>();
  const names: string[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      const host = value as Partial<MiddlewareHost> | null;
      // A document client shares its inner client's stack: instrument each stack once.
      if (!host || typeof host !== 'object' || !host.middlewareStack || stacks.has(host.middlewareStack))
        continue;
      stacks.add(host.middlewareStack);
      instrumentClient(host);
      names.push(`${file}:${name}`);
    }
  }
  return names;
}

/** Runs `work` and returns what it returned with the AWS requests it made. */
export async function countRequests<T>(
  work: () => Promise<T>,
): Promise<{ result: T; requests: AwsRequest[] }> {
  const requests: AwsRequest[] = [];
  const result = await current.run(requests, work);
  return { result, requests };
}

/** `{ "dynamodb:UpdateItem": { count, ms } }`, most time first. */
export function summarize(requests: AwsRequest[]): Record<string, { count: number; ms: number }> {
  const out = new Map<string, { count: number; ms: number }>();
  for (const r of requests) {
    const k = `${r.service}:${r.command}`;
    const s = out.get(k) ?? { count: 0, ms: 0 };
    s.count++;
    s.ms += r.ms;
    out.set(k, s);
  }
  return Object.fromEntries(
    [...out].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => [k, { count: v.count, ms: Math.round(v.ms) }]),
  );
}
