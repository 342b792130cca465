// Notify's texts parsed ahead (decision 0041): the generated shipped texts equal parsing them at run
// time, for every template × locale × field (same AST, same output with the sample values); the
// compact form round-trips every ICU construct an override may use; an override carries its compiled
// form from the save, and one saved before (no compiled form) is skipped with a warning naming it.
import { IntlMessageFormat } from 'intl-messageformat';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  compileOverride,
  type TemplateOverride,
  type TemplateOverrideSource,
} from '../../functions/domain/templates';
import { TEMPLATES } from '../../functions/domain/texts/catalogue';
import { formatCompact } from '../../functions/domain/texts/compact-format';
import {
  type AstElement,
  COMPACT_VERSION,
  decodeMessage,
  encodeMessage,
  readCompiled,
} from '../../functions/domain/texts/compact-icu';
import { compactOf, compile, format } from '../../functions/domain/texts/icu';
import { LOCALES } from '../../functions/domain/texts/template';
import { log } from '../../functions/log';
import type { Recipient } from '../../functions/notify/policy';
import { firmTexts, shippedText } from '../../functions/notify/texts';
import { SHIPPED_FIELDS, SHIPPED_MESSAGES, SHIPPED_TEXTS } from '../../functions/notify/texts/shipped';
import { compactShippedTexts, FIELDS, shippedModuleData } from '../../scripts/notify-texts';
import { ALICE, FIRM_A, NOW } from './fakes';

const cases = TEMPLATES.flatMap((t) => LOCALES.map((locale) => ({ id: t.id, locale })));

/** The AST as the run-time parser makes it (what notify formatted before: source → compile). */
const parsed = (source: string, locale: string) =>
  compile(source, locale).getAst() as unknown as AstElement[];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Shipped texts: generated ahead, equal to parsing at run time', () => {
  it('the generated module is up to date with the catalogue (else: npm run notify-texts)', () => {
    // Act
    const fresh = shippedModuleData();

    // Assess
    expect(SHIPPED_FIELDS).toEqual(FIELDS);
    expect(SHIPPED_MESSAGES).toEqual(fresh.messages);
    expect(SHIPPED_TEXTS).toEqual(fresh.fields);
    expect(Object.keys(SHIPPED_TEXTS).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
  });

  it.each(cases)(
    '$id ($locale): each field’s AST is the parser’s, and it renders the same',
    ({ id, locale }) => {
      // Prepare
      const def = TEMPLATES.find((t) => t.id === id)!;
      const sources = def.texts[locale];

      // Act
      const text = shippedText(id, locale);

      // Assess: the same fields, each the parser's AST, each formatting the sample to the same string.
      expect(Object.keys(text).sort()).toEqual(Object.keys(sources).sort());
      for (const [field, source] of Object.entries(sources)) {
        const compact = text[field as keyof typeof text]!;
        expect(decodeMessage(compact), `${field}: ${source}`).toEqual(parsed(source, locale));
        expect(formatCompact(compact, locale, def.sample), field).toBe(format(source, locale, def.sample));
      }
    },
  );

  it('keeps each distinct message once (rows point into one table)', () => {
    const all = Object.values(compactShippedTexts()).flatMap((byLocale) =>
      Object.values(byLocale).flatMap((t) => Object.values(t)),
    );
    expect(SHIPPED_MESSAGES.length).toBe(new Set(all.map((m) => JSON.stringify(m))).size);
    expect(SHIPPED_MESSAGES.length).toBeLessThan(all.length);
  });
});

describe('Compact ICU form: every construct round-trips', () => {
  it.each([
    ['plain text', 'Hello there'],
    ['arguments', '{a} and {b}'],
    [
      'number, date and time with and without style',
      '{n, number} {p, number, percent} {d, date} {d, date, long} {t, time, short}',
    ],
    ['skeletons', '{x, number, ::currency/EUR} {d, date, ::yyyyMMMd} {t, time, ::hhmm}'],
    ['plural with offset, exact match and #', '{n, plural, offset:1 =0 {none} one {# file} other {# files}}'],
    ['selectordinal', '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}'],
    ['nested select in plural', '{n, plural, one {{g, select, a {A} other {O}}} other {many {g}}}'],
    ['quotes and tags kept as text', "It''s '{'literal'}' <b>{name}</b>"],
  ])('%s', (_what, source) => {
    for (const locale of LOCALES) {
      // Act
      const ast = parsed(source, locale);
      const compact = encodeMessage(ast);

      // Assess: JSON-safe (it is stored as JSON) and equal to the parser's AST once decoded.
      expect(JSON.parse(JSON.stringify(compact))).toEqual(compact);
      expect(decodeMessage(compact)).toEqual(ast);
    }
  });

  it('formats a decoded message exactly as the source, dates in UTC', () => {
    const source = '{who} sent {n, plural, one {# file} other {# files}} on {at, date, long}';
    const vars = { who: 'Ana', n: 3, at: new Date('2026-03-01T23:30:00Z') };
    for (const locale of LOCALES)
      expect(formatCompact(compactOf(source, locale), locale, vars)).toBe(format(source, locale, vars));
    expect(formatCompact(compactOf(source, 'en'), 'en', vars)).toBe('Ana sent 3 files on March 1, 2026');
  });

  it('formats without the parser: the compact form needs none (notify bundles no ICU runtime, decision 0051)', () => {
    // Prepare: a parser that fails, as if it were missing.
    vi.spyOn(IntlMessageFormat as unknown as { __parse: () => never }, '__parse').mockImplementation(() => {
      throw new Error('no parser in this bundle');
    });

    // Act + Assess
    expect(formatCompact([[1, 'x'], ' left'], 'en', { x: 'Ana' })).toBe('Ana left');
    expect(() => new IntlMessageFormat('{x} left', 'en')).toThrow('no parser in this bundle');
  });
});

describe('Overrides: compiled when saved, read by notify without a parser', () => {
  const reader: Recipient = {
    kind: 'staff',
    firmId: FIRM_A,
    id: 'U1',
    name: 'Uma',
    email: 'u@firm.test',
    locale: 'en',
  };
  const t = TEMPLATES.find((x) => x.id === 'document.uploaded')!;
  const source = (overrides: TemplateOverride[]): TemplateOverrideSource => ({
    overridesOf: async () => overrides,
    firmLocale: async () => undefined,
  });
  const saved = (fields: { title: string; body: string }, compiled?: string): TemplateOverride => ({
    templateId: t.id,
    locale: 'en',
    channel: 'inApp',
    ...fields,
    updatedAt: NOW,
    updatedBy: ALICE,
    ...(compiled !== undefined ? { compiled } : {}),
  });

  it('stores each field’s compact form, versioned, as JSON', () => {
    // Act
    const compiled = compileOverride(
      { subject: 'From {contactName}', body: 'See {fileName}.\nThanks.' },
      'es',
    );

    // Assess
    expect(JSON.parse(compiled)).toEqual({
      v: COMPACT_VERSION,
      subject: ['From ', [1, 'contactName']],
      body: ['See ', [1, 'fileName'], '.\nThanks.'],
    });
    expect(readCompiled(compiled)).toEqual(JSON.parse(compiled));
    expect(readCompiled(undefined)).toBeUndefined();
    expect(readCompiled('not json')).toBeUndefined();
    expect(readCompiled(JSON.stringify({ v: COMPACT_VERSION + 1, body: ['x'] }))).toBeUndefined();
  });

  it('renders an override from its compiled form', async () => {
    // Prepare
    const fields = { title: 'Upload: {fileName}', body: '{contactName} sent it' };
    const texts = firmTexts(source([saved(fields, compileOverride(fields, 'en'))]), FIRM_A);

    // Act
    const m = await texts.render(t.id, reader, t.sample);

    // Assess
    expect(m).toMatchObject({ title: 'Upload: statement.pdf', body: 'Carla Client sent it' });
  });

  it('skips an override saved before it was compiled: shipped text, and a warning naming it', async () => {
    // Prepare
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const texts = firmTexts(source([saved({ title: 'Upload: {fileName}', body: 'b' })]), FIRM_A);

    // Act
    const m = await texts.render(t.id, reader, t.sample);

    // Assess
    expect(m.title).toBe(format(t.texts.en.title, 'en', t.sample));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('scripts/compile-template-overrides.ts'), {
      firmId: FIRM_A,
      templateId: t.id,
      locale: 'en',
      channel: 'inApp',
    });
  });
});
