// Records every IAM check a local run made (function, action, resource, allowed) to a file of its
// own under the usage folder, for the least-privilege report (local/iam/report.ts).
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface UsageEntry {
  fn: string;
  action: string;
  resource: string;
  allowed: boolean;
  calls: number;
  /** Conditions the evaluator could not decide on this call (see policy.ts). */
  unevaluated?: string[];
}

export interface UsageRecorder {
  record(entry: Omit<UsageEntry, 'calls' | 'unevaluated'> & { unevaluated: string[] }): void;
  /** Writes what was recorded so far (also done a moment after each new entry). */
  flush(): void;
}

/** How long new entries wait before they are written (a burst of calls is one write). */
const FLUSH_AFTER_MS = 1_000;

export function usageRecorder(dir: string): UsageRecorder {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `usage-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.json`);
  const entries = new Map<string, UsageEntry>();
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify([...entries.values()]));
    renameSync(tmp, file);
  };
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

/** Every entry recorded under `dir` (all runs that wrote there). */
export function readUsage(dir: string): UsageEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith('usage-') && n.endsWith('.json'));
  } catch {
    return [];
  }
  return names.flatMap((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as UsageEntry[]);
}
