import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { porticoApp } from './app';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Every `Validations.of(x).acknowledge()` in the app, with the construct it was made on. */
function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''), // as cdk-nag reads them
          reason,
        })),
      ),
  );
}

interface ReportJson {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

// Prepare (shared): synthesize once, as bin/portico.ts does, but writing the validation report
// instead of failing synthesis, so the test can show every finding.
const { app } = porticoApp({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
const assembly = app.synth();

describe('Stack: Portico', () => {
  describe('cdk-nag AwsSolutions', () => {
    it('reports no unacknowledged finding (and CloudFormation validation none either)', () => {
      // Act
      const report = JSON.parse(
        readFileSync(path.join(assembly.directory, 'validation-report.json'), 'utf8'),
      ) as ReportJson;

      // Assess
      const findings = report.pluginReports.flatMap((p) =>
        p.violations.map(
          (v) =>
            `${v.severity} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`,
        ),
      );
      expect(findings).toEqual([]);
    });

    it('acknowledges only findings that exist, each with a written reason', () => {
      // Prepare: record which acknowledgement silenced which finding. cdk-nag 3 keeps this check
      // private, so the test wraps it; if it is renamed, this test fails loudly rather than passing.
      const pack = new AwsSolutionsChecks();
      type AckCheck = (resource: IConstruct, ruleId: string) => boolean;
      const internals = pack as unknown as { isAcknowledged: AckCheck };
      const original = internals.isAcknowledged;
      expect(typeof original).toBe('function');
      const all = acknowledgements(app);
      const used = new Set<string>();
      internals.isAcknowledged = function (this: unknown, resource, ruleId) {
        const acknowledged = original.call(this, resource, ruleId);
        for (let c: IConstruct | undefined = resource; acknowledged && c; c = c.node.scope) {
          if (all.some((a) => a.path === c!.node.path && a.id === ruleId)) {
            used.add(`${c.node.path} ${ruleId}`);
            break;
          }
        }
        return acknowledged;
      };

      // Act
      const result = pack.validateScope(app);

      // Assess
      expect(result.violations).toEqual([]);
      expect(all.length).toBeGreaterThan(0);
      for (const a of all) expect(a.reason.length, `${a.path} ${a.id}`).toBeGreaterThanOrEqual(30);
      const unused = all.map((a) => `${a.path} ${a.id}`).filter((key) => !used.has(key));
      expect(unused).toEqual([]);
    });
  });
});
