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

/** Every variable a compact message names: the select keys it tests, or that a plural counts. */
function variables(
  message: CompactMessage,
  into = new Map<string, { keys: Set<string>; plural: boolean }>(),
) {
  for (const part of message) {
    if (typeof part === 'string' || part.length < 2) continue;
    const name = part[1] as string;
    const entry = into.get(name) ?? { keys: new Set<string>(), plural: false };
    into.set(name, entry);
    if (part[0] === PLURAL) entry.plural = true;
    if (part[0] === SELECT || part[0] === PLURAL)
      for (const [key, option] of Object.entries(part[2] as Record<string, CompactMessage>)) {
        if (part[0] === SELECT) entry.keys.add(key);
        variables(option, into);
      }
  }
  return into;
}

/** Counts that reach each plural case, an exact `=n` one, `#` in words and `#` the library formats. */
const COUNTS = [0, 1, 2, 7, 21, 1500, 2.5];

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
        // One sample per select key (and one no key matches), and per count where a plural counts.
        const branches = Math.max(
          1,
          ...[...vars.values()].map((v) => (v.plural ? COUNTS.length : v.keys.size + 1)),
        );
        for (let i = 0; i < branches; i++) {
          const sample = Object.fromEntries(
            [...vars].map(([name, v]) => [
              name,
              v.plural ? COUNTS[i % COUNTS.length]! : ([...v.keys][i] ?? (v.keys.size ? 'no-such-key' : 2)),
            ]),
          );
          expect(formatCompact(message, locale, sample)).toBe(library(message, locale, sample));
          checked++;
        }
      }
    expect(checked).toBeGreaterThan(1000);
  });

  it('compiles nothing for text, arguments, selects and plurals (no Intl number data on a cold start)', () => {
    // Prepare
    const message: CompactMessage = [
      'Hi ',
      [ARGUMENT, 'name'],
      ', ',
      [SELECT, 'kind', { file: ['a file ', [ARGUMENT, 'count']], other: ['something'] }],
      [PLURAL, 'n', { '=0': [' (none)'], one: [' (', [7], ' one)'], other: [' (', [7], ' of them)'] }],
    ];
    const before = compiledCount();

    // Act
    const texts = [
      formatCompact(message, 'en', { name: 'Ana', kind: 'file', count: 0, n: 0 }),
      formatCompact(message, 'es', { name: '', kind: 'folder', count: 3, n: 1 }),
      formatCompact(message, 'pt-BR', { name: 'Bia', kind: 'file', count: 2, n: 12 }),
    ];

    // Assess
    expect(texts).toEqual([
      'Hi Ana, a file 0 (none)',
      'Hi , something (1 one)',
      'Hi Bia, a file 2 (12 of them)',
    ]);
    expect(compiledCount()).toBe(before);
  });

  it('leaves number formats, dates and large counts to the library, and its errors for a missing variable', () => {
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
    // `#` in a locale we do not ship (its digits may not be Latin) is the library's too
    const counted: CompactMessage = [[PLURAL, 'n', { other: [[7], ' files'] }]];
    expect(formatCompact(counted, 'ar-EG', { n: 5 })).toBe(library(counted, 'ar-EG', { n: 5 }));
    // `#` inside a select inside a plural stands for nothing in intl-messageformat
    const nested: CompactMessage = [
      [PLURAL, 'n', { other: [[SELECT, 'k', { a: ['(', [7], ')'], other: ['-'] }]] }],
    ];
    expect(formatCompact(nested, 'en', { n: 3, k: 'a' })).toBe(library(nested, 'en', { n: 3, k: 'a' }));
  });
});
