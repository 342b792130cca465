// Rules of a case's internal recipients list: table-driven over checkRecipients, plus the service's
// default and its save (nothing written when a rule breaks).
import { describe, expect, it } from 'vitest';
import type { Case } from '../../functions/domain/cases';
import type { StaffUser } from '../../functions/domain/firm';
import {
  activeRecipients,
  checkRecipients,
  getRecipients,
  putRecipients,
  type RecipientSetting,
  type RecipientsDeps,
  type SavedRecipients,
} from '../../functions/domain/recipients';
import type { DomainEvent } from '../../functions/events/catalogue';
import { ALICE, BOB, counterIds, FIRM_A, fixedClock, NOW, staffOf, ulidOf } from './fakes';

const OWNER = ALICE;
const OTHER = BOB;
const CAROL = ulidOf(77);
const STRANGER = ulidOf(99);
const staff = new Set([OWNER, OTHER, CAROL]);
const r = (userId: string, inApp: boolean, email: boolean): RecipientSetting => ({ userId, inApp, email });

describe('Rule: checkRecipients', () => {
  const cases: [string, RecipientSetting[], string | undefined][] = [
    ['owner on, alone', [r(OWNER, true, true)], undefined],
    ['owner in-app only', [r(OWNER, true, false)], undefined],
    ['owner email only', [r(OWNER, false, true)], undefined],
    ['owner off, another in-app', [r(OWNER, false, false), r(OTHER, true, false)], undefined],
    ['owner off, another email', [r(OWNER, false, false), r(OTHER, false, true)], undefined],
    ['owner removed, another on', [r(OTHER, true, true)], undefined],
    ['owner on, others off', [r(OWNER, true, true), r(OTHER, false, false)], undefined],
    ['empty list', [], 'owner_required_without_other_recipient'],
    ['owner off, alone', [r(OWNER, false, false)], 'owner_required_without_other_recipient'],
    [
      'owner off, others off',
      [r(OWNER, false, false), r(OTHER, false, false)],
      'owner_required_without_other_recipient',
    ],
    [
      'owner removed, others off',
      [r(OTHER, false, false), r(CAROL, false, false)],
      'owner_required_without_other_recipient',
    ],
    ['not a staff user', [r(OWNER, true, true), r(STRANGER, true, true)], 'recipient_not_staff'],
    ['the same user twice', [r(OWNER, true, true), r(OWNER, false, false)], 'duplicate_recipient'],
    [
      'duplicates reported before strangers',
      [r(STRANGER, true, true), r(OTHER, true, true), r(OTHER, true, true)],
      'duplicate_recipient',
    ],
  ];
  it.each(cases)('%s', (_name, list, code) => {
    const problem = checkRecipients(OWNER, list, staff);
    expect(problem?.code).toBe(code);
    if (problem) expect(problem.kind).toBe('unprocessable');
  });

  it('names the offending users', () => {
    expect(checkRecipients(OWNER, [r(OWNER, true, true), r(STRANGER, true, false)], staff)?.details).toEqual({
      userIds: [STRANGER],
    });
    expect(checkRecipients(OWNER, [r(OTHER, true, true), r(OTHER, true, false)], staff)?.details).toEqual({
      userIds: [OTHER],
    });
  });
});

describe('Rule: deactivated staff in a saved list', () => {
  it('refuses a deactivated recipient with 409 recipient_inactive, naming them', () => {
    const problem = checkRecipients(
      OWNER,
      [r(OWNER, true, true), r(OTHER, true, false)],
      staff,
      new Set([OTHER]),
    );
    expect(problem).toMatchObject({
      kind: 'conflict',
      code: 'recipient_inactive',
      details: { userIds: [OTHER] },
    });
  });

  it('accepts the list once the deactivated user is removed', () => {
    expect(checkRecipients(OWNER, [r(OWNER, true, true)], staff, new Set([OTHER]))).toBeUndefined();
  });
});

describe('Rule: activeRecipients (who hears when staff are deactivated)', () => {
  const users = (inactive: string[]) =>
    [OWNER, OTHER, CAROL].map((userId) => ({
      userId,
      ...(inactive.includes(userId) ? { status: 'inactive' as const } : {}),
    }));

  it('drops inactive users and keeps the rest as saved', () => {
    const out = activeRecipients(
      [r(OWNER, true, true), r(OTHER, true, false)],
      OWNER,
      users([OTHER]),
      undefined,
    );
    expect(out).toEqual({ list: [r(OWNER, true, true)], ownerStandIn: undefined });
  });

  it("asks for the admins on the owner's channels when the owner is inactive and nobody else hears", () => {
    const out = activeRecipients(
      [r(OWNER, false, true), r(OTHER, false, false)],
      OWNER,
      users([OWNER]),
      undefined,
    );
    expect(out).toEqual({ list: [r(OTHER, false, false)], ownerStandIn: r(OWNER, false, true) });
  });

  it('needs no stand-in while another active recipient hears', () => {
    const out = activeRecipients(
      [r(OWNER, true, true), r(OTHER, true, false)],
      OWNER,
      users([OWNER]),
      undefined,
    );
    expect(out.ownerStandIn).toBeUndefined();
  });

  it('does not count the author of the change as hearing of it', () => {
    const out = activeRecipients([r(OWNER, true, true), r(OTHER, true, false)], OWNER, users([OWNER]), OTHER);
    expect(out.ownerStandIn).toEqual(r(OWNER, true, true));
  });

  it('needs no stand-in for an owner the list switched off', () => {
    const out = activeRecipients(
      [r(OWNER, false, false), r(OTHER, true, true)],
      OWNER,
      users([OWNER, OTHER]),
      undefined,
    );
    expect(out).toEqual({ list: [], ownerStandIn: undefined });
  });
});

describe('Function: putRecipients / getRecipients', () => {
  const CASE = ulidOf(500);
  const theCase: Case = {
    firmId: FIRM_A,
    caseId: CASE,
    title: 'Audit',
    ownerId: OWNER,
    status: 'open',
    notifyClient: true,
    createdAt: NOW,
    createdBy: OWNER,
  };
  const user = (userId: string, name: string): StaffUser => ({
    firmId: FIRM_A,
    userId,
    name,
    email: `${name}@firm.test`,
    role: 'staff',
    createdAt: NOW,
  });

  const caseOf = (f: string, c: string) => (f === FIRM_A && c === CASE ? { case: theCase } : {});
  const usersOf = (ids: string[]) =>
    [user(OWNER, 'alice'), user(OTHER, 'bob'), user(CAROL, 'carol')].filter((u) => ids.includes(u.userId));

  function deps() {
    const saved: { list: SavedRecipients; event: DomainEvent }[] = [];
    const d: RecipientsDeps = {
      recipients: {
        getRecipients: async () => saved.at(-1)?.list,
        caseWithRecipients: async (f, c) => {
          const list = saved.at(-1)?.list;
          return { ...caseOf(f, c), ...(list ? { saved: list } : {}) };
        },
        caseWithStaff: async (f, c, ids) => ({ ...caseOf(f, c), staff: usersOf(ids) }),
        saveRecipients: async (list, event) => {
          saved.push({ list, event });
        },
      },
      staff: {
        staffUsers: async (_f, ids) => usersOf(ids),
        staffOfFirm: async () => usersOf([OWNER, OTHER, CAROL]),
      },
      clock: fixedClock(),
      ids: counterIds(900),
    };
    return { d, saved };
  }

  it('answers the owner in-app and email until a list is saved, then the saved list', async () => {
    const { d } = deps();
    const by = staffOf(FIRM_A, OTHER);
    expect(await getRecipients(d, by, CASE)).toEqual({
      caseId: CASE,
      ownerId: OWNER,
      recipients: [{ userId: OWNER, name: 'alice', inApp: true, email: true }],
      saved: false,
    });
    await putRecipients(d, by, CASE, { recipients: [r(OWNER, false, false), r(CAROL, false, true)] });
    expect(await getRecipients(d, by, CASE)).toMatchObject({
      recipients: [
        { userId: OWNER, name: 'alice', inApp: false, email: false },
        { userId: CAROL, name: 'carol', inApp: false, email: true },
      ],
      saved: true,
    });
  });

  it('saves the list with a recipients.updated event by the caller', async () => {
    const { d, saved } = deps();
    await putRecipients(d, staffOf(FIRM_A, OTHER), CASE, { recipients: [r(OWNER, true, false)] });
    expect(saved).toHaveLength(1);
    expect(saved[0]!.list).toEqual({
      firmId: FIRM_A,
      caseId: CASE,
      recipients: [r(OWNER, true, false)],
      updatedAt: NOW,
      updatedBy: OTHER,
    });
    expect(saved[0]!.event).toMatchObject({
      type: 'recipients.updated',
      firmId: FIRM_A,
      caseId: CASE,
      actor: { kind: 'staff', id: OTHER },
      detail: { recipients: [r(OWNER, true, false)] },
    });
  });

  it('writes nothing when a rule breaks, and answers 404 for an unknown case', async () => {
    const { d, saved } = deps();
    const by = staffOf(FIRM_A, OWNER);
    await expect(putRecipients(d, by, CASE, { recipients: [r(OWNER, false, false)] })).rejects.toMatchObject({
      code: 'owner_required_without_other_recipient',
    });
    await expect(putRecipients(d, by, CASE, { recipients: [r(STRANGER, true, true)] })).rejects.toMatchObject(
      {
        code: 'recipient_not_staff',
      },
    );
    await expect(
      putRecipients(d, by, ulidOf(501), { recipients: [r(OWNER, true, true)] }),
    ).rejects.toMatchObject({
      code: 'case_not_found',
    });
    expect(saved).toEqual([]);
  });
});
