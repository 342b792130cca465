// npm test's least-privilege gate (scripts/iam-report.ts --gate over local/iam/report.ts): one test
// run's usage only, a grant no call used fails it unless a reason explains it, and a run that cannot
// be judged says why instead of passing. Synthetic usage files; the script run as npm test runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExpectedUnused, leastPrivilegeGate } from '../../local/iam/report';
import { markSuite, readTestRun, resetUsage, type TestRunUsage, type UsageFile } from '../../local/iam/usage';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/portico';

/** One stack's file: the function may GetItem and PutItem; `calls` are what it used. */
const usage = (calls: string[]): UsageFile => ({
  template: 'T1',
  policies: {
    InboxRoutes: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: [TABLE] }],
  },
  entries: calls.map((action) => ({ fn: 'InboxRoutes', action, resource: TABLE, allowed: true, calls: 1 })),
});

const judged = (files: UsageFile[]): TestRunUsage => ({
  startedAt: 1,
  suites: ['integration', 'reliability'],
  files,
});

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-iam-gate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A stack's usage file as local/iam/usage.ts names it: `usage-<start ms>-<pid>-<random>.json`. */
const writeUsage = (dir: string, startedAt: number, file: UsageFile) =>
  writeFileSync(join(dir, `usage-${startedAt}-1-abc.json`), JSON.stringify(file));

describe('Module: least-privilege gate', () => {
  describe('leastPrivilegeGate', () => {
    it('fails on a grant no call used and names it', () => {
      // Act
      const verdict = leastPrivilegeGate(judged([usage(['dynamodb:GetItem'])]), []);

      // Assess
      expect(verdict.code).toBe(1);
      expect(verdict.text).toContain(`UNUSED    dynamodb:PutItem on ${TABLE}`);
      expect(verdict.text).not.toContain('UNUSED    dynamodb:GetItem');
      expect(verdict.text).toContain('iam gate: FAILED');
    });

    it('passes when the unused grant has a reason, and shows the reason', () => {
      // Prepare
      const expected: ExpectedUnused[] = [
        { action: 'dynamodb:PutItem', fn: 'InboxRoutes', reason: 'Only a job nobody runs locally puts.' },
      ];

      // Act
      const verdict = leastPrivilegeGate(judged([usage(['dynamodb:GetItem'])]), expected);

      // Assess
      expect(verdict.code).toBe(0);
      expect(verdict.text).toMatch(/passed — .* 1 a stated reason explains/);
    });

    it('passes when every grant was used', () => {
      // Act
      const verdict = leastPrivilegeGate(judged([usage(['dynamodb:GetItem', 'dynamodb:PutItem'])]), []);

      // Assess
      expect(verdict.code).toBe(0);
    });

    it.each([
      [
        'the folder was not reset by this run',
        { suites: ['integration', 'reliability'], files: [usage([])] },
        /not reset/,
      ],
      [
        'only the unit project ran',
        { startedAt: 1, suites: [], files: [] },
        /integration and reliability suites \(suites seen: none\)/,
      ],
      [
        'the reliability suite did not run',
        { startedAt: 1, suites: ['integration'], files: [usage([])] },
        /of the reliability suite/,
      ],
      [
        'enforcement was off',
        { startedAt: 1, suites: ['integration', 'reliability'], files: [] },
        /PORTICO_ENFORCE_IAM=0/,
      ],
    ] as const)('cannot judge when %s, and says so (exit 2)', (_case, run, why) => {
      // Act
      const verdict = leastPrivilegeGate({ ...run, suites: [...run.suites], files: [...run.files] }, []);

      // Assess
      expect(verdict.code).toBe(2);
      expect(verdict.text).toMatch(/cannot judge/);
      expect(verdict.text).toMatch(why);
    });
  });

  describe('one test run in the usage folder', () => {
    it('reset removes older runs, and a stack started before the reset is left out', () => {
      // Prepare: an older run used PutItem; a stack of that run keeps writing after the reset.
      const dir = scratch();
      writeUsage(dir, 1_000, usage(['dynamodb:PutItem']));
      markSuite(dir, 'integration');
      resetUsage(dir, 2_000);
      writeUsage(dir, 1_500, usage(['dynamodb:PutItem']));
      writeUsage(dir, 2_500, usage(['dynamodb:GetItem']));
      markSuite(dir, 'reliability');

      // Act
      const run = readTestRun(dir);

      // Assess
      expect(run.startedAt).toBe(2_000);
      expect(run.suites).toEqual(['reliability']);
      expect(run.files.map((f) => f.entries.map((e) => e.action))).toEqual([['dynamodb:GetItem']]);
      expect(readdirSync(dir).filter((n) => n.startsWith('usage-1000'))).toEqual([]);
    });
  });

  describe('npm run iam:gate', () => {
    const gate = async (dir: string) => {
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', 'scripts/iam-report.ts', '--gate', '--dir', dir],
          { cwd: join(import.meta.dirname, '../..') },
        );
        return { code: 0, out: stdout };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout + e.stderr };
      }
    };

    it('exits 1 listing an unused grant, 0 once every grant is used, 2 on a run without usage', async () => {
      // Prepare
      const unused = scratch();
      resetUsage(unused);
      markSuite(unused, 'integration');
      markSuite(unused, 'reliability');
      writeUsage(unused, Date.now() + 1, usage(['dynamodb:GetItem']));
      const used = scratch();
      resetUsage(used);
      markSuite(used, 'integration');
      markSuite(used, 'reliability');
      writeUsage(used, Date.now() + 1, usage(['dynamodb:GetItem', 'dynamodb:PutItem']));
      const unitOnly = scratch();
      resetUsage(unitOnly);

      // Act
      const [a, b, c] = await Promise.all([gate(unused), gate(used), gate(unitOnly)]);

      // Assess
      expect(a.code).toBe(1);
      expect(a.out).toContain(`UNUSED    dynamodb:PutItem on ${TABLE}`);
      expect(b.code).toBe(0);
      expect(c.code).toBe(2);
      expect(c.out).toContain('cannot judge');
    }, 30_000);
  });
});
