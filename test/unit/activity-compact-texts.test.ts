// The activity's sentences parsed ahead (decision 0040): the generated module is up to date with the
// sentences and the catalogue, and formatting it gives, byte for byte, what parsing each sentence at
// run time gave, for every type × locale and sample values reaching every plural and select branch.
import { IntlMessageFormat } from 'intl-messageformat';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sentence } from '../../functions/domain/case-activity';
import { ACTIVITY_SENTENCES, GENERIC_SENTENCE } from '../../functions/domain/texts/activity';
import {
  ACTIVITY_EVENT_TYPES,
  ACTIVITY_MESSAGES,
  GENERIC_MESSAGES,
} from '../../functions/domain/texts/activity-shipped';
import { type AstElement, PLURAL, SELECT, TAG } from '../../functions/domain/texts/compact-icu';
import { compile, format, variablesOf } from '../../functions/domain/texts/icu';
import { LOCALES, type Locale } from '../../functions/domain/texts/template';
import { type EventType, eventTypes } from '../../functions/events/catalogue';
import { activityModuleData } from '../../scripts/notify-texts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** The sentence as the activity function rendered it before: the source parsed at run time. */
function parsedSentence(type: string, locale: Locale, vars: Record<string, string | number>): string {
  const own = ACTIVITY_SENTENCES[type as EventType]?.[locale];
  let text: string;
  try {
    text = format(own ?? GENERIC_SENTENCE[locale], locale, vars);
  } catch {
    text = format(GENERIC_SENTENCE[locale], locale, vars);
  }
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** Every select key a message tests, by variable (so the samples take each branch). */
function selectKeys(ast: AstElement[], into = new Map<string, Set<string>>()) {
  for (const el of ast) {
    if (el.type === SELECT || el.type === PLURAL)
      for (const [key, option] of Object.entries(el.options ?? {})) {
        if (el.type === SELECT) into.set(el.value!, (into.get(el.value!) ?? new Set()).add(key));
        selectKeys(option.value, into);
      }
    if (el.type === TAG) selectKeys(el.children ?? [], into);
  }
  return into;
}

const NUMBERS = [0, 1, 2, 7];

/** Every combination of sample values for a message's variables: each select key, counts 0/1/2/7. */
function samplesOf(source: string, locale: Locale): Record<string, string | number>[] {
  const ast = compile(source, locale).getAst() as unknown as AstElement[];
  const keys = selectKeys(ast);
  let samples: Record<string, string | number>[] = [{}];
  for (const [name, uses] of variablesOf(compile(source, locale).getAst())) {
    const values: (string | number)[] = uses.includes('number')
      ? NUMBERS
      : [...(keys.get(name) ?? []), `${name} «{x}» #1`];
    samples = samples.flatMap((s) => values.map((v) => ({ ...s, [name]: v })));
  }
  return samples;
}

const cases = [...eventTypes, 'case.exploded'].flatMap((type) => LOCALES.map((locale) => ({ type, locale })));

describe('Activity sentences: generated ahead, equal to parsing at run time', () => {
  it('formats without the parser: the sentences never go through it (the activity bundle has none)', () => {
    // Prepare: a parser that fails, as the no-parser build bundled into the activity function does.
    vi.spyOn(IntlMessageFormat as unknown as { __parse: () => never }, '__parse').mockImplementation(() => {
      throw new Error('no parser in this bundle');
    });

    // Act + Assess: a sentence with a select and plurals, and the generic one.
    expect(
      sentence('task.changed', 'pt-BR', { actor: 'ana', change: 'added', tasks: 1, completed: 1, total: 3 }),
    ).toBe('Ana adicionou 1 tarefa (1 de 3 concluídas).');
    expect(sentence('case.exploded', 'es', { actor: 'Ana' })).toBe('Ana hizo un cambio en el expediente.');
    expect(() => new IntlMessageFormat('{x} left', 'en')).toThrow('no parser in this bundle');
  });

  it('the generated module is up to date with the sentences and the catalogue (else: npm run notify-texts)', () => {
    // Act
    const fresh = activityModuleData();

    // Assess
    expect(ACTIVITY_EVENT_TYPES).toEqual(eventTypes);
    expect(ACTIVITY_EVENT_TYPES).toEqual(fresh.types);
    expect(ACTIVITY_MESSAGES).toEqual(fresh.sentences);
    expect(GENERIC_MESSAGES).toEqual(fresh.generic);
    expect(ACTIVITY_MESSAGES.filter(Boolean).length).toBe(Object.keys(ACTIVITY_SENTENCES).length);
  });

  it.each(cases)('$type ($locale): every branch renders as the parsed sentence did', ({ type, locale }) => {
    // Prepare
    const source = ACTIVITY_SENTENCES[type as EventType]?.[locale] ?? GENERIC_SENTENCE[locale];
    const samples = samplesOf(source, locale);

    // Act
    const rendered = samples.map((vars) => sentence(type, locale, vars));

    // Assess: the same strings; an entry missing its values reads the generic sentence either way.
    expect(rendered).toEqual(samples.map((vars) => parsedSentence(type, locale, vars)));
    expect(sentence(type, locale, { actor: 'ana' })).toBe(parsedSentence(type, locale, { actor: 'ana' }));
  });
});
