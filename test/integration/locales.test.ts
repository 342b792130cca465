// Languages on the local stack (issue 13.3): contacts accept any BCP 47 tag in any letter case and
// store its canonical form, admins read and set the firm's default language through /settings, and
// invitation mail follows region → language → firm default (pt-PT reads Brazilian Portuguese,
// es-MX Spanish, fr-CA the firm's language). Bad tags are a 400 that writes nothing.
import { describe, expect, it } from 'vitest';
import { contactsOfFirmPattern } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { mailTo } from './support/mail';
import { newFirm, newId, partition, settle, type TestFirm } from './support/stack';

/** Creates a contact in `locale` (none: the firm's applies) and grants it access: the invitation is mailed. */
async function invited(firm: TestFirm, caseId: string, name: string, locale?: string) {
  const email = `${name.toLowerCase()}.${newId().toLowerCase()}@client.test`;
  const admin = apiAs(firm.admin.token);
  const created = await admin.POST('/contacts', { body: { name, email, ...(locale ? { locale } : {}) } });
  expect(created.response.status).toBe(201);
  const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
    params: { path: { caseId, contactId: created.data!.contactId } },
    body: { role: 'viewer', canDownload: true },
  });
  expect(granted.response.status).toBe(200);
  return email;
}

async function invitationSubject(email: string): Promise<string> {
  const mails = await mailTo(email);
  expect(mails).toHaveLength(1);
  return mails[0]!.subject;
}

describe('Route: POST /contacts (locale)', () => {
  it('accepts pt-PT, es-MX, EN and fr-ca, stores the canonical tag, and refuses pt_BR with 400 writing nothing', async () => {
    // Prepare
    const firm = await newFirm('Lisboa & Monterrey');
    const api = apiAs(firm.admin.token);

    // Act
    const made = [];
    for (const locale of ['pt-PT', 'es-MX', 'EN', 'fr-ca']) {
      made.push(await api.POST('/contacts', { body: { name: `Contact ${locale}`, locale } }));
    }
    const before = await partition(contactsOfFirmPattern(firm.firmId).pk);
    const bad = await api.POST('/contacts', { body: { name: 'Underscore', locale: 'pt_BR' } });
    const after = await partition(contactsOfFirmPattern(firm.firmId).pk);
    const listed = await api.GET('/contacts', { params: { query: { limit: 10 } } });

    // Assess
    expect(made.map((r) => r.response.status)).toEqual([201, 201, 201, 201]);
    expect(made.map((r) => r.data!.locale)).toEqual(['pt-PT', 'es-MX', 'en', 'fr-CA']);
    expect(bad.response.status).toBe(400);
    expect(problem(bad).code).toBe('validation_failed');
    expect(problem(bad).fields?.map((f) => f.path)).toEqual(['body.locale']);
    expect(after).toEqual(before);
    expect(new Map(listed.data!.items.map((c) => [c.name, c.locale]))).toEqual(
      new Map([
        ['Contact pt-PT', 'pt-PT'],
        ['Contact es-MX', 'es-MX'],
        ['Contact EN', 'en'],
        ['Contact fr-ca', 'fr-CA'],
      ]),
    );
  });
});

describe('Route: /settings (locale)', () => {
  it('reads en until set, saves the canonical tag for admins only, keeps it when a save names none, refuses a bad tag', async () => {
    // Prepare
    const firm = await newFirm('Default Language Firm');
    const admin = apiAs(firm.admin.token);
    const base = { detailedNotifications: false, uploadMaxBytes: 2_000_000 };

    // Act
    const initial = await admin.GET('/settings');
    const staffSave = await apiAs(firm.staff.token).PUT('/settings', { body: { ...base, locale: 'es' } });
    const saved = await admin.PUT('/settings', { body: { ...base, locale: 'PT-pt' } });
    const kept = await admin.PUT('/settings', { body: { ...base, uploadMaxBytes: 3_000_000 } });
    const bad = await admin.PUT('/settings', { body: { ...base, locale: 'pt_PT' } });
    const final = await admin.GET('/settings');

    // Assess
    expect(initial.data).toMatchObject({ locale: 'en' });
    expect(staffSave.response.status).toBe(403);
    expect(saved.response.status).toBe(200);
    expect(saved.data).toMatchObject({ locale: 'pt-PT' });
    expect(kept.data).toMatchObject({ locale: 'pt-PT', uploadMaxBytes: 3_000_000 });
    expect(bad.response.status).toBe(400);
    expect(problem(bad).code).toBe('validation_failed');
    expect(final.data).toMatchObject({ locale: 'pt-PT', uploadMaxBytes: 3_000_000 });
  });
});

describe('Function: notify picks the contact’s language by region → language → firm default', () => {
  it('mails pt-PT in Brazilian Portuguese, es-MX in Spanish, fr-CA and no language in the firm default', async () => {
    // Prepare: two firms whose default language is set by an admin (Spanish, Brazilian Portuguese)
    const spanish = await newFirm('Asesores Ibéricos');
    const brazilian = await newFirm('Contábil Paulista');
    const cases: Record<string, string> = {};
    for (const [firm, locale] of [
      [spanish, 'es'],
      [brazilian, 'pt-BR'],
    ] as const) {
      const set = await apiAs(firm.admin.token).PUT('/settings', {
        body: { detailedNotifications: false, uploadMaxBytes: 1_000_000, locale },
      });
      expect(set.response.status).toBe(200);
      const created = await apiAs(firm.admin.token).POST('/cases', { body: { title: 'IRS 2026' } });
      cases[firm.firmId] = created.data!.caseId;
    }

    // Act
    const ptPT = await invited(spanish, cases[spanish.firmId]!, 'Joana', 'pt-PT');
    const frCAes = await invited(spanish, cases[spanish.firmId]!, 'Chloe', 'fr-CA');
    const noneEs = await invited(spanish, cases[spanish.firmId]!, 'Nora');
    const esMX = await invited(brazilian, cases[brazilian.firmId]!, 'Diego', 'es-MX');
    const frCApt = await invited(brazilian, cases[brazilian.firmId]!, 'Amelie', 'fr-CA');
    const en = await invited(brazilian, cases[brazilian.firmId]!, 'Ed', 'EN');
    await settle();

    // Assess
    expect(await invitationSubject(ptPT)).toBe(`${spanish.name} convidou você para IRS 2026`);
    expect(await invitationSubject(frCAes)).toBe(`${spanish.name} le invitó a IRS 2026`);
    expect(await invitationSubject(noneEs)).toBe(`${spanish.name} le invitó a IRS 2026`);
    expect(await invitationSubject(esMX)).toBe(`${brazilian.name} le invitó a IRS 2026`);
    expect(await invitationSubject(frCApt)).toBe(`${brazilian.name} convidou você para IRS 2026`);
    expect(await invitationSubject(en)).toBe(`${brazilian.name} invited you to IRS 2026`);
  });
});
