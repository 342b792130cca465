// Demo data for the local stack: one firm (an admin, two staff), two contacts, two cases.
// Fixed ids, so the printed tokens and URLs stay the same across runs; idempotent, so a second
// `npm start` keeps (and does not duplicate) what is there.
import { createCase } from '../functions/domain/cases';
import { createContact } from '../functions/domain/contacts';
import { systemClock } from '../functions/domain/ports';
import type { StaffPrincipal } from '../functions/domain/principal';
import { caseStore } from '../functions/store/cases';
import { contactStore } from '../functions/store/contacts';
import { firmAdminStore, firmStore } from '../functions/store/firm';
import type { Table } from '../functions/store/table';
import { ulidIds } from '../functions/wiring/ids';

export const demo = {
  firmId: '01KDVDNA00AK9N0P8BNNN2KAG1',
  users: {
    admin: {
      userId: '01KDVDNA01C3SV52YSQ72A77Y1',
      name: 'Ada Admin',
      email: 'ada@demo-firm.test',
      role: 'admin',
    },
    staff1: {
      userId: '01KDVDNA02G6R1P5R02S3BWXA4',
      name: 'Sam Staff',
      email: 'sam@demo-firm.test',
      role: 'staff',
    },
    staff2: {
      userId: '01KDVDNA0389JMHT1EKWM9EM58',
      name: 'Tess Tax',
      email: 'tess@demo-firm.test',
      role: 'staff',
    },
  },
  contacts: {
    contact1: {
      contactId: '01KDVDNA04XEC4XK0HPBK12BA7',
      name: 'Carla Client',
      email: 'carla@client.test',
      locale: 'es',
    },
    contact2: {
      contactId: '01KDVDNA05YBZYQGGBHWDZ5CKJ',
      name: 'Paulo Cliente',
      email: 'paulo@client.test',
      locale: 'pt-BR',
    },
  },
  cases: {
    case1: {
      caseId: '01KDVDNA0664QTKAA93N13DD0V',
      title: '2026 tax return — Carla Client',
      reference: 'TAX-2026-001',
    },
    case2: {
      caseId: '01KDVDNA07MF2XQ95VW5AVRF47',
      title: 'Annual audit — Paulo Ltda',
      reference: 'AUD-2026-014',
    },
  },
} as const;

export async function seedDemo(table: Table, portalUrl: string): Promise<{ created: number }> {
  const admin = firmAdminStore(table);
  const now = new Date().toISOString();
  let created = 0;
  const count = (b: boolean) => {
    if (b) created++;
  };
  count(
    await admin.putFirm({
      firmId: demo.firmId,
      name: 'Demo Accounting LLP',
      locale: 'en',
      portalUrl,
      createdAt: now,
    }),
  );
  for (const u of Object.values(demo.users)) {
    count(await admin.putStaffUser({ firmId: demo.firmId, ...u, createdAt: now }));
  }
  const by: StaffPrincipal = {
    kind: 'staff',
    firmId: demo.firmId,
    userId: demo.users.admin.userId,
    role: 'admin',
  };
  const cases = caseStore(table);
  const contacts = contactStore(table);
  for (const c of Object.values(demo.contacts)) {
    if (await contacts.getContact(demo.firmId, c.contactId)) continue;
    const ids = { next: seq(c.contactId) };
    await createContact({ contacts, clock: systemClock, ids }, by, c);
    created++;
  }
  for (const c of Object.values(demo.cases)) {
    if (await cases.getCase(demo.firmId, c.caseId)) continue;
    const ids = { next: seq(c.caseId) };
    await createCase({ cases, firm: firmStore(table), clock: systemClock, ids }, by, {
      title: c.title,
      reference: c.reference,
      ownerId: demo.users.staff1.userId,
    });
    created++;
  }
  return { created };
}

/** Ids for one seeded entity: its fixed id first, then fresh ULIDs (for its activity entries). */
function seq(first: string): () => string {
  let used = false;
  return () => {
    if (!used) {
      used = true;
      return first;
    }
    return ulidIds.next();
  };
}
