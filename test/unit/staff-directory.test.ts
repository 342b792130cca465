// The staff directory's per-container cache: what it keeps, for how long, and what it never keeps.
import { describe, expect, it } from 'vitest';
import type { StaffUser } from '../../functions/domain/firm';
import { cachedStaffDirectory } from '../../functions/http/staff-directory';
import { ALICE, BOB, FIRM_A } from './fakes';

type Record = Pick<StaffUser, 'role' | 'status'>;

function world(ttlSeconds?: number) {
  let t = 1_000_000;
  const records = new Map<string, Record>([[ALICE, { role: 'admin' }]]);
  const reads: string[] = [];
  let failNext = false;
  const directory = cachedStaffDirectory(
    async (_firmId, userId) => {
      reads.push(userId);
      if (failNext) {
        failNext = false;
        throw new Error('throttled');
      }
      return records.get(userId);
    },
    { ...(ttlSeconds !== undefined ? { ttlSeconds } : {}), now: () => t },
  );
  return {
    directory,
    records,
    reads,
    advance: (ms: number) => {
      t += ms;
    },
    failOnce: () => {
      failNext = true;
    },
  };
}

describe('Module: staff directory cache', () => {
  it('reads a user once per window (60 s by default), then again', async () => {
    const w = world();
    await w.directory.standing(FIRM_A, ALICE);
    w.advance(59_999);
    await w.directory.standing(FIRM_A, ALICE);
    expect(w.reads).toEqual([ALICE]);
    w.advance(1);
    await w.directory.standing(FIRM_A, ALICE);
    expect(w.reads).toEqual([ALICE, ALICE]);
  });

  it('a deactivation is seen at the first read after the window, not before', async () => {
    const w = world(5);
    expect(await w.directory.standing(FIRM_A, ALICE)).toEqual({ role: 'admin' });
    w.records.set(ALICE, { role: 'admin', status: 'inactive' });
    w.advance(4_000);
    expect(await w.directory.standing(FIRM_A, ALICE)).toEqual({ role: 'admin' });
    w.advance(1_000);
    expect(await w.directory.standing(FIRM_A, ALICE)).toEqual({ role: 'admin', status: 'inactive' });
  });

  it('caches an absent user too, so a token of nobody costs one read per window', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) expect(await w.directory.standing(FIRM_A, BOB)).toBeUndefined();
    expect(w.reads).toEqual([BOB]);
  });

  it('never caches a failed read', async () => {
    const w = world();
    w.failOnce();
    await expect(w.directory.standing(FIRM_A, ALICE)).rejects.toThrow('throttled');
    expect(await w.directory.standing(FIRM_A, ALICE)).toEqual({ role: 'admin' });
    expect(w.reads).toEqual([ALICE, ALICE]);
  });

  it('a window of 0 reads on every request', async () => {
    const w = world(0);
    await w.directory.standing(FIRM_A, ALICE);
    await w.directory.standing(FIRM_A, ALICE);
    expect(w.reads).toEqual([ALICE, ALICE]);
  });

  it('keeps firms apart: the same sub in another firm is another entry', async () => {
    const w = world();
    await w.directory.standing(FIRM_A, ALICE);
    await w.directory.standing('01HZX3K4M5N6P7Q8R9S0TVWXYB', ALICE);
    expect(w.reads).toEqual([ALICE, ALICE]);
  });
});
