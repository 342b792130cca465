// Each test file's counts for the suite's summary line. A file writes its tally when it starts and
// when it ends; the global teardown (test/reliability/global-setup.ts) adds them up and prints the
// line. A failed check counts once; a failed test that recorded no failed check counts once too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityTallyDir: string;
  }
}

export interface Counts {
  routes: number;
  cells: number;
  fuzz: number;
  duplicates: number;
  faults: number;
  /** List routes whose edges (last page, one-item pages) were walked. */
  lists: number;
  /** Concurrency scenarios (parallel requests on the same counters). */
  races: number;
  failures: number;
}

export interface TallyFile extends Counts {
  file: string;
  finished: boolean;
}

export function useTally(file: string) {
  const counts: Counts = {
    routes: 0,
    cells: 0,
    fuzz: 0,
    duplicates: 0,
    faults: 0,
    lists: 0,
    races: 0,
    failures: 0,
  };
  const failedChecksByTest = new Map<string, number>();
  const dir = inject('reliabilityTallyDir');
  const write = (finished: boolean) => {
    if (!dir) return; // run outside the reliability project: nothing to add up
    const out: TallyFile = { file, finished, ...counts };
    writeFileSync(join(dir, `${file}.json`), JSON.stringify(out));
  };
  const failedTests = new Set<string>();
  let ready = false;
  beforeAll(() => write(false));
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(() => {
      failedTests.add(task.name);
    });
  });
  afterAll(() => {
    for (const t of failedTests)
      if (![...failedChecksByTest.keys()].some((n) => n.endsWith(t))) counts.failures++;
    // Fixtures that could not be built fail every test of the file: one failure, said once.
    if (!ready) counts.failures++;
    write(true);
  });
  return {
    counts,
    /** The file's fixtures are built (call at the end of its beforeAll). */
    ready() {
      ready = true;
    },
    add(what: Exclude<keyof Counts, 'failures'>, n = 1) {
      counts[what] += n;
    },
    /** Records failed checks (cells, fuzz cases, …) of the running test. */
    fail(n = 1) {
      if (n <= 0) return;
      counts.failures += n;
      const name = expect.getState().currentTestName ?? '?';
      failedChecksByTest.set(name, (failedChecksByTest.get(name) ?? 0) + n);
    },
  };
}
