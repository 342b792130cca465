// Notify bundles the shipped texts packed (decision 0049): the packed copy must hold exactly the
// generated tables (else: npm run notify-texts), and notify decodes it once, on its first render,
// never at import. That the texts it renders equal the parser's is test/unit/notify-compact-texts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TEMPLATES } from '../../functions/domain/texts/catalogue';
import { LOCALES } from '../../functions/domain/texts/template';
import { SHIPPED_FIELDS, SHIPPED_MESSAGES, SHIPPED_TEXTS } from '../../functions/notify/texts/shipped';
import { SHIPPED_PACKED } from '../../functions/notify/texts/shipped-packed';
import { unpackShipped } from '../../functions/notify/texts/shipped-tables';
import { packShipped, shippedTablesNow } from '../../scripts/notify-texts-packed';
import { ALICE, FIRM_A } from './fakes';

const decompressions = vi.hoisted(() => ({ count: 0 }));

vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>();
  return {
    ...zlib,
    brotliDecompressSync: (...args: Parameters<typeof zlib.brotliDecompressSync>) => {
      decompressions.count += 1;
      return zlib.brotliDecompressSync(...args);
    },
  };
});

beforeEach(() => {
  decompressions.count = 0;
});

describe('Shipped texts: the packed copy notify bundles', () => {
  it('holds the generated tables, and is up to date with the catalogue (else: npm run notify-texts)', () => {
    // Act
    const packed = unpackShipped(SHIPPED_PACKED);

    // Assess
    expect(packed).toEqual({ fields: [...SHIPPED_FIELDS], messages: SHIPPED_MESSAGES, texts: SHIPPED_TEXTS });
    expect(packed).toEqual(shippedTablesNow());
    expect(Object.keys(packed.texts).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
  });

  it('packs what it is given (a stale copy is told apart)', () => {
    // Prepare
    const tables = shippedTablesNow();
    const changed = { ...tables, messages: [...tables.messages.slice(0, -1), ['Changed']] };

    // Act / Assess
    expect(unpackShipped(packShipped(changed))).toEqual(changed);
    expect(unpackShipped(packShipped(changed))).not.toEqual(unpackShipped(SHIPPED_PACKED));
  });

  it('is decoded on the first render of a container, once, and not at import', async () => {
    // Prepare
    vi.resetModules();
    const { firmTexts, shippedText } = await import('../../functions/notify/texts');
    const atImport = decompressions.count;
    const texts = firmTexts({ overridesOf: async () => [], firmLocale: async () => undefined }, FIRM_A);
    const reader = { kind: 'staff' as const, firmId: FIRM_A, id: ALICE, name: 'Alice', email: 'a@x.test' };

    // Act
    const template = TEMPLATES[0]!;
    const first = await texts.render(template.id, reader, template.sample);
    await texts.render(template.id, { ...reader, locale: 'es' }, template.sample);
    for (const t of TEMPLATES) for (const locale of LOCALES) shippedText(t.id, locale);

    // Assess
    expect(atImport).toBe(0);
    expect(first.title.length).toBeGreaterThan(0);
    expect(decompressions.count).toBe(1);
  });
});
