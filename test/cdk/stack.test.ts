import { Match, Template } from 'aws-cdk-lib/assertions';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { DIGEST_LEASE_MS } from '../../functions/domain/digests';
import { busRules } from '../../functions/events/rules';
import { routeKey } from '../../functions/http/route';
import { routeEntries, routeGroups } from '../../functions/http/routes';
import { toCdkPattern } from '../../lib/event-rules';
import { arnOf, type CfnResourceJson, logicalId, porticoApp, ref, synthPortico } from './app';

// Prepare (shared): one synthesis without bundling serves every assertion below.
const { stack, template } = synthPortico();
const resources = (type: string) => template.findResources(type) as Record<string, CfnResourceJson>;

describe('Stack: Portico', () => {
  describe('table', () => {
    it('has PK/SK string keys, GSI1 and GSI2, TTL on expiresAt, PITR, a stream, on-demand billing', () => {
      // Prepare
      const key = (name: string, type: 'HASH' | 'RANGE') => ({ AttributeName: name, KeyType: type });

      // Act
      const tables = resources('AWS::DynamoDB::Table');

      // Assess
      expect(Object.keys(tables)).toHaveLength(1);
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
          KeySchema: [key('PK', 'HASH'), key('SK', 'RANGE')],
          AttributeDefinitions: Match.arrayWith(
            ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'].map((n) => ({
              AttributeName: n,
              AttributeType: 'S',
            })),
          ),
          GlobalSecondaryIndexes: [
            {
              IndexName: 'GSI1',
              KeySchema: [key('GSI1PK', 'HASH'), key('GSI1SK', 'RANGE')],
              Projection: { ProjectionType: 'ALL' },
            },
            {
              IndexName: 'GSI2',
              KeySchema: [key('GSI2PK', 'HASH'), key('GSI2SK', 'RANGE')],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
          TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
          BillingMode: 'PAY_PER_REQUEST',
          DeletionProtectionEnabled: true,
        },
      });
    });
  });

  describe('upload bucket', () => {
    it('blocks public access, encrypts, sends events to EventBridge, expires incomplete uploads, allows the portal origins', () => {
      // Act
      const bucket = stack.uploads.bucket;

      // Assess
      template.hasResource('AWS::S3::Bucket', {
        DeletionPolicy: 'Retain',
        Properties: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          LifecycleConfiguration: {
            Rules: Match.arrayWith([
              Match.objectLike({
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
                Status: 'Enabled',
              }),
              // Documents purged from the trash: what S3 keeps of them goes within a day (decision 0038).
              Match.objectLike({
                Id: 'ExpirePurgedDocuments',
                TagFilters: [{ Key: 'portico-state', Value: 'purged' }],
                NoncurrentVersionExpiration: { NoncurrentDays: 1 },
                Status: 'Enabled',
              }),
            ]),
          },
          CorsConfiguration: {
            CorsRules: [
              Match.objectLike({
                AllowedMethods: ['POST', 'GET', 'HEAD'],
                AllowedOrigins: ['http://localhost:5173'],
              }),
            ],
          },
          LoggingConfiguration: { DestinationBucketName: ref(stack.uploads.accessLogs) },
        },
      });
      // eventBridgeEnabled is applied by the CDK's notifications custom resource.
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: ref(bucket),
        NotificationConfiguration: { EventBridgeConfiguration: {} },
      });
    });

    it.each([
      ['upload bucket', () => stack.uploads.bucket],
      ['access log bucket', () => stack.uploads.accessLogs],
    ])('the %s denies requests without TLS', (_name, bucketOf) => {
      // Act
      const bucket = bucketOf();

      // Assess
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: ref(bucket),
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });
  });

  describe('domain event bus', () => {
    it('is a custom bus named after the stack, which is named after the stage', () => {
      // Act
      const { stack: prod } = porticoApp({ context: { stage: 'prod' } });

      // Assess
      template.resourceCountIs('AWS::Events::EventBus', 1);
      template.hasResourceProperties('AWS::Events::EventBus', { Name: 'Portico-dev-domain' });
      expect(prod.stackName).toBe('Portico-prod');
      Template.fromStack(prod).hasResourceProperties('AWS::Events::EventBus', {
        Name: 'Portico-prod-domain',
      });
    });
  });

  // The user pools, clients and authorizers: test/cdk/identity.test.ts.
  describe('HTTP API', () => {
    it('answers CORS preflight for the portal origins and logs access as JSON with throttling', () => {
      // Assess
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({
          AllowOrigins: ['http://localhost:5173'],
          AllowHeaders: Match.arrayWith(['authorization', 'content-type']),
        }),
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: {
          DestinationArn: Match.anyValue(),
          Format: Match.stringLikeRegexp('"requestId"'),
        },
        DefaultRouteSettings: {
          ThrottlingBurstLimit: Match.anyValue(),
          ThrottlingRateLimit: Match.anyValue(),
        },
      });
    });

    it('throttles each route the route table marks expensive, below the stage, and no other', () => {
      // Prepare
      const stage = Object.values(resources('AWS::ApiGatewayV2::Stage'))[0]!.Properties;
      const stageRate = (stage.DefaultRouteSettings as { ThrottlingRateLimit: number }).ThrottlingRateLimit;
      const marked = routeEntries().filter(([, r]) => r.throttle);

      // Act
      const settings = stage.RouteSettings as Record<
        string,
        { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
      >;

      // Assess: mail-sending, upload-signing, fan-out and token-accepting routes, exactly those.
      expect(marked.map(([id]) => id).sort()).toEqual(
        [
          'acceptInvitation',
          'createFileRequest',
          'createPortalUpload',
          'createUpload',
          'openInvitation',
          'publishDiscussion',
          'publishDocument',
          'putDocumentShares',
          'putGrant',
          'resendInvitation',
          'inviteStaff',
          'resendThreadTasks',
        ].sort(),
      );
      expect(Object.keys(settings).sort()).toEqual(marked.map(([, r]) => routeKey(r)).sort());
      for (const [, route] of marked) {
        expect(settings[routeKey(route)]).toEqual({
          ThrottlingRateLimit: route.throttle!.rate,
          ThrottlingBurstLimit: route.throttle!.burst,
        });
        expect(route.throttle!.rate).toBeLessThan(stageRate);
      }
    });

    it.each(routeEntries())(
      'route %s exists with its method, path, authorizer and group Lambda',
      (_id, route) => {
        // Prepare: staff and admin routes → the staff sign-in's authorizer, contact routes → the contact one's
        const authorizer = stack.resolve(
          (route.auth === 'contact' ? stack.api.contactAuthorizer : stack.api.staffAuthorizer).authorizerId,
        );
        const groupFunction = stack.groupFunctions.get(route.group)!;

        // Act
        const matching = Object.values(resources('AWS::ApiGatewayV2::Route')).filter(
          (r) => r.Properties.RouteKey === routeKey(route),
        );

        // Assess
        expect(matching).toHaveLength(1);
        const props = matching[0]!.Properties;
        if (route.auth === 'public') {
          expect(props.AuthorizationType).toBe('NONE');
          expect(props.AuthorizerId).toBeUndefined();
        } else {
          expect(props.AuthorizationType).toBe('JWT');
          expect(props.AuthorizerId).toEqual(authorizer);
        }
        const integrationId = (props.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })[
          'Fn::Join'
        ][1][1].Ref;
        const integration = resources('AWS::ApiGatewayV2::Integration')[integrationId]!;
        expect(integration.Properties.IntegrationUri).toEqual(arnOf(groupFunction.lambda));
        expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
      },
    );

    it('lets the API invoke each group Lambda through one permission scoped to this API', () => {
      // Prepare
      const api = logicalId(stack.api.httpApi);
      // The live channel's WebSocket API invokes its own function (test/cdk/live.test.ts).
      const permissions = Object.values(resources('AWS::Lambda::Permission')).filter(
        (p) =>
          p.Properties.Principal === 'apigateway.amazonaws.com' &&
          JSON.stringify(p.Properties.SourceArn).includes(JSON.stringify({ Ref: api })),
      );

      // Act
      const byFunction = [...stack.groupFunctions.values()].map((fn) =>
        permissions.filter(
          (p) => JSON.stringify(p.Properties.FunctionName) === JSON.stringify(arnOf(fn.lambda)),
        ),
      );

      // Assess
      expect(permissions).toHaveLength(stack.groupFunctions.size);
      for (const [permission] of byFunction) {
        const sourceArn = JSON.stringify(permission!.Properties.SourceArn);
        expect(sourceArn).toContain(JSON.stringify({ Ref: api }));
        expect(sourceArn).toMatch(/\/\*\/\*\/\*"\]\]\}$/);
      }
    });

    it('has no route that is not in the route table', () => {
      // Act
      const api = logicalId(stack.api.httpApi);
      const keys = Object.values(resources('AWS::ApiGatewayV2::Route'))
        .filter((r) => JSON.stringify(r.Properties.ApiId) === JSON.stringify({ Ref: api }))
        .map((r) => r.Properties.RouteKey);

      // Assess
      expect(keys.sort()).toEqual(
        routeEntries()
          .map(([, r]) => routeKey(r))
          .sort(),
      );
    });
  });

  describe('functions', () => {
    it('has one Lambda per route group, the publisher, one per rule target, the reminders and digests runs, the Cognito mail trigger and the S3 notifications handler', () => {
      // Prepare
      const targets = new Set(busRules.map((r) => r.target));

      // Act
      const functions = resources('AWS::Lambda::Function');

      // Assess
      // … and the live channel's two (its connections and its fan-out).
      expect(Object.keys(functions)).toHaveLength(routeGroups.length + 1 + targets.size + 2 + 1 + 1 + 2);
      expect([...stack.groupFunctions.keys()].sort()).toEqual([...routeGroups].sort());
      expect(Object.keys(stack.eventTargets).sort()).toEqual([...targets].sort());
    });

    it('runs every Portico function on the newest Node.js runtime, arm64, traced, with its own log group', () => {
      // Prepare
      const newest = Object.getOwnPropertyNames(Runtime)
        .filter((name) => /^NODEJS_\d+_X$/.test(name))
        .map((name) => (Runtime as unknown as Record<string, Runtime>)[name]!.name)
        .sort((a, b) => Number.parseInt(b.slice(6), 10) - Number.parseInt(a.slice(6), 10))[0];
      const ours = [
        ...stack.groupFunctions.values(),
        ...Object.values(stack.eventTargets),
        stack.outbox.publisher,
        stack.reminders.function,
        stack.digests.function,
        stack.identity.mailFunction,
      ];

      // Act
      const functions = resources('AWS::Lambda::Function');

      // Assess
      expect(newest).toBe('nodejs24.x');
      for (const fn of ours) {
        const props = functions[logicalId(fn.lambda)]!.Properties;
        expect(props.Runtime).toBe(newest);
        expect(props.Architectures).toEqual(['arm64']);
        expect(props.TracingConfig).toEqual({ Mode: 'Active' });
        expect(props.Handler).toBe('index.handler');
        expect(props.Environment).toMatchObject({ Variables: { NODE_OPTIONS: '--enable-source-maps' } });
        const logGroup = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
        expect(resources('AWS::Logs::LogGroup')[logGroup]!.Properties.RetentionInDays).toBeGreaterThan(0);
      }
    });

    it('gives route group functions the table, the cursor secret by ARN with a read grant on it alone, the portal URL, no response validation', () => {
      // Prepare
      const functions = resources('AWS::Lambda::Function');
      const [secret] = Object.entries(resources('AWS::SecretsManager::Secret')).find(([, r]) =>
        String(r.Properties.Description).includes('pagination cursors'),
      )!;

      // Act
      const envs = [...stack.groupFunctions.values()].map(
        (fn) => (functions[logicalId(fn.lambda)]!.Properties.Environment as { Variables: object }).Variables,
      );

      // Assess
      for (const env of envs) {
        expect(env).toMatchObject({
          TABLE_NAME: ref(stack.table),
          PORTAL_URL: 'http://localhost:5173',
          APP_URL: 'http://localhost:5173/app',
          CURSOR_SECRET_ARN: { Ref: secret },
          // Only tokens of the staff client can be staff principals (decision 0023).
          STAFF_CLIENT_IDS: ref(stack.identity.staffClient),
          CONTACT_CLIENT_IDS: ref(stack.identity.contactClient),
          STAFF_USER_POOL_ID: ref(stack.identity.staffPool),
          CONTACT_USER_POOL_ID: ref(stack.identity.contactPool),
        });
        expect(env).not.toHaveProperty('CURSOR_SECRET');
      }
      const reads = Object.values(resources('AWS::IAM::Policy')).flatMap((p) =>
        (
          p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
        ).Statement.filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ Ref: secret })),
      );
      expect(reads.length).toBe(envs.length);
      for (const read of reads)
        expect(read).toMatchObject({ Action: 'secretsmanager:GetSecretValue', Resource: { Ref: secret } });
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
      });
    });

    it('keeps the VAPID key pair in its own secret, readable and writable by notify and the notifications group only', () => {
      // Prepare
      const [vapid] = Object.entries(resources('AWS::SecretsManager::Secret')).find(([, r]) =>
        String(r.Properties.Description).includes('VAPID'),
      )!;
      const functions = resources('AWS::Lambda::Function');
      const holders = Object.entries(functions)
        .filter(([, f]) => (f.Properties.Environment as { Variables?: object } | undefined)?.Variables)
        .filter(
          ([, f]) => 'VAPID_SECRET_ARN' in (f.Properties.Environment as { Variables: object }).Variables,
        )
        .map(([id]) => id);

      // Act
      const grants = Object.values(resources('AWS::IAM::Policy')).flatMap((p) =>
        (
          p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
        ).Statement.filter((st) => JSON.stringify(st.Resource) === JSON.stringify({ Ref: vapid })),
      );

      // Assess
      expect(holders.sort()).toEqual(
        [
          logicalId(stack.eventTargets.notify.lambda),
          logicalId(stack.groupFunctions.get('notifications')!.lambda),
        ].sort(),
      );
      expect(grants).toHaveLength(2);
      for (const g of grants)
        expect(g.Action).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue']);
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        Description: Match.stringLikeRegexp('VAPID'),
        SecretString: '{}',
      });
    });

    it('gives each event function the env vars its config reads', () => {
      // Prepare
      const functions = resources('AWS::Lambda::Function');
      const env = (id: string) =>
        (functions[id]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

      // Act
      const publisher = env(logicalId(stack.outbox.publisher.lambda));
      const notify = env(logicalId(stack.eventTargets.notify.lambda));
      const ingest = env(logicalId(stack.eventTargets.ingest.lambda));

      // Assess
      expect(publisher).toMatchObject({ EVENT_BUS_NAME: ref(stack.bus) });
      expect(notify).toMatchObject({
        TABLE_NAME: ref(stack.table),
        SENDER_EMAIL: 'no-reply@example.com',
        PORTAL_URL: 'http://localhost:5173',
        APP_URL: 'http://localhost:5173/app',
      });
      expect(ingest).toMatchObject({ TABLE_NAME: ref(stack.table), BUCKET_NAME: ref(stack.uploads.bucket) });
    });
  });

  describe('automatic reminders', () => {
    it('runs the reminders function every 15 minutes from an EventBridge schedule, with retries and an encrypted DLQ', () => {
      // Prepare
      const fn = stack.reminders.function.lambda;

      // Act
      const schedules = resources('AWS::Scheduler::Schedule');

      // Assess
      expect(Object.keys(schedules)).toHaveLength(2);
      const props = schedules[logicalId(stack.reminders.schedule)]!.Properties;
      expect(props.ScheduleExpression).toBe('rate(15 minutes)');
      expect(props.State).toBe('ENABLED');
      expect(props.Target).toMatchObject({
        Arn: arnOf(fn),
        RetryPolicy: { MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: arnOf(stack.reminders.deadLetters) },
      });
      expect(
        resources('AWS::SQS::Queue')[logicalId(stack.reminders.deadLetters)]!.Properties.SqsManagedSseEnabled,
      ).toBe(true);
      const env = (
        resources('AWS::Lambda::Function')[logicalId(fn)]!.Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(env).toMatchObject({ TABLE_NAME: ref(stack.table) });
      expect(env.CURSOR_SECRET).toBeUndefined();
    });
  });

  describe('digests', () => {
    it('runs the digests function every minute from an EventBridge schedule, with a retry, an encrypted DLQ and the sender address', () => {
      // Prepare
      const fn = stack.digests.function.lambda;

      // Act
      const props = resources('AWS::Scheduler::Schedule')[logicalId(stack.digests.schedule)]!.Properties;

      // Assess
      expect(props.ScheduleExpression).toBe('rate(1 minute)');
      expect(props.State).toBe('ENABLED');
      expect(props.Target).toMatchObject({
        Arn: arnOf(fn),
        RetryPolicy: { MaximumRetryAttempts: 1 },
        DeadLetterConfig: { Arn: arnOf(stack.digests.deadLetters) },
      });
      expect(
        resources('AWS::SQS::Queue')[logicalId(stack.digests.deadLetters)]!.Properties.SqsManagedSseEnabled,
      ).toBe(true);
      const fnProps = resources('AWS::Lambda::Function')[logicalId(fn)]!.Properties;
      const env = (fnProps.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env).toMatchObject({ TABLE_NAME: ref(stack.table), SENDER_EMAIL: 'no-reply@example.com' });
      expect(env.CURSOR_SECRET).toBeUndefined();
      // The claim's lease (3 minutes) outlasts a run, so a live run is never taken for a crashed one.
      expect(fnProps.Timeout).toBeLessThan(DIGEST_LEASE_MS / 1000);
    });
  });

  describe('outbox relay', () => {
    it('feeds inserted activity entries from the stream to the publisher, with partial batch failures', () => {
      // Assess
      // Two consumers of the stream: this relay, and the live fan-out (test/cdk/live.test.ts).
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.table), 'StreamArn'] },
        FunctionName: ref(stack.outbox.publisher.lambda),
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: Match.anyValue(),
        DestinationConfig: { OnFailure: { Destination: arnOf(stack.outbox.failures) } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { entity: { S: ['activity'] } } },
              }),
            },
          ],
        },
      });
    });
  });

  describe('bounces and complaints (issue 16)', () => {
    it('publishes bounces and complaints of one configuration set to the default bus', () => {
      // Assess
      template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
      template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        ConfigurationSetName: ref(stack.mail.configurationSet),
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['BOUNCE', 'COMPLAINT'],
          EventBridgeDestination: {
            EventBusArn: Match.objectLike({
              'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':event-bus/default$')])],
            }),
          },
        },
      });
    });

    it.each([
      ['notify', () => stack.eventTargets.notify],
      ['digests', () => stack.digests.function],
    ] as const)('%s sends with that configuration set', (_name, fnOf) => {
      // Act
      const fn = resources('AWS::Lambda::Function')[logicalId(fnOf().lambda)]!;

      // Assess
      expect(
        (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
          .MAIL_CONFIGURATION_SET,
      ).toEqual(ref(stack.mail.configurationSet));
    });
  });

  describe('event rules', () => {
    it('has exactly one EventBridge rule per entry of busRules', () => {
      // Assess
      template.resourceCountIs('AWS::Events::Rule', busRules.length);
    });

    it.each(busRules.map((r) => [r.id, r] as const))(
      'rule %s: right bus, pattern, target, retries and an encrypted TLS-only DLQ',
      (_id, rule) => {
        // Prepare
        const target = stack.eventTargets[rule.target].lambda;
        const bucketToken = '__BUCKET__';
        const expectedPattern = JSON.parse(
          JSON.stringify(rule.pattern({ bucketName: bucketToken })).replaceAll(
            JSON.stringify(bucketToken),
            JSON.stringify(ref(stack.uploads.bucket)),
          ),
        );

        // Act
        const found = template.findResources('AWS::Events::Rule', {
          Properties: { Targets: [Match.objectLike({ Arn: arnOf(target) })], EventPattern: expectedPattern },
        }) as Record<string, CfnResourceJson>;

        // Assess
        expect(Object.keys(found)).toHaveLength(1);
        const props = Object.values(found)[0]!.Properties;
        expect(props.EventBusName).toEqual(rule.bus === 'domain' ? ref(stack.bus) : 'default');
        const [t] = props.Targets as {
          RetryPolicy: { MaximumRetryAttempts: number };
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [string, string] } };
        }[];
        expect(t!.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
        const dlq = t!.DeadLetterConfig.Arn['Fn::GetAtt'][0];
        expect(resources('AWS::SQS::Queue')[dlq]!.Properties.SqsManagedSseEnabled).toBe(true);
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: dlq }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
        // The function's own async failures (after Lambda's retries) land in the same queue.
        const fn = resources('AWS::Lambda::Function')[logicalId(target)]!.Properties;
        expect(fn.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] } });
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: ref(target),
          MaximumRetryAttempts: Match.anyValue(),
        });
      },
    );

    it('translates rule patterns to the CDK without loss and rejects unknown top-level fields', () => {
      // Prepare
      const pattern = { source: ['a'], 'detail-type': ['b'], detail: { x: ['y'] } };

      // Act
      const cdk = toCdkPattern(pattern);

      // Assess
      expect(cdk).toEqual({ source: ['a'], detailType: ['b'], detail: { x: ['y'] } });
      expect(() => toCdkPattern({ 'not-a-field': ['x'] })).toThrow(/unsupported/);
    });
  });

  describe('outputs', () => {
    it('exports the API URL, region, bucket, bus, table, both user pools and clients, and the alarm topic', () => {
      // Act
      const outputs = Object.keys(template.findOutputs('*'));

      // Assess
      expect(outputs.sort()).toEqual(
        [
          'AlarmTopicArn',
          'ApiUrl',
          'ContactClientId',
          'DigestsDeadLetterQueueUrl',
          'DigestsFunctionName',
          'IngestDeadLetterQueueUrl',
          'IngestFunctionName',
          'LiveUrl',
          'NotifyDeadLetterQueueUrl',
          'NotifyFunctionName',
          'RemindersDeadLetterQueueUrl',
          'RemindersFunctionName',
          'StreamFailuresQueueUrl',
          'EventBusName',
          'PortalUrl',
          'Region',
          'StaffClientId',
          'StaffUserPoolId',
          'ContactUserPoolId',
          'TableName',
          'UploadBucketName',
        ].sort(),
      );
    });
  });

  describe('settings from context', () => {
    it('uses senderEmail, senderName, portalOrigins, portalUrl and appUrl from context', () => {
      // Prepare
      const context = {
        senderEmail: 'mail@portal.example.org',
        senderName: 'Bright & Co',
        portalOrigins: 'https://staff.example.org, https://clients.example.org',
        portalUrl: 'https://clients.example.org',
        appUrl: 'https://staff.example.org/app',
      };

      // Act
      const { stack: custom } = porticoApp({ context });
      const t = Template.fromStack(custom);

      // Assess
      t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: Match.objectLike({
          AllowOrigins: ['https://staff.example.org', 'https://clients.example.org'],
        }),
      });
      t.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({
            SENDER_EMAIL: context.senderEmail,
            PORTAL_URL: context.portalUrl,
            APP_URL: context.appUrl,
          }),
        },
      });
      // Cognito's mails (both pools) come from the same sender, under the firm's name.
      const froms = Object.values(t.findResources('AWS::Cognito::UserPool')).map(
        (p) => (p as CfnResourceJson).Properties.EmailConfiguration,
      );
      expect(froms).toEqual([
        expect.objectContaining({ From: 'Bright & Co <mail@portal.example.org>' }),
        expect.objectContaining({ From: 'Bright & Co <mail@portal.example.org>' }),
      ]);
    });

    it.each([
      ['senderEmail', 'not-an-email', /senderEmail/],
      ['senderName', 'Evil <x@y.z>', /senderName/],
      ['senderName', 'A'.repeat(65), /senderName/],
      ['portalOrigins', 'https://ok.example.org,https://bad.example.org/path', /portalOrigins/],
      ['portalUrl', 'nope', /portalUrl/],
      ['portalUrl', 'https://elsewhere.example.org', /portalUrl: its origin .* is not one of portalOrigins/],
      ['appUrl', 'https://staff.example.org/app', /appUrl: its origin .* is not one of portalOrigins/],
    ])('rejects a bad %s (%s)', (key, value, message) => {
      // Act + Assess
      expect(() => porticoApp({ context: { [key]: value } })).toThrow(message);
    });
  });
});
