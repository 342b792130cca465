import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterEach, describe, expect, it } from 'vitest';
import { accessRequests, presignedPostRequests } from '../../local/iam/calls';
import { AccessDeniedException, activate, enforcer, guardClient, invokeAs } from '../../local/iam/enforce';
import { evaluate, type Statement, wildcardMatch } from '../../local/iam/policy';
import { formatReport, leastPrivilege } from '../../local/iam/report';
import { functionPolicies, resolver, type Synthesized } from '../../local/iam/template';
import type { UsageEntry, UsageRecorder } from '../../local/iam/usage';

const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/portico';
const readWrite: Statement = {
  Effect: 'Allow',
  Action: ['dynamodb:Get*', 'dynamodb:Query', 'dynamodb:PutItem'],
  Resource: [TABLE, `${TABLE}/index/*`],
};

describe('Module: local IAM', () => {
  describe('evaluate', () => {
    it.each([
      ['an exact action on the table', 'dynamodb:Query', TABLE, 'allow'],
      ['an action wildcard (dynamodb:Get*)', 'dynamodb:GetItem', TABLE, 'allow'],
      ['actions compare case-insensitively', 'DynamoDB:getitem', TABLE, 'allow'],
      ['an index through /index/*', 'dynamodb:Query', `${TABLE}/index/GSI1`, 'allow'],
      ['a missing action', 'dynamodb:DeleteItem', TABLE, 'implicitDeny'],
      ['another table', 'dynamodb:Query', `${TABLE}-other`, 'implicitDeny'],
      ['an index of another table', 'dynamodb:Query', `${TABLE}2/index/GSI1`, 'implicitDeny'],
      ['resources compare case-sensitively', 'dynamodb:Query', TABLE.toUpperCase(), 'implicitDeny'],
    ] as const)('%s → %s', (_name, action, resource, decision) => {
      // Act
      const result = evaluate([readWrite], { action, resource });

      // Assess
      expect(result.decision).toBe(decision);
    });

    it('lets an explicit Deny beat any Allow', () => {
      // Prepare
      const deny: Statement = { Effect: 'Deny', Action: ['dynamodb:*'], Resource: [`${TABLE}/index/*`] };

      // Act
      const onIndex = evaluate([readWrite, deny], {
        action: 'dynamodb:Query',
        resource: `${TABLE}/index/GSI2`,
      });
      const onTable = evaluate([readWrite, deny], { action: 'dynamodb:Query', resource: TABLE });

      // Assess
      expect(onIndex.decision).toBe('explicitDeny');
      expect(onTable.decision).toBe('allow');
    });

    it('evaluates a StringEquals condition on a key of the call, and refuses when the key differs or is absent', () => {
      // Prepare
      const send: Statement = {
        Effect: 'Allow',
        Action: ['ses:SendEmail'],
        Resource: ['arn:aws:ses:us-east-1:000000000000:identity/*'],
        Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@firm.example' } },
      };
      const request = { action: 'ses:SendEmail', resource: 'arn:aws:ses:us-east-1:000000000000:identity/x' };

      // Act
      const right = evaluate([send], { ...request, context: { 'ses:FromAddress': 'no-reply@firm.example' } });
      const wrong = evaluate([send], { ...request, context: { 'ses:FromAddress': 'ceo@firm.example' } });
      const absent = evaluate([send], request);

      // Assess
      expect([right.decision, wrong.decision, absent.decision]).toEqual([
        'allow',
        'implicitDeny',
        'implicitDeny',
      ]);
    });

    it('treats a condition it cannot evaluate conservatively and lists it: the Allow grants nothing, the Deny applies', () => {
      // Prepare
      const condition = { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } };
      const allow: Statement = { ...readWrite, Condition: condition };
      const deny: Statement = { Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: condition };

      // Act
      const allowed = evaluate([allow], { action: 'dynamodb:Query', resource: TABLE });
      const denied = evaluate([readWrite, deny], { action: 'dynamodb:Query', resource: TABLE });

      // Assess
      expect(allowed).toEqual({ decision: 'implicitDeny', unevaluated: ['IpAddress aws:SourceIp'] });
      expect(denied).toEqual({ decision: 'explicitDeny', unevaluated: ['IpAddress aws:SourceIp'] });
    });

    it('honours NotAction and NotResource', () => {
      // Prepare
      const allButDelete: Statement = {
        Effect: 'Allow',
        NotAction: ['dynamodb:Delete*'],
        NotResource: [`${TABLE}/index/*`],
      };

      // Act / Assess
      expect(evaluate([allButDelete], { action: 'dynamodb:PutItem', resource: TABLE }).decision).toBe(
        'allow',
      );
      expect(evaluate([allButDelete], { action: 'dynamodb:DeleteItem', resource: TABLE }).decision).toBe(
        'implicitDeny',
      );
      expect(
        evaluate([allButDelete], { action: 'dynamodb:Query', resource: `${TABLE}/index/G` }).decision,
      ).toBe('implicitDeny');
    });

    it('matches ? as exactly one character', () => {
      expect(wildcardMatch('s3:Get?bject', 's3:GetObject')).toBe(true);
      expect(wildcardMatch('s3:Get?bject', 's3:Getbject')).toBe(false);
    });
  });

  describe('accessRequests', () => {
    it.each([
      [
        'a query on an index',
        'QueryCommand',
        { TableName: 'portico', IndexName: 'GSI1' },
        [['dynamodb:Query', `${TABLE}/index/GSI1`]],
      ],
      ['a get', 'GetItemCommand', { TableName: 'portico' }, [['dynamodb:GetItem', TABLE]]],
      [
        'a transaction, per item as IAM evaluates it',
        'TransactWriteItemsCommand',
        {
          TransactItems: [
            { Put: { TableName: 'portico' } },
            { Update: { TableName: 'portico' } },
            { Delete: { TableName: 'portico' } },
            { ConditionCheck: { TableName: 'portico' } },
          ],
        },
        [
          ['dynamodb:PutItem', TABLE],
          ['dynamodb:UpdateItem', TABLE],
          ['dynamodb:DeleteItem', TABLE],
          ['dynamodb:ConditionCheckItem', TABLE],
        ],
      ],
      [
        'a batch get, per table',
        'BatchGetItemCommand',
        { RequestItems: { portico: {} } },
        [['dynamodb:BatchGetItem', TABLE]],
      ],
    ] as const)('DynamoDB: %s', (_name, command, input, expected) => {
      // Act
      const requests = accessRequests('DynamoDBClient', command, input as never);

      // Assess
      expect(requests.map((r) => [r.action, r.resource])).toEqual(expected);
    });

    it('maps S3, EventBridge, SES, Secrets Manager and any Cognito admin call to their actions and ARNs', () => {
      // Act
      const all = [
        accessRequests('S3Client', 'HeadObjectCommand', { Bucket: 'b', Key: 'k/1' }),
        accessRequests('S3Client', 'PutObjectTaggingCommand', { Bucket: 'b', Key: 'k/1' }),
        accessRequests('EventBridgeClient', 'PutEventsCommand', { Entries: [{ EventBusName: 'bus' }, {}] }),
        accessRequests('SESv2Client', 'SendEmailCommand', {
          FromEmailAddress: 'Firm <no-reply@firm.example>',
          ConfigurationSetName: 'cs',
        }),
        accessRequests('SecretsManagerClient', 'GetSecretValueCommand', {
          SecretId: 'arn:aws:secretsmanager:r:a:secret:s',
        }),
        accessRequests('CognitoIdentityProviderClient', 'AdminCreateUserCommand', {
          UserPoolId: 'us-east-1_P',
        }),
        accessRequests('CognitoIdentityProviderClient', 'ListUsersCommand', { UserPoolId: 'us-east-1_P' }),
        accessRequests('CognitoIdentityProviderClient', 'InitiateAuthCommand', { ClientId: 'c' }),
      ].map((rs) =>
        rs.map((r) => `${r.action} ${r.resource}${r.context ? ` ${JSON.stringify(r.context)}` : ''}`),
      );

      // Assess
      const from = '{"ses:FromAddress":"no-reply@firm.example"}';
      expect(all).toEqual([
        ['s3:GetObject arn:aws:s3:::b/k/1'],
        ['s3:PutObjectTagging arn:aws:s3:::b/k/1'],
        [
          'events:PutEvents arn:aws:events:us-east-1:000000000000:event-bus/bus',
          'events:PutEvents arn:aws:events:us-east-1:000000000000:event-bus/default',
        ],
        [
          `ses:SendEmail arn:aws:ses:us-east-1:000000000000:identity/no-reply@firm.example ${from}`,
          `ses:SendEmail arn:aws:ses:us-east-1:000000000000:configuration-set/cs ${from}`,
        ],
        ['secretsmanager:GetSecretValue arn:aws:secretsmanager:r:a:secret:s'],
        ['cognito-idp:AdminCreateUser arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_P'],
        ['cognito-idp:ListUsers arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_P'],
        [], // IAM does not authorize sign-in calls
      ]);
    });

    it('checks a client it does not know on Resource "*" instead of letting it through', () => {
      expect(accessRequests('SQSClient', 'SendMessageCommand', {})).toEqual([
        { action: 'sqs:SendMessage', resource: '*' },
      ]);
    });

    it('holds the signer of a presigned POST to s3:PutObject on the key, and PutObjectTagging when it carries tags', () => {
      expect(presignedPostRequests('b', 'k', { tagging: '<Tagging/>' }).map((r) => r.action)).toEqual([
        's3:PutObject',
        's3:PutObjectTagging',
      ]);
    });
  });

  describe('resolver', () => {
    it('resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub and pseudo parameters to the local names; an unknown resource matches nothing', () => {
      // Prepare
      const resolve = resolver(
        {
          TableCD117FA1: { Type: 'AWS::DynamoDB::Table' },
          UploadsBucketC4B27CC7: { Type: 'AWS::S3::Bucket' },
          UploadsAccessLogsB2D59324: { Type: 'AWS::S3::Bucket' },
          IdentityStaffPool12345678: { Type: 'AWS::Cognito::UserPool' },
        },
        {
          tableName: 'portico',
          bucketName: 'uploads',
          busName: 'bus',
          secrets: {},
          staffUserPoolId: 'us-east-1_S',
        },
      );

      // Act
      const values = [
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] }, '/index/*']] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['UploadsBucketC4B27CC7', 'Arn'] }, '/*']] },
        { 'Fn::GetAtt': ['UploadsAccessLogsB2D59324', 'Arn'] },
        { 'Fn::GetAtt': ['IdentityStaffPool12345678', 'Arn'] },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax, not a template literal
        { 'Fn::Sub': 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/x' },
      ].map(resolve);

      // Assess
      expect(values).toEqual([
        `${TABLE}/index/*`,
        'arn:aws:s3:::uploads/*',
        'arn:aws:s3:::unresolved-UploadsAccessLogsB2D59324',
        'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_S',
        'arn:aws:ses:us-east-1:000000000000:identity/x',
      ]);
    });
  });

  describe('enforcement in a client', () => {
    const recorded: UsageEntry[] = [];
    const usage: UsageRecorder = {
      record: (e) => void recorded.push({ ...e, calls: 1 }),
      flush: () => undefined,
    };
    const synth: Synthesized = {
      hash: 'test',
      functions: { CasesRoutes: 'CasesFn' },
      resources: {
        Table: { Type: 'AWS::DynamoDB::Table' },
        CasesFn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Role: { 'Fn::GetAtt': ['CasesRole', 'Arn'] } },
        },
        CasesRole: { Type: 'AWS::IAM::Role', Properties: {} },
        CasesPolicy: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            Roles: [{ Ref: 'CasesRole' }],
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } },
                { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/firms/*' },
              ],
            },
          },
        },
      },
    };
    const policies = functionPolicies(synth, {
      tableName: 'portico',
      bucketName: 'uploads',
      busName: 'bus',
      secrets: {},
    });
    const sent: string[] = [];
    // No network: a request handler that answers every request that gets past the check.
    const requestHandler = {
      handle: async (req: { path: string }) => {
        sent.push(req.path);
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Buffer.from('{}'),
          },
        };
      },
    };
    const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
    const documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:1',
        credentials,
        requestHandler,
      }),
    );
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
      forcePathStyle: true,
      credentials,
    });
    guardClient(documents as never);
    guardClient(documents as never); // twice: one check
    guardClient(s3 as never);
    afterEach(() => {
      activate(undefined);
      recorded.length = 0;
      sent.length = 0;
    });

    it('lets a granted call through and refuses one the role lacks as AWS would, before anything is sent', async () => {
      // Prepare
      activate(enforcer(policies, usage).check);

      // Act
      const granted = await invokeAs('CasesRoutes', () =>
        documents.send(
          new QueryCommand({
            TableName: 'portico',
            KeyConditionExpression: 'PK = :p',
            ExpressionAttributeValues: { ':p': 'x' },
          }),
        ),
      );
      const refused = await invokeAs('CasesRoutes', () =>
        documents.send(
          new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'portico', Item: { PK: 'x' } } }] }),
        ),
      ).catch((err: unknown) => err);

      // Assess
      expect(granted.$metadata.httpStatusCode).toBe(200);
      expect(refused).toBeInstanceOf(AccessDeniedException);
      expect((refused as Error).name).toBe('AccessDeniedException');
      expect((refused as Error).message).toBe(
        `User: arn:aws:sts::000000000000:assumed-role/CasesRole/CasesRoutes is not authorized to perform: dynamodb:PutItem on resource: ${TABLE} because no identity-based policy allows the dynamodb:PutItem action`,
      );
      expect(sent).toHaveLength(1);
      expect(recorded.map((r) => [r.fn, r.action, r.allowed])).toEqual([
        ['CasesRoutes', 'dynamodb:Query', true],
        ['CasesRoutes', 'dynamodb:PutItem', false],
      ]);
    });

    it('checks a presigned GET as the GetObject it allows, on the key', async () => {
      // Prepare
      activate(enforcer(policies, usage).check);
      const presign = (key: string) =>
        invokeAs('CasesRoutes', () =>
          getSignedUrl(s3, new GetObjectCommand({ Bucket: 'uploads', Key: key })),
        );

      // Act
      const url = await presign('firms/f/doc.pdf');
      const refused = await presign('other/doc.pdf').catch((err: unknown) => err);

      // Assess
      expect(url).toContain('X-Amz-Signature');
      expect((refused as Error).message).toContain(
        's3:GetObject on resource: arn:aws:s3:::uploads/other/doc.pdf',
      );
    });

    it('checks nothing outside a function invocation (the stack itself) and nothing once no stack is active', async () => {
      // Prepare
      activate(enforcer(policies, usage).check);
      const put = () =>
        documents.send(
          new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'portico', Item: { PK: 'x' } } }] }),
        );

      // Act
      await put();
      activate(undefined);
      await invokeAs('CasesRoutes', put);

      // Assess
      expect(sent).toHaveLength(2);
      expect(recorded).toEqual([]);
    });

    it('refuses every call of a function the template does not have', async () => {
      // Prepare
      activate(enforcer(policies, usage).check);

      // Act
      const refused = await invokeAs('StaffRoutes', () =>
        documents.send(
          new QueryCommand({
            TableName: 'portico',
            KeyConditionExpression: 'PK = :p',
            ExpressionAttributeValues: { ':p': 'x' },
          }),
        ),
      ).catch((err: unknown) => err);

      // Assess
      expect((refused as Error).name).toBe('AccessDeniedException');
    });
  });

  describe('leastPrivilege', () => {
    const policies = {
      Notify: [
        { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:BatchWriteItem'], Resource: [TABLE] },
        { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: ['arn:aws:logs:x'] },
      ] as Statement[],
    };
    const entry = (action: string, allowed = true): UsageEntry => ({
      fn: 'Notify',
      action,
      resource: TABLE,
      allowed,
      calls: 2,
    });

    it('reports a grant no call used, tells expected ones apart by their reason, and lists refusals', () => {
      // Act
      const report = leastPrivilege([
        { template: 'h', policies, entries: [entry('dynamodb:GetItem'), entry('dynamodb:Scan', false)] },
      ]);

      // Assess
      expect(report.unexplained).toEqual([
        { fn: 'Notify', action: 'dynamodb:BatchWriteItem', resource: TABLE },
      ]);
      expect(report.unused.map((u) => [u.action, Boolean(u.reason)])).toEqual([
        ['dynamodb:BatchWriteItem', false],
        ['logs:PutLogEvents', true],
      ]);
      expect(report.denied).toEqual([{ fn: 'Notify', action: 'dynamodb:Scan', resource: TABLE }]);
      expect(report.calls).toBe(4);
      expect(formatReport(report)).toContain(`UNUSED    dynamodb:BatchWriteItem on ${TABLE}`);
    });

    it('counts a grant used by any run of the newest template only', () => {
      // Act
      const report = leastPrivilege([
        { template: 'old', policies, entries: [entry('dynamodb:BatchWriteItem')] },
        { template: 'new', policies, entries: [entry('dynamodb:GetItem')] },
        { template: 'new', policies, entries: [] },
      ]);

      // Assess
      expect(report.runs).toBe(2);
      expect(report.unexplained.map((u) => u.action)).toEqual(['dynamodb:BatchWriteItem']);
      expect(report.templates).toEqual(['old', 'new']);
    });
  });
});
