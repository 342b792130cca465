import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthPortico } from './app';

// cfn-lint knows every resource type's schema: it catches a property CloudFormation would refuse at
// deploy time, which no assertion here would. The machines have it; elsewhere the test says so.
const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const available = cfnLint.status === 0;
if (!available)
  console.warn('cfn-lint is not installed: the template lint is skipped (pip install cfn-lint)');

describe('Stack: Portico', () => {
  describe('cfn-lint', () => {
    it.skipIf(!available)('finds no error in the synthesized template', () => {
      // Prepare
      const dir = mkdtempSync(join(tmpdir(), 'portico-cfn-lint-'));
      const file = join(dir, 'Portico.template.json');
      writeFileSync(file, JSON.stringify(synthPortico().template.toJSON()));

      // Act
      const run = spawnSync('cfn-lint', ['--format', 'parseable', file], {
        encoding: 'utf8',
        timeout: 110_000,
      });

      // Assess: warnings (W…) are advice; errors (E…) would fail a deploy.
      const errors = run.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));
      expect(errors).toEqual([]);
      expect(run.error).toBeUndefined();
    });
  });
});
