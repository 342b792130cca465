import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContact, listContacts, updateContact } from '../../functions/domain/contacts';
import { type MailMark, normalizeEmail } from '../../functions/domain/mail-addresses';
import { DomainEventSchema } from '../../functions/events/catalogue';
import {
  ALICE,
  BOB,
  counterIds,
  FIRM_A,
  FIRM_B,
  fixedClock,
  InMemoryContactStore,
  NOW,
  staffOf,
  ulidOf,
} from './fakes';

function deps() {
  return { contacts: new InMemoryContactStore(), clock: fixedClock(), ids: counterIds(1) };
}

describe('Module: contacts', () => {
  describe('createContact', () => {
    it('stores the contact with its email trimmed and lower-cased', async () => {
      // Prepare
      const d = deps();

      // Act
      const c = await createContact(d, staffOf(FIRM_A, ALICE), {
        name: 'Ana Souza',
        email: '  Ana.Souza@Client.EXAMPLE ',
        phone: '+55 11 5555-0000',
        locale: 'pt-BR',
      });

      // Assess
      expect(c).toEqual({
        firmId: FIRM_A,
        contactId: ulidOf(1),
        name: 'Ana Souza',
        email: 'ana.souza@client.example',
        phone: '+55 11 5555-0000',
        locale: 'pt-BR',
        createdAt: NOW,
      });
      expect(d.contacts.contacts).toEqual([c]);
    });

    it('leaves absent optional fields out of the contact', async () => {
      // Act
      const c = await createContact(deps(), staffOf(FIRM_A, ALICE), { name: 'Ana' });

      // Assess
      expect(Object.keys(c).sort()).toEqual(['contactId', 'createdAt', 'firmId', 'name']);
    });

    it('writes a firm-level contact.created entry, without caseId', async () => {
      // Prepare
      const d = deps();

      // Act
      const c = await createContact(d, staffOf(FIRM_A, ALICE), { name: 'Ana', email: 'ana@client.example' });

      // Assess
      expect(d.contacts.events).toEqual([
        {
          type: 'contact.created',
          eventId: ulidOf(2),
          firmId: FIRM_A,
          actor: { kind: 'staff', id: ALICE },
          occurredAt: NOW,
          detail: { contactId: c.contactId, name: 'Ana' },
        },
      ]);
      expect(d.contacts.events[0]).not.toHaveProperty('caseId');
      expect(DomainEventSchema.safeParse(d.contacts.events[0]).success).toBe(true);
    });
  });

  describe('listContacts', () => {
    it('lists the contacts of the caller’s firm only', async () => {
      // Prepare
      const d = deps();
      await createContact(d, staffOf(FIRM_A, ALICE), { name: 'Mine' });
      await createContact(d, staffOf(FIRM_B, BOB), { name: 'Theirs' });

      // Act
      const page = await listContacts(d, staffOf(FIRM_A, ALICE), { limit: 25 });

      // Assess
      expect(page.items.map((c) => c.name)).toEqual(['Mine']);
    });
  });

  describe('normalizeEmail', () => {
    it('makes addresses that differ only in case and surrounding space equal', () => {
      fc.assert(
        fc.property(
          fc.emailAddress(),
          fc.mixedCase(fc.emailAddress()),
          fc.stringMatching(/^[ \t]{0,3}$/),
          (_, email, pad) => {
            expect(normalizeEmail(`${pad}${email}${pad}`)).toBe(normalizeEmail(email.toLowerCase()));
          },
        ),
      );
    });

    it('is idempotent and leaves no surrounding space or capitals', () => {
      fc.assert(
        fc.property(fc.string(), (s) => {
          const once = normalizeEmail(s);
          expect(normalizeEmail(once)).toBe(once);
          expect(once).toBe(once.trim());
          expect(once).toBe(once.toLowerCase());
        }),
      );
    });
  });

  describe('updateContact and the mail status (issue 16)', () => {
    const bounced: MailMark = {
      email: 'ana@client.example',
      bounced: { since: '2026-12-06T05:00:00.000Z', detail: 'General: 550' },
    };
    const withMarks = (marks: MailMark[]) => {
      const reads: string[][] = [];
      return {
        ...deps(),
        reads,
        mailAddresses: {
          marksOf: async (emails: string[]) => {
            reads.push(emails);
            return new Map(marks.filter((m) => emails.includes(m.email)).map((m) => [m.email, m]));
          },
        },
      };
    };

    it("shows a bounced address on the listed contact, reading the page's marks once", async () => {
      const d = withMarks([bounced]);
      await createContact(d, staffOf(FIRM_A, ALICE), { name: 'Ana', email: 'ana@client.example' });
      await createContact(d, staffOf(FIRM_A, ALICE), { name: 'Bo', email: 'bo@client.example' });
      d.reads.length = 0;

      const page = await listContacts(d, staffOf(FIRM_A, ALICE), { limit: 10 });

      expect(page.items.map((c) => c.mail?.status)).toEqual(['unreachable', undefined]);
      expect(page.items[0]!.mail!.since).toBe('2026-12-06T05:00:00.000Z');
      expect(d.reads).toEqual([['ana@client.example', 'bo@client.example']]);
    });

    it('changes the email lower-cased and sets (so clears) that address', async () => {
      const d = withMarks([]);
      const c = await createContact(d, staffOf(FIRM_A, ALICE), { name: 'Ana', email: 'ana@client.example' });

      const changed = await updateContact(d, staffOf(FIRM_A, ALICE), c.contactId, {
        email: ' Ana@New.Example ',
      });

      expect(changed).toMatchObject({ contactId: c.contactId, name: 'Ana', email: 'ana@new.example' });
      expect(d.contacts.cleared).toEqual(['ana@new.example']);
    });

    it("refuses an empty change (422) and another firm's contact (404), writing nothing", async () => {
      const d = withMarks([]);
      const c = await createContact(d, staffOf(FIRM_A, ALICE), { name: 'Ana', email: 'ana@client.example' });
      const writes = d.contacts.writes;

      await expect(updateContact(d, staffOf(FIRM_A, ALICE), c.contactId, {})).rejects.toMatchObject({
        code: 'contact_change_empty',
      });
      await expect(updateContact(d, staffOf(FIRM_B, BOB), c.contactId, { name: 'X' })).rejects.toMatchObject({
        code: 'contact_not_found',
      });
      expect(d.contacts.writes).toBe(writes);
    });
  });
});
