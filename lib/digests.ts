// Digests of bursts: an EventBridge Scheduler schedule runs the digest function every minute. Its
// own function rather than the reminders one: digest windows are 2–30 minutes, so a 15-minute run
// would make a 2-minute window up to 17 minutes late, and only this function needs to send mail
// (ses:SendEmail stays off the reminders role). A run that finds nothing due costs one Query per
// shard. The function claims each due window by a conditional write, so a retried or overlapping
// run mails nothing twice.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PorticoFunction, TABLE, type TableGrant } from './function';
import type { MailFeedback } from './mail';
import { acknowledgeWildcard, arnRef } from './nag';
import { deadLetterQueue } from './queues';

export interface DigestsProps {
  table: ITable;
  senderEmail: string;
  /** The configuration set its mail is sent with (bounces and complaints come back on the bus). */
  mail?: MailFeedback;
}

/** How often due digests are looked for (a digest is late by at most this much). */
export const DIGEST_RATE = Duration.minutes(1);

/** The digests function on the table: due windows by index, their entries, the window's claim. */
export const digestsTableGrant: TableGrant = {
  actions: [TABLE.GET, TABLE.QUERY, TABLE.UPDATE],
  indexQueries: true,
};

export class Digests extends Construct {
  readonly function: PorticoFunction;
  readonly schedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: DigestsProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    // The table (windows and their entries) and mail from the sender address.
    this.function = new PorticoFunction(this, 'Run', {
      entry: 'functions/handlers/digests.ts',
      description: 'Scheduled: mails each due digest window (a burst of notifications) once',
      // Below the claim's lease (functions/domain/digests.ts DIGEST_LEASE_MS, 3 minutes).
      timeout: Duration.minutes(2),
      deadLetterQueue: this.deadLetters,
    })
      .bindTable(props.table, digestsTableGrant)
      .bindMailer(props.senderEmail, props.mail);

    // Our own role (not the stack-wide one the target would make), so its one finding is ours to explain.
    const invoker = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Portico digests schedule: invokes the digests function',
    });
    acknowledgeWildcard(
      invoker,
      `${arnRef(this.function.lambda)}:*`,
      'lambda:InvokeFunction on the digests function and its versions (the grant CDK makes for a Lambda target); no other function.',
    );
    this.schedule = new Schedule(this, 'EveryMinute', {
      description: 'Runs the digests function (due digest windows of notification emails)',
      schedule: ScheduleExpression.rate(DIGEST_RATE),
      target: new LambdaInvoke(this.function.lambda, {
        role: invoker,
        // The next run a minute later catches up anything missed; an old invocation is worth nothing.
        retryAttempts: 1,
        maxEventAge: Duration.minutes(5),
        deadLetterQueue: this.deadLetters,
      }),
    });
  }
}
