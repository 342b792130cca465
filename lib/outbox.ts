// The outbox relay: the table's stream → publisher Lambda → the domain event bus. Only inserted
// activity entries (the events written with their change) reach the function; failed records are
// retried in order, then reported to a queue.
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PorticoFunction } from './function';
import { acknowledge } from './nag';
import { deadLetterQueue } from './queues';

export interface OutboxProps {
  table: ITable;
  bus: IEventBus;
}

/** Stream records the publisher acts on; the same test as functions/events/publisher.ts. */
export const activityInserts = {
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: { NewImage: { entity: { S: FilterRule.isEqual('activity') } } },
};

export class Outbox extends Construct {
  readonly publisher: PorticoFunction;
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);

    this.publisher = new PorticoFunction(this, 'Publisher', {
      entry: 'functions/handlers/publisher.ts',
      description: 'Publishes activity entries from the table stream to the domain event bus',
      timeout: Duration.seconds(30),
    }).bindBus(props.bus);

    // Stream failure records carry shard and sequence numbers, not the items: the activity entry
    // is still in the table and can be republished from there.
    this.failures = deadLetterQueue(this, 'Failures');
    // cdk-nag recognizes Lambda and EventBridge dead-letter queues, not stream on-failure destinations.
    acknowledge(
      this.failures,
      'AwsSolutions-SQS3',
      "This queue is the stream's on-failure destination (a dead-letter queue itself); nothing consumes it automatically.",
    );

    this.publisher.lambda.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        parallelizationFactor: 1, // events of one shard stay in order
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.failures),
        filters: [FilterCriteria.filter(activityInserts)],
      }),
    );
  }
}
