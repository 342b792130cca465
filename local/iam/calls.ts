// What IAM checks for one AWS SDK command: the action(s) and the resource ARN(s) it touches, as
// IAM evaluates them (a transaction is one check per item, a batch one per table).
import type { AccessRequest } from './policy';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './template';

/** The IAM service prefix of each SDK client (the SDK's `clientName`). */
const servicePrefix: Record<string, string> = {
  DynamoDBClient: 'dynamodb',
  S3Client: 's3',
  EventBridgeClient: 'events',
  SESv2Client: 'ses',
  SecretsManagerClient: 'secretsmanager',
  CognitoIdentityProviderClient: 'cognito-idp',
  ApiGatewayManagementApiClient: 'execute-api',
};

/** The local live endpoint's API id and stage (local/live.ts; the template's WebSocket API resolves to it). */
export const LOCAL_LIVE_API = { apiId: 'local-live', stage: 'live' };

/**
 * Cognito user pool operations that IAM does not authorize (the caller proves itself with a token,
 * a code or the app client): the SDK may sign them, Cognito ignores the signature's rights.
 */
const cognitoPublic = new Set([
  'InitiateAuth',
  'RespondToAuthChallenge',
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'GetUser',
  'GlobalSignOut',
  'ChangePassword',
  'RevokeToken',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'SetUserMFAPreference',
  'GetTokensFromRefreshToken',
]);

/** S3 operations whose IAM action is not `s3:<operation>`. */
const s3Actions: Record<string, string> = {
  HeadObject: 's3:GetObject',
  ListObjectsV2: 's3:ListBucket',
  ListObjects: 's3:ListBucket',
  HeadBucket: 's3:ListBucket',
  ListObjectVersions: 's3:ListBucketVersions',
  CopyObject: 's3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  AbortMultipartUpload: 's3:AbortMultipartUpload',
  DeleteObjects: 's3:DeleteObject',
  GetObjectAttributes: 's3:GetObject',
};

type Input = Record<string, unknown>;

const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
const tableArn = (table: unknown, index?: unknown) =>
  arn('dynamodb', `table/${String(table)}${index ? `/index/${String(index)}` : ''}`);

function dynamodb(operation: string, input: Input): AccessRequest[] {
  if (operation === 'TransactWriteItems') {
    const perItem: Record<string, string> = {
      Put: 'dynamodb:PutItem',
      Update: 'dynamodb:UpdateItem',
      Delete: 'dynamodb:DeleteItem',
      ConditionCheck: 'dynamodb:ConditionCheckItem',
    };
    return (input.TransactItems as Record<string, { TableName: string }>[]).flatMap((item) =>
      Object.entries(item).map(([kind, op]) => ({
        action: perItem[kind] ?? `dynamodb:${kind}`,
        resource: tableArn(op.TableName),
      })),
    );
  }
  if (operation === 'TransactGetItems')
    return (input.TransactItems as { Get: { TableName: string } }[]).map((item) => ({
      action: 'dynamodb:GetItem',
      resource: tableArn(item.Get.TableName),
    }));
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem')
    return Object.keys(input.RequestItems as object).map((table) => ({
      action: `dynamodb:${operation}`,
      resource: tableArn(table),
    }));
  if (operation === 'ExecuteStatement' || operation === 'BatchExecuteStatement' || operation === 'ListTables')
    return [{ action: `dynamodb:${operation}`, resource: '*' }];
  return [{ action: `dynamodb:${operation}`, resource: tableArn(input.TableName, input.IndexName) }];
}

function s3(operation: string, input: Input): AccessRequest[] {
  const action = s3Actions[operation] ?? `s3:${operation}`;
  const bucket = `arn:aws:s3:::${String(input.Bucket)}`;
  if (operation === 'DeleteObjects') {
    const objects = ((input.Delete as { Objects?: { Key: string }[] })?.Objects ?? []).map((o) => o.Key);
    return objects.map((key) => ({ action, resource: `${bucket}/${key}` }));
  }
  return [{ action, resource: typeof input.Key === 'string' ? `${bucket}/${input.Key}` : bucket }];
}

function events(operation: string, input: Input): AccessRequest[] {
  if (operation !== 'PutEvents') return [{ action: `events:${operation}`, resource: '*' }];
  const buses = new Set(
    (input.Entries as { EventBusName?: string }[]).map((e) => {
      const bus = e.EventBusName ?? 'default';
      return bus.startsWith('arn:') ? bus : arn('events', `event-bus/${bus}`);
    }),
  );
  return [...buses].map((resource) => ({ action: 'events:PutEvents', resource }));
}

function ses(operation: string, input: Input): AccessRequest[] {
  if (operation !== 'SendEmail') return [{ action: `ses:${operation}`, resource: '*' }];
  const from = String(input.FromEmailAddress ?? '');
  // The address's own identity (when the domain is verified instead, a grant names the domain too;
  // the local SES verifies nothing, so the address is what is checked), then the configuration set.
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const context = { 'ses:FromAddress': address };
  return [
    { action: 'ses:SendEmail', resource: arn('ses', `identity/${address}`), context },
    ...(input.ConfigurationSetName
      ? [
          {
            action: 'ses:SendEmail',
            resource: arn('ses', `configuration-set/${String(input.ConfigurationSetName)}`),
            context,
          },
        ]
      : []),
  ];
}

function secretsmanager(operation: string, input: Input): AccessRequest[] {
  const id = input.SecretId ?? input.Name;
  if (typeof id !== 'string') return [{ action: `secretsmanager:${operation}`, resource: '*' }];
  return [
    {
      action: `secretsmanager:${operation}`,
      resource: id.startsWith('arn:') ? id : arn('secretsmanager', `secret:${id}`),
    },
  ];
}

function cognito(operation: string, input: Input): AccessRequest[] {
  if (cognitoPublic.has(operation)) return [];
  const pool = input.UserPoolId;
  return [
    {
      action: `cognito-idp:${operation}`,
      resource: typeof pool === 'string' ? arn('cognito-idp', `userpool/${pool}`) : '*',
    },
  ];
}

/** The Management API: every operation is execute-api:ManageConnections on the connection's route ARN. */
function executeApi(operation: string, input: Input): AccessRequest[] {
  const method =
    { PostToConnection: 'POST', GetConnection: 'GET', DeleteConnection: 'DELETE' }[operation] ?? '*';
  const id = String(input.ConnectionId ?? '*');
  return [
    {
      action: 'execute-api:ManageConnections',
      resource: arn(
        'execute-api',
        `${LOCAL_LIVE_API.apiId}/${LOCAL_LIVE_API.stage}/${method}/@connections/${id}`,
      ),
    },
  ];
}

const byService: Record<string, (operation: string, input: Input) => AccessRequest[]> = {
  dynamodb,
  s3,
  events,
  ses,
  secretsmanager,
  'cognito-idp': cognito,
  'execute-api': executeApi,
};

/**
 * The IAM checks of one SDK command, by the client's and command's names (`DynamoDBClient`,
 * `QueryCommand`). An unknown client is still checked, as `<client>:<operation>` on `*`, so a new
 * service shows up as refused instead of passing unchecked.
 */
export function accessRequests(clientName: string, commandName: string, input: Input): AccessRequest[] {
  const operation = commandName.replace(/Command$/, '');
  const service = servicePrefix[clientName];
  if (!service)
    return [{ action: `${clientName.replace(/Client$/, '').toLowerCase()}:${operation}`, resource: '*' }];
  return byService[service]!(operation, input);
}

/** A presigned POST lets its holder do what the signer may: s3:PutObject (and the tagging it carries). */
export function presignedPostRequests(
  bucket: string,
  key: string,
  fields: Record<string, string>,
): AccessRequest[] {
  const resource = `arn:aws:s3:::${bucket}/${key}`;
  return [
    { action: 's3:PutObject', resource },
    ...('tagging' in fields ? [{ action: 's3:PutObjectTagging', resource }] : []),
  ];
}
