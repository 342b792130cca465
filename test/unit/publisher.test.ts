import type { PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { DomainEvent } from '../../functions/events/catalogue';
import { publisher } from '../../functions/events/publisher';
import { FakeEventBridge, type PutEventsBehaviour } from './fakes';

const BUS = 'portico-events';
type NewImage = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

const caseCreated = (n: number): DomainEvent => ({
  type: 'case.created',
  eventId: `E${n}`,
  firmId: 'F1',
  caseId: `C${n}`,
  actor: { kind: 'staff', id: 'u' },
  occurredAt: `2024-05-06T07:08:${String(n % 60).padStart(2, '0')}.000Z`,
  detail: { title: `t${n}`, ownerId: 'u' },
});

/** A stream record of an item as the table stores it: the data plus its layout attributes. */
function record(
  sequence: string,
  item: Record<string, unknown>,
  eventName: DynamoDBRecord['eventName'] = 'INSERT',
): DynamoDBRecord {
  return {
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: sequence,
      NewImage: marshall(item, { removeUndefinedValues: true }) as unknown as NewImage,
    },
  };
}

const activityRecord = (sequence: string, event: DomainEvent) =>
  record(sequence, {
    ...event,
    PK: `FIRM#${event.firmId}#CASE#${event.caseId}`,
    SK: `ACTIVITY#${event.eventId}`,
    entity: 'activity',
    v: 1,
  });

const seq = (n: number) => String(1000 + n);

/** n activity inserts with sequence numbers 1000, 1001, … */
const activities = (n: number) => Array.from({ length: n }, (_, i) => activityRecord(seq(i), caseCreated(i)));

const streamOf = (Records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records });

/** Fails the listed entry positions of the listed calls; everything else succeeds. */
const failing =
  (failures: Record<number, number[]>): PutEventsBehaviour =>
  (input: PutEventsCommandInput, call: number) => ({
    $metadata: {},
    FailedEntryCount: failures[call]?.length ?? 0,
    Entries: (input.Entries ?? []).map((_, j) =>
      failures[call]?.includes(j)
        ? { ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }
        : { EventId: `e${j}` },
    ),
  });

describe('Module: publisher', () => {
  let stderr: MockInstance<typeof process.stderr.write>;

  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    stderr.mockRestore();
  });

  it('publishes an activity entry as a Portico event on the bus', async () => {
    // Prepare
    const bus = new FakeEventBridge();
    const event = caseCreated(1);

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(
      streamOf([activityRecord('1', event)]),
    );

    // Assess
    expect(res).toEqual({ batchItemFailures: [] });
    expect(bus.calls).toHaveLength(1);
    const entries = bus.calls[0]?.Entries ?? [];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ EventBusName: BUS, Source: 'portico', DetailType: 'case.created' });
    expect(entries[0]?.Time).toEqual(new Date(event.occurredAt));
    // The detail is the event itself: no table layout attributes leak onto the bus.
    expect(JSON.parse(entries[0]?.Detail ?? '')).toEqual(event);
  });

  it('publishes firm-level events, which have no caseId', async () => {
    // Prepare
    const bus = new FakeEventBridge();
    const event: DomainEvent = {
      type: 'contact.created',
      eventId: 'E9',
      firmId: 'F1',
      actor: { kind: 'staff', id: 'u' },
      occurredAt: '2024-05-06T07:08:09.000Z',
      detail: { contactId: 'K1', name: 'Ana' },
    };

    // Act
    await publisher({ eventBridge: bus.asClient(), busName: BUS })(
      streamOf([record('1', { ...event, PK: 'FIRM#F1#TRAIL', SK: 'ACTIVITY#E9', entity: 'activity', v: 1 })]),
    );

    // Assess
    const entry = bus.calls[0]?.Entries?.[0];
    expect(entry?.DetailType).toBe('contact.created');
    expect(JSON.parse(entry?.Detail ?? '')).toEqual(event);
  });

  it('publishes only inserted activity entries', async () => {
    // Prepare
    const bus = new FakeEventBridge();
    const event = caseCreated(1);
    const records = [
      record('1', { PK: 'FIRM#F1', SK: 'CASE#C1', entity: 'case', title: 't' }),
      activityRecord('2', event),
      { ...activityRecord('3', caseCreated(3)), eventName: 'MODIFY' as const },
      { ...activityRecord('4', caseCreated(4)), eventName: 'REMOVE' as const },
      { eventName: 'INSERT' as const, dynamodb: { SequenceNumber: '5' } },
      record('6', { ...caseCreated(6), entity: 'Activity' }),
    ];

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(streamOf(records));

    // Assess
    expect(res.batchItemFailures).toEqual([]);
    expect(bus.calls.flatMap((c) => c.Entries ?? []).map((e) => JSON.parse(e.Detail ?? '').eventId)).toEqual([
      'E1',
    ]);
  });

  it('makes no call when there is nothing to publish', async () => {
    // Prepare
    const bus = new FakeEventBridge();

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(
      streamOf([record('1', { PK: 'FIRM#F1', SK: 'FIRM', entity: 'firm' })]),
    );

    // Assess
    expect(bus.calls).toHaveLength(0);
    expect(res.batchItemFailures).toEqual([]);
  });

  it('sends at most 10 entries per call, in stream order', async () => {
    // Prepare
    const bus = new FakeEventBridge();

    // Act
    await publisher({ eventBridge: bus.asClient(), busName: BUS })(streamOf(activities(25)));

    // Assess
    expect(bus.calls.map((c) => c.Entries?.length)).toEqual([10, 10, 5]);
    const published = bus.calls
      .flatMap((c) => c.Entries ?? [])
      .map((e) => JSON.parse(e.Detail ?? '').eventId);
    expect(published).toEqual(Array.from({ length: 25 }, (_, i) => `E${i}`));
  });

  it('reports the earliest failed entry when entries fail in several calls', async () => {
    // Prepare: entry 3 of call 1 (record 13) and entry 0 of call 2 (record 20) fail
    const bus = new FakeEventBridge(failing({ 1: [3], 2: [0] }));

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(streamOf(activities(25)));

    // Assess
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: seq(13) }]);
  });

  it('maps a failed entry back to its record when other records were skipped before it', async () => {
    // Prepare: records 0 and 2 are not published, so entry 1 is record 3
    const bus = new FakeEventBridge(failing({ 0: [1] }));
    const records = [
      record(seq(0), { PK: 'FIRM#F1', SK: 'CASE#C0', entity: 'case' }),
      activityRecord(seq(1), caseCreated(1)),
      record(seq(2), { ...caseCreated(2), entity: 'activity', occurredAt: 'yesterday' }),
      activityRecord(seq(3), caseCreated(3)),
      activityRecord(seq(4), caseCreated(4)),
    ];

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(streamOf(records));

    // Assess
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: seq(3) }]);
  });

  it('reports the first record of a call that threw', async () => {
    // Prepare
    const bus = new FakeEventBridge((input, call) => {
      if (call === 1) throw new Error('throttled');
      return failing({})(input, call);
    });

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(streamOf(activities(25)));

    // Assess
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: seq(10) }]);
    expect(stderr).toHaveBeenCalled();
  });

  it('reports a thrown call before a later failed entry', async () => {
    // Prepare: call 0 throws, call 2 has a failed entry
    const bus = new FakeEventBridge((input, call) => {
      if (call === 0) throw new Error('network');
      return failing({ 2: [4] })(input, call);
    });

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(streamOf(activities(25)));

    // Assess
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: seq(0) }]);
  });

  it('skips a malformed activity entry with a log line instead of failing the batch', async () => {
    // Prepare
    const bus = new FakeEventBridge();
    const records = [
      activityRecord(seq(0), caseCreated(0)),
      record(seq(1), { ...caseCreated(1), type: 'case.exploded', entity: 'activity' }),
      record(seq(2), { ...caseCreated(2), detail: { title: 't' }, entity: 'activity' }),
      activityRecord(seq(3), caseCreated(3)),
    ];

    // Act
    const res = await publisher({ eventBridge: bus.asClient(), busName: BUS })(streamOf(records));

    // Assess
    expect(res.batchItemFailures).toEqual([]);
    const published = bus.calls
      .flatMap((c) => c.Entries ?? [])
      .map((e) => JSON.parse(e.Detail ?? '').eventId);
    expect(published).toEqual(['E0', 'E3']);
    const logged = stderr.mock.calls.map((c) => JSON.parse(String(c[0])));
    expect(logged).toEqual([
      expect.objectContaining({ level: 'error', sequence: seq(1) }),
      expect.objectContaining({ level: 'error', sequence: seq(2) }),
    ]);
  });
});
