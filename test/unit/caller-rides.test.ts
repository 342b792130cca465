// The caller's staff record riding in the activity list's names' read (decision 0052), without the
// stack: the directory still decides first, a route that reads no names hands the read back, and a
// group whose gate does not ask for it reads the directory at once, as before.
import { describe, expect, it } from 'vitest';
import { activityApi } from '../../functions/api/activity';
import type { ActivityStore, NamedStaff, StoredActivity } from '../../functions/domain/case-activity';
import type { Gate } from '../../functions/http/auth';
import { cachedStaffDirectory } from '../../functions/http/staff-directory';
import { LOCAL_CONTACT_CLIENT, LOCAL_STAFF_CLIENT } from '../../local/auth';
import { ALICE, BOB, type Claims, FIRM_A, httpEvent, lambdaContext, NOW } from './fakes';

const CASE = '01HZX3K4M5N6P7Q8R9S0TVWXC1';
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
  const gate: Gate = {
    clients: { staff: [LOCAL_STAFF_CLIENT], contact: [LOCAL_CONTACT_CLIENT] },
    directory: cachedStaffDirectory(async (_firmId, userId) => {
      directoryReads.push(userId);
      return staff.get(userId) as never;
    }),
    ...(opts.rides === false ? {} : { callerRidesWithReads: true }),
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
});
