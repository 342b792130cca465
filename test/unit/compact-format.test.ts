// formatCompact's Intl-free path (text, plain arguments, selects): the same string as
// intl-messageformat for every shipped message, without compiling (so without loading Intl's
// locale data on a cold start); everything else, and every error, still from the library.
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_MESSAGES, GENERIC_MESSAGES } from '../../functions/domain/texts/activity-shipped';
import { compiledCount, formatCompact } from '../../functions/domain/texts/compact-format';
import {
  ARGUMENT,
  type CompactMessage,
  decodeMessage,
  PLURAL,
  SELECT,
} from '../../functions/domain/texts/compact-icu';
import { FORMATS, ICU_OPTIONS } from '../../functions/domain/texts/icu';
import { LOCALES } from '../../functions/domain/texts/template';
import { SHIPPED_MESSAGES } from '../../functions/notify/texts/shipped';

const library = (message: CompactMessage, locale: string, vars: Record<string, string | number | Date>) => {
  const ast = decodeMessage(message) as unknown as ConstructorParameters<typeof IntlMessageFormat>[0];
  const out = new IntlMessageFormat(ast, locale, FORMATS, ICU_OPTIONS).format(vars);
  return typeof out === 'string' ? out : String(out);
};

/** Every variable a compact message names, with the select keys it tests. */
function variables(message: CompactMessage, into = new Map<string, Set<string>>()) {
  for (const part of message) {
    if (typeof part === 'string' || part.length < 2) continue;
    const name = part[1] as string;
    if (!into.has(name)) into.set(name, new Set());
    if (part[0] === SELECT || part[0] === PLURAL)
      for (const [key, option] of Object.entries(part[2] as Record<string, CompactMessage>)) {
        if (part[0] === SELECT) into.get(name)!.add(key);
        variables(option, into);
      }
  }
  return into;
}

const messages = [
  ...SHIPPED_MESSAGES,
  ...ACTIVITY_MESSAGES.flat().filter(Boolean),
  ...GENERIC_MESSAGES,
] as CompactMessage[];

describe('formatCompact', () => {
  it('formats every shipped message as intl-messageformat does, in every locale and select branch', () => {
    let checked = 0;
    for (const message of messages)
      for (const locale of LOCALES) {
        const vars = variables(message);
        // One sample per select key (and one no key matches), numbers where a plural counts.
        const branches = Math.max(1, ...[...vars.values()].map((keys) => keys.size + 1));
        for (let i = 0; i < branches; i++) {
          const sample = Object.fromEntries(
            [...vars].map(([name, keys]) => [name, [...keys][i] ?? (keys.size ? 'no-such-key' : 2)]),
          );
          expect(formatCompact(message, locale, sample)).toBe(library(message, locale, sample));
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(1000);
  });

  it('compiles nothing for text, arguments and selects (no Intl locale data on a cold start)', () => {
    // Prepare
    const message: CompactMessage = [
      'Hi ',
      [ARGUMENT, 'name'],
      ', ',
      [SELECT, 'kind', { file: ['a file ', [ARGUMENT, 'count']], other: ['something'] }],
    ];
    const before = compiledCount();

    // Act
    const texts = [
      formatCompact(message, 'en', { name: 'Ana', kind: 'file', count: 0 }),
      formatCompact(message, 'es', { name: '', kind: 'folder', count: 3 }),
    ];

    // Assess
    expect(texts).toEqual(['Hi Ana, a file 0', 'Hi , something']);
    expect(compiledCount()).toBe(before);
  });

  it('leaves plurals and dates to the library, and its errors for a missing variable', () => {
    // Prepare
    const plural: CompactMessage = [[PLURAL, 'n', { one: ['one file'], other: [[7], ' files'] }]];
    const missing: CompactMessage = ['Hi ', [ARGUMENT, 'name']];
    const before = compiledCount();

    // Act + Assess
    expect(formatCompact(plural, 'en', { n: 1200 })).toBe('1,200 files');
    expect(compiledCount()).toBe(before + 1);
    expect(formatCompact(missing, 'en', { name: new Date('2026-05-13T00:00:00Z') })).toBe(
      library(missing, 'en', { name: new Date('2026-05-13T00:00:00Z') }),
    );
    expect(() => formatCompact(missing, 'en', {})).toThrow(/"name" was not provided/);
  });
});
