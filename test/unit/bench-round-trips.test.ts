// The bench's sequential round trips (bench/requests.ts) and its verdict on a route (bench/round-trips.ts).
import { describe, expect, it } from 'vitest';
import { sequentialRoundTrips } from '../../bench/requests';
import { verdictOf } from '../../bench/round-trips';

const span = (start: number, end: number) => ({ start, end });

describe('Function: sequentialRoundTrips', () => {
  it('counts no round trip for no request', () => {
    expect(sequentialRoundTrips([])).toBe(0);
  });

  it('counts requests sent one after the other', () => {
    // GetItem, then Query once it answered, then the transaction.
    expect(sequentialRoundTrips([span(0, 2), span(2, 5), span(6, 9)])).toBe(3);
  });

  it('counts requests in flight together once', () => {
    // Overlapping: both sent before either answered.
    expect(sequentialRoundTrips([span(0, 3), span(1, 4)])).toBe(1);
  });

  it('counts a request nested inside another once', () => {
    expect(sequentialRoundTrips([span(0, 10), span(2, 4)])).toBe(1);
  });

  it('takes the longest chain through a parallel pair', () => {
    // Two reads together, then a write after both: 2. The short read and the write chain; the
    // long read overlaps the write, so it cannot add a third.
    expect(sequentialRoundTrips([span(0, 3), span(0, 5), span(5, 8)])).toBe(2);
    expect(sequentialRoundTrips([span(0, 3), span(1, 9), span(4, 6), span(7, 8)])).toBe(3);
  });

  it('does not depend on the order the requests were recorded in', () => {
    expect(sequentialRoundTrips([span(6, 9), span(0, 2), span(2, 5)])).toBe(3);
  });
});

describe('Function: verdictOf', () => {
  it('holds a read to 1 round trip and 2 requests', () => {
    expect(verdictOf('listDocuments', 'GET', { dynamodb: 2, sequential: 1 }, {})).toEqual({ kind: 'ok' });
    expect(verdictOf('listDocuments', 'GET', { dynamodb: 2, sequential: 2 }, {})).toEqual({
      kind: 'over',
      missed: '2 round trips > 1',
    });
    expect(verdictOf('listDocuments', 'GET', { dynamodb: 3, sequential: 1 }, {})).toEqual({
      kind: 'over',
      missed: '3 requests > 2',
    });
  });

  it('holds a write to 2 round trips, whatever its request count', () => {
    expect(verdictOf('putGrant', 'PUT', { dynamodb: 4, sequential: 2 }, {})).toEqual({ kind: 'ok' });
    expect(verdictOf('putGrant', 'PUT', { dynamodb: 3, sequential: 3 }, {})).toEqual({
      kind: 'over',
      missed: '3 round trips > 2',
    });
  });

  it('accepts a listed route that misses, with its reason, and calls a listed route that meets its target ok', () => {
    const exceptions = { publishDocument: 'fan-out' };
    expect(verdictOf('publishDocument', 'POST', { dynamodb: 9, sequential: 5 }, exceptions)).toEqual({
      kind: 'accepted',
      reason: 'fan-out',
    });
    expect(verdictOf('publishDocument', 'POST', { dynamodb: 2, sequential: 2 }, exceptions)).toEqual({
      kind: 'ok',
    });
  });
});
