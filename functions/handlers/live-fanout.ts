// Lambda entry: the table stream (inbox items and counters, chat messages, thread task counts,
// revoked grants) → live messages posted to the open WebSocket connections of who may read them.
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { liveConnectionsClient } from '../clients/live-connections';
import { fanOut, type LiveChange } from '../domain/live';
import { managementPoster } from '../live/poster';
import { liveChangeOf } from '../live/stream';
import { log } from '../log';
import { observed } from '../observed';
import { liveConnections, liveReads } from '../store/live';
import { liveTable } from '../wiring/live';

const table = liveTable();
const deps = {
  connections: liveConnections(table),
  reads: liveReads(table),
  poster: managementPoster(liveConnectionsClient),
};

// Never a batch item failure: a live message is a hint (the inbox and the thread are the record), and
// retrying a batch would resend every message of it to everyone for the sake of one.
export const handler = observed(
  'live-fanout',
  () => undefined,
  async (event: DynamoDBStreamEvent) => {
    const changes = event.Records.flatMap((record): LiveChange[] => {
      // One record the reader cannot read is skipped, not thrown: a throw would hold the whole shard
      // (the batch retried until the record expires) for the sake of a hint.
      try {
        const change = liveChangeOf(record);
        return change ? [change] : [];
      } catch (err) {
        log.warn('stream record not read for the live channel', {
          eventId: record.eventID,
          entity: (record.dynamodb?.NewImage?.entity as { S?: string } | undefined)?.S,
          error: err,
        });
        return [];
      }
    });
    const result = await fanOut(deps, changes, (err, change) =>
      log.warn('live message not delivered', { kind: change.kind, id: change.id, error: err }),
    );
    if (changes.length) log.debug('live fan-out', { changes: changes.length, ...result });
    return { batchItemFailures: [] };
  },
);
