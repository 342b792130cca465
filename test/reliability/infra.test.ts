// Infrastructure, what test/cdk does not already cover: test/cdk/iam.test.ts checks the Portico
// functions' roles against their expected actions and test/cdk/nag.test.ts runs cdk-nag. This file
// checks EVERY IAM statement of the synthesized template (custom resources, service roles and
// resource policies included): no wildcard action, and no data action on Resource "*".
import { describe, expect, it } from 'vitest';
import { asArray, synthPortico } from '../cdk/app';
import { useTally } from './support/tally';

const tally = useTally('infra');
tally.ready();

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** Services whose actions touch client data (documents, the table, mail, events, queues). */
const DATA_SERVICES = /^(dynamodb|s3|sqs|sns|events|ses|kms|secretsmanager|ssm|lambda|states|pipes):/;
/** Data-plane actions IAM offers no resource-level permission for. */
const NO_RESOURCE_LEVEL = new Set(['dynamodb:ListStreams']);

function statements(template: {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}) {
  const out: { where: string; s: Statement }[] = [];
  for (const [id, r] of Object.entries(template.Resources)) {
    const p = r.Properties ?? {};
    const docs: unknown[] = [];
    if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') docs.push(p.PolicyDocument);
    if (r.Type === 'AWS::IAM::Role') {
      for (const pol of asArray(p.Policies as { PolicyDocument: unknown }[])) docs.push(pol.PolicyDocument);
    }
    if (/::(BucketPolicy|QueuePolicy|TopicPolicy)$/.test(r.Type)) docs.push(p.PolicyDocument);
    for (const d of docs)
      for (const s of asArray((d as { Statement?: Statement | Statement[] } | undefined)?.Statement))
        out.push({ where: `${id} (${r.Type})`, s });
  }
  return out;
}

describe('Reliability: infrastructure', () => {
  it('no IAM statement in the whole template allows a wildcard action, or a data action on every resource', () => {
    // Prepare
    const { template } = synthPortico();
    const json = template.toJSON() as Parameters<typeof statements>[0];
    // Act
    const all = statements(json);
    const problems: string[] = [];
    for (const { where, s } of all) {
      if (s.Effect !== 'Allow') continue; // Deny statements (e.g. TLS-only bucket policies) narrow access
      if (s.NotAction !== undefined || s.NotResource !== undefined)
        problems.push(`${where}: Allow with NotAction/NotResource`);
      const actions = asArray(s.Action);
      for (const a of actions)
        if (a === '*' || /:\*$/.test(a) || (a.includes('*') && DATA_SERVICES.test(a)))
          problems.push(`${where}: wildcard action ${a}`);
      const anyResource = asArray(s.Resource).includes('*');
      if (anyResource)
        for (const a of actions)
          if (DATA_SERVICES.test(a) && !NO_RESOURCE_LEVEL.has(a))
            problems.push(`${where}: ${a} on Resource "*"`);
      // A resource policy must name who it grants to, never everyone.
      if (s.Principal === '*' || JSON.stringify(s.Principal ?? '') === '{"AWS":"*"}')
        problems.push(`${where}: Allow to Principal "*"`);
    }
    tally.add('cells', all.length);
    tally.fail(problems.length);
    // Assess
    expect(all.length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});
