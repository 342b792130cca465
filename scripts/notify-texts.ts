// Writes the shipped texts parsed ahead, in the compact ICU form (functions/domain/texts/compact-icu.ts),
// so the functions that format them go without the ICU parser: functions/notify/texts/shipped.ts (every
// template × locale, decision 0041) and functions/domain/texts/activity-shipped.ts (the case activity's
// sentences and the catalogue's type names, decision 0040); and the templates function's copy of the
// catalogue, packed (functions/domain/texts/catalogue-packed.ts, decision 0046). Run after changing a
// text in functions/domain/texts/ or an event type; test/unit/notify-compact-texts.test.ts,
// test/unit/activity-compact-texts.test.ts and test/unit/shipped-catalogue.test.ts fail while a
// generated file is stale.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ACTIVITY_SENTENCES, GENERIC_SENTENCE } from '../functions/domain/texts/activity';
import { TEMPLATES } from '../functions/domain/texts/catalogue';
import type { CompactMessage, CompactText } from '../functions/domain/texts/compact-icu';
import { compactOf } from '../functions/domain/texts/icu';
import { packJson } from '../functions/domain/texts/packed-json';
import { catalogueJson } from '../functions/domain/texts/shipped-catalogue';
import { LOCALES, type Locale, type TemplateText } from '../functions/domain/texts/template';
import { eventTypes } from '../functions/events/catalogue';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHIPPED_FILE = resolve(root, 'functions/notify/texts/shipped.ts');
export const ACTIVITY_FILE = resolve(root, 'functions/domain/texts/activity-shipped.ts');
export const CATALOGUE_FILE = resolve(root, 'functions/domain/texts/catalogue-packed.ts');

export const FIELDS = [
  'subject',
  'title',
  'body',
  'emailBody',
  'action',
  'footer',
] as const satisfies readonly (keyof TemplateText)[];

/** Every shipped template's texts, per locale, in the compact form (fields a template lacks stay absent). */
export function compactShippedTexts(): Record<string, Record<Locale, CompactText>> {
  return Object.fromEntries(
    TEMPLATES.map((t) => [
      t.id,
      Object.fromEntries(
        LOCALES.map((locale) => {
          const text = t.texts[locale];
          const fields = FIELDS.flatMap((f) =>
            text[f] === undefined ? [] : [[f, compactOf(text[f], locale)]],
          );
          return [locale, Object.fromEntries(fields) as unknown as CompactText];
        }),
      ) as Record<Locale, CompactText>,
    ]),
  );
}

/**
 * The generated module's data: each distinct message once (`MESSAGES`), and per template × locale the
 * index of each field's message in FIELDS order (null: the template has no such field). Half the
 * shipped messages repeat (a subject that is also a title…): indices keep the bundle near the source's size.
 */
export function shippedModuleData(texts = compactShippedTexts()) {
  const messages: CompactMessage[] = [];
  const indexOf = new Map<string, number>();
  const index = (m: CompactMessage) => {
    const json = JSON.stringify(m);
    let i = indexOf.get(json);
    if (i === undefined) {
      i = messages.push(m) - 1;
      indexOf.set(json, i);
    }
    return i;
  };
  const fields = Object.fromEntries(
    Object.entries(texts).map(([id, byLocale]) => [
      id,
      Object.fromEntries(
        Object.entries(byLocale).map(([locale, text]) => {
          const row = FIELDS.map((f) => (text[f] === undefined ? null : index(text[f])));
          while (row.at(-1) === null) row.pop();
          return [locale, row];
        }),
      ),
    ]),
  );
  return { messages, fields };
}

/** A sentence per locale, in LOCALES order. */
const perLocale = (sentences: Record<Locale, string>): CompactMessage[] =>
  LOCALES.map((locale) => compactOf(sentences[locale], locale));

/**
 * The activity module's data: the catalogue's type names in its order (the list a `type` filter is
 * checked against, without loading the catalogue), and per type, at the same index, its sentence in
 * each locale (LOCALES order), or null where the type reads the generic sentence.
 */
export function activityModuleData() {
  return {
    types: [...eventTypes],
    sentences: eventTypes.map((type) => {
      const own = ACTIVITY_SENTENCES[type];
      return own ? perLocale(own) : null;
    }),
    generic: perLocale(GENERIC_SENTENCE),
  };
}

/**
 * The catalogue packed for the templates function: its JSON (dates tagged), brotli at the highest
 * quality, base64 (a JS string holds it as is). 40 KB of JSON → 6 KB, where the source modules
 * bundled as code were 26 KB.
 */
export const packedCatalogue = (templates = TEMPLATES): string => packJson(catalogueJson(templates));

export function write(file: string, source: string) {
  writeFileSync(file, source);
  execFileSync('npx', ['biome', 'format', '--write', file], { cwd: root, stdio: 'inherit' });
  process.stdout.write(`wrote ${file}\n`);
}

function writeActivity() {
  const { types, sentences, generic } = activityModuleData();
  write(
    ACTIVITY_FILE,
    [
      '// Generated by scripts/notify-texts.ts (`npm run notify-texts`) from functions/domain/texts/activity.ts',
      "// and the event catalogue: do not edit. The activity's sentences parsed ahead in the compact ICU form",
      '// (decision 0040), so the activity function formats them without the ICU parser.',
      "import type { EventType } from '../../events/catalogue';",
      "import type { CompactMessage } from './compact-icu';",
      '',
      "/** The catalogue's event types, in its order. */",
      `export const ACTIVITY_EVENT_TYPES: readonly EventType[] = ${JSON.stringify(types)};`,
      '',
      '/** At the index of its type: the sentence per locale (LOCALES order); null: the generic one. */',
      `export const ACTIVITY_MESSAGES: (CompactMessage[] | null)[] = ${JSON.stringify(sentences)};`,
      '',
      '/** The sentence of a type without its own, per locale (LOCALES order). */',
      `export const GENERIC_MESSAGES: CompactMessage[] = ${JSON.stringify(generic)};`,
      '',
    ].join('\n'),
  );
}

function writeCatalogue() {
  write(
    CATALOGUE_FILE,
    [
      '// Generated by scripts/notify-texts.ts (`npm run notify-texts`) from functions/domain/texts/catalogue.ts:',
      '// do not edit. The shipped templates as JSON (dates tagged), brotli, base64 (decision 0046): what the',
      '// templates function bundles instead of the source modules; ./shipped-catalogue.ts decodes it.',
      `export const CATALOGUE_PACKED = '${packedCatalogue()}';`,
      '',
    ].join('\n'),
  );
}

function main() {
  const { messages, fields } = shippedModuleData();
  const source = [
    '// Generated by scripts/notify-texts.ts (`npm run notify-texts`) from functions/domain/texts/: do not edit.',
    "// The shipped templates' texts per locale, parsed ahead in the compact ICU form (decision 0041):",
    "// each distinct message once, and per template × locale the index of each field's message.",
    "import type { CompactMessage } from '../../domain/texts/compact-icu';",
    "import type { Locale } from '../../domain/texts/template';",
    '',
    `/** The order of a row's indices (a row stops at its last present field). */`,
    `export const SHIPPED_FIELDS = ${JSON.stringify(FIELDS)} as const;`,
    '',
    `export const SHIPPED_MESSAGES: CompactMessage[] = ${JSON.stringify(messages)};`,
    '',
    `export const SHIPPED_TEXTS: Record<string, Record<Locale, (number | null)[]>> = ${JSON.stringify(fields)};`,
    '',
  ].join('\n');
  write(SHIPPED_FILE, source);
  writeActivity();
  writeCatalogue();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
