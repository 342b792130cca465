// formatCompact formats without intl-messageformat (decision 0051): the same string as the library
// for every shipped message and for a corpus of override-like messages (number, date and time styles
// and skeletons, plural offsets, ordinals, nesting), the same errors, and no Intl.NumberFormat for a
// message of text, arguments, selects and plurals (no number data loaded on a cold start).
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_MESSAGES, GENERIC_MESSAGES } from '../../functions/domain/texts/activity-shipped';
import { formatCompact, formattersMade } from '../../functions/domain/texts/compact-format';
import {
  ARGUMENT,
  type CompactMessage,
  DATE,
  decodeMessage,
  NUMBER,
  PLURAL,
  POUND,
  SELECT,
  TAG,
  TIME,
} from '../../functions/domain/texts/compact-icu';
import { compactOf, ICU_OPTIONS, FORMATS as LIBRARY_FORMATS } from '../../functions/domain/texts/icu';
import { FORMATS, ICU_DEFAULT_FORMATS } from '../../functions/domain/texts/icu-formats';
import { LOCALES, type TemplateVars } from '../../functions/domain/texts/template';
import { SHIPPED_MESSAGES } from '../../functions/notify/texts/shipped';

type Vars = Record<string, unknown>;

const library = (message: CompactMessage, locale: string, vars: Vars) => {
  const ast = decodeMessage(message) as unknown as ConstructorParameters<typeof IntlMessageFormat>[0];
  const out = new IntlMessageFormat(ast, locale, LIBRARY_FORMATS, ICU_OPTIONS).format(vars as TemplateVars);
  return typeof out === 'string' ? out : String(out);
};

/** What a call returned, or the error it threw (class name, message and formatjs code). */
function outcome(f: () => string) {
  try {
    return { text: f() };
  } catch (err) {
    const e = err as Error & { code?: string };
    return {
      error: {
        type: e instanceof TypeError || e instanceof RangeError ? e.name : 'Error',
        message: e.message,
        code: e.code,
      },
    };
  }
}

/** Both formatters' outcome for one message, locale and values. */
const both = (message: CompactMessage, locale: string, vars: Vars) => ({
  ours: outcome(() => formatCompact(message, locale, vars as TemplateVars)),
  library: outcome(() => library(message, locale, vars)),
});

/** Every variable a compact message names: the select keys it tests, whether a plural counts it, whether it is a date. */
function variables(
  message: CompactMessage,
  into = new Map<string, { keys: Set<string>; plural: boolean; date: boolean }>(),
) {
  for (const part of message) {
    if (typeof part === 'string' || part.length < 2) continue;
    const name = part[1] as string;
    const entry = into.get(name) ?? { keys: new Set<string>(), plural: false, date: false };
    into.set(name, entry);
    if (part[0] === PLURAL) entry.plural = true;
    if (part[0] === DATE || part[0] === TIME) entry.date = true;
    if (part[0] === SELECT || part[0] === PLURAL)
      for (const [key, option] of Object.entries(part[2] as Record<string, CompactMessage>)) {
        if (part[0] === SELECT) entry.keys.add(key);
        variables(option, into);
      }
  }
  return into;
}

/** Counts that reach each plural case, an exact `=n` one, `#` in words and `#` through Intl.NumberFormat. */
const COUNTS = [0, 1, 2, 7, 21, -3, 999, 1000, 1500, 2.5, -0.5, 1234567.891];

/** Dates a shipped message formats: just after midnight UTC (a western zone would say the day before), a year's end. */
const DATES = [new Date('2026-05-13T00:30:00.000Z'), new Date('2026-12-31T23:59:59.000Z')];

const shipped = [
  ...SHIPPED_MESSAGES,
  ...ACTIVITY_MESSAGES.flat().filter(Boolean),
  ...GENERIC_MESSAGES,
] as CompactMessage[];

/** Override-like sources: every construct the compact form can hold, as an admin might write it. */
const CORPUS = [
  'Total: {n, number}',
  'Integer: {n, number, integer}',
  'Share: {n, number, percent}',
  'Owed: {n, number, currency}',
  'Unknown style: {n, number, nonsense}',
  'Fee: {n, number, ::currency/EUR}',
  'Fee: {n, number, ::currency/BRL unit-width-narrow}',
  'Short: {n, number, ::compact-short}',
  'Long: {n, number, ::compact-long}',
  'Pct: {n, number, ::percent}',
  'Pct scaled: {n, number, ::percent scale/100}',
  'Pct x100: {n, number, ::%x100}',
  'Scaled: {n, number, ::scale/0.5}',
  'Two places: {n, number, ::.00}',
  'Grouping off: {n, number, ::group-off}',
  'Sign: {n, number, ::+! .0}',
  'Due {d, date}',
  'Due {d, date, short} / {d, date, medium} / {d, date, long} / {d, date, full}',
  'Due {d, date, nonsense}',
  'Due {d, date, ::yyyyMMMd}',
  'Due {d, date, ::EEEEyMMMMd}',
  'At {d, time}',
  'At {d, time, short} / {d, time, medium} / {d, time, long} / {d, time, full}',
  'At {d, time, ::Hm}',
  'At {d, time, ::hmma}',
  'On {d, date, long} at {d, time, short}',
  '{n, plural, =0 {no files} one {# file} other {# files}}',
  '{n, plural, offset:1 =0 {nobody} =1 {{who}} one {{who} and # other} other {{who} and # others}}',
  '{n, plural, offset:2 other {# beyond two}}',
  '{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}} reminder',
  '{n, plural, one {# file in {k, select, folder {a folder} other {the case}}} other {# files in {k, select, folder {{m, plural, one {# folder} other {# folders}}} other {the case}}}}',
  '{k, select, a {{n, plural, one {one} other {# many}}} other {{n, number, percent}}}',
  '{n, plural, other {{k, select, a {(#)} other {-}}}}',
  "It''s {who}'s file: '{braces}' {n, number, ::currency/USD}",
  '{who} uploaded {n, plural, one {a file} other {{n, number} files}} on {d, date, medium}',
];

/** Values each corpus variable takes, one list per name. */
const SAMPLES: Record<string, unknown[]> = {
  n: [0, 1, 2, 3, 11, 22, 103, -1, -3, 2.5, 0.256, 999, 1000, 1500, 1234567.891, -0],
  d: [new Date('2026-05-13T00:30:00.000Z'), new Date('2026-12-31T23:59:59.000Z'), 0],
  k: ['a', 'folder', 'other', 'no-such-key'],
  m: [1, 4],
  who: ['Ana', ''],
};

describe('formatCompact', () => {
  it('formats every shipped message as intl-messageformat does, in every locale, select branch, count and date', () => {
    let checked = 0;
    let dated = 0;
    for (const message of shipped)
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
              v.date
                ? DATES[i % DATES.length]!
                : v.plural
                  ? COUNTS[i % COUNTS.length]!
                  : ([...v.keys][i] ?? (v.keys.size ? 'no-such-key' : 2)),
            ]),
          );
          expect(formatCompact(message, locale, sample)).toBe(library(message, locale, sample));
          checked++;
          if ([...vars.values()].some((v) => v.date)) dated++;
        }
      }
    expect(checked).toBeGreaterThan(1000);
    expect(dated).toBeGreaterThan(0);
  });

  it('formats override-like messages (styles, skeletons, offsets, ordinals, nesting) as intl-messageformat does', () => {
    let checked = 0;
    for (const source of CORPUS)
      for (const locale of LOCALES) {
        const message = compactOf(source, locale);
        const names = [...variables(message).keys()];
        // Each name through its values, the others at their first: every value of every variable.
        for (const name of names)
          for (const value of SAMPLES[name]!) {
            const vars = Object.fromEntries(names.map((n) => [n, n === name ? value : SAMPLES[n]![0]]));
            const { ours, library: theirs } = both(message, locale, vars);
            expect(ours, `${source} (${locale}) ${name}=${String(value)}`).toEqual(theirs);
            checked++;
          }
      }
    expect(checked).toBeGreaterThan(500);
  });

  it('formats in a locale it does not ship as the library does (digits, grouping)', () => {
    for (const locale of ['ar-EG', 'fa', 'de-CH', 'hi-IN'])
      for (const source of CORPUS.slice(0, 3).concat(CORPUS[26]!, CORPUS[29]!))
        for (const n of [5, 1500, -3])
          expect(formatCompact(compactOf(source, 'en'), locale, { n, who: 'Ana' })).toBe(
            library(compactOf(source, 'en'), locale, { n, who: 'Ana' }),
          );
  });

  it('makes no Intl.NumberFormat or DateTimeFormat for text, arguments, selects and plurals', () => {
    // Prepare
    const message: CompactMessage = [
      'Hi ',
      [ARGUMENT, 'name'],
      ', ',
      [SELECT, 'kind', { file: ['a file ', [ARGUMENT, 'count']], other: ['something'] }],
      [
        PLURAL,
        'n',
        { '=0': [' (none)'], one: [' (', [POUND], ' one)'], other: [' (', [POUND], ' of them)'] },
      ],
    ];
    const before = formattersMade();

    // Act
    const texts = [
      formatCompact(message, 'en', { name: 'Ana', kind: 'file', count: 0, n: 0 }),
      formatCompact(message, 'es', { name: '', kind: 'folder', count: 3, n: 1 }),
      formatCompact(message, 'pt-BR', { name: 'Bia', kind: 'file', count: 2, n: -12 }),
    ];

    // Assess
    expect(texts).toEqual([
      'Hi Ana, a file 0 (none)',
      'Hi , something (1 one)',
      'Hi Bia, a file 2 (-12 of them)',
    ]);
    const after = formattersMade();
    expect(after.number).toBe(before.number);
    expect(after.dateTime).toBe(before.dateTime);
  });

  it('makes each Intl formatter once per locale and options, when a message first needs it', () => {
    // Prepare
    const message = compactOf(
      '{n, number, ::currency/JPY} on {d, date, ::yyyyMMMd} (# {n, plural, other {#}})',
      'en',
    );
    const vars = { n: 123456, d: new Date('2026-05-13T00:00:00Z') };
    const before = formattersMade();

    // Act
    const first = formatCompact(message, 'en', vars);
    const afterFirst = formattersMade();
    formatCompact(message, 'en', { ...vars, n: 7 });
    const afterSecond = formattersMade();

    // Assess: one currency NumberFormat, one for the `#` of 123,456, one DateTimeFormat; none again.
    expect(first).toBe(library(message, 'en', vars));
    expect(afterFirst.number - before.number).toBeLessThanOrEqual(2);
    expect(afterFirst.dateTime - before.dateTime).toBeLessThanOrEqual(1);
    expect(afterSecond).toEqual(afterFirst);
  });

  it('throws what the library throws for a missing or wrong value, and formats what it formats', () => {
    // Prepare: [message, values]; each throws in both, or formats to the same text.
    const cases: [CompactMessage, Vars][] = [
      [['Hi ', [ARGUMENT, 'name']], {}],
      [[[SELECT, 'k', { a: ['A'] }]], { k: 'b' }],
      [[[PLURAL, 'n', { one: ['one'] }]], { n: 5 }],
      [[[TAG, 'b', ['bold']]], { b: 'x' }],
      [[[TAG, 'b', ['bold']]], {}],
      [[[NUMBER, 'n', 'currency']], { n: 5 }],
      [[[DATE, 'd', 'long']], { d: 'yesterday' }],
      [[[TIME, 'd']], { d: Number.NaN }],
      [[[NUMBER, 'n']], { n: 'many' }],
      [[[PLURAL, 'n', { '=3': ['three'], other: [[POUND], ' others'] }]], { n: '3' }],
      [[[PLURAL, 'n', { other: [[POUND], ' others'] }]], { n: 'many' }],
      [['Hi ', [ARGUMENT, 'name']], { name: new Date('2026-05-13T00:00:00Z') }],
      [[[ARGUMENT, 'a'], [ARGUMENT, 'b'], '!'], { a: true, b: null }],
      [[[ARGUMENT, 'toString']], {}],
      [[], {}],
    ];

    // Act + Assess
    for (const [message, vars] of cases) {
      const { ours, library: theirs } = both(message, 'en', vars);
      expect(ours, JSON.stringify(message)).toEqual(theirs);
    }
    // Pinned: the errors notify logs (a firm's override falls back to the shipped text) and activity
    // swallows (the generic sentence).
    expect(both(cases[0]![0], 'en', {}).ours).toEqual({
      error: {
        type: 'Error',
        code: 'MISSING_VALUE',
        message: 'The intl string context variable "name" was not provided to the string "undefined"',
      },
    });
    expect(both(cases[1]![0], 'en', cases[1]![1]).ours).toEqual({
      error: {
        type: 'Error',
        code: 'INVALID_VALUE',
        message: 'Invalid values for "k": "b". Options are "0"',
      },
    });
    expect(both(cases[3]![0], 'en', cases[3]![1]).ours).toEqual({
      error: { type: 'Error', code: 'INVALID_VALUE', message: 'Value for "b" must be of type function' },
    });
    expect(both(cases[5]![0], 'en', cases[5]![1]).ours).toMatchObject({ error: { type: 'TypeError' } });
    expect(both(cases[6]![0], 'en', cases[6]![1]).ours).toMatchObject({ error: { type: 'RangeError' } });
  });
});

describe('ICU formats', () => {
  it("are intl-messageformat's defaults, dates and times in UTC, as the library merges icu.ts's", () => {
    // Act: what settings (domain/texts/icu.ts) formats with.
    const merged = (new IntlMessageFormat([], 'en', LIBRARY_FORMATS) as unknown as { formats: unknown })
      .formats;

    // Assess
    expect(ICU_DEFAULT_FORMATS).toEqual(IntlMessageFormat.formats);
    expect(merged).toEqual(FORMATS);
    for (const style of Object.values({ ...FORMATS.date, ...FORMATS.time }))
      expect(style.timeZone).toBe('UTC');
  });
});
