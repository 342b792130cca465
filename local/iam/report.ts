// Least privilege, the other way round: the grants (action × resource of each Allow statement) that
// no recorded call of that function used, less those unused locally for a stated reason.
import { type Statement, wildcardMatch } from './policy';
import type { UsageFile } from './usage';

/** A grant that local runs cannot use, and why. `fn` and `resource` narrow it (wildcards allowed). */
export interface ExpectedUnused {
  action: string;
  fn?: string;
  resource?: string;
  reason: string;
}

export const expectedUnused: ExpectedUnused[] = [
  {
    action: 'logs:*',
    reason:
      "Lambda's runtime writes the function's logs with its role; the code never calls CloudWatch Logs.",
  },
  {
    action: 'xray:*',
    reason: 'Active tracing: the Lambda service sends the trace segments with the role, not the code.',
  },
  {
    action: 'sqs:*',
    reason:
      "Dead-letter queues and the stream's on-failure destination: the Lambda service sends failed events there with the role.",
  },
  ...[
    'dynamodb:ListStreams',
    'dynamodb:DescribeStream',
    'dynamodb:GetShardIterator',
    'dynamodb:GetRecords',
  ].map((action) => ({
    action,
    fn: 'OutboxPublisher',
    reason:
      "The event source mapping reads the table's stream with the role; locally the stream poller does.",
  })),
  // Only Query (and Scan) can address an index; the item actions there cannot be used by any code.
  ...[
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ].map((action) => ({
    action,
    resource: '*/index/*',
    reason:
      "CDK's table.grant names the table and its indexes for every action; an item action cannot address an index.",
  })),
  {
    action: 'secretsmanager:GetSecretValue',
    resource: '*:secret:portico-cursor-secret',
    reason:
      'The cursor key: the local stack sets CURSOR_SECRET itself, so functions/wiring/secrets.ts reads nothing (AWS: once per container).',
  },
  {
    action: 'ses:SendEmail',
    resource: '*:configuration-set/*',
    reason:
      'The local SES has no configuration set (no bounce feedback locally); AWS sends every mail through it.',
  },
  {
    action: 'ses:SendEmail',
    resource: '*:identity/*',
    reason:
      'Two identities are granted: the address and its domain (used when only the domain is verified); locally mail goes out as the address only.',
  },
];

export interface UnusedGrant {
  fn: string;
  action: string;
  resource: string;
  /** Set when the grant is on the expected list. */
  reason?: string;
}

export interface LeastPrivilegeReport {
  runs: number;
  calls: number;
  /** Refused calls seen in the runs (each one also failed its request). */
  denied: { fn: string; action: string; resource: string }[];
  unused: UnusedGrant[];
  /** Unused grants not on the expected list: each should be removed from lib/, or explained there. */
  unexplained: UnusedGrant[];
  /** Conditions the evaluator could not decide (see policy.ts), with the function that met them. */
  unevaluated: string[];
  /** Template hashes seen when runs enforced different templates (the newest one is reported on). */
  templates: string[];
}

const list = (v: string[] | undefined) => v ?? [];

export function leastPrivilege(
  files: UsageFile[],
  expected: ExpectedUnused[] = expectedUnused,
): LeastPrivilegeReport {
  const newest = files.at(-1);
  const runs = newest ? files.filter((f) => f.template === newest.template) : [];
  const entries = runs.flatMap((f) => f.entries);
  const used = entries.filter((e) => e.allowed);
  const unused: UnusedGrant[] = [];
  for (const [fn, statements] of Object.entries(newest?.policies ?? {})) {
    const calls = used.filter((e) => e.fn === fn);
    for (const s of statements as Statement[]) {
      if (s.Effect !== 'Allow') continue;
      for (const action of list(s.Action))
        for (const resource of list(s.Resource)) {
          const isUsed = calls.some(
            (c) => wildcardMatch(action, c.action, true) && wildcardMatch(resource, c.resource),
          );
          if (isUsed) continue;
          const known = expected.find(
            (x) =>
              wildcardMatch(x.action, action, true) &&
              (x.fn === undefined || wildcardMatch(x.fn, fn)) &&
              (x.resource === undefined || wildcardMatch(x.resource, resource)),
          );
          unused.push({ fn, action, resource, ...(known && { reason: known.reason }) });
        }
    }
  }
  const denied = [
    ...new Map(
      entries.filter((e) => !e.allowed).map((e) => [`${e.fn} ${e.action} ${e.resource}`, e] as const),
    ).values(),
  ].map(({ fn, action, resource }) => ({ fn, action, resource }));
  return {
    runs: runs.length,
    calls: entries.reduce((n, e) => n + e.calls, 0),
    denied,
    unused,
    unexplained: unused.filter((u) => !u.reason),
    unevaluated: [...new Set(entries.flatMap((e) => (e.unevaluated ?? []).map((u) => `${e.fn}: ${u}`)))],
    templates: [...new Set(files.map((f) => f.template))],
  };
}

/** The report as text: per function, what was refused and what was granted and never used. */
export function formatReport(report: LeastPrivilegeReport): string {
  const lines = [`IAM least privilege: ${report.runs} local runs, ${report.calls} checked calls`];
  if (report.templates.length > 1)
    lines.push(
      `  (runs of ${report.templates.length} different templates were found; only the newest is reported)`,
    );
  for (const d of report.denied) lines.push(`  REFUSED   ${d.fn}: ${d.action} on ${d.resource}`);
  const byFn = new Map<string, UnusedGrant[]>();
  for (const u of report.unused) byFn.set(u.fn, [...(byFn.get(u.fn) ?? []), u]);
  for (const [fn, grants] of [...byFn].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${fn}`);
    for (const g of grants)
      lines.push(
        `    ${g.reason ? 'expected ' : 'UNUSED   '} ${g.action} on ${g.resource}${g.reason ? ` (${g.reason})` : ''}`,
      );
  }
  for (const u of report.unevaluated) lines.push(`  condition not evaluated (treated conservatively): ${u}`);
  lines.push(
    `${report.unexplained.length} granted actions no call used and no reason explains; ${report.denied.length} refused calls`,
  );
  return lines.join('\n');
}
