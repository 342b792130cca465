// Invalid inputs derived from a route's zod schemas: for each field the schema declares, values of
// the wrong type, out of range, huge, odd unicode, control characters; plus missing fields, extra
// fields, prototype keys and non-object bodies. Every case is checked against the schema itself
// before it is sent, so only input the route must refuse is sent.
import fc from 'fast-check';
import type { z } from 'zod/mini';

type Def = { type: string; innerType?: z.ZodMiniType; in?: z.ZodMiniType; element?: z.ZodMiniType };
const defOf = (s: z.ZodMiniType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under optional / default / nullable / pipe wrappers. */
function core(s: z.ZodMiniType): z.ZodMiniType {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if (
      (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') &&
      d.innerType
    )
      cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}

const huge = 'Ω'.repeat(20_000);
const weirdStrings = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.constantFrom(
    huge,
    '../../etc/passwd',
    'a\u0000b',
    '\u202Eevil',
    '\uD800',
    '%00',
    "' OR 1=1 --",
    `$${'{'}jndi:x}`,
    '__proto__',
    'constructor',
    ' ',
  ),
);

/** Values of the wrong kind (or out of bounds) for a field of this schema. */
export function wrongValues(field: z.ZodMiniType): fc.Arbitrary<unknown> {
  const type = defOf(core(field)).type;
  const common = fc.constantFrom<unknown>(null, {}, [], { __proto__: null }, -1, 1.5, true);
  switch (type) {
    case 'string':
      return fc.oneof(common, weirdStrings, fc.integer());
    case 'number':
      return fc.oneof(
        common,
        fc.constantFrom<unknown>('12', 0, -5, 1e12, Number.MAX_SAFE_INTEGER + 2, 2.5),
        fc.double(),
      );
    case 'boolean':
      return fc.oneof(common, fc.constantFrom<unknown>('true', 1, 0, 'false'));
    case 'enum':
      return fc.oneof(common, weirdStrings);
    case 'array': {
      const el = defOf(core(field)).element;
      return fc.oneof(
        common,
        weirdStrings,
        fc.array(el ? wrongValues(el) : common, { minLength: 1, maxLength: 5 }),
        fc.constant(Array.from({ length: 501 }, (_, i) => `01${String(i).padStart(24, '0')}`)),
      );
    }
    default:
      return fc.oneof(common, weirdStrings);
  }
}

export type Mutation =
  | { part: 'params'; params: Record<string, string>; note: string }
  | { part: 'query'; query: Record<string, string>; note: string }
  | { part: 'body'; raw: string; note: string };

const shapeOf = (s: z.ZodMiniType | undefined) =>
  s ? ((core(s) as unknown as { shape?: Record<string, z.ZodMiniType> }).shape ?? {}) : {};

/** Mutations of a valid request: one part made invalid, the rest left valid. */
export function mutations(
  route: { params?: z.ZodMiniObject; query?: z.ZodMiniObject; body?: z.ZodMiniType },
  valid: { params: Record<string, string>; body?: unknown },
  tokens: { real?: string; other?: string },
): fc.Arbitrary<Mutation> {
  const arbs: fc.Arbitrary<Mutation>[] = [];
  const paramNames = Object.keys(shapeOf(route.params));
  if (paramNames.length) {
    arbs.push(
      fc
        .tuple(
          fc.constantFrom(...paramNames),
          fc.oneof(
            weirdStrings,
            fc.constantFrom(
              '01ARZ3NDEKTSV4RRFFQ69G5FA',
              '01arz3ndektsv4rrffq69g5fav',
              '01ARZ3NDEKTSV4RRFFQ69G5FAVX',
              'IIIIIIIIIIIIIIIIIIIIIIIIII',
            ),
          ),
        )
        .filter(([, v]) => v.length > 0 && v.trim().length > 0)
        .map(([name, v]) => ({
          part: 'params' as const,
          params: { ...valid.params, [name]: v },
          note: `params.${name}`,
        })),
    );
  }
  const queryFields = shapeOf(route.query);
  const queryArb: fc.Arbitrary<Record<string, string>>[] = [
    // Unknown keys (prototype keys among them): strict schemas refuse them; routes without a query refuse any.
    fc
      .record({
        k: fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'limit ', 'LIMIT'),
          fc.string({ minLength: 1, maxLength: 12 }),
        ),
        v: fc.string({ maxLength: 12 }),
      })
      .filter(({ k }) => !(k in queryFields))
      .map(({ k, v }) => ({ [k]: v })),
  ];
  if ('limit' in queryFields)
    queryArb.push(
      fc.constantFrom('0', '-1', '101', '1.5', 'abc', '1e3', '', ' ', '0x10').map((limit) => ({ limit })),
    );
  if ('nextToken' in queryFields) {
    const tampered = (t: string) => {
      const i = Math.floor(t.length / 3);
      return `${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`;
    };
    // Just over the schema's 2048: longer URLs are refused by the HTTP layer itself (431/414), before any route.
    const bad = ['x', 'a.b', '.', 'e30.', 'e30.AAAA', 'A'.repeat(2049), 'eyJQSyI6IkZJUk0jMDEifQ.c2ln'];
    if (tokens.real)
      bad.push(
        tampered(tokens.real),
        `${tokens.real.split('.')[0]}.${tampered(tokens.real.split('.')[1] ?? '')}`,
      );
    if (tokens.other) bad.push(tokens.other); // a genuine token of another list
    queryArb.push(
      fc
        .oneof(fc.constantFrom(...bad), fc.string({ minLength: 1, maxLength: 60 }))
        .map((nextToken) => ({ nextToken })),
    );
  }
  for (const [name, _field] of Object.entries(queryFields))
    if (name !== 'limit' && name !== 'nextToken')
      queryArb.push(
        fc.oneof(fc.constant(''), fc.constant(huge.slice(0, 500)), weirdStrings).map((v) => ({ [name]: v })),
      );
  arbs.push(
    fc
      .oneof(...queryArb)
      .map((query) => ({ part: 'query' as const, query, note: `query ${Object.keys(query).join(',')}` })),
  );

  if (route.body) {
    const base = (valid.body ?? {}) as Record<string, unknown>;
    const fields = shapeOf(route.body);
    const names = Object.keys(fields);
    const bodyArbs: fc.Arbitrary<Mutation>[] = [
      fc
        .constantFrom('', 'null', '[]', '"text"', '42', '{', '{"a":', 'true', '\u0000')
        .map((raw) => ({ part: 'body' as const, raw, note: `body ${JSON.stringify(raw)}` })),
      fc
        .tuple(
          fc.constantFrom('__proto__', 'constructor', 'prototype'),
          fc.constantFrom('{"polluted":true}', '{"prototype":{"polluted":true}}', '1'),
        )
        .map(([k, v]) => ({
          part: 'body' as const,
          raw: `${JSON.stringify(base).slice(0, -1)}${names.length || Object.keys(base).length ? ',' : ''}"${k}":${v}}`,
          note: `body.${k}`,
        })),
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((k) => !(k in fields))
        .map((k) => ({
          part: 'body' as const,
          raw: JSON.stringify({ ...base, [k]: 'extra' }),
          note: `body extra ${k}`,
        })),
    ];
    if (names.length) {
      bodyArbs.push(
        fc.constantFrom(...names).chain((name) =>
          wrongValues(fields[name]!).map((v) => ({
            part: 'body' as const,
            raw: JSON.stringify({ ...base, [name]: v }),
            note: `body.${name}`,
          })),
        ),
        fc.constantFrom(...names).map((name) => {
          const { [name]: _gone, ...rest } = base;
          return { part: 'body' as const, raw: JSON.stringify(rest), note: `body without ${name}` };
        }),
      );
    }
    arbs.push(fc.oneof(...bodyArbs));
  }
  return fc.oneof(...arbs);
}

/** Would the route's own schemas refuse this mutation? (Cases they accept are not bad input.) */
export function refused(
  route: { params?: z.ZodMiniObject; query?: z.ZodMiniObject; body?: z.ZodMiniType },
  m: Mutation,
): boolean {
  if (m.part === 'params') return !route.params?.safeParse(m.params).success;
  if (m.part === 'query') return !route.query?.safeParse(m.query).success;
  let parsed: unknown;
  try {
    parsed = JSON.parse(m.raw);
  } catch {
    return true;
  }
  return !route.body?.safeParse(parsed).success;
}
