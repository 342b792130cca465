// The firm item has one owner (functions/store/firm-settings.ts, decision 0031): no other module
// names its key or spells one of its attributes in a DynamoDB expression, so a setting's name and
// type live in one typed map. Read from the source files, like test/unit/module-boundaries.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRM_ATTRIBUTES } from '../../functions/store/firm-settings';

const root = resolve(import.meta.dirname, '../..');
const OWNER = 'functions/store/firm-settings.ts';

/** Every .ts file under a folder of the repository, repository-relative. */
const sources = (folder: string): string[] =>
  readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(folder, f).split('\\').join('/'));

/**
 * What reaches the table: stores, notify's adapters, the Lambda entries, the local stack, the
 * scripts (the domain names its own fields, which need not be the item's).
 */
const tableCode = [
  'functions/store',
  'functions/notify',
  'functions/handlers',
  'functions/wiring',
  'local',
  'scripts',
]
  .flatMap(sources)
  .filter((f) => f !== OWNER);

/**
 * Attributes other items have too (staff, contacts, cases, grants): a string naming them says
 * nothing about the firm item, so the key rule below is what keeps them in the owner.
 */
const SHARED = new Set(['firmId', 'name', 'locale', 'createdAt', 'portalUrl']);
const firmOnly = Object.keys(FIRM_ATTRIBUTES).filter((a) => !SHARED.has(a));

/** The string literals of a source text (quotes, and template literals without their `${…}`). */
const stringsOf = (text: string) =>
  [...text.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map((m) => m[0]);

/** Files that break a rule, as `file: what` (the rule's check on one file's text). */
const offenders = (files: string[], check: (text: string) => string[]) =>
  files.flatMap((f) => check(readFileSync(join(root, f), 'utf8')).map((what) => `${f}: ${what}`));

/** Uses of the firm item's key builder (functions/store/keys.ts defines it: that is no use). */
const firmKeyUses = (text: string) =>
  (text.match(/(?<!export const )\bfirmKey\b/g) ?? []).map(() => 'firmKey');

const firmAttributeSpellings = (text: string) =>
  stringsOf(text).flatMap((s) =>
    firmOnly.filter((a) => new RegExp(`\\b${a}\\b`).test(s)).map((a) => `${a} in ${s}`),
  );

describe('Store: the firm item', () => {
  it('lists its attributes once, the shared ones included', () => {
    // Assess: the map's type keeps it equal to FirmItem; this keeps the shared list honest.
    for (const a of SHARED) expect(Object.keys(FIRM_ATTRIBUTES)).toContain(a);
    expect(firmOnly.length).toBeGreaterThan(10);
  });

  it('is read and written by functions/store/firm-settings.ts only (its key named nowhere else)', () => {
    // Act
    const found = offenders(tableCode, firmKeyUses);

    // Assess
    expect(found).toEqual([]);
  });

  it('has no attribute spelled in a string outside functions/store/firm-settings.ts', () => {
    // Act
    const found = offenders(tableCode, firmAttributeSpellings);

    // Assess
    expect(found).toEqual([]);
  });

  it('catches an expression that names a firm attribute, and the firm key', () => {
    // Prepare: what functions/store/uploads.ts did before the firm item had one owner.
    const before = `new GetCommand({ TableName: table.name, Key: firmKey(firmId), ProjectionExpression: 'uploadMaxBytes' })`;

    // Act
    const spelled = firmAttributeSpellings(before);
    const keyed = firmKeyUses(before);

    // Assess
    expect(spelled).toEqual(["uploadMaxBytes in 'uploadMaxBytes'"]);
    expect(keyed).toEqual(['firmKey']);
    expect(firmAttributeSpellings("Pick<Deps, 'uploads'> 'name'")).toEqual([]);
  });
});
