// Rules of staff accounts with in-memory ports: the last-admin rule, idempotent invitations, the
// Cognito/table order and the retries that heal a crash between them, and firm onboarding re-runs.
import { describe, expect, it } from 'vitest';
import { conflict, notFound } from '../../functions/domain/errors';
import type { Firm, StaffUser } from '../../functions/domain/firm';
import { onboardFirm } from '../../functions/domain/onboarding';
import {
  deactivateStaff,
  type FirmRecords,
  inviteStaff,
  isActiveAdmin,
  listStaff,
  type NewLogin,
  reactivateStaff,
  type StaffDeps,
  type StaffLogin,
  type StaffLogins,
  type StaffStore,
  updateStaff,
} from '../../functions/domain/staff';
import { counterIds, FIRM_A, FIRM_B, fixedClock, staffOf } from './fakes';

/** A staff pool: logins by email, and every call it received (mails are the creates). */
function fakeLogins() {
  const users = new Map<string, StaffLogin & { enabled: boolean; signedOut: number }>();
  const calls: string[] = [];
  let n = 0;
  const logins: StaffLogins = {
    async create(l: NewLogin) {
      calls.push(`create ${l.email}`);
      if (users.has(l.email)) return 'exists';
      const sub = `0000000${++n}-0000-4000-8000-000000000000`;
      const login = { sub, email: l.email, firmId: l.firmId, role: l.role };
      if (l.firmName) calls.push(`firmName ${l.firmName}`);
      users.set(l.email, { ...login, enabled: true, signedOut: 0 });
      return login;
    },
    async find(email) {
      const u = users.get(email);
      return u ? { sub: u.sub, email: u.email, firmId: u.firmId, role: u.role } : undefined;
    },
    async setRole(email, role) {
      calls.push(`setRole ${email} ${role}`);
      users.get(email)!.role = role;
    },
    async disable(email) {
      calls.push(`disable ${email}`);
      const u = users.get(email)!;
      u.enabled = false;
      u.signedOut++;
    },
    async enable(email) {
      calls.push(`enable ${email}`);
      users.get(email)!.enabled = true;
    },
  };
  return { logins, users, calls };
}

/** The table: staff records and each firm's admin counter, with the store's conditions. */
function fakeStore(firms = new Map<string, Firm>()) {
  const staff = new Map<string, StaffUser>();
  const key = (firmId: string, userId: string) => `${firmId}/${userId}`;
  const moveCount = (firmId: string, delta: number) => {
    const firm = firms.get(firmId);
    if (!firm) throw notFound('firm');
    const count = firm.activeAdmins ?? 0;
    if (delta < 0 && count <= 1) throw conflict('last_admin', 'last admin');
    firm.activeAdmins = count + delta;
  };
  const store: StaffStore = {
    firmName: async (firmId) => firms.get(firmId)?.name,
    async getStaff(firmId, userId) {
      const u = staff.get(key(firmId, userId));
      return u ? { ...u } : undefined;
    },
    async staffOfFirm(firmId) {
      return [...staff.values()].filter((u) => u.firmId === firmId).map((u) => ({ ...u }));
    },
    async addStaff(user) {
      if (staff.has(key(user.firmId, user.userId))) return 'exists';
      moveCount(user.firmId, isActiveAdmin(user) ? 1 : 0);
      staff.set(key(user.firmId, user.userId), { ...user });
      return 'created';
    },
    async changeStaff(before, after) {
      const now = staff.get(key(before.firmId, before.userId));
      if (!now || now.role !== before.role || now.status !== before.status)
        throw conflict('staff_changed', 'changed');
      moveCount(before.firmId, Number(isActiveAdmin(after)) - Number(isActiveAdmin(before)));
      staff.set(key(before.firmId, before.userId), { ...after });
    },
    async listStaff(firmId, page, status) {
      const all = [...staff.values()]
        .filter((u) => u.firmId === firmId && (!status || (u.status ?? 'active') === status))
        .sort((a, b) => a.userId.localeCompare(b.userId));
      const from = page.nextToken ? Number(page.nextToken) : 0;
      const items = all.slice(from, from + page.limit);
      return from + page.limit < all.length ? { items, nextToken: String(from + page.limit) } : { items };
    },
  };
  const firmRecords: FirmRecords = {
    getFirm: async (firmId) => firms.get(firmId),
    async putFirm(firm) {
      if (firms.has(firm.firmId)) return false;
      firms.set(firm.firmId, { ...firm });
      return true;
    },
  };
  return { store, staff, firms, firmRecords };
}

const firmOf = (firmId: string, activeAdmins = 0): Firm => ({
  firmId,
  name: 'Firm',
  locale: 'en',
  portalUrl: 'https://portal.test',
  createdAt: '2024-01-01T00:00:00.000Z',
  activeAdmins,
});

function setup() {
  const pool = fakeLogins();
  const table = fakeStore(new Map([[FIRM_A, firmOf(FIRM_A)]]));
  const deps: StaffDeps = { staff: table.store, logins: pool.logins, clock: fixedClock() };
  return { deps, pool, table };
}

const invite = (email: string, role: 'admin' | 'staff' = 'staff') => ({
  email,
  name: email.split('@')[0]!,
  role,
  language: 'fr',
});

describe('Function: inviteStaff', () => {
  it('creates the login (one mail) and the record keyed by its sub', async () => {
    // Prepare
    const { deps, pool, table } = setup();
    // Act
    const { user, created } = await inviteStaff(deps, FIRM_A, invite('Zoe@Firm.test', 'admin'));
    // Assess
    expect(created).toBe(true);
    expect(user).toMatchObject({ email: 'zoe@firm.test', role: 'admin', status: 'active', language: 'fr' });
    expect(pool.users.get('zoe@firm.test')?.sub).toBe(user.userId);
    expect(pool.calls).toEqual(['create zoe@firm.test', 'firmName Firm']);
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(1);
  });

  it('answers the existing user for the same email again, with no second record or count', async () => {
    const { deps, pool, table } = setup();
    const first = await inviteStaff(deps, FIRM_A, invite('zoe@firm.test', 'admin'));
    const again = await inviteStaff(deps, FIRM_A, invite('ZOE@firm.test', 'staff'));
    expect(again).toEqual({ user: first.user, created: false });
    expect(table.staff.size).toBe(1);
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(1);
    // The pool refused the second create: no second login, so no second invitation mail.
    expect(pool.users.size).toBe(1);
  });

  it('answers a user recorded before staff logins existed, creating no login and no second record', async () => {
    const { deps, pool, table } = setup();
    table.staff.set(`${FIRM_A}/legacy`, {
      firmId: FIRM_A,
      userId: 'legacy',
      name: 'Ada',
      email: 'ada@firm.test',
      role: 'admin',
      createdAt: '2024-01-01T00:00:00.000Z',
    });
    const answer = await inviteStaff(deps, FIRM_A, invite('Ada@firm.test'));
    expect(answer).toMatchObject({ created: false, user: { userId: 'legacy', role: 'admin' } });
    expect(pool.calls).toEqual([]);
    expect(table.staff.size).toBe(1);
  });

  it("refuses an email that is another firm's staff login, writing nothing", async () => {
    const { deps, table } = setup();
    table.firms.set(FIRM_B, firmOf(FIRM_B));
    await inviteStaff(deps, FIRM_B, invite('zoe@firm.test'));
    await expect(inviteStaff(deps, FIRM_A, invite('zoe@firm.test'))).rejects.toMatchObject({
      code: 'staff_email_in_other_firm',
      kind: 'conflict',
    });
    expect([...table.staff.values()].map((u) => u.firmId)).toEqual([FIRM_B]);
  });

  it('heals a crash between the login and the record: the retry writes the record with the login role', async () => {
    const { deps, pool, table } = setup();
    // The first attempt created the login, then died before its table write.
    const crashing: StaffDeps = {
      ...deps,
      staff: {
        ...deps.staff,
        addStaff: async () => {
          throw new Error('crash');
        },
      },
    };
    await expect(inviteStaff(crashing, FIRM_A, invite('zoe@firm.test', 'admin'))).rejects.toThrow('crash');
    expect(table.staff.size).toBe(0);
    const retried = await inviteStaff(deps, FIRM_A, invite('zoe@firm.test', 'staff'));
    expect(retried.created).toBe(true);
    expect(retried.user.role).toBe('admin');
    expect(retried.user.userId).toBe(pool.users.get('zoe@firm.test')?.sub);
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(1);
  });
});

describe('Rule: the last active admin', () => {
  async function twoAdmins() {
    const s = setup();
    const a = (await inviteStaff(s.deps, FIRM_A, invite('a@firm.test', 'admin'))).user;
    const b = (await inviteStaff(s.deps, FIRM_A, invite('b@firm.test', 'admin'))).user;
    return { ...s, a, b, by: staffOf(FIRM_A, a.userId, 'admin') };
  }

  it('lets one of two admins be demoted, then refuses the other (409 last_admin), nothing written', async () => {
    const { deps, table, pool, a, b, by } = await twoAdmins();
    await updateStaff(deps, by, b.userId, { role: 'staff' });
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(1);
    await expect(updateStaff(deps, by, a.userId, { role: 'staff' })).rejects.toMatchObject({
      code: 'last_admin',
    });
    expect((await deps.staff.getStaff(FIRM_A, a.userId))?.role).toBe('admin');
    expect(pool.users.get('a@firm.test')?.role).toBe('admin');
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(1);
  });

  it('refuses to deactivate the last admin, themself included, and leaves the login enabled', async () => {
    const { deps, table, pool, a, b, by } = await twoAdmins();
    await deactivateStaff(deps, by, b.userId);
    await expect(deactivateStaff(deps, by, a.userId)).rejects.toMatchObject({ code: 'last_admin' });
    expect((await deps.staff.getStaff(FIRM_A, a.userId))?.status).toBe('active');
    expect(pool.users.get('a@firm.test')?.enabled).toBe(true);
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(1);
  });

  it('counts a reactivated admin again, and a promoted staff user', async () => {
    const { deps, table, b, by } = await twoAdmins();
    const c = (await inviteStaff(deps, FIRM_A, invite('c@firm.test'))).user;
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(2);
    await deactivateStaff(deps, by, b.userId);
    await reactivateStaff(deps, by, b.userId);
    await updateStaff(deps, by, c.userId, { role: 'admin' });
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(3);
  });

  it('changes the role of an inactive admin without counting it', async () => {
    const { deps, table, b, by } = await twoAdmins();
    await deactivateStaff(deps, by, b.userId);
    await updateStaff(deps, by, b.userId, { role: 'staff' });
    expect(table.firms.get(FIRM_A)?.activeAdmins).toBe(1);
  });
});

describe('Function: deactivateStaff / reactivateStaff', () => {
  it('writes the record before the login, and a retry after a crash between them heals the login', async () => {
    const { deps, pool } = setup();
    const admin = (await inviteStaff(deps, FIRM_A, invite('a@firm.test', 'admin'))).user;
    const sam = (await inviteStaff(deps, FIRM_A, invite('sam@firm.test'))).user;
    const by = staffOf(FIRM_A, admin.userId, 'admin');
    const crashing = {
      ...deps,
      logins: {
        ...deps.logins,
        disable: async () => {
          throw new Error('crash');
        },
      },
    };
    await expect(deactivateStaff(crashing, by, sam.userId)).rejects.toThrow('crash');
    expect((await deps.staff.getStaff(FIRM_A, sam.userId))?.status).toBe('inactive');
    expect(pool.users.get('sam@firm.test')?.enabled).toBe(true);

    const view = await deactivateStaff(deps, by, sam.userId);
    expect(view).toMatchObject({ status: 'inactive', deactivatedAt: expect.any(String) });
    expect(pool.users.get('sam@firm.test')).toMatchObject({ enabled: false, signedOut: 1 });

    const back = await reactivateStaff(deps, by, sam.userId);
    expect(back.status).toBe('active');
    expect(pool.users.get('sam@firm.test')?.enabled).toBe(true);
  });

  it('answers 404 for a user of another firm', async () => {
    const { deps, table } = setup();
    table.firms.set(FIRM_B, firmOf(FIRM_B));
    const other = (await inviteStaff(deps, FIRM_B, invite('o@firm.test'))).user;
    await expect(deactivateStaff(deps, staffOf(FIRM_A, 'x', 'admin'), other.userId)).rejects.toMatchObject({
      code: 'staff_not_found',
    });
    expect((await deps.staff.getStaff(FIRM_B, other.userId))?.status).toBe('active');
  });
});

describe('Function: updateStaff', () => {
  it('refuses an empty change', async () => {
    const { deps } = setup();
    await expect(updateStaff(deps, staffOf(FIRM_A, 'x', 'admin'), 'x', {})).rejects.toMatchObject({
      code: 'staff_change_empty',
    });
  });

  it('sets the login role after the record, and again on a retry', async () => {
    const { deps, pool } = setup();
    await inviteStaff(deps, FIRM_A, invite('a@firm.test', 'admin'));
    const sam = (await inviteStaff(deps, FIRM_A, invite('sam@firm.test'))).user;
    const by = staffOf(FIRM_A, 'x', 'admin');
    await updateStaff(deps, by, sam.userId, { role: 'admin', name: 'Samuel' });
    await updateStaff(deps, by, sam.userId, { role: 'admin' });
    expect(pool.calls.filter((c) => c.startsWith('setRole'))).toEqual([
      'setRole sam@firm.test admin',
      'setRole sam@firm.test admin',
    ]);
    expect(await deps.staff.getStaff(FIRM_A, sam.userId)).toMatchObject({ role: 'admin', name: 'Samuel' });
  });
});

describe('Function: listStaff', () => {
  it('filters by status and pages', async () => {
    const { deps } = setup();
    await inviteStaff(deps, FIRM_A, invite('a@firm.test', 'admin'));
    const sam = (await inviteStaff(deps, FIRM_A, invite('sam@firm.test'))).user;
    await inviteStaff(deps, FIRM_A, invite('tess@firm.test'));
    await deactivateStaff(deps, staffOf(FIRM_A, 'x', 'admin'), sam.userId);
    const by = staffOf(FIRM_A, 'x');
    const inactive = await listStaff(deps, by, { limit: 10, status: 'inactive' });
    expect(inactive.items.map((u) => u.email)).toEqual(['sam@firm.test']);
    const first = await listStaff(deps, by, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await listStaff(deps, by, { limit: 2, nextToken: first.nextToken! });
    expect(rest.items).toHaveLength(1);
    expect(rest.nextToken).toBeUndefined();
  });
});

describe('Function: onboardFirm', () => {
  const input = {
    name: 'Acme LLP',
    adminEmail: 'Boss@Acme.test',
    adminName: 'Boss',
    language: 'de',
    portalUrl: 'https://portal.acme.test',
  };

  it('creates the login, the firm with one admin, and changes nothing when run again', async () => {
    const pool = fakeLogins();
    const table = fakeStore();
    const deps = {
      staff: table.store,
      logins: pool.logins,
      clock: fixedClock(),
      firms: table.firmRecords,
      ids: counterIds(),
    };
    const first = await onboardFirm(deps, input);
    expect(first.created).toEqual({ firm: true, login: true, admin: true });
    expect(first.firm).toMatchObject({ name: 'Acme LLP', locale: 'de', activeAdmins: 1 });
    expect(first.admin).toMatchObject({ email: 'boss@acme.test', role: 'admin', language: 'de' });

    const again = await onboardFirm(deps, { ...input, name: 'Another name' });
    expect(again.created).toEqual({ firm: false, login: false, admin: false });
    expect(again.firm).toEqual(first.firm);
    expect(table.firms.size).toBe(1);
    expect(pool.users.size).toBe(1);
  });

  it('heals a run that died after the login: the re-run finds the firm id in the login', async () => {
    const pool = fakeLogins();
    const table = fakeStore();
    const ids = counterIds();
    const deps = {
      staff: table.store,
      logins: pool.logins,
      clock: fixedClock(),
      firms: table.firmRecords,
      ids,
    };
    const dying = {
      ...deps,
      firms: {
        ...deps.firms,
        putFirm: async () => {
          throw new Error('crash');
        },
      },
    };
    await expect(onboardFirm(dying, input)).rejects.toThrow('crash');
    const healed = await onboardFirm(deps, input);
    expect(healed.created).toEqual({ firm: true, login: false, admin: true });
    expect(healed.firm.firmId).toBe(pool.users.get('boss@acme.test')?.firmId);
    expect(healed.firm.activeAdmins).toBe(1);
    expect(ids.issued).toHaveLength(1);
  });
});
