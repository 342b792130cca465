// The templates function's packed copy of the shipped templates (decision 0046): it is up to date with
// the source modules (same templates, same order and fields, dates still dates), the packing
// round-trips any catalogue, and it is decoded once, on the first use of a templates route, never
// when the module is imported.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaffPrincipal } from '../../functions/domain/principal';
import type { TemplateStore } from '../../functions/domain/templates';
import { TEMPLATES } from '../../functions/domain/texts/catalogue';
import { CATALOGUE_PACKED } from '../../functions/domain/texts/catalogue-packed';
import { catalogueJson, unpackCatalogue } from '../../functions/domain/texts/shipped-catalogue';
import type { TemplateDef } from '../../functions/domain/texts/template';
import { packedCatalogue } from '../../scripts/notify-texts';
import { ALICE, FIRM_A, fixedClock } from './fakes';

// The same module with its brotli decoder counted, so a test can see when the catalogue is decoded.
vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>();
  return { ...zlib, brotliDecompressSync: vi.fn(zlib.brotliDecompressSync) };
});

const admin: StaffPrincipal = { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' };

/** A firm without overrides; tokens as plain JSON (the list's paging is tested in texts.test.ts). */
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

describe('The packed catalogue', () => {
  it('is up to date with the source modules: same templates, order, fields and dates (else: npm run notify-texts)', () => {
    // Act
    const unpacked = unpackCatalogue(CATALOGUE_PACKED);

    // Assess
    expect(unpacked).toEqual(TEMPLATES);
    // Key order too: the template list answers these objects as they are.
    expect(catalogueJson(unpacked)).toBe(catalogueJson(TEMPLATES));
    expect(TEMPLATES.some((t) => Object.values(t.sample).some((v) => v instanceof Date))).toBe(true);
  });

  it('round-trips what the generator packs, a date sample as a Date and a string that looks like one as a string', () => {
    // Prepare
    const def: TemplateDef = {
      ...TEMPLATES[0]!,
      id: 'probe',
      sample: { at: new Date('2026-02-03T04:05:06.000Z'), text: '2026-02-03T04:05:06.000Z', n: 3 },
    };

    // Act
    const [back] = unpackCatalogue(packedCatalogue([def]));

    // Assess
    expect(back).toEqual(def);
    expect(back!.sample.at).toBeInstanceOf(Date);
    expect(typeof back!.sample.text).toBe('string');
  });
});

describe('Decoding', () => {
  it('happens on the first use of a templates route, once, and never at import', async () => {
    // Prepare
    const zlib = await import('node:zlib');
    const decode = vi.mocked(zlib.brotliDecompressSync);
    const templates = await import('../../functions/domain/templates');
    const imported = decode.mock.calls.length;

    // Act
    const page = await templates.listTemplates({ templates: store }, admin, { locale: 'en', limit: 2 });
    await templates.listTemplates({ templates: store }, admin, { limit: 2, nextToken: page.nextToken! });
    await templates.putTemplateOverride(
      { templates: store, clock: fixedClock() },
      admin,
      { templateId: 'document.uploaded', locale: 'es', channel: 'push' },
      { title: 'Nuevo', body: '{fileName}' },
    );

    // Assess
    expect(imported).toBe(0);
    expect(decode).toHaveBeenCalledTimes(1);
    expect(page.items.map((r) => r.templateId)).toEqual(TEMPLATES.slice(0, 2).map((t) => t.id));
  });
});
