// Domain rules of the case lifecycle (decision 0036): the searchable title, the list filters the
// indexes serve, the owner rule after a reassignment, idempotent changes, the closed-case guard, and
// ingest's refusal of a contact's object for a closed case.
import { describe, expect, it } from 'vitest';
import {
  CASE_CHANGED_MEANWHILE,
  type Case,
  caseFilter,
  closeCase,
  reopenCase,
  requireOpenCase,
  searchableTitle,
  updateCase,
  withOwner,
} from '../../functions/domain/cases';
import { conflict, DomainError } from '../../functions/domain/errors';
import type { StaffUser } from '../../functions/domain/firm';
import { refusalOf } from '../../functions/domain/ingest';
import type { UploadIntent } from '../../functions/domain/uploads';
import {
  ALICE,
  BOB,
  counterIds,
  FIRM_A,
  fixedClock,
  InMemoryCaseStore,
  InMemoryFirmStore,
  NOW,
  staffOf,
} from './fakes';

const CASE = '01HZX3K4M5N6P7Q8R9S0TVWXC1';
const CAROL = '01HZX3K4M5N6P7Q8R9S0TVWX03';

const staffUser = (userId: string, extra: Partial<StaffUser> = {}): StaffUser => ({
  firmId: FIRM_A,
  userId,
  name: `User ${userId}`,
  email: `${userId.toLowerCase()}@firm.example`,
  role: 'staff',
  createdAt: NOW,
  ...extra,
});

function deps(c: Partial<Case> = {}) {
  const cases = new InMemoryCaseStore();
  cases.cases.push({
    firmId: FIRM_A,
    caseId: CASE,
    title: 'Audit 2024',
    ownerId: ALICE,
    status: 'open',
    notifyClient: true,
    createdAt: NOW,
    createdBy: ALICE,
    ...c,
  });
  cases.staff.push(staffUser(ALICE), staffUser(BOB), staffUser(CAROL, { status: 'inactive' }));
  return { cases, firm: new InMemoryFirmStore(), clock: fixedClock(), ids: counterIds(1) };
}

const by = staffOf(FIRM_A, ALICE);

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a rejection');
}

describe('Module: case lifecycle', () => {
  describe('searchableTitle', () => {
    it('folds case and accents, drops punctuation and collapses spaces', () => {
      expect(searchableTitle('  Müller   GmbH — Audit/2024 ')).toBe('muller gmbh audit 2024');
      expect(searchableTitle('ÉCOLE')).toBe('ecole');
      expect(searchableTitle('--')).toBe('');
    });
  });

  describe('caseFilter', () => {
    it('runs a title search within open cases unless told closed, and refuses it with an owner or with nothing to search', () => {
      expect(caseFilter({ q: 'Mül' })).toEqual({ status: 'open', titlePrefix: 'mul' });
      expect(caseFilter({ q: 'a', status: 'closed' })).toEqual({ status: 'closed', titlePrefix: 'a' });
      expect(caseFilter({ ownerId: BOB })).toEqual({ ownerId: BOB });
      expect(caseFilter({})).toEqual({});
      expect(() => caseFilter({ q: 'a', ownerId: BOB })).toThrow(
        expect.objectContaining({ code: 'filter_combination' }),
      );
      expect(() => caseFilter({ q: '!!' })).toThrow(expect.objectContaining({ code: 'search_empty' }));
    });
  });

  describe('withOwner', () => {
    const saved = {
      firmId: FIRM_A,
      caseId: CASE,
      recipients: [
        { userId: ALICE, inApp: false, email: false },
        { userId: BOB, inApp: true, email: false },
      ],
      updatedAt: 'earlier',
      updatedBy: ALICE,
    };
    it('adds the new owner, in-app and by email, to a saved list that lacks them', () => {
      expect(withOwner(saved, CAROL, by, NOW)).toEqual({
        ...saved,
        recipients: [...saved.recipients, { userId: CAROL, inApp: true, email: true }],
        updatedAt: NOW,
        updatedBy: ALICE,
      });
    });
    it('keeps a saved list that already names the new owner as the firm saved it', () => {
      expect(withOwner(saved, BOB, by, NOW)).toBeUndefined();
    });
  });

  describe('updateCase', () => {
    it('renames and reassigns in one change with one event each; the same save again writes nothing', async () => {
      // Prepare
      const d = deps();
      // Act
      const first = await updateCase(d, by, CASE, { title: 'Audit 2024 (final)', ownerId: BOB });
      const again = await updateCase(d, by, CASE, { title: 'Audit 2024 (final)', ownerId: BOB });
      // Assess
      expect(first).toMatchObject({ title: 'Audit 2024 (final)', ownerId: BOB });
      expect(again).toEqual(first);
      expect(d.cases.events.map((e) => [e.type, e.detail])).toEqual([
        ['case.renamed', { title: 'Audit 2024 (final)', previousTitle: 'Audit 2024' }],
        ['case.reassigned', { ownerId: BOB, previousOwnerId: ALICE, ownerAddedToRecipients: false }],
      ]);
    });

    it('adds the new owner to a saved recipients list in the same change', async () => {
      const d = deps();
      d.cases.recipients.push({
        firmId: FIRM_A,
        caseId: CASE,
        recipients: [{ userId: ALICE, inApp: true, email: true }],
        updatedAt: 'earlier',
        updatedBy: ALICE,
      });
      await updateCase(d, by, CASE, { ownerId: BOB });
      expect(d.cases.recipients[0]!.recipients.map((r) => r.userId)).toEqual([ALICE, BOB]);
      expect(d.cases.events[0]!.detail).toMatchObject({ ownerAddedToRecipients: true });
    });

    it('refuses an owner who is not staff of the firm (422) or deactivated (409), writing nothing', async () => {
      const d = deps();
      const stranger = await rejection(updateCase(d, by, CASE, { ownerId: '01HZX3K4M5N6P7Q8R9S0TVWX99' }));
      const inactive = await rejection(updateCase(d, by, CASE, { ownerId: CAROL }));
      expect([stranger.kind, stranger.code]).toEqual(['unprocessable', 'owner_not_staff']);
      expect([inactive.kind, inactive.code]).toEqual(['conflict', 'owner_inactive']);
      expect(d.cases.events).toEqual([]);
    });

    it('answers 404 for an unknown case', async () => {
      const err = await rejection(updateCase(deps(), by, '01HZX3K4M5N6P7Q8R9S0TVWXC9', { title: 'X' }));
      expect(err.code).toBe('case_not_found');
    });

    it('plans again on what is true after losing a race: a concurrent identical rename leaves one event', async () => {
      // Prepare: the first write loses to an identical rename that lands just before it
      const d = deps();
      const write = d.cases.changeCase.bind(d.cases);
      let raced = false;
      d.cases.changeCase = async (change) => {
        if (!raced) {
          raced = true;
          await write(change);
          throw conflict(CASE_CHANGED_MEANWHILE, 'raced');
        }
        return write(change);
      };
      // Act
      const c = await updateCase(d, by, CASE, { title: 'Renamed' });
      // Assess
      expect(c.title).toBe('Renamed');
      expect(d.cases.events.map((e) => e.type)).toEqual(['case.renamed']);
    });
  });

  describe('closeCase / reopenCase', () => {
    it('closes once (who and when recorded) and reopens once; repeating either changes nothing', async () => {
      const d = deps();
      const closed = await closeCase(d, by, CASE);
      const closedAgain = await closeCase(d, by, CASE);
      const reopened = await reopenCase(d, by, CASE);
      const reopenedAgain = await reopenCase(d, by, CASE);
      expect(closed).toMatchObject({ status: 'closed', closedAt: NOW, closedBy: ALICE });
      expect(closedAgain).toEqual(closed);
      expect(reopened.status).toBe('open');
      expect(reopenedAgain).toEqual(reopened);
      expect(d.cases.events.map((e) => [e.type, e.detail])).toEqual([
        ['case.closed', { title: 'Audit 2024' }],
        ['case.reopened', { title: 'Audit 2024' }],
      ]);
    });
  });

  describe('requireOpenCase', () => {
    it('lets an open case through and refuses a closed one with 403 case_closed', () => {
      expect(() => requireOpenCase({ status: 'open' })).not.toThrow();
      let err: unknown;
      try {
        requireOpenCase({ status: 'closed' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DomainError);
      expect([(err as DomainError).kind, (err as DomainError).code]).toEqual(['forbidden', 'case_closed']);
    });
  });

  describe('refusalOf (ingest)', () => {
    const intent = (kind: 'staff' | 'contact') =>
      ({ uploadedBy: { kind, id: kind === 'staff' ? ALICE : 'C1', name: 'X' } }) as UploadIntent;
    const grant = { status: 'active', role: 'collaborator', canUpload: true } as const;
    it("refuses a contact's object for a closed case like a revoked one, and keeps a staff upload", () => {
      expect(refusalOf(intent('contact'), { caseExists: true, caseClosed: true, grant })).toBe('case_closed');
      expect(refusalOf(intent('contact'), { caseExists: true, caseClosed: false, grant })).toBeUndefined();
      expect(
        refusalOf(intent('staff'), { caseExists: true, caseClosed: true, staffUser: true }),
      ).toBeUndefined();
      // A revoke says more than the close: it wins.
      expect(
        refusalOf(intent('contact'), {
          caseExists: true,
          caseClosed: true,
          grant: { ...grant, status: 'revoked' },
        }),
      ).toBe('revoked');
    });
  });
});
