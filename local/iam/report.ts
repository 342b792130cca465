// Least privilege, the other way round: the grants (action × resource of each Allow statement) that
// no recorded call of that function used, less those unused locally for a stated reason.
import { type Statement, wildcardMatch } from './policy';
import type { TestRunUsage, UsageFile } from './usage';

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
  // The two stream consumers: the outbox relay and the live channel's fan-out (lib/live.ts).
  ...['OutboxPublisher', 'LiveFanOut'].flatMap((fn) =>
    [
      'dynamodb:ListStreams',
      'dynamodb:DescribeStream',
      'dynamodb:GetShardIterator',
      'dynamodb:GetRecords',
    ].map((action) => ({
      action,
      fn,
      reason:
        "The event source mapping reads the table's stream with the role; locally the stream poller does.",
    })),
  ),
  {
    action: 'secretsmanager:GetSecretValue',
    resource: '*:secret:portico-cursor-secret',
    reason:
      'The cursor key: the local stack sets CURSOR_SECRET itself, so functions/wiring/secrets.ts reads nothing (AWS: once per container).',
  },
  {
    action: 'secretsmanager:PutSecretValue',
    resource: '*:secret:portico-vapid-keys',
    reason:
      'The VAPID key pair is generated and stored by whichever function needs it first (functions/secrets/vapid-keys.ts: the notify function or the web push routes); once stored every function finds it, so in one run at most one of them puts it.',
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

/** The suites whose calls together exercise every route and event (least privilege needs both). */
export const GATE_SUITES = ['integration', 'reliability'] as const;

export interface GateVerdict {
  /** 0: every grant used or explained; 1: an unexplained grant or a refused call; 2: cannot judge. */
  code: 0 | 1 | 2;
  text: string;
}

const HOW =
  'npm test (or: npm run iam:reset && vitest run --project integration --project reliability && npm run iam:gate)';

/**
 * `npm test`'s least-privilege gate over one test run's usage: it judges only when the run was reset
 * at its start and both suites recorded their calls, and says why not otherwise (a run of the unit
 * project alone records nothing: passing would claim what nobody checked).
 */
export function leastPrivilegeGate(
  run: TestRunUsage,
  expected: ExpectedUnused[] = expectedUnused,
): GateVerdict {
  if (run.startedAt === undefined)
    return {
      code: 2,
      text: `iam gate: cannot judge — the usage folder was not reset at the start of this run, so calls of older runs could hide an unused grant. Run ${HOW}.`,
    };
  const missing = GATE_SUITES.filter((s) => !run.suites.includes(s));
  if (missing.length > 0)
    return {
      code: 2,
      text: `iam gate: cannot judge — this run recorded no calls of the ${missing.join(' and ')} suite${missing.length > 1 ? 's' : ''} (suites seen: ${run.suites.join(', ') || 'none'}); a grant is judged unused only against every route and event the suites exercise. Run ${HOW}.`,
    };
  if (run.files.length === 0)
    return {
      code: 2,
      text: `iam gate: cannot judge — the suites ran but no local stack recorded a call (PORTICO_ENFORCE_IAM=0?). Run ${HOW} with enforcement on.`,
    };
  const report = leastPrivilege(run.files, expected);
  if (report.unexplained.length > 0 || report.denied.length > 0)
    return {
      code: 1,
      text: `${formatReport(report)}\niam gate: FAILED — remove each UNUSED grant from lib/ (table actions: groupTableGrants in lib/route-groups.ts, or the grant next to the function), or add it to expectedUnused in local/iam/report.ts with the reason local runs cannot use it; a REFUSED call needs its grant.`,
    };
  return {
    code: 0,
    text: `iam gate: passed — ${report.runs} local runs, ${report.calls} checked calls; every granted action was used, or is one of ${report.unused.length} a stated reason explains (npm run iam:report lists them).`,
  };
}
