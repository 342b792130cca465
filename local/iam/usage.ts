// Records every IAM check a local run made (function, action, resource, allowed) to a file of its
// own under the usage folder, for the least-privilege report (local/iam/report.ts).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Statement } from './policy';

export interface UsageEntry {
  fn: string;
  action: string;
  resource: string;
  allowed: boolean;
  calls: number;
  /** Conditions the evaluator could not decide on this call (see policy.ts). */
  unevaluated?: string[];
}

/**
 * One run's file: the roles it enforced (resolved to the local names, so the report compares like
 * with like) and every check it made.
 */
export interface UsageFile {
  /** Hash of the sources the template was synthesized from. */
  template: string;
  policies: Record<string, Statement[]>;
  entries: UsageEntry[];
}

export interface UsageRecorder {
  record(entry: Omit<UsageEntry, 'calls' | 'unevaluated'> & { unevaluated: string[] }): void;
  /** Writes what was recorded so far (also done a moment after each new entry). */
  flush(): void;
}

/** How long new entries wait before they are written (a burst of calls is one write). */
const FLUSH_AFTER_MS = 1_000;

export function usageRecorder(dir: string, roles: Omit<UsageFile, 'entries'>): UsageRecorder {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `usage-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.json`);
  const entries = new Map<string, UsageEntry>();
  // Written at once, so a run that makes no call still says which roles it enforced.
  let dirty = true;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const tmp = `${file}.tmp`;
    const content: UsageFile = { ...roles, entries: [...entries.values()] };
    writeFileSync(tmp, JSON.stringify(content));
    renameSync(tmp, file);
  };
  flush();
  return {
    record({ fn, action, resource, allowed, unevaluated }) {
      const key = `${fn}\n${action}\n${resource}\n${allowed}`;
      const entry = entries.get(key);
      if (entry) entry.calls++;
      else {
        entries.set(key, {
          fn,
          action,
          resource,
          allowed,
          calls: 1,
          ...(unevaluated.length && { unevaluated }),
        });
        dirty = true;
        timer ??= setTimeout(flush, FLUSH_AFTER_MS).unref();
      }
    },
    flush,
  };
}

/** When a usage file's run started (its name: `usage-<ms>-<pid>-<random>.json`). */
const startedAt = (name: string) => Number(name.split('-')[1]);

const namesIn = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Every run's file under `dir`, oldest first; with `since`, only runs started at or after it. */
export function readUsage(dir: string, since?: number): UsageFile[] {
  return namesIn(dir)
    .filter((n) => n.startsWith('usage-') && n.endsWith('.json'))
    .filter((n) => since === undefined || startedAt(n) >= since)
    .sort()
    .map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as UsageFile);
}

// ── one test run (npm test): reset at its start, each suite marks that it recorded here ──

const RUN_FILE = 'run.json';
const suiteFile = (suite: string) => `suite-${suite}.json`;

/** What one test run recorded: when it started, which suites ran, the usage of its stacks only. */
export interface TestRunUsage {
  /** Absent: the folder was not reset by a test run (its files may be of any older run). */
  startedAt?: number;
  suites: string[];
  files: UsageFile[];
}

/**
 * Starts a test run: removes every earlier run's files (so none can hide an unused grant) and notes
 * the start; a stack still writing from before is left out by its file's start time.
 */
export function resetUsage(dir: string, now = Date.now()): void {
  mkdirSync(dir, { recursive: true });
  for (const n of namesIn(dir))
    if (/^(usage-.*\.json(\.tmp)?|suite-.*\.json|run\.json)$/.test(n)) rmSync(join(dir, n), { force: true });
  writeFileSync(join(dir, RUN_FILE), JSON.stringify({ startedAt: now }));
}

/** A suite's global setup says it ran with enforcement on and recorded its calls here. */
export function markSuite(dir: string, suite: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, suiteFile(suite)), JSON.stringify({ suite, at: Date.now() }));
}

export function readTestRun(dir: string): TestRunUsage {
  let startedAt: number | undefined;
  try {
    startedAt = (JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as { startedAt: number }).startedAt;
  } catch {
    startedAt = undefined;
  }
  const suites = namesIn(dir)
    .filter((n) => n.startsWith('suite-') && n.endsWith('.json'))
    .map((n) => n.slice('suite-'.length, -'.json'.length))
    .sort();
  return { ...(startedAt !== undefined && { startedAt }), suites, files: readUsage(dir, startedAt) };
}
