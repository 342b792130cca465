import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notFound } from '../../functions/domain/errors';
import {
  activityKey,
  caseKey,
  discussionKey,
  grantByIdentityKey,
  grantOfIdentityLookup,
  grantsOfCasePattern,
  grantsOfContactPattern,
  keyNamesOf,
  staffKey,
  tableLayout,
} from '../../functions/store/keys';
import {
  conditionCheck,
  dueRangeInput,
  getMany,
  putInCase,
  queryAll,
  queryInput,
  queryKey,
  type Table,
  transact,
} from '../../functions/store/table';

/** A document client that answers each `send` with the next scripted reply, and records the inputs. */
function scripted(replies: ((input: Record<string, unknown>) => unknown)[]) {
  const inputs: Record<string, unknown>[] = [];
  const send = vi.fn(async (command: { input: Record<string, unknown> }) => {
    inputs.push(command.input);
    const reply = replies[inputs.length - 1];
    if (!reply) throw new Error(`unexpected call ${inputs.length}`);
    return reply(command.input);
  });
  const table: Table = {
    client: { send } as unknown as DynamoDBDocumentClient,
    name: 'portico',
    cursorSecret: 'a-test-secret-of-at-least-32-characters!',
  };
  return { table, inputs };
}

const canceled = (...codes: string[]) =>
  Object.assign(new Error('cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const staffKeyOf = (i: number) => staffKey('firm1', `user${i}`);
const stored = (i: number) => ({ ...staffKeyOf(i), entity: 'staff', v: 1, userId: `user${i}` });

// The backoff waits a random share of its cap: no wait at all keeps the tests fast.
beforeEach(() => vi.spyOn(Math, 'random').mockReturnValue(0));
afterEach(() => vi.restoreAllMocks());

describe('getMany', () => {
  it('asks again for the keys left unprocessed, in chunks of 100, and maps items to entities', async () => {
    // Prepare
    const wanted = Array.from({ length: 101 }, (_, i) => staffKeyOf(i));
    const { table, inputs } = scripted([
      () => ({
        Responses: { portico: [stored(0)] },
        UnprocessedKeys: { portico: { Keys: [staffKeyOf(1)] } },
      }),
      () => ({ Responses: { portico: [stored(1)] } }),
      () => ({ Responses: { portico: [stored(100)] } }),
    ]);
    vi.useFakeTimers();

    // Act
    const pending = getMany<{ userId: string }>(table, wanted);
    await vi.runAllTimersAsync();
    const found = await pending;
    vi.useRealTimers();

    // Assess
    expect(found).toEqual([{ userId: 'user0' }, { userId: 'user1' }, { userId: 'user100' }]);
    const asked = inputs.map((i) => (i.RequestItems as Record<string, { Keys: unknown[] }>).portico?.Keys);
    expect(asked.map((k) => k?.length)).toEqual([100, 1, 1]);
    expect(asked[1]).toEqual([staffKeyOf(1)]);
    expect(inputs.every((i) => (i.RequestItems as Record<string, object>).portico)).toBe(true);
  });

  it('reads consistently unless told otherwise', async () => {
    const { table, inputs } = scripted([() => ({}), () => ({})]);

    await getMany(table, [staffKeyOf(0)]);
    await getMany(table, [staffKeyOf(0)], { consistent: false });

    const consistency = inputs.map(
      (i) => (i.RequestItems as Record<string, { ConsistentRead?: boolean }>).portico?.ConsistentRead,
    );
    expect(consistency).toEqual([true, undefined]);
  });

  it('gives up after 8 BatchGets that leave keys unprocessed', async () => {
    const { table, inputs } = scripted(
      Array.from({ length: 8 }, () => () => ({ UnprocessedKeys: { portico: { Keys: [staffKeyOf(0)] } } })),
    );
    vi.useFakeTimers();

    const pending = getMany(table, [staffKeyOf(0)]).catch((err: Error) => err);
    await vi.runAllTimersAsync();
    const err = await pending;
    vi.useRealTimers();

    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/left 1 keys unprocessed after 8 attempts/);
    expect(inputs).toHaveLength(8);
  });
});

describe('transact', () => {
  const items = [conditionCheck({ name: 'portico' } as Table, caseKey('firm1', 'case1'))];

  it('sends again, in place, a transaction cancelled only by concurrent ones, up to 10 times', async () => {
    const { table, inputs } = scripted(
      Array.from({ length: 10 }, () => () => {
        throw canceled('TransactionConflict');
      }),
    );

    const err = await transact(table, items).catch((e: Error) => e);

    expect((err as Error).name).toBe('TransactionCanceledException');
    expect(inputs).toHaveLength(10);
  });

  it('commits on a later attempt after a TransactionConflictException', async () => {
    const { table, inputs } = scripted([
      () => {
        throw Object.assign(new Error('conflict'), { name: 'TransactionConflictException' });
      },
      () => ({}),
    ]);

    await transact(table, items);

    expect(inputs).toHaveLength(2);
  });

  it('does not retry a failed condition: the condition of item i becomes its domain error', async () => {
    const { table, inputs } = scripted([
      () => {
        throw canceled('ConditionalCheckFailed', 'TransactionConflict');
      },
    ]);

    const err = await transact(table, items, { 0: () => notFound('case') }).catch((e: unknown) => e);

    expect(err).toMatchObject({ kind: 'not_found' });
    expect(inputs).toHaveLength(1);
  });
});

describe('putInCase', () => {
  const event = {
    eventId: 'event1',
    firmId: 'firm1',
    caseId: 'case1',
    type: 'discussion.published',
  } as unknown as Parameters<typeof putInCase>[3];
  const item = {
    key: discussionKey('firm1', 'case1', 'd1'),
    entity: 'discussion' as const,
    data: { discussionId: 'd1' },
  };

  it('writes the item and its activity entry while the case exists; a new item only when `once`', async () => {
    const { table, inputs } = scripted([() => ({}), () => ({})]);

    await putInCase(table, { firmId: 'firm1', caseId: 'case1' }, { ...item, once: true }, event);
    await putInCase(table, { firmId: 'firm1', caseId: 'case1' }, { ...item, once: false }, event);

    const [first, second] = inputs.map((i) => i.TransactItems as Record<string, Record<string, unknown>>[]);
    expect(first?.[0]?.ConditionCheck).toMatchObject({ Key: caseKey('firm1', 'case1') });
    expect(first?.[1]?.Put).toMatchObject({ ConditionExpression: 'attribute_not_exists(PK)' });
    expect(second?.[1]?.Put?.ConditionExpression).toBeUndefined();
    expect(first?.[2]?.Put).toMatchObject({ Item: activityKey('firm1', 'case1', 'event1') });
  });

  it('answers 404 case when the case is gone', async () => {
    const { table } = scripted([
      () => {
        throw canceled('ConditionalCheckFailed', 'None', 'None');
      },
    ]);

    const err = await putInCase(
      table,
      { firmId: 'firm1', caseId: 'case1' },
      { ...item, once: true },
      event,
    ).catch((e: unknown) => e);

    expect(err).toMatchObject({ kind: 'not_found' });
  });
});

describe('conditionCheck', () => {
  it('checks that the item exists by default, or the condition it is given', () => {
    const table = { name: 'portico' } as Table;
    const key = caseKey('firm1', 'case1');

    expect(conditionCheck(table, key)).toEqual({
      ConditionCheck: { TableName: 'portico', Key: key, ConditionExpression: 'attribute_exists(PK)' },
    });
    expect(
      conditionCheck(table, key, {
        expression: '#s = :v',
        names: { '#s': 'status' },
        values: { ':v': 'open' },
      }),
    ).toEqual({
      ConditionCheck: {
        TableName: 'portico',
        Key: key,
        ConditionExpression: '#s = :v',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':v': 'open' },
      },
    });
  });
});

describe('queries name index keys from the key module', () => {
  it('a pattern on an index names that index and its key attributes', () => {
    const spec = grantsOfContactPattern('firm1', 'contact1');
    const input = queryInput({ name: 'portico' }, spec);
    const names = keyNamesOf(spec.index);

    expect(input.IndexName).toBe(spec.index);
    expect(input.ExpressionAttributeNames).toEqual({ '#pk': names.partitionKey, '#sk': names.sortKey });
    expect(names).toEqual(tableLayout.indexes[spec.index ?? 'GSI1']);
  });

  it('a due range names its index key attributes', () => {
    const input = dueRangeInput(
      { name: 'portico' },
      {
        index: 'GSI2',
        pk: 'REMINDERS#DUE#0',
        skFrom: 'DUE#',
        skTo: 'DUE#9',
      },
    );

    expect(input.KeyConditionExpression).toBe('#pk = :pk AND #sk BETWEEN :from AND :to');
    expect(input.ExpressionAttributeNames).toEqual({ '#pk': 'GSI2PK', '#sk': 'GSI2SK' });
  });

  it('queryKey asks for one exact index key and answers the items as stored', async () => {
    const raw = { PK: 'FIRM#firm1#CASE#case1', SK: 'GRANT#contact1' };
    const { table, inputs } = scripted([() => ({ Items: [raw] })]);
    const lookup = grantOfIdentityLookup('identity1', 'case1');

    const found = await queryKey(table, lookup, { limit: 5, projection: 'PK, SK' });

    expect(found).toEqual([raw]);
    expect(inputs[0]).toEqual({
      TableName: 'portico',
      IndexName: lookup.index,
      KeyConditionExpression: '#pk = :pk AND #sk = :sk',
      ExpressionAttributeNames: { '#pk': 'GSI1PK', '#sk': 'GSI1SK' },
      ExpressionAttributeValues: {
        ':pk': grantByIdentityKey('identity1', 'case1').GSI1PK,
        ':sk': grantByIdentityKey('identity1', 'case1').GSI1SK,
      },
      ProjectionExpression: 'PK, SK',
      Limit: 5,
    });
  });
});

describe('queryAll', () => {
  it('stops once it has read `atMost` items and answers no more', async () => {
    const spec = grantsOfContactPattern('firm1', 'contact1');
    const { table, inputs } = scripted([
      () => ({ Items: [stored(0), stored(1)], LastEvaluatedKey: staffKeyOf(1) }),
      () => ({ Items: [stored(2), stored(3)], LastEvaluatedKey: staffKeyOf(3) }),
    ]);

    const found = await queryAll<{ userId: string }>(table, spec, { consistent: false, atMost: 3 });

    expect(found.map((f) => f.userId)).toEqual(['user0', 'user1', 'user2']);
    expect(inputs).toHaveLength(2);
    expect(inputs[1]?.ExclusiveStartKey).toEqual(staffKeyOf(1));
  });

  it('reads every page of an uncapped set, consistently only on the main table', async () => {
    const spec = grantsOfCasePattern('firm1', 'case1');
    const { table, inputs } = scripted([
      () => ({ Items: [stored(0)], LastEvaluatedKey: staffKeyOf(0) }),
      () => ({ Items: [stored(1)] }),
    ]);

    const found = await queryAll(table, spec, { consistent: true });

    expect(found).toHaveLength(2);
    expect(inputs.map((i) => i.ConsistentRead)).toEqual([true, true]);
    expect(inputs[0]?.Limit).toBeUndefined();
  });
});
