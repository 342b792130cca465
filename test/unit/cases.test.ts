import { describe, expect, it } from 'vitest';
import { createCase, getCase, listCases } from '../../functions/domain/cases';
import { DomainError } from '../../functions/domain/errors';
import { DomainEventSchema } from '../../functions/events/catalogue';
import {
  ALICE,
  BOB,
  counterIds,
  FIRM_A,
  FIRM_B,
  fixedClock,
  InMemoryCaseStore,
  InMemoryFirmStore,
  NOW,
  staffOf,
  ulidOf,
} from './fakes';

function deps() {
  return {
    cases: new InMemoryCaseStore(),
    firm: new InMemoryFirmStore(),
    clock: fixedClock(),
    ids: counterIds(1),
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('Module: cases', () => {
  describe('createCase', () => {
    it('opens a case owned by the caller, notifying the client by default', async () => {
      // Prepare
      const d = deps();

      // Act
      const c = await createCase(d, staffOf(FIRM_A, ALICE), { title: 'Audit 2024' });

      // Assess
      expect(c).toEqual({
        firmId: FIRM_A,
        caseId: ulidOf(1),
        title: 'Audit 2024',
        ownerId: ALICE,
        status: 'open',
        notifyClient: true,
        createdAt: NOW,
        createdBy: ALICE,
      });
      expect(d.cases.cases).toEqual([c]);
      // The caller owns it: nobody needs looking up.
      expect(d.firm.lookups).toEqual([]);
    });

    it('keeps the optional fields it is given, including notifyClient false', async () => {
      // Prepare
      const d = deps();

      // Act
      const c = await createCase(d, staffOf(FIRM_A, ALICE), {
        title: 'T',
        reference: 'ENG-7',
        clientName: 'Acme',
        notifyClient: false,
      });

      // Assess
      expect(c).toMatchObject({ reference: 'ENG-7', clientName: 'Acme', notifyClient: false });
    });

    it('leaves absent optional fields out of the case', async () => {
      // Act
      const c = await createCase(deps(), staffOf(FIRM_A, ALICE), { title: 'T' });

      // Assess
      expect(Object.keys(c)).not.toContain('reference');
      expect(Object.keys(c)).not.toContain('clientName');
    });

    it('writes a case.created activity entry with the actor, firm and case', async () => {
      // Prepare
      const d = deps();

      // Act
      const c = await createCase(d, staffOf(FIRM_A, ALICE), { title: 'Audit 2024' });

      // Assess
      expect(d.cases.events).toEqual([
        {
          type: 'case.created',
          eventId: ulidOf(2),
          firmId: FIRM_A,
          caseId: c.caseId,
          actor: { kind: 'staff', id: ALICE },
          occurredAt: NOW,
          detail: { title: 'Audit 2024', ownerId: ALICE },
        },
      ]);
      // Producer and consumer share the catalogue: what we write, the publisher can read.
      expect(DomainEventSchema.safeParse(d.cases.events[0]).success).toBe(true);
    });

    it('accepts another staff user of the same firm as owner', async () => {
      // Prepare
      const d = deps();
      d.firm.addStaff(FIRM_A, BOB);

      // Act
      const c = await createCase(d, staffOf(FIRM_A, ALICE), { title: 'T', ownerId: BOB });

      // Assess
      expect(c).toMatchObject({ ownerId: BOB, createdBy: ALICE });
      expect(d.cases.events[0]?.detail).toEqual({ title: 'T', ownerId: BOB });
      expect(d.firm.lookups).toEqual([{ firmId: FIRM_A, userId: BOB }]);
    });

    it.each([
      ['unknown', () => undefined],
      ['staff of another firm', (d: ReturnType<typeof deps>) => d.firm.addStaff(FIRM_B, BOB)],
    ])('refuses an owner who is %s with 422 owner_not_staff and writes nothing', async (_name, arrange) => {
      // Prepare
      const d = deps();
      arrange(d);

      // Act
      const err = await rejection(createCase(d, staffOf(FIRM_A, ALICE), { title: 'T', ownerId: BOB }));

      // Assess
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ kind: 'unprocessable', code: 'owner_not_staff' });
      expect(d.cases.writes).toBe(0);
    });
  });

  it('refuses a deactivated owner with 409 owner_inactive and writes nothing', async () => {
    // Prepare
    const d = deps();
    d.firm.addStaff(FIRM_A, BOB).status = 'inactive';

    // Act
    const err = await rejection(createCase(d, staffOf(FIRM_A, ALICE), { title: 'T', ownerId: BOB }));

    // Assess
    expect(err).toMatchObject({ kind: 'conflict', code: 'owner_inactive' });
    expect(d.cases.writes).toBe(0);
  });

  describe('getCase', () => {
    it('finds a case of the caller’s firm', async () => {
      // Prepare
      const d = deps();
      const c = await createCase(d, staffOf(FIRM_A, ALICE), { title: 'T' });

      // Act & Assess
      await expect(getCase(d, staffOf(FIRM_A, BOB), c.caseId)).resolves.toEqual(c);
    });

    it('answers case_not_found for an unknown case or one of another firm', async () => {
      // Prepare
      const d = deps();
      const c = await createCase(d, staffOf(FIRM_B, BOB), { title: 'Theirs' });

      // Act
      const unknown = await rejection(getCase(d, staffOf(FIRM_A, ALICE), ulidOf(99)));
      const foreign = await rejection(getCase(d, staffOf(FIRM_A, ALICE), c.caseId));

      // Assess
      for (const err of [unknown, foreign]) {
        expect(err).toBeInstanceOf(DomainError);
        expect(err).toMatchObject({ kind: 'not_found', code: 'case_not_found', message: 'Case not found.' });
      }
    });
  });

  describe('listCases', () => {
    it('lists the cases of the caller’s firm only', async () => {
      // Prepare
      const d = deps();
      await createCase(d, staffOf(FIRM_A, ALICE), { title: 'A' });
      await createCase(d, staffOf(FIRM_B, BOB), { title: 'B' });

      // Act
      const page = await listCases(d, staffOf(FIRM_A, ALICE), { limit: 25 });

      // Assess
      expect(page.items.map((c) => c.title)).toEqual(['A']);
    });
  });
});
