// Carries activity entries from the table's stream to the event bus (the outbox relay). Records
// that fail are reported back as batch item failures, so the stream retries exactly those.

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
} from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { log } from '../log';
import { DomainEventSchema, EVENT_SOURCE } from './catalogue';

const MAX_ENTRIES = 10; // PutEvents limit per call

export function publisher(deps: { eventBridge: EventBridgeClient; busName: string }) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const pending: { sequence: string; entry: NonNullable<PutEventsCommandInput['Entries']>[number] }[] = [];
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage;
      if (record.eventName !== 'INSERT' || image?.entity?.S !== 'activity') continue;
      const parsed = DomainEventSchema.safeParse(unmarshall(image as Record<string, AttributeValue>));
      if (!parsed.success) {
        // A malformed entry can never publish; retrying it would block the shard forever.
        log.error('activity entry does not match the event catalogue; skipped', {
          sequence: record.dynamodb?.SequenceNumber,
          issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        });
        continue;
      }
      const e = parsed.data;
      pending.push({
        sequence: record.dynamodb?.SequenceNumber ?? '',
        entry: {
          EventBusName: deps.busName,
          Source: EVENT_SOURCE,
          DetailType: e.type,
          Time: new Date(e.occurredAt),
          Detail: JSON.stringify(e),
        },
      });
    }
    const failures = new Set<string>();
    for (let i = 0; i < pending.length; i += MAX_ENTRIES) {
      const chunk = pending.slice(i, i + MAX_ENTRIES);
      try {
        const res = await deps.eventBridge.send(new PutEventsCommand({ Entries: chunk.map((c) => c.entry) }));
        res.Entries?.forEach((r, j) => {
          const failed = chunk[j];
          if (r.ErrorCode && failed) failures.add(failed.sequence);
        });
      } catch (err) {
        log.warn('PutEvents failed; the stream will retry', { error: err });
        for (const c of chunk) failures.add(c.sequence);
      }
      // The stream retries from the earliest failure with everything after it: sending later
      // batches now would only publish them twice.
      if (failures.size > 0) break;
    }
    // Report the earliest failure: the stream retries from there, in order.
    const first = pending.find((p) => failures.has(p.sequence));
    return { batchItemFailures: first ? [{ itemIdentifier: first.sequence }] : [] };
  };
}
