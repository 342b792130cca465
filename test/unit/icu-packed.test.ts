// The templates function's packed copy of the ICU checks (decision 0055): it is the bundle the
// generator makes of ./icu.ts now, it checks, renders and compacts as ./icu.ts does, and it is
// compiled on the first save of an override, once, never when the templates module loads or lists.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffPrincipal } from '../../functions/domain/principal';
import type { TemplateStore } from '../../functions/domain/templates';
import * as icu from '../../functions/domain/texts/icu';
import { ICU_PACKED } from '../../functions/domain/texts/icu-packed';
import { unpackText } from '../../functions/domain/texts/packed-json';
import { icuBundle } from '../../scripts/icu-packed';
import { ALICE, FIRM_A, fixedClock } from './fakes';

// The same module with its compiler counted, so a test can see when the checks are compiled.
vi.mock('node:vm', async (importOriginal) => {
  const vm = await importOriginal<typeof import('node:vm')>();
  return { ...vm, runInThisContext: vi.fn(vm.runInThisContext) };
});

const admin: StaffPrincipal = { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' };

const store: TemplateStore = {
  overridesOf: async () => [],
  firmLocale: async () => undefined,
  saveOverride: async () => {},
  deleteOverride: async () => {},
  listTokens: {
    encode: (_scope, position) => JSON.stringify(position),
    decode: (_scope, token) => JSON.parse(token) as Record<string, unknown>,
  },
};

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
});

describe('The packed ICU checks', () => {
  it('are the bundle of ./icu.ts the generator makes now (else: npm run icu-packed)', () => {
    expect(unpackText(ICU_PACKED)).toBe(icuBundle());
  });

  it('check, render and compact messages as ./icu.ts does, errors included', async () => {
    // Prepare
    const { icuChecks } = await import('../../functions/domain/texts/icu-checks');
    const sample = { fileName: 'a{b}.pdf', n: 3, at: new Date('2026-02-03T04:05:06.000Z') };
    const sources = [
      'Uploaded {fileName}',
      '{n, plural, =0 {none} one {# file} other {# files}} on {at, date, medium}',
      '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} at {at, time, short}',
      'Unknown {who}',
      '{fileName, number}',
      'Broken {fileName',
      '<b>{fileName}</b>',
    ];
    const outcome = (f: () => unknown) => {
      try {
        return { value: f() };
      } catch (err) {
        return { error: (err as Error).message };
      }
    };

    // Act
    const packed = icuChecks();
    const results = ['en', 'es', 'pt-BR'].flatMap((locale) =>
      sources.map((source) => ({
        problem: [packed.problemOf(source, locale, sample), icu.problemOf(source, locale, sample)],
        text: [
          outcome(() => packed.format(source, locale, sample)),
          outcome(() => icu.format(source, locale, sample)),
        ],
        compact: [
          outcome(() => packed.compactOf(source, locale)),
          outcome(() => icu.compactOf(source, locale)),
        ],
      })),
    );

    // Assess
    for (const r of results) {
      expect(r.problem[0]).toEqual(r.problem[1]);
      expect(r.text[0]).toEqual(r.text[1]);
      expect(r.compact[0]).toEqual(r.compact[1]);
    }
    expect(results.filter((r) => r.problem[0] !== undefined).length).toBeGreaterThan(0);
    expect(results.filter((r) => 'value' in r.text[0]!).length).toBeGreaterThan(0);
  });

  it('are compiled on the first save, once, and neither at import nor by the list', async () => {
    // Prepare
    const vm = await import('node:vm');
    const compile = vi.mocked(vm.runInThisContext);
    const templates = await import('../../functions/domain/templates');
    const imported = compile.mock.calls.length;
    await templates.listTemplates({ templates: store }, admin, { limit: 25 });
    const listed = compile.mock.calls.length;
    const deps = { templates: store, clock: fixedClock() };
    const target = { templateId: 'document.uploaded', locale: 'es', channel: 'push' } as const;

    // Act
    const saved = await templates.putTemplateOverride(deps, admin, target, {
      title: 'Nuevo',
      body: '{fileName}',
    });
    const refused = await templates
      .putTemplateOverride(deps, admin, target, { title: 'Nuevo', body: '{fileName' })
      .catch((err: Error & { code?: string }) => err.code);

    // Assess
    expect([imported, listed]).toEqual([0, 0]);
    expect(compile).toHaveBeenCalledTimes(1);
    expect(saved.overrides.push?.body).toBe('{fileName}');
    expect(refused).toBe('template_invalid');
  });
});
