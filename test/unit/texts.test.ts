// Notification texts: the shipped catalogue (every template × locale renders with its sample), ICU
// plurals and dates per language, the recipient → firm → en locale choice, the firm's overrides
// (read once per event, validated at save, falling back when one no longer renders), and people's
// own text staying inert (never ICU, never HTML).
import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../../functions/domain/errors';
import { NOTIFYING_EVENT_TYPES } from '../../functions/domain/notification-matrix';
import type { StaffPrincipal } from '../../functions/domain/principal';
import {
  compileOverride,
  deleteTemplateOverride,
  listTemplates,
  OVERRIDE_CHANNELS,
  type OverrideChannel,
  type OverrideFields,
  overrideProblem,
  putTemplateOverride,
  type TemplateOverride,
  type TemplateStore,
} from '../../functions/domain/templates';
import { TEMPLATES, templateById } from '../../functions/domain/texts/catalogue';
import { formattersMade } from '../../functions/domain/texts/compact-format';
import { problemOf } from '../../functions/domain/texts/icu';
import { LOCALES, type Locale } from '../../functions/domain/texts/template';
import type { Recipient } from '../../functions/notify/policy';
import { firmTexts, SUBJECT_MAX, shippedTexts } from '../../functions/notify/texts';
import { resolveLocale } from '../../functions/notify/texts/locale';
import { ALICE, FIRM_A, fixedClock, NOW } from './fakes';

const reader = (locale?: string): Recipient => ({
  kind: 'contact',
  firmId: FIRM_A,
  id: 'C1',
  name: 'Carla',
  email: 'carla@client.test',
  ...(locale ? { locale } : {}),
});

const admin: StaffPrincipal = { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' };

/** An in-memory TemplateStore that counts its reads. */
function memoryStore(initial: TemplateOverride[] = [], firmLocale?: string) {
  const items = new Map(initial.map((o) => [`${o.templateId}|${o.locale}|${o.channel}`, o]));
  const reads = { overrides: 0, firmLocale: 0 };
  const store: TemplateStore = {
    overridesOf: async () => {
      reads.overrides++;
      return [...items.values()];
    },
    firmLocale: async () => {
      reads.firmLocale++;
      return firmLocale;
    },
    saveOverride: async (_f, o) => {
      items.set(`${o.templateId}|${o.locale}|${o.channel}`, o);
    },
    deleteOverride: async (_f, id, locale, channel) => {
      items.delete(`${id}|${locale}|${channel}`);
    },
    listTokens: {
      encode: (scope, position) => Buffer.from(JSON.stringify({ scope, position })).toString('base64url'),
      decode: (scope, token) => {
        const t = JSON.parse(Buffer.from(token, 'base64url').toString()) as {
          scope: string;
          position: Record<string, unknown>;
        };
        if (t.scope !== scope) throw new DomainError('invalid', 'invalid_next_token', 'bad token');
        return t.position;
      },
    },
  };
  return { store, items, reads };
}

const override = (
  templateId: string,
  locale: Locale,
  channel: OverrideChannel,
  fields: OverrideFields & { body: string },
): TemplateOverride => ({
  templateId,
  locale,
  channel,
  ...fields,
  updatedAt: NOW,
  updatedBy: ALICE,
  // As saved: parsed beside the source (decision 0041).
  compiled: compileOverride(fields, locale),
});

describe('Catalogue: shipped templates', () => {
  it('has unique ids, each the event type or `<event type>.<audience>`', () => {
    const ids = TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of TEMPLATES) expect([t.eventType, `${t.eventType}.${t.audience}`]).toContain(t.id);
  });

  it('has a template for every notifying event type', () => {
    expect([...new Set(TEMPLATES.map((t) => t.eventType))].sort()).toEqual([...NOTIFYING_EVENT_TYPES].sort());
  });

  it('gives every variable one sample value, and no sample for anything else', () => {
    for (const t of TEMPLATES) expect(Object.keys(t.sample).sort(), t.id).toEqual([...t.variables].sort());
  });

  it.each(TEMPLATES.flatMap((t) => LOCALES.map((locale) => ({ id: t.id, locale }))))(
    '$id ($locale): every text parses and uses only its variables, each as what it is',
    ({ id, locale }) => {
      const t = templateById(id)!;
      for (const [field, source] of Object.entries(t.texts[locale]))
        expect(problemOf(source, locale, t.sample), `${field}: ${source}`).toBeUndefined();
    },
  );

  it.each(TEMPLATES.flatMap((t) => LOCALES.map((locale) => ({ id: t.id, locale }))))(
    '$id ($locale): renders with its sample into every part of the message',
    async ({ id, locale }) => {
      const t = templateById(id)!;
      const m = await shippedTexts().render(id, reader(locale), t.sample, {
        link: 'https://portal.example/x',
      });
      for (const part of [m.title, m.body, m.subject, m.text, m.html]) expect(part.trim()).not.toBe('');
      // Nothing left unformatted, no line break where there must be one line.
      for (const line of [m.title, m.body, m.subject]) expect(line).not.toMatch(/[{}\n]/);
      expect(m.text).toContain('https://portal.example/x');
      expect(m.html).toContain('href="https://portal.example/x"');
      expect(m.subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
    },
  );

  it('writes each language in its own words (es and pt-BR differ from en)', async () => {
    for (const t of TEMPLATES) {
      const [en, es, pt] = await Promise.all(
        (['en', 'es', 'pt-BR'] as const).map((l) => shippedTexts().render(t.id, reader(l), t.sample)),
      );
      expect(es!.subject, t.id).not.toBe(en!.subject);
      expect(pt!.subject, t.id).not.toBe(en!.subject);
      expect(pt!.subject, t.id).not.toBe(es!.subject);
    }
  });
});

describe('ICU: plurals and dates per language', () => {
  const completed = (locale: string, total: number) =>
    shippedTexts().render('tasks.completed', reader(locale), { actorName: 'Ana', total, subject: 'IRPF' });

  it.each([
    { locale: 'en', total: 1, body: 'Ana completed the only task in “IRPF”.' },
    { locale: 'en', total: 3, body: 'Ana completed all 3 tasks in “IRPF”.' },
    { locale: 'es', total: 1, body: 'Ana completó la única tarea de «IRPF».' },
    { locale: 'es', total: 4, body: 'Ana completó las 4 tareas de «IRPF».' },
    { locale: 'pt-BR', total: 1, body: 'Ana concluiu a única tarefa de “IRPF”.' },
    { locale: 'pt-BR', total: 1200, body: 'Ana concluiu todas as 1.200 tarefas de “IRPF”.' },
  ])('$locale, $total task(s): $body', async ({ locale, total, body }) => {
    expect((await completed(locale, total)).body).toBe(body);
  });

  it.each([
    { locale: 'en', open: 0, expected: [] as string[], absent: 'You have' },
    { locale: 'es', open: 1, expected: ['Tiene 1 tarea pendiente.'], absent: 'tareas pendientes.' },
    { locale: 'es', open: 2, expected: ['Tiene 2 tareas pendientes.'], absent: 'tarea pendiente.' },
    { locale: 'pt-BR', open: 1, expected: ['Você tem 1 tarefa em aberto.'], absent: 'tarefas em aberto.' },
    { locale: 'pt-BR', open: 5, expected: ['Você tem 5 tarefas em aberto.'], absent: 'tarefa em aberto.' },
  ])('client news in $locale with $open open task(s)', async ({ locale, open, expected, absent }) => {
    const t = templateById('reminder.due')!;
    const m = await shippedTexts().render('reminder.due', reader(locale), {
      ...t.sample,
      context: 'hidden',
      openTasks: open,
    });
    for (const e of expected) expect(m.text).toContain(e);
    expect(m.text).not.toContain(absent);
  });

  it.each([
    { locale: 'en', date: 'May 13, 2026' },
    { locale: 'es', date: '13 de mayo de 2026' },
    { locale: 'pt-BR', date: '13 de maio de 2026' },
  ])('formats the invitation expiry as a long date in UTC ($locale: $date)', async ({ locale, date }) => {
    const m = await shippedTexts().render('invitation.sent', reader(locale), {
      firmName: 'Bright & Co',
      caseTitle: 'IRPF 2026',
      contactName: 'Carla',
      // Just after midnight UTC: a machine in a western zone would say the 12th without UTC.
      expiresAt: new Date('2026-05-13T00:30:00.000Z'),
    });
    expect(m.text).toContain(date);
  });

  it('makes its Intl formatters once per process, not per delivery', async () => {
    const t = templateById('document.uploaded')!;
    await shippedTexts().render(t.id, reader('es'), t.sample);
    const before = formattersMade();
    for (let i = 0; i < 5; i++)
      await shippedTexts().render(t.id, reader('es'), { ...t.sample, fileName: `file ${i}.pdf` });
    expect(formattersMade()).toEqual(before);
  });
});

describe('Locale: recipient, else firm, else en', () => {
  it.each([
    { recipient: 'pt-BR', firm: 'es', expected: 'pt-BR' },
    { recipient: 'pt', firm: undefined, expected: 'pt-BR' },
    { recipient: 'pt_PT', firm: undefined, expected: 'pt-BR' },
    { recipient: 'es-MX', firm: 'en', expected: 'es' },
    { recipient: 'ES-419', firm: undefined, expected: 'es' },
    { recipient: 'en-GB', firm: 'pt-BR', expected: 'en' },
    { recipient: 'de', firm: 'es', expected: 'es' },
    { recipient: undefined, firm: 'pt-BR', expected: 'pt-BR' },
    { recipient: 'de', firm: 'fr', expected: 'en' },
    { recipient: undefined, firm: undefined, expected: 'en' },
  ])('recipient $recipient, firm $firm → $expected', ({ recipient, firm, expected }) => {
    expect(resolveLocale(recipient, firm)).toBe(expected);
  });

  it('answers a stored shipped tag without Intl (its first call loads the locale data on a cold start)', () => {
    // Prepare
    const canonical = vi.spyOn(Intl, 'getCanonicalLocales');

    // Act
    const resolved = [
      resolveLocale('pt-BR', 'es'),
      resolveLocale(undefined, 'es'),
      resolveLocale('en', 'fr'),
    ];

    // Assess
    expect(resolved).toEqual(['pt-BR', 'es', 'en']);
    expect(canonical).not.toHaveBeenCalled();
    canonical.mockRestore();
  });

  it("renders in the firm's language for a recipient without one, and reads the firm only then", async () => {
    const t = templateById('document.uploaded')!;
    const mem = memoryStore([], 'es');
    const texts = firmTexts(mem.store, FIRM_A);
    expect((await texts.render(t.id, reader('pt-BR'), t.sample)).title).toBe('Novo arquivo do cliente');
    expect(mem.reads.firmLocale).toBe(0);
    expect((await texts.render(t.id, reader(), t.sample)).title).toBe('Nuevo archivo del cliente');
    expect((await texts.render(t.id, reader('de'), t.sample)).title).toBe('Nuevo archivo del cliente');
    expect(mem.reads.firmLocale).toBe(1);
  });
});

describe('Overrides: the firm’s own texts', () => {
  const t = templateById('document.uploaded')!;

  it('apply per template × locale × channel, read with one query per event (lazily)', async () => {
    const mem = memoryStore([
      override(t.id, 'es', 'email', {
        subject: 'Archivo nuevo: {fileName}',
        body: 'Mire {fileName}.\nGracias.',
      }),
      override(t.id, 'es', 'inApp', { title: 'Subida', body: '{contactName} → {caseTitle}' }),
      override(t.id, 'es', 'push', { title: 'Portico', body: '{fileName}' }),
    ]);
    const texts = firmTexts(mem.store, FIRM_A);
    expect(mem.reads.overrides).toBe(0);
    const es = await texts.render(t.id, reader('es'), t.sample, { link: 'https://app.example/d' });
    const en = await texts.render(t.id, reader('en'), t.sample);
    expect(mem.reads.overrides).toBe(1);

    expect(es).toMatchObject({
      title: 'Subida',
      body: 'Carla Client → Tax return 2025',
      subject: 'Archivo nuevo: statement.pdf',
      push: { title: 'Portico', body: 'statement.pdf' },
    });
    // The firm's email leads with its own subject; each line of its body is a paragraph.
    expect(es.text).toMatch(
      /^Archivo nuevo: statement.pdf\n\nMire statement.pdf.\n\nGracias.\n\nAbrir los documentos/,
    );
    // Other locales keep the shipped text, and no push texts of their own.
    expect(en).toMatchObject({ title: 'New client upload', subject: 'Carla Client uploaded statement.pdf' });
    expect(en.push).toBeUndefined();
  });

  it('fall back to the shipped text when one no longer renders (never failing the send)', async () => {
    // A stored override using a variable a later release renamed.
    const mem = memoryStore([override(t.id, 'en', 'email', { subject: 'From {clientName}', body: 'Hi' })]);
    const m = await firmTexts(mem.store, FIRM_A).render(t.id, reader('en'), t.sample);
    expect(m.subject).toBe('Carla Client uploaded statement.pdf');
    expect(m.text).toContain('Hi');
  });
});

describe('Validation: an override is refused at save, with its reason', () => {
  const t = templateById('invitation.sent')!;
  const long = (n: number) => 'x'.repeat(n);

  it.each<{ name: string; channel: OverrideChannel; fields: OverrideFields; field: string; reason: RegExp }>([
    {
      name: 'bad ICU',
      channel: 'email',
      fields: { subject: 'Hi {firmName', body: 'b' },
      field: 'subject',
      reason:
        /^not a valid ICU message: EXPECT_ARGUMENT_CLOSING_BRACE \(a `\{` is not closed by `\}`, at column 4\)$/,
    },
    {
      name: 'plural without other',
      channel: 'inApp',
      fields: { title: 't', body: '{firmName, plural, one {x}}' },
      field: 'body',
      reason:
        /not a valid ICU message: MISSING_OTHER_CLAUSE \(a plural or select needs an `other \{…\}` case, at column \d+\)/,
    },
    {
      name: 'unknown variable',
      channel: 'email',
      fields: { subject: 'Hi {token}', body: 'b' },
      field: 'subject',
      reason: /uses \{token\}, which this template does not have/,
    },
    {
      name: 'a date used as text',
      channel: 'inApp',
      fields: { title: 'Until {expiresAt}', body: 'b' },
      field: 'title',
      reason: /uses \{expiresAt\} as a text, but it is a date/,
    },
    {
      name: 'a name used as a date',
      channel: 'inApp',
      fields: { title: '{firmName, date, long}', body: 'b' },
      field: 'title',
      reason: /as a date, but it is a text/,
    },
    {
      name: 'empty subject',
      channel: 'email',
      fields: { subject: '   ', body: 'b' },
      field: 'subject',
      reason: /must not be empty/,
    },
    {
      name: 'missing body',
      channel: 'push',
      fields: { title: 't' },
      field: 'body',
      reason: /must not be empty/,
    },
    {
      name: 'too long subject',
      channel: 'email',
      fields: { subject: long(201), body: 'b' },
      field: 'subject',
      reason: /at most 200 characters/,
    },
    {
      name: 'too long body',
      channel: 'inApp',
      fields: { title: 't', body: long(2001) },
      field: 'body',
      reason: /at most 2000 characters/,
    },
    {
      name: 'a title on email',
      channel: 'email',
      fields: { subject: 's', title: 't', body: 'b' },
      field: 'title',
      reason: /email texts have no title/,
    },
    {
      name: 'a subject on push',
      channel: 'push',
      fields: { subject: 's', title: 't', body: 'b' },
      field: 'subject',
      reason: /push texts have no subject/,
    },
    {
      name: 'a line break in a title',
      channel: 'inApp',
      fields: { title: 'a\nb', body: 'b' },
      field: 'title',
      reason: /must be one line/,
    },
    {
      name: 'renders empty',
      channel: 'inApp',
      fields: { title: 't', body: '{firmName, select, other {}}' },
      field: 'body',
      reason: /renders empty/,
    },
  ])('$name', ({ channel, fields, field, reason }) => {
    const problem = overrideProblem(t, 'es', channel, fields);
    expect(problem?.field).toBe(field);
    expect(problem?.reason).toMatch(reason);
  });

  it('accepts every channel’s fields that parse and use the template’s variables', () => {
    expect(
      overrideProblem(t, 'pt-BR', 'email', {
        subject: 'Convite de {firmName}',
        body: 'Olá {contactName},\nAté {expiresAt, date, short}.',
      }),
    ).toBeUndefined();
    expect(overrideProblem(t, 'es', 'inApp', { title: '{firmName}', body: 'Hola' })).toBeUndefined();
    expect(
      overrideProblem(t, 'en', 'push', { title: '{firmName}', body: "It's {caseTitle}" }),
    ).toBeUndefined();
  });

  it.each(OVERRIDE_CHANNELS)(
    '%s: a variable the template lacks is refused, for every template',
    (channel) => {
      for (const t of TEMPLATES) {
        const fields = channel === 'email' ? { subject: '{x}', body: 'b' } : { title: '{x}', body: 'b' };
        expect(overrideProblem(t, 'en', channel, fields)?.reason, t.id).toMatch(/uses \{x\}/);
      }
    },
  );

  it('saves nothing and answers 422 template_invalid with the field and reason', async () => {
    const mem = memoryStore();
    const deps = { templates: mem.store, clock: fixedClock() };
    const target = { templateId: 'invitation.sent', locale: 'es' as const, channel: 'email' as const };
    const err = await putTemplateOverride(deps, admin, target, { subject: '{nope}', body: 'b' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      kind: 'unprocessable',
      code: 'template_invalid',
      details: { field: 'subject' },
    });
    expect(mem.items.size).toBe(0);
    await expect(
      putTemplateOverride(
        deps,
        admin,
        { ...target, templateId: 'case.created' },
        { subject: 's', body: 'b' },
      ),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'template_not_found' });
  });

  it('saves idempotently and deletes back to the shipped text (twice is fine)', async () => {
    const mem = memoryStore();
    const deps = { templates: mem.store, clock: fixedClock() };
    const target = { templateId: 'invitation.sent', locale: 'es' as const, channel: 'email' as const };
    const fields = { subject: 'Invitación de {firmName}', body: 'Hola {contactName}' };
    const first = await putTemplateOverride(deps, admin, target, fields);
    const again = await putTemplateOverride(deps, admin, target, fields);
    expect(again).toEqual(first);
    expect(first.overrides.email).toEqual({ ...fields, updatedAt: NOW, updatedBy: ALICE });
    expect(mem.items.size).toBe(1);
    expect((await deleteTemplateOverride(deps, admin, target)).overrides).toEqual({});
    expect((await deleteTemplateOverride(deps, admin, target)).overrides).toEqual({});
    expect(mem.items.size).toBe(0);
  });
});

describe('List: every template × locale, paginated', () => {
  it('pages through the whole catalogue with nextToken, each row once, with its overrides', async () => {
    const mem = memoryStore([override('document.uploaded', 'es', 'push', { title: 't', body: 'b' })]);
    const rows: Awaited<ReturnType<typeof listTemplates>>['items'] = [];
    let nextToken: string | undefined;
    do {
      const page = await listTemplates({ templates: mem.store }, admin, {
        limit: 7,
        ...(nextToken ? { nextToken } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(7);
      rows.push(...page.items);
      nextToken = page.nextToken;
    } while (nextToken);
    // Checked after the loop, on every row: the overridden one must be found (once), not skipped.
    const seen = rows.map((r) => `${r.templateId}|${r.locale}`);
    expect(seen).toHaveLength(TEMPLATES.length * LOCALES.length);
    expect(new Set(seen).size).toBe(seen.length);
    const overridden = rows.filter((r) => Object.keys(r.overrides).length > 0);
    expect(overridden.map((r) => `${r.templateId}|${r.locale}`)).toEqual(['document.uploaded|es']);
    expect(overridden[0]?.overrides).toEqual({
      push: { title: 't', body: 'b', updatedAt: NOW, updatedBy: ALICE },
    });
  });

  it('filters by locale and event type, and refuses a token of another filter', async () => {
    const mem = memoryStore();
    const page = await listTemplates({ templates: mem.store }, admin, {
      locale: 'pt-BR',
      eventType: 'comment.added',
      limit: 1,
    });
    expect(page.items.map((r) => [r.templateId, r.locale, r.category])).toEqual([
      ['comment.added.staff', 'pt-BR', 'discussions'],
    ]);
    expect(page.nextToken).toBeDefined();
    await expect(
      listTemplates({ templates: mem.store }, admin, { locale: 'es', limit: 1, nextToken: page.nextToken! }),
    ).rejects.toMatchObject({ code: 'invalid_next_token' });
  });
});

describe('People’s text stays inert', () => {
  it('a `{`, `}` or tag in a value is shown as typed: never ICU, escaped in HTML, one line', async () => {
    const m = await shippedTexts().render(
      'document.uploaded',
      reader('en'),
      {
        contactName: 'Carla {contactName}',
        fileName: "report {0} <script>alert('x')</script>.pdf",
        caseTitle: 'Q3\n2025',
      },
      { details: ['line {one}\nline <b>two</b>'] },
    );
    // Details follow the body in-app too (flattened), as the email's last paragraphs.
    expect(m.body).toBe(
      "Carla {contactName} uploaded report {0} <script>alert('x')</script>.pdf to Q3 2025 line {one} line <b>two</b>",
    );
    expect(m.text).toContain('line {one} line <b>two</b>');
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<b>');
    expect(m.html).toContain('report {0} &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;.pdf');
    expect(m.html).toContain('line {one} line &lt;b&gt;two&lt;/b&gt;');
  });

  it('an override cannot turn a value into markup either', async () => {
    const mem = memoryStore([
      override('document.uploaded', 'en', 'email', {
        subject: '<b>{fileName}</b>',
        body: '<i>{fileName}</i>',
      }),
    ]);
    const m = await firmTexts(mem.store, FIRM_A).render('document.uploaded', reader('en'), {
      contactName: 'C',
      fileName: '<img src=x>',
      caseTitle: 'T',
    });
    expect(m.html).toContain('&lt;i&gt;&lt;img src=x&gt;&lt;/i&gt;');
    expect(m.html).not.toMatch(/<i>|<img/);
  });
});
