// The caller's staff record riding in the activity list's names' read (decision 0052), without the
// stack: the directory still decides first, a route that reads no names hands the read back, and a
// group whose gate does not ask for it reads the directory at once, as before.
import { describe, expect, it } from 'vitest';
import { activityApi } from '../../functions/api/activity';
import { casesApi } from '../../functions/api/cases';
import type { StaffRecord } from '../../functions/domain/caller-record';
import type { ActivityStore, NamedStaff, StoredActivity } from '../../functions/domain/case-activity';
import type { Gate } from '../../functions/http/auth';
import { callerRides } from '../../functions/http/caller-rides';
import { cachedStaffDirectory } from '../../functions/http/staff-directory';
import { LOCAL_CONTACT_CLIENT, LOCAL_STAFF_CLIENT } from '../../local/auth';
import { ALICE, BOB, type Claims, FIRM_A, fakeDeps, httpEvent, lambdaContext, NOW } from './fakes';

const CASE = '01HZX3K4M5N6P7Q8R9S0TVWXC1';
const alice = { kind: 'staff', firmId: FIRM_A, userId: ALICE, role: 'staff' } as const;
const claims: Claims = { sub: ALICE, firmId: FIRM_A, role: 'staff' };
const entry: StoredActivity = {
  eventId: '01HZX3K4M5N6P7Q8R9S0TVWXE1',
  type: 'case.created',
  occurredAt: NOW,
  actor: { kind: 'staff', id: BOB },
  detail: { title: 'T' },
};

function world(opts: { entries?: StoredActivity[]; rides?: boolean; alice?: NamedStaff } = {}) {
  const directoryReads: string[] = [];
  const namesAsked: string[][] = [];
  const staff = new Map<string, NamedStaff>([
    [ALICE, opts.alice ?? { name: 'Alice', role: 'staff' }],
    [BOB, { name: 'Bob', role: 'admin' }],
  ]);
  const activity: ActivityStore = {
    activityOfCase: async () => ({ items: opts.entries ?? [entry] }),
    people: async (_firmId, ids) => {
      namesAsked.push(ids.staff);
      return {
        staff: new Map(ids.staff.flatMap((id) => (staff.has(id) ? [[id, staff.get(id)!] as const] : []))),
        contacts: new Map(),
      };
    },
  };
  const read = async (_firmId: string, userId: string) => {
    directoryReads.push(userId);
    return staff.get(userId) as StaffRecord | undefined;
  };
  const rides = callerRides(read);
  const gate: Gate = {
    clients: { staff: [LOCAL_STAFF_CLIENT], contact: [LOCAL_CONTACT_CLIENT] },
    ...(opts.rides === false
      ? { directory: cachedStaffDirectory(read) }
      : { directory: cachedStaffDirectory(rides.read), callerRecord: rides.callerRecord }),
  };
  const cases = { getCase: async () => undefined };
  const handler = activityApi({ activity, cases, grants: {} as never }, gate);
  const list = async (query?: Record<string, string>) => {
    const res = await handler(
      httpEvent('GET /cases/{caseId}/activity', {
        claims,
        pathParameters: { caseId: CASE },
        ...(query ? { query } : {}),
      }),
      lambdaContext(),
    );
    return { status: res.statusCode, body: JSON.parse(res.body) as { code?: string; items?: unknown[] } };
  };
  return { list, directoryReads, namesAsked };
}

describe('Module: the caller’s record rides in the activity list’s read', () => {
  it('the names’ read carries the caller: the directory makes no read of its own, then caches it', async () => {
    const w = world();
    expect((await w.list()).status).toBe(200);
    expect(w.namesAsked).toEqual([[BOB, ALICE]]);
    expect(w.directoryReads).toEqual([]);
    // Known now: the next list asks only the names the page needs.
    expect((await w.list()).status).toBe(200);
    expect(w.namesAsked[1]).toEqual([BOB]);
    expect(w.directoryReads).toEqual([]);
  });

  it('an inactive caller, carried, gets 403 staff_not_active, not the page', async () => {
    const w = world({ alice: { name: 'Alice', role: 'staff', status: 'inactive' } });
    const res = await w.list();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('staff_not_active');
    expect(res.body.items).toBeUndefined();
  });

  it('a carried role that differs from the token’s answers 403 role_mismatch', async () => {
    const w = world({ alice: { name: 'Alice', role: 'admin' } });
    const res = await w.list();
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('role_mismatch');
  });

  it('an empty page (here an unknown case) hands the read back: the directory reads, and decides', async () => {
    const w = world({ entries: [] });
    const res = await w.list();
    expect(res.status).toBe(404);
    expect(w.directoryReads).toEqual([ALICE]);
    expect(w.namesAsked).toEqual([]);
  });

  it('a bad query never reaches the route: the directory reads, and its 403 wins over the 400', async () => {
    const ok = world();
    expect((await ok.list({ type: 'case.exploded' })).body.code).toBe('unknown_event_type');
    expect(ok.directoryReads).toEqual([ALICE]);
    const inactive = world({ alice: { name: 'Alice', role: 'staff', status: 'inactive' } });
    const res = await inactive.list({ type: 'case.exploded' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('staff_not_active');
  });

  it('a gate that does not ask for it reads the directory at once and carries nothing', async () => {
    const w = world({ rides: false });
    expect((await w.list()).status).toBe(200);
    expect(w.directoryReads).toEqual([ALICE]);
    expect(w.namesAsked).toEqual([[BOB]]);
  });

  it('a write, in a group wired so, has the directory read its record before it runs', async () => {
    // Prepare: the cases group (it has writes) with the riding gate
    const reads: string[] = [];
    const rides = callerRides(async (_firmId, userId) => {
      reads.push(userId);
      return { role: 'staff' };
    });
    const deps = fakeDeps();
    const handler = casesApi(deps, {
      clients: { staff: [LOCAL_STAFF_CLIENT], contact: [LOCAL_CONTACT_CLIENT] },
      directory: cachedStaffDirectory(rides.read),
      callerRecord: rides.callerRecord,
    });

    // Act
    const res = await handler(
      httpEvent('POST /cases', { claims, body: JSON.stringify({ title: 'T' }) }),
      lambdaContext(),
    );

    // Assess
    expect(res.statusCode).toBe(201);
    expect(reads).toEqual([ALICE]);
  });
});

describe('Module: caller rides (the directory read left to the route)', () => {
  const setup = () => {
    const reads: string[] = [];
    let failNext = false;
    const rides = callerRides(async (_firmId, userId) => {
      reads.push(userId);
      if (failNext) {
        failNext = false;
        throw new Error('throttled');
      }
      return { role: 'admin' };
    });
    const directory = cachedStaffDirectory(rides.read);
    return { rides, directory, reads, failOnce: () => (failNext = true) };
  };

  it('a carried record decides and is cached: no read at all', async () => {
    const { rides, directory, reads } = setup();
    const standing = directory.standing(FIRM_A, ALICE);
    const record = rides.callerRecord(alice);
    expect(record?.wanted()).toBe(true);
    record?.carry({ role: 'staff', status: 'inactive' });
    expect(record?.wanted()).toBe(false);
    expect(await standing).toEqual({ role: 'staff', status: 'inactive' });
    expect(await directory.standing(FIRM_A, ALICE)).toEqual({ role: 'staff', status: 'inactive' });
    expect(reads).toEqual([]);
  });

  it('a record carried as absent is an absent user', async () => {
    const { rides, directory, reads } = setup();
    const standing = directory.standing(FIRM_A, ALICE);
    rides.callerRecord(alice)?.carry(undefined);
    expect(await standing).toBeUndefined();
    expect(reads).toEqual([]);
  });

  it('declined, it is read once, whatever is called after', async () => {
    const { rides, directory, reads } = setup();
    const standing = directory.standing(FIRM_A, ALICE);
    const record = rides.callerRecord(alice);
    await Promise.resolve();
    expect(reads).toEqual([]);
    record?.decline();
    record?.decline();
    record?.carry({ role: 'staff' });
    expect(await standing).toEqual({ role: 'admin' });
    expect(reads).toEqual([ALICE]);
  });

  it('each waiting read goes to one request: a second request of the caller shares the cached standing', async () => {
    const { rides, directory, reads } = setup();
    const first = directory.standing(FIRM_A, ALICE);
    const record = rides.callerRecord(alice);
    const second = directory.standing(FIRM_A, ALICE);
    expect(rides.callerRecord(alice)).toBeUndefined();
    record?.carry({ role: 'staff' });
    expect(await first).toEqual({ role: 'staff' });
    expect(await second).toEqual({ role: 'staff' });
    expect(reads).toEqual([]);
  });

  it('a failed read after a decline is not cached: the next request reads again', async () => {
    const { rides, directory, reads, failOnce } = setup();
    failOnce();
    const standing = directory.standing(FIRM_A, ALICE);
    rides.callerRecord(alice)?.decline();
    await expect(standing).rejects.toThrow('throttled');
    const again = directory.standing(FIRM_A, ALICE);
    rides.callerRecord(alice)?.decline();
    expect(await again).toEqual({ role: 'admin' });
    expect(reads).toEqual([ALICE, ALICE]);
  });
});
