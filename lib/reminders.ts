// Automatic reminders of open client tasks: an EventBridge Scheduler schedule runs the reminders
// function every 15 minutes. The function reads due schedules through GSI2 and claims each slot by
// a conditional write, so a retried or overlapping run sends nothing twice.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PorticoFunction, TABLE, type TableGrant } from './function';
import { acknowledgeWildcard, arnRef } from './nag';
import { deadLetterQueue } from './queues';

export interface RemindersProps {
  table: ITable;
}

/** How often due reminders are looked for (a reminder is late by at most this much). */
export const REMINDER_RATE = Duration.minutes(15);

/** The reminders function on the table: due schedules by index, threads, the claim with its event. */
export const remindersTableGrant: TableGrant = {
  actions: [TABLE.GET, TABLE.PUT, TABLE.UPDATE],
  indexQueries: true,
};

export class Reminders extends Construct {
  readonly function: PorticoFunction;
  readonly schedule: Schedule;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    // Only the table: it reads schedules and threads, and writes the claim with its event.
    this.function = new PorticoFunction(this, 'Run', {
      entry: 'functions/handlers/reminders.ts',
      description: 'Scheduled: sends each due reminder of open client tasks once',
      timeout: Duration.minutes(2),
      deadLetterQueue: this.deadLetters,
    }).bindTable(props.table, remindersTableGrant);

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
      description: 'Runs the reminders function (due reminders of open client tasks)',
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
