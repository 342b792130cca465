// The Portico stack: composes the table, uploads, identity, API, outbox relay, event rules and the
// reminders and digests schedules.
// Functions are derived from the route table (one per route group) and the rule list (one per
// rule target); nothing here names a single route or rule.
import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { busRules, type RuleTarget } from '../functions/events/rules';
import type { RouteGroup } from '../functions/http/route';
import { documentedRouteEntries, routeGroups } from '../functions/http/routes';
import { PorticoApi } from './api';
import { Digests } from './digests';
import { EventRules } from './event-rules';
import { PorticoFunction, TABLE, type TableGrant } from './function';
import { Identity } from './identity';
import { Live } from './live';
import { MailFeedback } from './mail';
import { Operations } from './operations';
import { Outbox } from './outbox';
import { deadLetterQueue } from './queues';
import { Reminders } from './reminders';
import { pascal, routeGroupFunctions } from './route-groups';
import { cursorSecret, vapidSecret } from './secrets';
import type { PorticoSettings } from './settings';
import { PorticoTable } from './table';
import { Uploads } from './uploads';

/** The event targets on the table (`Notify`, `Ingest` in `npm run iam:report`). */
export const eventTargetTableGrants = {
  notify: {
    actions: [TABLE.GET, TABLE.BATCH_GET, TABLE.QUERY, TABLE.PUT, TABLE.UPDATE, TABLE.DELETE],
    indexQueries: false,
  },
  ingest: { actions: [TABLE.GET, TABLE.QUERY, TABLE.PUT, TABLE.UPDATE, TABLE.CHECK], indexQueries: false },
} satisfies Record<'notify' | 'ingest', TableGrant>;

export interface PorticoStackProps extends StackProps {
  settings: PorticoSettings;
}

export class PorticoStack extends Stack {
  readonly table: PorticoTable;
  readonly uploads: Uploads;
  readonly identity: Identity;
  readonly bus: EventBus;
  readonly api: PorticoApi;
  readonly groupFunctions: ReadonlyMap<RouteGroup, PorticoFunction>;
  readonly eventTargets: Record<RuleTarget, PorticoFunction>;
  readonly outbox: Outbox;
  readonly reminders: Reminders;
  readonly digests: Digests;
  /** The SES configuration set that brings bounces and complaints back on the default bus. */
  readonly mail: MailFeedback;
  readonly operations: Operations;
  /** The live channel: WebSocket API, its connections function and the stream fan-out (decision 0045). */
  readonly live: Live;

  constructor(scope: Construct, id: string, props: PorticoStackProps) {
    super(scope, id, props);
    const { settings } = props;
    // Cost-allocation tags on every taggable resource (activate them once in the billing console).
    // (Not dashboards: the CDK would tag them, CloudFormation's schema refuses it.)
    const tagged = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
    Tags.of(this).add('portico:app', 'portico', tagged);
    Tags.of(this).add('portico:stage', settings.stage, tagged);

    this.table = new PorticoTable(this, 'Table');
    this.uploads = new Uploads(this, 'Uploads', { portalOrigins: settings.portalOrigins });
    const links = { portalUrl: settings.portalUrl, appUrl: settings.appUrl };
    this.mail = new MailFeedback(this, 'Mail');
    const mail = this.mail;
    this.identity = new Identity(this, 'Identity', {
      senderEmail: settings.senderEmail,
      senderName: settings.senderName,
      mail,
      links,
    });
    this.bus = new EventBus(this, 'DomainEvents', {
      eventBusName: `${this.stackName}-domain`,
      description: 'Portico domain events (source "portico"), published from the table stream',
    });
    const cursorKey = cursorSecret(this, 'CursorSecret');
    const vapidKeys = vapidSecret(this, 'VapidKeys');

    this.groupFunctions = routeGroupFunctions(this, routeGroups, {
      table: this.table,
      cursorKey,
      vapidKeys,
      uploads: this.uploads.bucket,
      links,
      signIn: {
        staffPool: this.identity.staffPool,
        staffClientId: this.identity.staffClient.userPoolClientId,
        contactPool: this.identity.contactPool,
        contactClientId: this.identity.contactClient.userPoolClientId,
      },
    });

    this.api = new PorticoApi(this, 'Api', {
      routes: documentedRouteEntries(),
      groupFunctions: new Map([...this.groupFunctions].map(([group, fn]) => [group, fn.lambda])),
      identity: this.identity,
      portalOrigins: settings.portalOrigins,
    });

    // One Lambda per rule target (functions/handlers/<target>.ts), each with its dead-letter queue.
    const eventTarget = (target: RuleTarget, description: string, reservedConcurrency?: number) =>
      new PorticoFunction(this, pascal(target), {
        entry: `functions/handlers/${target}.ts`,
        description,
        timeout: Duration.seconds(30),
        deadLetterQueue: deadLetterQueue(this, `${pascal(target)}DeadLetters`),
        ...(reservedConcurrency !== undefined && { reservedConcurrency }),
      });
    this.eventTargets = {
      // Capped (optionally) below the SES send rate; events over the cap wait in Lambda's async queue
      // (throttled invocations are retried for up to 6 h), and mail SES throttles anyway is put
      // back on the bus, hence the bus binding (decision 0022).
      notify: eventTarget(
        'notify',
        'Domain events to notification policy, inbox items and mail',
        settings.notifyConcurrency,
      )
        .bindTable(this.table, eventTargetTableGrants.notify)
        .bindBus(this.bus)
        .bindMailer(settings.senderEmail, mail)
        .bindVapidSecret(vapidKeys)
        .withLinks(links),
      ingest: eventTarget('ingest', 'S3 "Object Created": matches the upload intent, records the document')
        .bindTable(this.table, eventTargetTableGrants.ingest)
        .bindBucket(this.uploads.bucket, ['s3:GetObject', 's3:PutObjectTagging', 's3:DeleteObject']),
    };

    this.outbox = new Outbox(this, 'Outbox', { table: this.table, bus: this.bus });
    this.live = new Live(this, 'Live', { table: this.table });
    // The ticket route answers where to connect.
    this.groupFunctions.get('inbox')?.lambda.addEnvironment('LIVE_URL', this.live.url);
    this.reminders = new Reminders(this, 'Reminders', { table: this.table, uploads: this.uploads.bucket });
    this.digests = new Digests(this, 'Digests', {
      table: this.table,
      senderEmail: settings.senderEmail,
      mail,
    });

    new EventRules(this, 'Rules', {
      rules: busRules,
      buses: { domain: this.bus, default: EventBus.fromEventBusName(this, 'DefaultBus', 'default') },
      targets: this.eventTargets,
      bucketName: this.uploads.bucket.bucketName,
    });

    // Found by walking the tree, so a function or queue added later cannot miss its alarms.
    const named = <T extends Construct>(items: T[]) =>
      new Map(items.map((c) => [c.node.path.split('/').slice(1).map(pascal).join(''), c] as const));
    const all = this.node.findAll();
    this.operations = new Operations(this, 'Operations', {
      functions: named(all.filter((c): c is PorticoFunction => c instanceof PorticoFunction)),
      deadLetterQueues: named(all.filter((c): c is Queue => c instanceof Queue)),
      streamConsumer: this.outbox.publisher,
      api: this.api,
      ...(settings.alarmEmail && { alarmEmail: settings.alarmEmail }),
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', this.api.url, 'Base URL of the HTTP API');
    output(
      'PortalUrl',
      settings.portalUrl,
      'Default client portal URL (invitation links of firms that set none)',
    );
    output(
      'UploadBucketName',
      this.uploads.bucket.bucketName,
      'Bucket the portals upload to (presigned POST)',
    );
    output(
      'LiveUrl',
      this.live.url,
      'WebSocket URL of the live channel (connect with ?ticket= from POST /live/ticket)',
    );
    output('EventBusName', this.bus.eventBusName, 'Custom bus of Portico domain events');
    // What `npm run redrive` needs: each dead-letter queue that holds whole events, and the function
    // those events go back to.
    const redrivable: [string, PorticoFunction][] = [
      ['Notify', this.eventTargets.notify],
      ['Ingest', this.eventTargets.ingest],
      ['Reminders', this.reminders.function],
      ['Digests', this.digests.function],
    ];
    for (const [name, fn] of redrivable) {
      const queue = fn.lambda.deadLetterQueue;
      if (!queue) throw new Error(`${name} has no dead-letter queue`);
      output(`${name}DeadLetterQueueUrl`, queue.queueUrl, `Dead letters of ${name} (npm run redrive)`);
      output(`${name}FunctionName`, fn.lambda.functionName, `The ${name} function (npm run redrive)`);
    }
    output(
      'StreamFailuresQueueUrl',
      this.outbox.failures.queueUrl,
      'Stream relay failures: shard and sequence ranges whose activity entries are still in the table',
    );
    output('AlarmTopicArn', this.operations.topic.topicArn, 'SNS topic every Portico alarm notifies');
    output('TableName', this.table.tableName, 'The single DynamoDB table');
    // What a portal (npm run portal-config) and the operator commands (scripts/stack-outputs.ts) read.
    output('Region', this.region, 'Region of the API and the user pools');
    output(
      'StaffUserPoolId',
      this.identity.staffPool.userPoolId,
      'Cognito user pool of firm staff (password + TOTP)',
    );
    output('StaffClientId', this.identity.staffClient.userPoolClientId, 'App client of the staff portal');
    output(
      'ContactUserPoolId',
      this.identity.contactPool.userPoolId,
      'Cognito user pool of client contacts (passwordless email code)',
    );
    output(
      'ContactClientId',
      this.identity.contactClient.userPoolClientId,
      'App client of the contact portal',
    );
  }
}
