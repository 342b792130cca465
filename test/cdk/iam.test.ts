import { describe, expect, it } from 'vitest';
import type { RouteGroup } from '../../functions/http/route';
import { digestsTableGrant } from '../../lib/digests';
import { type PorticoFunction, TABLE, type TableGrant } from '../../lib/function';
import { eventTargetTableGrants } from '../../lib/portico-stack';
import { remindersTableGrant } from '../../lib/reminders';
import { groupTableGrants } from '../../lib/route-groups';

import { asArray, type CfnResourceJson, logicalId, synthPortico } from './app';

// Prepare (shared)
const { stack, template } = synthPortico();
const resources = (type: string) => template.findResources(type) as Record<string, CfnResourceJson>;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** Every statement that applies to a function's role: attached policies, inline policies. */
function statementsOf(fn: PorticoFunction): Statement[] {
  const fnProps = resources('AWS::Lambda::Function')[logicalId(fn.lambda)]!.Properties;
  const roleId = (fnProps.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const role = resources('AWS::IAM::Role')[roleId]!.Properties;
  expect(role.ManagedPolicyArns ?? []).toEqual([]);
  const inline = asArray(role.Policies as { PolicyDocument: { Statement: Statement[] } }[]);
  const attached = Object.values(resources('AWS::IAM::Policy')).filter((p) =>
    asArray(p.Properties.Roles as unknown[]).some(
      (r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId }),
    ),
  );
  return [...inline, ...attached.map((p) => p.Properties)].flatMap((p) =>
    asArray((p as { PolicyDocument: { Statement: Statement[] } }).PolicyDocument.Statement),
  );
}

const actionsOf = (statements: Statement[]) =>
  [...new Set(statements.flatMap((s) => asArray(s.Action)))].sort();

// Expected permissions, written out by hand: a change in lib/ that widens a grant must change this too.
const logsAndTracing = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];
/** Every item action a function may get on the table: no Scan, no DescribeTable, nothing else. */
const tableItemActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];
/**
 * The table actions of a function: as declared next to it (lib/route-groups.ts groupTableGrants,
 * and the event and scheduled functions' grants), which `npm test`'s least-privilege report tunes
 * against the calls made; this file checks that the role is exactly the declaration.
 */
const tableActionsOf = (grant: TableGrant) => [
  ...new Set([...grant.actions, ...(grant.indexQueries ? ['dynamodb:Query'] : [])]),
];
/** Every route group: logs, tracing and the cursor key, then its own table actions. */
const routeGroupBase = [...logsAndTracing, 'secretsmanager:GetSecretValue'];
/** Groups that need more than that (a new group without an entry here must get exactly the base). */
const routeGroupExtra: Partial<Record<RouteGroup, string[]>> = {
  documents: ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject'],
  // Opening an invitation finds or creates the client's login in the contact pool.
  access: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'],
  // A contact's removal signs its login out and disables it; its erasure deletes it (decision 0042).
  cases: [
    'cognito-idp:AdminDeleteUser',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminUserGlobalSignOut',
  ],
  // Staff accounts in the staff pool.
  staff: [
    'cognito-idp:AdminCreateUser',
    'cognito-idp:AdminDisableUser',
    'cognito-idp:AdminEnableUser',
    'cognito-idp:AdminGetUser',
    'cognito-idp:AdminUpdateUserAttributes',
    'cognito-idp:AdminUserGlobalSignOut',
  ],
  // Reads the VAPID key pair, or stores it first (GetSecretValue is in the base for the cursor key).
  notifications: ['secretsmanager:PutSecretValue'],
};
const expected = {
  publisher: [
    ...logsAndTracing,
    'dynamodb:ListStreams',
    'dynamodb:DescribeStream',
    'dynamodb:GetRecords',
    'dynamodb:GetShardIterator',
    'events:PutEvents',
    'sqs:SendMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
  ],
  // events:PutEvents: mail SES throttled puts its event back on the bus (decision 0022).
  notify: [
    ...logsAndTracing,
    ...tableActionsOf(eventTargetTableGrants.notify),
    'ses:SendEmail',
    'events:PutEvents',
    'sqs:SendMessage',
    'secretsmanager:GetSecretValue',
    'secretsmanager:PutSecretValue',
  ],
  ingest: [
    ...logsAndTracing,
    ...tableActionsOf(eventTargetTableGrants.ingest),
    's3:GetObject',
    's3:PutObjectTagging',
    's3:DeleteObject',
    'sqs:SendMessage',
  ],
  // The run purges the trash that fell due too: tag then delete each purged document's objects.
  reminders: [
    ...logsAndTracing,
    ...tableActionsOf(remindersTableGrant),
    's3:PutObjectTagging',
    's3:DeleteObject',
    'sqs:SendMessage',
  ],
  // Cognito invokes it (a resource policy, not a role grant); it calls nothing itself.
  identityMail: [...logsAndTracing],
  digests: [...logsAndTracing, ...tableActionsOf(digestsTableGrant), 'ses:SendEmail', 'sqs:SendMessage'],
};
/** Actions IAM offers no resource-level permission for: the only ones allowed on Resource "*". */
const anyResourceAllowed = ['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

const allFunctions = (): [string, PorticoFunction][] => [
  ...[...stack.groupFunctions].map(([g, fn]) => [`route group ${g}`, fn] as [string, PorticoFunction]),
  ['publisher', stack.outbox.publisher],
  ['notify', stack.eventTargets.notify],
  ['ingest', stack.eventTargets.ingest],
  ['reminders', stack.reminders.function],
  ['digests', stack.digests.function],
  ['identity mail', stack.identity.mailFunction],
];

describe('Stack: Portico', () => {
  describe('IAM', () => {
    it.each([...stack.groupFunctions])('route group %s gets exactly its expected actions', (group, fn) => {
      // Act
      const actions = actionsOf(statementsOf(fn));

      // Assess
      expect(actions).toEqual(
        [
          ...routeGroupBase,
          ...tableActionsOf(groupTableGrants[group]),
          ...(routeGroupExtra[group] ?? []),
        ].sort(),
      );
    });

    it.each([
      ['publisher', () => stack.outbox.publisher, expected.publisher],
      ['notify', () => stack.eventTargets.notify, expected.notify],
      ['ingest', () => stack.eventTargets.ingest, expected.ingest],
      ['reminders', () => stack.reminders.function, expected.reminders],
      ['digests', () => stack.digests.function, expected.digests],
      ['identity mail', () => stack.identity.mailFunction, expected.identityMail],
    ] as const)('%s gets exactly its expected actions', (_name, fnOf, expectedActions) => {
      // Act
      const actions = actionsOf(statementsOf(fnOf()));

      // Assess
      expect(actions).toEqual([...expectedActions].sort());
    });

    it.each(allFunctions())(
      '%s: only Allow, no wildcard actions, Resource "*" only where IAM offers nothing narrower',
      (_name, fn) => {
        // Act
        const statements = statementsOf(fn);

        // Assess
        for (const s of statements) {
          expect(s.Effect).toBe('Allow');
          for (const action of asArray(s.Action)) expect(action).not.toContain('*');
          if (asArray(s.Resource).includes('*')) {
            for (const action of asArray(s.Action)) expect(anyResourceAllowed).toContain(action);
          }
        }
      },
    );

    it('declares table grants of item actions only', () => {
      // Assess: the short names lib/ uses are exactly the pinned item actions.
      expect(Object.values(TABLE).sort()).toEqual([...tableItemActions].sort());
    });

    it.each([
      ...[...stack.groupFunctions].map(
        ([g, fn]) => [`route group ${g}`, () => fn, groupTableGrants[g]] as const,
      ),
      ['notify', () => stack.eventTargets.notify, eventTargetTableGrants.notify] as const,
      ['ingest', () => stack.eventTargets.ingest, eventTargetTableGrants.ingest] as const,
      ['reminders', () => stack.reminders.function, remindersTableGrant] as const,
      ['digests', () => stack.digests.function, digestsTableGrant] as const,
    ])(
      '%s: its declared item actions on the table itself, Query on the indexes only where declared',
      (_name, fnOf, grant) => {
        // Prepare
        const tableArn = { 'Fn::GetAtt': [logicalId(stack.table), 'Arn'] };
        const indexArn = { 'Fn::Join': ['', [tableArn, '/index/*']] };
        const pair = (action: string, resource: unknown) => `${action} on ${JSON.stringify(resource)}`;

        // Act: every (action, resource) the role allows on the table
        const granted = statementsOf(fnOf())
          .flatMap((s) =>
            asArray(s.Action)
              .filter((a) => tableItemActions.includes(a))
              .flatMap((a) => asArray(s.Resource).map((r) => pair(a, r))),
          )
          .sort();

        // Assess
        expect(granted).toEqual(
          [
            ...grant.actions.map((a) => pair(a, tableArn)),
            ...(grant.indexQueries ? [pair('dynamodb:Query', indexArn)] : []),
          ].sort(),
        );
      },
    );

    it('lets ingest touch only objects of the upload bucket', () => {
      // Act
      const s3 = statementsOf(stack.eventTargets.ingest).filter((s) =>
        asArray(s.Action).some((a) => a.startsWith('s3:')),
      );

      // Assess
      expect(s3).toHaveLength(1);
      expect(s3[0]!.Resource).toEqual({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack.uploads.bucket), 'Arn'] }, '/*']],
      });
    });

    it('lets the publisher put events on the domain bus only', () => {
      // Act
      const events = statementsOf(stack.outbox.publisher).filter((s) =>
        asArray(s.Action).includes('events:PutEvents'),
      );

      // Assess
      expect(events).toHaveLength(1);
      expect(events[0]!.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stack.bus), 'Arn'] });
    });

    it('lets the access routes manage logins of the contact pool only, and tells them which pool', () => {
      // Act
      const access = stack.groupFunctions.get('access')!;
      const cognito = statementsOf(access).filter((s) =>
        asArray(s.Action).some((a) => a.startsWith('cognito-idp:')),
      );
      const env = (
        resources('AWS::Lambda::Function')[logicalId(access.lambda)]!.Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;

      // Assess
      expect(cognito).toHaveLength(1);
      expect(cognito[0]!.Resource).toEqual({ 'Fn::GetAtt': [logicalId(stack.identity.contactPool), 'Arn'] });
      expect(env.CONTACT_USER_POOL_ID).toEqual({ Ref: logicalId(stack.identity.contactPool) });
    });

    it.each([
      ['notify', () => stack.eventTargets.notify],
      ['digests', () => stack.digests.function],
    ] as const)('lets %s send mail only from the sender address, through its SES identity', (_name, fnOf) => {
      // Act
      const ses = statementsOf(fnOf()).filter((s) => asArray(s.Action).includes('ses:SendEmail'));

      // Assess
      expect(ses).toHaveLength(1);
      expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@example.com' } });
      const resources = JSON.stringify(ses[0]!.Resource);
      expect(resources).toContain(':identity/no-reply@example.com');
      expect(resources).toContain(':identity/example.com');
      // SES authorizes the configuration set too: without it every send would be AccessDenied.
      expect(resources).toContain(':configuration-set/');
      expect(resources).toContain(logicalId(stack.mail.configurationSet));
    });

    it('scopes Cognito actions to one pool each: access and cases → the contact pool, staff → the staff pool, nobody else → any', () => {
      // Act
      const cognitoStatements = allFunctions().flatMap(([name, fn]) =>
        statementsOf(fn)
          .filter((s) => asArray(s.Action).some((a) => a.startsWith('cognito-idp:')))
          .map((s) => [name, s] as const),
      );
      const byName = new Map(cognitoStatements);

      // Assess
      expect(cognitoStatements.map(([name]) => name).sort()).toEqual([
        'route group access',
        'route group cases',
        'route group staff',
      ]);
      expect(byName.get('route group access')!.Resource).toEqual({
        'Fn::GetAtt': [logicalId(stack.identity.contactPool), 'Arn'],
      });
      // A contact's removal signs its portal login out and disables it; its erasure deletes it (decision 0042).
      expect(byName.get('route group cases')!.Resource).toEqual({
        'Fn::GetAtt': [logicalId(stack.identity.contactPool), 'Arn'],
      });
      expect(asArray(byName.get('route group cases')!.Action).sort()).toEqual([
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminUserGlobalSignOut',
      ]);
      expect(byName.get('route group staff')!.Resource).toEqual({
        'Fn::GetAtt': [logicalId(stack.identity.staffPool), 'Arn'],
      });
    });
  });
});
