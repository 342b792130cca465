import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { alarmThresholds } from '../../lib/operations';
import { DEAD_LETTER_RETENTION_DAYS } from '../../lib/queues';
import { NONCURRENT_DAYS, PENDING_DAYS, PENDING_NONCURRENT_DAYS } from '../../lib/uploads';
import { type CfnResourceJson, logicalId, porticoApp, ref, synthPortico } from './app';

// Prepare (shared): one synthesis without bundling serves every assertion below.
const { stack, template } = synthPortico();
const resources = (type: string) => template.findResources(type) as Record<string, CfnResourceJson>;
const alarms = Object.values(resources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const topicRef = ref(stack.operations.topic);

/** The alarms whose metric has this dimension pointing at the resource (Ref or GetAtt). */
const alarmsOn = (dimension: string, resourceId: string) =>
  alarms.filter((a) =>
    ((a.Dimensions as { Name: string; Value: unknown }[] | undefined) ?? []).some(
      (d) => d.Name === dimension && JSON.stringify(d.Value).includes(`"${resourceId}"`),
    ),
  );

describe('Stack: Portico', () => {
  describe('operations', () => {
    it('has one encrypted, TLS-only alarm topic that every alarm notifies', () => {
      // Assess
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      expect(alarms.length).toBeGreaterThan(0);
      for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([topicRef]);
    });

    it('alarms on every dead-letter queue holding any message', () => {
      // Prepare
      const queues = Object.keys(resources('AWS::SQS::Queue'));

      // Assess
      expect(queues.length).toBe(5); // notify, ingest, stream relay, reminders, digests
      for (const queue of queues) {
        const depth = alarmsOn('QueueName', queue).filter(
          (a) => a.MetricName === 'ApproximateNumberOfMessagesVisible',
        );
        expect(depth, queue).toHaveLength(1);
        expect(depth[0]).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      }
    });

    it('alarms on errors and throttles of every Portico function', () => {
      // Prepare
      const functions = Object.entries(resources('AWS::Lambda::Function'))
        .filter(([, fn]) => JSON.stringify(fn.Properties.Description ?? '').length > 2)
        .filter(([id]) => !id.startsWith('BucketNotificationsHandler'))
        .map(([id]) => id);

      // Assess
      expect(functions.length).toBe(19); // 12 + the staff accounts, settings, templates and activity routes + the Cognito mail trigger + the live channel's two
      for (const fn of functions) {
        const metrics = alarmsOn('FunctionName', fn).map((a) => a.MetricName);
        expect(metrics.sort(), fn).toEqual(expect.arrayContaining(['Errors', 'Throttles']));
      }
    });

    it('alarms on the stream relay lag, the API 5xx rate and p99 latency, and SES reputation', () => {
      // Prepare
      const publisher = logicalId(stack.outbox.publisher.lambda);
      const apiId = logicalId(stack.api.httpApi);

      // Assess
      expect(alarmsOn('FunctionName', publisher).find((a) => a.MetricName === 'IteratorAge')).toMatchObject({
        Threshold: alarmThresholds.iteratorAgeMs,
        Statistic: 'Maximum',
      });
      const rate = alarms.find((a) =>
        ((a.Metrics as { Expression?: string }[] | undefined) ?? []).some((m) =>
          m.Expression?.includes('errors'),
        ),
      );
      expect(rate).toMatchObject({ Threshold: alarmThresholds.api5xxPercent });
      expect(JSON.stringify(rate?.Metrics)).toContain(apiId);
      expect(JSON.stringify(rate?.Metrics)).toContain('"5xx"');
      expect(alarmsOn('ApiId', apiId).find((a) => a.MetricName === 'Latency')).toMatchObject({
        ExtendedStatistic: 'p99',
        Threshold: alarmThresholds.apiP99Ms,
      });
      for (const metric of ['Reputation.BounceRate', 'Reputation.ComplaintRate'])
        expect(
          alarms.find((a) => a.Namespace === 'AWS/SES' && a.MetricName === metric),
          metric,
        ).toBeDefined();
    });

    it('has one dashboard named after the stack', () => {
      // Assess
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      template.hasResourceProperties('AWS::CloudWatch::Dashboard', {
        DashboardName: 'Portico-dev-operations',
      });
    });

    it('subscribes the alarmEmail to the topic only when it is set', () => {
      // Act
      const { stack: withEmail } = porticoApp({ context: { alarmEmail: 'ops@firm.example' } });

      // Assess
      template.resourceCountIs('AWS::SNS::Subscription', 0);
      Template.fromStack(withEmail).hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@firm.example',
      });
      expect(() => porticoApp({ context: { alarmEmail: 'nope' } })).toThrow(/alarmEmail/);
    });
  });

  describe('sending rate', () => {
    it("reserves notify's concurrency only when notifyConcurrency is set, and refuses a value that is not a whole number", () => {
      // Assess: by default no reservation (it is taken from the account's pool and can fail a deploy)
      const notifyId = logicalId(stack.eventTargets.notify.lambda);
      expect(template.toJSON().Resources[notifyId].Properties.ReservedConcurrentExecutions).toBeUndefined();

      // Act
      const { stack: capped } = porticoApp({ context: { notifyConcurrency: '4' } });
      const { stack: fromJson } = porticoApp({ context: { notifyConcurrency: 7 } });

      // Assess
      Template.fromStack(capped).hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('^Domain events to notification policy'),
        ReservedConcurrentExecutions: 4,
      });
      Template.fromStack(fromJson).hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('^Domain events to notification policy'),
        ReservedConcurrentExecutions: 7,
      });
      // Only notify is capped.
      const reserved = Object.values(
        Template.fromStack(capped).findResources('AWS::Lambda::Function') as Record<string, CfnResourceJson>,
      ).filter((f) => f.Properties.ReservedConcurrentExecutions !== undefined);
      expect(reserved).toHaveLength(1);
      for (const bad of ['0', '2.5', 'many', '5000'])
        expect(() => porticoApp({ context: { notifyConcurrency: bad } })).toThrow(/notifyConcurrency/);
    });
  });

  describe('documents are kept', () => {
    it('versions the upload bucket and expires replaced or deleted versions after the stated days', () => {
      // Assess
      template.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_DAYS },
              ExpiredObjectDeleteMarker: true,
              Status: 'Enabled',
            }),
          ]),
        },
      });
      expect(
        template.toJSON().Resources[logicalId(stack.uploads.bucket)].Properties.VersioningConfiguration,
      ).toEqual({
        Status: 'Enabled',
      });
    });

    it('expires objects still tagged pending (never recorded as documents) only after their event can no longer be redriven', () => {
      // Assess
      template.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            {
              Id: 'ExpireUnrecordedUploads',
              TagFilters: [{ Key: 'portico-state', Value: 'pending' }],
              ExpirationInDays: PENDING_DAYS,
              NoncurrentVersionExpiration: { NoncurrentDays: PENDING_NONCURRENT_DAYS },
              Status: 'Enabled',
            },
          ]),
        },
      });
      // The DLQ keeps a failed ingest event this long; EventBridge and Lambda retry it for up to 30 h first.
      expect(PENDING_DAYS).toBeGreaterThan(DEAD_LETTER_RETENTION_DAYS + 30 / 24);
      // Only objects a state tag marks as not (pending) or no longer (purged, decision 0038) a
      // document may expire while current: a recorded document's object is kept.
      const rules = template.toJSON().Resources[logicalId(stack.uploads.bucket)].Properties
        .LifecycleConfiguration.Rules as { Id: string; ExpirationInDays?: number; TagFilters?: unknown }[];
      expect(rules.filter((r) => r.ExpirationInDays !== undefined).map((r) => [r.Id, r.TagFilters])).toEqual([
        ['ExpireUnrecordedUploads', [{ Key: 'portico-state', Value: 'pending' }]],
        ['ExpirePurgedDocuments', [{ Key: 'portico-state', Value: 'purged' }]],
      ]);
    });
  });

  describe('safe deploys', () => {
    it('refuses the placeholder sender, origins and URLs unless the synth is local, naming each', () => {
      // Act + Assess
      expect(() => porticoApp({ context: { local: false } })).toThrow(
        /placeholder settings: senderEmail, portalOrigins, portalUrl, appUrl not set/,
      );
      expect(() => porticoApp({ context: { local: false, senderEmail: 'portal@firm.example' } })).toThrow(
        /placeholder settings: portalOrigins, portalUrl, appUrl not set/,
      );
      const { stack: real } = porticoApp({
        context: {
          local: false,
          senderEmail: 'portal@firm.example',
          portalOrigins: 'https://portal.firm.example',
          portalUrl: 'https://portal.firm.example',
          appUrl: 'https://portal.firm.example/app',
          stage: 'prod',
        },
      });
      expect(real.stackName).toBe('Portico-prod');
    });

    it('keeps every secret out of every function environment: ARNs and read grants only', () => {
      // Prepare
      const functions = Object.entries(resources('AWS::Lambda::Function'));

      // Act
      const variables = functions.flatMap(([id, fn]) =>
        Object.entries(
          (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
        ).map(([name, value]) => ({ id, name, value: JSON.stringify(value) })),
      );

      // Assess
      expect(variables.length).toBeGreaterThan(0);
      for (const v of variables) {
        expect(v.value, `${v.id} ${v.name}`).not.toContain('resolve:secretsmanager');
        expect(v.value, `${v.id} ${v.name}`).not.toContain('resolve:ssm-secure');
        if (/SECRET|PRIVATE|PASSWORD|TOKEN/.test(v.name)) expect(v.name, v.id).toMatch(/_ARN$/);
      }
    });

    it('refuses a stage name that cannot name resources', () => {
      // Act + Assess
      expect(() => porticoApp({ context: { stage: 'Prod_1' } })).toThrow(/context stage/);
    });

    it('tags every taggable resource with the app and the stage for cost allocation', () => {
      // Prepare
      const tagged = ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Lambda::Function', 'AWS::SQS::Queue'];

      // Assess
      for (const type of tagged)
        for (const [id, resource] of Object.entries(resources(type))) {
          const tags = (resource.Properties.Tags ?? []) as { Key: string; Value: string }[];
          expect(tags, `${type} ${id}`).toEqual(
            expect.arrayContaining([
              { Key: 'portico:app', Value: 'portico' },
              { Key: 'portico:stage', Value: 'dev' },
            ]),
          );
        }
    });
  });
});
