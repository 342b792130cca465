// Automatic reminders of open client tasks and open file requests (decision 0044): an EventBridge
// Scheduler schedule runs the reminders function every 15 minutes (each run then purges the trash
// that fell due, decision 0038). The function reads due schedules through GSI2 and claims each slot
// by a conditional write, so a retried or overlapping run sends nothing twice.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PorticoFunction, TABLE, type TableGrant } from './function';
import { acknowledgeWildcard, arnRef } from './nag';
import { deadLetterQueue } from './queues';

export interface RemindersProps {
  table: ITable;
  /** The upload bucket: the run also purges trashed documents' objects that fell due (decision 0038). */
  uploads: IBucket;
}

/** How often due reminders are looked for (a reminder is late by at most this much). */
export const REMINDER_RATE = Duration.minutes(15);

/**
 * The reminders function on the table: due schedules by index, threads and file requests (and the
 * firm's reminder settings), the claim with its event; and the trash purge: due documents by index,
 * their versions and shares (Query), their deletion.
 */
export const remindersTableGrant: TableGrant = {
  actions: [TABLE.GET, TABLE.QUERY, TABLE.PUT, TABLE.UPDATE, TABLE.DELETE],
  indexQueries: true,
};

export class Reminders extends Construct {
  readonly function: PorticoFunction;
  readonly schedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    // The table (schedules, threads, the claim with its event; the trash), and the upload bucket's
    // objects of purged documents: tagged purged, then deleted.
    this.function = new PorticoFunction(this, 'Run', {
      entry: 'functions/handlers/reminders.ts',
      description: 'Scheduled: sends each due reminder of open client tasks and file requests once',
      timeout: Duration.minutes(2),
      deadLetterQueue: this.deadLetters,
    })
      .bindTable(props.table, remindersTableGrant)
      .bindBucket(props.uploads, ['s3:PutObjectTagging', 's3:DeleteObject']);

    // Our own role (not the stack-wide one the target would make), so its one finding is ours to explain.
    const invoker = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Portico reminders schedule: invokes the reminders function',
    });
    acknowledgeWildcard(
      invoker,
      `${arnRef(this.function.lambda)}:*`,
      'lambda:InvokeFunction on the reminders function and its versions (the grant CDK makes for a Lambda target); no other function.',
    );
    this.schedule = new Schedule(this, 'Every15Minutes', {
      description: 'Runs the reminders function (due reminders of open client tasks and file requests)',
      schedule: ScheduleExpression.rate(REMINDER_RATE),
      target: new LambdaInvoke(this.function.lambda, {
        role: invoker,
        // A missed run is caught up by the next one; an old invocation is worth nothing.
        retryAttempts: 2,
        maxEventAge: Duration.minutes(10),
        deadLetterQueue: this.deadLetters,
      }),
    });
  }
}
