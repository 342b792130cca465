// Reads DynamoDB Local's table stream and hands records to the publisher handler in the shape
// Lambda's DynamoDB event source uses, honouring batchItemFailures (a failed record is retried,
// with everything after it). Checkpoints are kept in .data so a restart does not republish; one is
// saved only after PutEvents answered (the bus journals before it answers), and atomically.
import { readFile } from 'node:fs/promises';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { localCredentials } from './dynamodb';
import { writeFileAtomic } from './journal';

export interface StreamPollerOptions {
  endpoint: string;
  tableName: string;
  checkpointFile: string;
  handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  intervalMs?: number;
  onLog?: (line: string) => void;
  /**
   * Start a shard that has no checkpoint at its newest record instead of its oldest (an event source
   * mapping's LATEST): for a consumer to which old records are worth nothing (the live fan-out).
   * Shards that appear after the start are still read from their beginning.
   */
  fromLatest?: boolean;
}

export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly dynamo: DynamoDBClient;
  private checkpoints: Record<string, string> = {};
  private iterators = new Map<string, string | undefined>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private streamArn = '';
  /** Shards open at start, which `fromLatest` starts at their newest record. */
  private shardsAtStart = new Set<string>();

  constructor(private readonly opts: StreamPollerOptions) {
    const config = { endpoint: opts.endpoint, region: 'us-east-1', credentials: localCredentials };
    this.streams = new DynamoDBStreamsClient(config);
    this.dynamo = new DynamoDBClient(config);
  }

  async start(): Promise<void> {
    try {
      this.checkpoints = JSON.parse(await readFile(this.opts.checkpointFile, 'utf8'));
    } catch {
      this.checkpoints = {};
    }
    const table = await this.dynamo.send(new DescribeTableCommand({ TableName: this.opts.tableName }));
    this.streamArn = table.Table?.LatestStreamArn ?? '';
    if (!this.streamArn) throw new Error(`table ${this.opts.tableName} has no stream`);
    if (this.opts.fromLatest) {
      const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
      for (const shard of description.StreamDescription?.Shards ?? []) this.shardsAtStart.add(shard.ShardId!);
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.streams.destroy();
    this.dynamo.destroy();
  }

  /** Polls now and resolves when every record written so far has been handed over. */
  async drain(): Promise<void> {
    await this.running;
    this.running = this.pollOnce();
    await this.running;
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.running;
      this.running = this.pollOnce().catch((err) => this.opts.onLog?.(`streams: ${(err as Error).message}`));
      await this.running;
      this.schedule();
    }, this.opts.intervalMs ?? 50);
  }

  private async pollOnce(): Promise<void> {
    const description = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId!;
      if (this.iterators.has(shardId) && this.iterators.get(shardId) === undefined) continue; // closed and read
      let iterator = this.iterators.get(shardId) ?? (await this.firstIterator(shardId));
      while (iterator) {
        const page = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
        const records = page.Records ?? [];
        if (records.length === 0) {
          iterator = page.NextShardIterator;
          break;
        }
        const failedAt = await this.deliver(records);
        if (failedAt !== undefined) {
          // Retry from the failed record next time, as Lambda's event source mapping does.
          const seq = records[failedAt]?.dynamodb?.SequenceNumber;
          iterator = undefined;
          this.iterators.delete(shardId);
          if (failedAt > 0) await this.checkpoint(shardId, records[failedAt - 1]!.dynamodb!.SequenceNumber!);
          this.opts.onLog?.(`streams: publisher reported a failure at ${seq}; will retry`);
          return;
        }
        await this.checkpoint(shardId, records[records.length - 1]!.dynamodb!.SequenceNumber!);
        iterator = page.NextShardIterator;
      }
      this.iterators.set(shardId, iterator);
    }
  }

  private async firstIterator(shardId: string): Promise<string | undefined> {
    const after = this.checkpoints[shardId];
    const res = await this.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: this.shardsAtStart.has(shardId) ? 'LATEST' : 'TRIM_HORIZON' }),
      }),
    );
    return res.ShardIterator;
  }

  /** Returns the index of the first failed record, or undefined when all were handled. */
  private async deliver(records: _Record[]): Promise<number | undefined> {
    const event: DynamoDBStreamEvent = {
      Records: records.map(
        (r) =>
          ({
            eventID: r.eventID,
            eventName: r.eventName,
            eventVersion: r.eventVersion,
            eventSource: 'aws:dynamodb',
            awsRegion: 'us-east-1',
            dynamodb: r.dynamodb,
            eventSourceARN: this.streamArn,
          }) as DynamoDBRecord,
      ),
    };
    let response: DynamoDBBatchResponse | undefined;
    try {
      response = await this.opts.handler(event);
    } catch (err) {
      this.opts.onLog?.(`streams: publisher threw: ${(err as Error).message}`);
      return 0;
    }
    const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
    if (!failed) return undefined;
    const index = records.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
    return Math.max(index, 0);
  }

  private async checkpoint(shardId: string, sequence: string) {
    this.checkpoints[shardId] = sequence;
    // Rewritten in place, a kill could leave it empty and the next start would re-relay the whole stream.
    await writeFileAtomic(this.opts.checkpointFile, JSON.stringify(this.checkpoints));
  }
}
