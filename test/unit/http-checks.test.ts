// The route table's compiled checks (decision 0056): the committed files are what the generator
// writes, every read route is compiled whole, and each combinator answers exactly as zod's parse on
// the edge cases of its type (absent, undefined, null, inherited and unknown keys, code points,
// coercion, holes, `__proto__`). The integration and reliability suites add every real request and
// response (PORTICO_CHECKS_SHADOW=1, local/checks-shadow.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { FAIL } from '../../functions/http/checks/runtime';
import { routes } from '../../functions/http/routes';
import { Text } from '../../functions/http/schemas/common';
import { PlainText } from '../../functions/http/schemas/plain-text';
import { same } from '../../local/checks-shadow';
import { CheckCompiler, Uncompiled } from '../../scripts/http-checks/compile';
import { checksFile, generateChecks, repoRoot } from '../../scripts/http-checks/generate';

const generated = generateChecks();

/** Each value through zod and through the compiled check: the same verdict, the same value. */
function disagreements(schema: z.ZodMiniType, values: unknown[]) {
  const { check } = new CheckCompiler().compile(schema);
  return values.flatMap((value, i) => {
    const parsed = schema.safeParse(value);
    const data = check(value);
    const agree = parsed.success ? data !== FAIL && same(data, parsed.data) : data === FAIL;
    return agree ? [] : [{ i, value, zod: parsed.success ? parsed.data : 'fails', compiled: data }];
  });
}

describe('Generated: functions/http/checks/<group>.ts', () => {
  it.each(generated.map((g) => [g.group, g] as const))('%s is up to date with its routes', (_, g) => {
    const committed = readFileSync(resolve(repoRoot, checksFile(g.group)), 'utf8');
    expect(committed === g.source, `${checksFile(g.group)} is stale: run \`npm run http-checks\``).toBe(true);
  });

  it('compiles every part of every read route (a cold GET never builds a zod schema)', () => {
    const reads = generated
      .flatMap((g) => g.uncompiled)
      .filter((u) => routes[u.route].method === 'GET')
      .map((u) => `${u.route} ${u.part}: ${u.reason}`);
    expect(reads).toEqual([]);
  });

  it('leaves to zod what it cannot compile, and says why in the file', () => {
    const settings = generated.find((g) => g.group === 'settings')!;
    expect(settings.uncompiled).toEqual([{ route: 'putSettings', part: 'body', reason: expect.any(String) }]);
    expect(settings.source).toContain('// - putSettings body:');
    expect(settings.source).not.toMatch(/putSettings: \{[^}]*body/);
  });
});

describe('Module: CheckCompiler', () => {
  it.each([
    ['a URL (zod parses it with URL)', z.url()],
    [
      'a trim after another check (which judges the untrimmed value)',
      z.string().check(z.minLength(1), z.trim()),
    ],
    ['another overwrite', z.string().check(z.overwrite((s) => s.toLowerCase()))],
    ['a refine', z.string().check(z.refine((s) => s !== 'x'))],
    ['a coerced string', z.coerce.string()],
    ['a record with enum keys (every key required)', z.record(z.enum(['a', 'b']), z.string())],
    [
      'a transform',
      z.pipe(
        z.string(),
        z.transform((s) => s.length),
      ),
    ],
    ['an object default', z._default(z.object({ a: z.string() }), { a: 'x' })],
    ['a loose object', z.looseObject({ a: z.string() })],
  ])('refuses %s', (_, schema) => {
    expect(() => new CheckCompiler().compile(schema as z.ZodMiniType)).toThrow(Uncompiled);
  });

  it('writes a schema used twice once', () => {
    const id = z.string().check(z.regex(/^x$/));
    const compiler = new CheckCompiler();
    compiler.compile(z.object({ a: id, b: id }));
    expect(compiler.constants.map((c) => `${c.name} = ${c.code}`)).toEqual([
      'p0 = /^x$/',
      'c0 = str(0, Infinity, p0)',
      'c1 = obj({ a: c0, b: c0 })',
    ]);
  });
});

describe('Module: compiled checks against zod', () => {
  it('strings: bounds in code points, patterns (a global one too), formats', () => {
    const bounded = z.string().check(z.minLength(2), z.maxLength(3));
    expect(
      disagreements(bounded, [
        'a',
        'ab',
        'abc',
        'abcd',
        '😀',
        '😀😀',
        '😀😀😀',
        '😀😀😀😀',
        '\ud800a',
        5,
        null,
      ]),
    ).toEqual([]);
    const global = z.string().check(z.regex(/^a+$/g));
    expect(disagreements(global, ['aa', 'aa', 'ab', 'a'])).toEqual([]);
    expect(disagreements(z.email(), ['a@b.co', 'a@b', ' a@b.co'])).toEqual([]);
    expect(
      disagreements(z.iso.datetime(), ['2026-12-06T10:00:00Z', '2026-12-06', '2026-12-06T10:00:00+01:00']),
    ).toEqual([]);
    expect(disagreements(z.iso.date(), ['2026-12-06', '2026-02-30', '2026-12-6'])).toEqual([]);
  });

  it('text a person types: trimmed first, then bounds and the refused control characters', () => {
    const values = [
      '  ab  ',
      '',
      '   ',
      'a\tb',
      'a\nb',
      ' a\u0000 ',
      'x'.repeat(5),
      ` ${'x'.repeat(5)} `,
      'x'.repeat(6),
      7,
    ];
    expect(disagreements(Text(5), values)).toEqual([]);
    expect(disagreements(PlainText(5), values)).toEqual([]);
    const { code } = new CheckCompiler().compile(Text(5));
    expect(code).toMatch(/^c\d+$/);
  });

  it('numbers: coercion as a query page size, safe integers, bounds', () => {
    const limit = z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25);
    expect(
      disagreements(limit, [
        undefined,
        '1',
        '100',
        '101',
        '0',
        '1.5',
        'abc',
        '',
        ' 5 ',
        '0x10',
        '1e1',
        'Infinity',
        Symbol('s'),
        7,
        null,
      ]),
    ).toEqual([]);
    for (const schema of [
      z.number().check(z.positive()),
      z.int(),
      z.number().check(z.int(), z.nonnegative()),
    ])
      expect(
        disagreements(schema, [0, -0, 1, -1, 1.5, Number.NaN, Infinity, 2 ** 53, 2 ** 53 - 1, '1']),
      ).toEqual([]);
  });

  it('booleans, enums, literals, unknown', () => {
    expect(disagreements(z.boolean(), [true, false, 'true', 0])).toEqual([]);
    expect(disagreements(z.enum(['a', 'b']), ['a', 'c', undefined])).toEqual([]);
    expect(disagreements(z.literal(['x', 1]), ['x', 1, '1'])).toEqual([]);
    expect(disagreements(z.unknown(), [undefined, null, { a: 1 }])).toEqual([]);
  });

  it('objects: absent, undefined and null keys of every optionality, key order, unknown keys stripped', () => {
    const shape = z.object({
      req: z.string(),
      opt: z.optional(z.string()),
      def: z._default(z.number(), 7),
      optDef: z.optional(z._default(z.number(), 3)),
      nul: z.nullable(z.string()),
      nulOpt: z.nullable(z.optional(z.string())),
      unk: z.unknown(),
    });
    const base = { req: 'x', nul: null, unk: 1 };
    expect(
      disagreements(shape, [
        {},
        base,
        { ...base, opt: undefined },
        { ...base, opt: 'o' },
        { ...base, def: undefined },
        { ...base, def: 'no' },
        { ...base, optDef: undefined },
        { ...base, optDef: 4 },
        { ...base, nulOpt: null },
        { ...base, nulOpt: undefined },
        { nul: null, req: 'x', unk: 1, opt: 'o', extra: 1 },
        { req: 'x', nul: null },
        { req: 'x', nul: null, unk: undefined },
        { ...base, nul: undefined },
        Object.create(base),
        [],
        null,
        'x',
      ]),
    ).toEqual([]);
  });

  it('strict objects refuse any key outside the shape, inherited names and __proto__ included', () => {
    const strict = z.strictObject({ a: z.string(), b: z.optional(z.string()) });
    expect(
      disagreements(strict, [
        { a: 'x' },
        { a: 'x', b: 'y' },
        { a: 'x', c: 1 },
        { a: 'x', constructor: 1 },
        { a: 'x', toString: 'y' },
        JSON.parse('{"a":"x","__proto__":{"b":"y"}}'),
        { b: 'y', a: 'x' },
      ]),
    ).toEqual([]);
  });

  it('arrays: bounds, holes, what is not an array', () => {
    const list = z.array(z.string()).check(z.minLength(1), z.maxLength(2));
    // biome-ignore lint/suspicious/noSparseArray: a hole is the point
    const holed = [, 'a'];
    expect(
      disagreements(list, [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], holed, ['a', 1], 'a', { length: 1 }]),
    ).toEqual([]);
    expect(disagreements(z.array(z.optional(z.string())), [holed, [undefined]])).toEqual([]);
  });

  it('records of string keys: __proto__, symbols, classes, null prototypes, checked keys', () => {
    const ids = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
    const bare = Object.assign(Object.create(null), { a: 'x' });
    class Ids {
      a = 'x';
    }
    expect(
      disagreements(ids, [
        { a: 'x', b: ['y'] },
        {},
        JSON.parse('{"__proto__":"x","a":"y"}'),
        bare,
        new Ids(),
        { [Symbol('s')]: 'x', a: 'y' },
        { a: 1 },
        ['x'],
        { 2: 'x', 1: 'y', a: 'z' },
      ]),
    ).toEqual([]);
    const keyed = z.record(z.string().check(z.regex(/^k/)), z.string());
    expect(disagreements(keyed, [{ k1: 'x' }, { x: 'y' }, { 1: 'x' }])).toEqual([]);
  });

  it('unions: the first option that passes, as zod keeps it', () => {
    const either = z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]);
    expect(disagreements(either, [{ a: 'x', b: 1 }, { b: 1 }, { a: 1 }, {}])).toEqual([]);
    const optional = z.object({ u: z.union([z.optional(z.string()), z.number()]) });
    expect(disagreements(optional, [{}, { u: undefined }, { u: 1 }, { u: true }])).toEqual([]);
  });
});
