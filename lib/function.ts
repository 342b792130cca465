// The project's Lambda function. Runtime, architecture, bundling, tracing and logs are fixed here
// once; the bind* methods hand a function a resource's name (env var) together with exactly the
// IAM it needs, in one call, so a function never gets a name without the grant or the reverse.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { aliasArgs } from './bundling';
import type { MailFeedback } from './mail';
import { acknowledgeWildcard, arnRef } from './nag';

/** The repository root: entries, the lock file and tsconfig.json are resolved from here. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The newest Node.js runtime of aws-cdk-lib; a test fails when a newer one appears. */
export const nodeRuntime = Runtime.NODEJS_24_X;

/** Lets esbuild's ESM output load CommonJS dependencies that call `require`. */
const REQUIRE_SHIM =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * The only actions a Portico function may be granted on Resource "*", because IAM offers nothing
 * narrower for them: X-Ray trace upload (active tracing) and the stream listing of a stream consumer.
 */
export const anyResourceActions = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'dynamodb:ListStreams',
];

/**
 * Item-level actions a function may be granted on the table. No Scan and no DescribeTable: every
 * list is one Query (DESIGN.md), and the policy makes that a rule. IAM checks a transaction item by
 * item (its Puts as PutItem, its guards as ConditionCheckItem), so TransactWriteItems needs no action
 * of its own.
 */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:ConditionCheckItem';

/** Short names of the table actions, for the grants' lists. */
export const TABLE = {
  GET: 'dynamodb:GetItem',
  BATCH_GET: 'dynamodb:BatchGetItem',
  QUERY: 'dynamodb:Query',
  PUT: 'dynamodb:PutItem',
  UPDATE: 'dynamodb:UpdateItem',
  DELETE: 'dynamodb:DeleteItem',
  CHECK: 'dynamodb:ConditionCheckItem',
} as const satisfies Record<string, TableAction>;

/**
 * What one function may do on the table, declared where the function is: the item actions its code
 * uses on the table, and whether it queries the global secondary indexes (Query is the only action
 * an index can take). `npm test` fails when one of them is granted and no local call used it.
 */
export interface TableGrant {
  actions: readonly TableAction[];
  indexQueries: boolean;
}

/** Object-level S3 actions a function may be given on a bucket; nothing bucket-level. */
// s3:PutObjectTagging: ingest tags a recorded object; presigning a POST whose form carries a
// `tagging` field needs it on the signer's role too (S3 checks the signer's rights at upload).
export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:PutObjectTagging' | 's3:DeleteObject';

/** Cognito admin actions a function may be given on a user pool (the backend creates and manages users). */
export type UserPoolAction =
  | 'cognito-idp:AdminCreateUser'
  | 'cognito-idp:AdminGetUser'
  | 'cognito-idp:ListUsers'
  | 'cognito-idp:AdminUpdateUserAttributes'
  | 'cognito-idp:AdminDisableUser'
  | 'cognito-idp:AdminEnableUser'
  | 'cognito-idp:AdminUserGlobalSignOut'
  | 'cognito-idp:AdminDeleteUser';

/** Which sign-in a user pool serves, and so which variable names it. */
export type SignInKind = 'staff' | 'contact';

/** The user pools and app clients of the two sign-ins. */
export interface SignIn {
  staffPool: IUserPool;
  staffClientId: string;
  contactPool: IUserPool;
  contactClientId: string;
}

export interface PorticoFunctionProps {
  /** Entry file relative to the repository root, e.g. `functions/handlers/cases.ts`. */
  entry: string;
  description: string;
  /** @default 10 seconds */
  timeout?: Duration;
  /** @default 512 MB (arm64; more memory also buys CPU for cold starts) */
  memorySize?: number;
  /**
   * For functions invoked asynchronously (EventBridge targets): where an event goes once Lambda's
   * own retries are exhausted. The message body is the event itself, as in the rule's DLQ.
   */
  deadLetterQueue?: IQueue;
  /** Reserved concurrency: at most this many instances at once (and taken from the account's pool). */
  reservedConcurrency?: number;
}

export class PorticoFunction extends Construct {
  readonly lambda: NodejsFunction;

  constructor(scope: Construct, id: string, props: PorticoFunctionProps) {
    super(scope, id);
    const entry = path.join(repoRoot, props.entry);
    if (!existsSync(entry)) throw new Error(`${this.node.path}: Lambda entry ${props.entry} does not exist`);

    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    // Our own role, not AWSLambdaBasicExecutionRole: logs go to this function's group only.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Portico ${id}: ${props.description}`.slice(0, 1000),
    });
    logGroup.grantWrite(role);

    this.lambda = new NodejsFunction(this, 'Function', {
      entry,
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      description: props.description,
      runtime: nodeRuntime,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      ...(props.reservedConcurrency !== undefined && {
        reservedConcurrentExecutions: props.reservedConcurrency,
      }),
      awsSdkConnectionReuse: false, // SDK v3 reuses connections by default
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // EMF metrics (functions/metrics.ts): one namespace; the stack name as the `service`
        // dimension keeps a staging and a prod stack in one account apart.
        POWERTOOLS_METRICS_NAMESPACE: 'Portico',
        POWERTOOLS_SERVICE_NAME: Stack.of(scope).stackName,
      },
      ...(props.deadLetterQueue && {
        deadLetterQueue: props.deadLetterQueue,
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      }),
      bundling: {
        forceDockerBundling: false, // the local esbuild package; no Docker needed
        format: OutputFormat.ESM,
        target: nodeRuntime.name.replace(/^nodejs(\d+)\.x$/, 'node$1'), // nodejs24.x → node24
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // We ship the SDK version pinned in package-lock.json: see docs/decisions/0005-bundled-aws-sdk.md.
        bundleAwsSDK: true,
        // Per-function package aliases (notify: the ICU parser's no-parser build, lib/bundling.ts).
        esbuildArgs: aliasArgs(props.entry),
      },
    });

    acknowledgeWildcard(
      this,
      '*',
      `Resource "*" only for actions that have no resource-level permissions: ${anyResourceActions.join(', ')} ` +
        '(test/cdk pins this list).',
    );
  }

  /** TABLE_NAME + the grant's item actions on the table, and Query on its indexes if it says so. */
  bindTable(table: ITable, grant: TableGrant): this {
    this.lambda.addEnvironment('TABLE_NAME', table.tableName);
    if (grant.actions.length > 0)
      this.lambda.addToRolePolicy(
        new PolicyStatement({ actions: [...grant.actions], resources: [table.tableArn] }),
      );
    if (grant.indexQueries) {
      this.lambda.addToRolePolicy(
        new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/*`] }),
      );
      acknowledgeWildcard(
        this,
        `${arnRef(table)}/index/*`,
        "Queries on the table's own global secondary indexes (GSI1, GSI2, and any added later).",
      );
    }
    return this;
  }

  /** BUCKET_NAME + the given object actions on the bucket's objects (no bucket-level actions). */
  bindBucket(bucket: IBucket, actions: readonly ObjectAction[]): this {
    this.lambda.addEnvironment('BUCKET_NAME', bucket.bucketName);
    this.lambda.addToRolePolicy(
      new PolicyStatement({ actions: [...actions], resources: [bucket.arnForObjects('*')] }),
    );
    acknowledgeWildcard(
      this,
      `${arnRef(bucket)}/*`,
      'Objects of the upload bucket only; keys are created per upload, so they cannot be listed in advance.',
    );
    return this;
  }

  /** EVENT_BUS_NAME + events:PutEvents on that bus. */
  bindBus(bus: IEventBus): this {
    this.lambda.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
    bus.grantPutEventsTo(this.lambda);
    return this;
  }

  /**
   * SENDER_EMAIL + ses:SendEmail from that address only. The identity is the address or, when only
   * its domain is verified in SES, the domain. With a configuration set (bounces and complaints
   * published to the bus): MAIL_CONFIGURATION_SET, and SendEmail on that set too (SES authorizes it).
   */
  bindMailer(senderEmail: string, mail?: MailFeedback): this {
    this.lambda.addEnvironment('SENDER_EMAIL', senderEmail);
    if (mail) this.lambda.addEnvironment('MAIL_CONFIGURATION_SET', mail.configurationSet.ref);
    const domain = senderEmail.slice(senderEmail.lastIndexOf('@') + 1);
    const identity = (name: string) =>
      Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    this.lambda.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [identity(senderEmail), identity(domain), ...(mail ? [mail.configurationSetArn] : [])],
        conditions: { StringEquals: { 'ses:FromAddress': senderEmail } },
      }),
    );
    return this;
  }

  /**
   * STAFF_CLIENT_IDS / CONTACT_CLIENT_IDS: the app clients of each sign-in. Only a token issued to
   * the staff client can be a staff principal (functions/http/auth.ts, decision 0023).
   * STAFF_USER_POOL_ID / CONTACT_USER_POOL_ID: the pools, with no rights on them (bindUserPool adds those).
   */
  withSignIn(signIn: SignIn): this {
    this.lambda.addEnvironment('STAFF_CLIENT_IDS', signIn.staffClientId);
    this.lambda.addEnvironment('CONTACT_CLIENT_IDS', signIn.contactClientId);
    this.lambda.addEnvironment('STAFF_USER_POOL_ID', signIn.staffPool.userPoolId);
    this.lambda.addEnvironment('CONTACT_USER_POOL_ID', signIn.contactPool.userPoolId);
    return this;
  }

  /** <KIND>_USER_POOL_ID + exactly the given admin actions on that pool (its ARN, nothing wider). */
  bindUserPool(kind: SignInKind, pool: IUserPool, actions: readonly UserPoolAction[]): this {
    this.lambda.addEnvironment(`${kind.toUpperCase()}_USER_POOL_ID`, pool.userPoolId);
    this.lambda.addToRolePolicy(
      new PolicyStatement({ actions: [...actions], resources: [pool.userPoolArn] }),
    );
    return this;
  }

  /** PORTAL_URL and APP_URL: where links into the client portal and the staff app point. No IAM. */
  withLinks(links: { portalUrl: string; appUrl: string }): this {
    this.lambda.addEnvironment('PORTAL_URL', links.portalUrl);
    this.lambda.addEnvironment('APP_URL', links.appUrl);
    return this;
  }

  /**
   * CURSOR_SECRET_ARN + secretsmanager:GetSecretValue on that secret only: the value is read once per
   * container (functions/wiring/secrets.ts) and never sits in the function's configuration.
   * See docs/decisions/0006-cursor-secret.md.
   */
  bindCursorSecret(secret: ISecret): this {
    this.lambda.addEnvironment('CURSOR_SECRET_ARN', secret.secretArn);
    this.lambda.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    return this;
  }

  /**
   * VAPID_SECRET_ARN + GetSecretValue and PutSecretValue on that secret only: the function reads the
   * web push key pair, or stores it as the secret's first version when it is the first to need it
   * (functions/secrets/vapid-keys.ts).
   */
  bindVapidSecret(secret: ISecret): this {
    this.lambda.addEnvironment('VAPID_SECRET_ARN', secret.secretArn);
    this.lambda.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
        resources: [secret.secretArn],
      }),
    );
    return this;
  }
}
