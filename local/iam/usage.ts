// Records every IAM check a local run made (function, action, resource, allowed) to a file of its
// own under the usage folder, for the least-privilege report (local/iam/report.ts).
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** Every run's file under `dir`, oldest first. */
export function readUsage(dir: string): UsageFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith('usage-') && n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.sort().map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as UsageFile);
}
