// Dead-letter queues: where events and stream batches go when every retry has failed, so nothing
// is silently dropped. Encrypted, TLS-only, kept for the SQS maximum of 14 days.
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** How long a dead letter waits for a fix and a redrive (the SQS maximum). */
export const DEAD_LETTER_RETENTION_DAYS = 14;

export function deadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(DEAD_LETTER_RETENTION_DAYS),
  });
}
