// Global setup of the reliability project: a directory where each test file leaves its tally, and
// at the end the suite's one summary line. A file that started and never finished, or any failed
// check, makes the line say so and the run fail.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { defaultUsageDir, iamEnforced } from '../../local/iam';
import { markSuite } from '../../local/iam/usage';
import type { TallyFile } from './support/tally';

export default async function setup(project: TestProject) {
  // Each file's stack enforces the synthesized IAM roles (PORTICO_ENFORCE_IAM=0: off) and keeps its
  // checks where \`npm run iam:report\` reads them (the workers inherit this environment).
  process.env.PORTICO_IAM_USAGE_DIR ??= defaultUsageDir;
  // Every request part and response (fuzzed ones included) checked by zod and by its compiled check,
  // which must agree (decision 0056; the workers inherit this too).
  process.env.PORTICO_CHECKS_SHADOW ??= '1';
  const dir = await mkdtemp(join(tmpdir(), 'portico-rel-tally-'));
  project.provide('reliabilityTallyDir', dir);
  const started = Date.now();
  return async () => {
    const files: TallyFile[] = [];
    for (const name of await readdir(dir)) files.push(JSON.parse(await readFile(join(dir, name), 'utf8')));
    await rm(dir, { recursive: true, force: true });
    if (files.length === 0) return; // nothing of this project ran (filtered out)
    // npm test's least-privilege gate judges a run only when this suite's calls are in it.
    if (iamEnforced()) markSuite(process.env.PORTICO_IAM_USAGE_DIR!, 'reliability');
    const sum = (k: keyof Omit<TallyFile, 'file' | 'finished'>) => files.reduce((n, f) => n + f[k], 0);
    const unfinished = files.filter((f) => !f.finished).map((f) => f.file);
    const failures = sum('failures') + unfinished.length;
    const line = `reliability: routes=${sum('routes')} cells=${sum('cells')} fuzz=${sum('fuzz')} duplicates=${sum('duplicates')} faults=${sum('faults')} lists=${sum('lists')} races=${sum('races')} failures=${failures}`;
    process.stdout.write(
      `\n${line}\n(${files.length} files, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    if (failures > 0)
      throw new Error(
        `${line}${unfinished.length ? ` — files that did not finish: ${unfinished.join(', ')}` : ''}`,
      );
  };
}
