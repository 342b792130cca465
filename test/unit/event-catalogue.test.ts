// The event parser builds one type's schema per event; it must answer exactly as the union of every
// type's schema does (data, issues, messages), for valid events of every type and for every kind of
// broken one: the union is the definition, the per-type parse is only how notify and the publisher
// avoid building it.
import { describe, expect, it } from 'vitest';
import {
  DomainEventSchema,
  domainEventUnion,
  type EventType,
  eventDetail,
  eventTypes,
} from '../../functions/events/catalogue';
import * as z from '../../functions/zod-mini';

type Json = Record<string, unknown>;

/** A valid value of a JSON schema (the subset the catalogue's details use). */
function sample(schema: Json): unknown {
  if (schema.anyOf) return sample((schema.anyOf as Json[])[0]!);
  if (schema.enum) return (schema.enum as unknown[]).at(-1);
  if ('const' in schema) return schema.const;
  switch (schema.type) {
    case 'object': {
      const out: Json = {};
      for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, Json>))
        out[k] = sample(v);
      return out;
    }
    case 'array':
      return [sample(schema.items as Json), sample(schema.items as Json)];
    case 'string':
      if (schema.format === 'date-time') return '2026-12-06T15:00:00.000Z';
      if (schema.format === 'date') return '2026-12-24';
      return 'x-1';
    case 'integer':
    case 'number':
      return 3;
    case 'boolean':
      return true;
    default:
      throw new Error(`no sample for ${JSON.stringify(schema)}`);
  }
}

function validEvent(type: EventType): Json {
  return {
    type,
    eventId: '01JEVENT',
    firmId: 'firm-1',
    caseId: 'case-1',
    actor: { kind: 'staff', id: 'u-1' },
    occurredAt: '2026-12-06T15:00:00.000Z',
    correlationId: 'req-1',
    detail: sample(z.toJSONSchema(eventDetail(type), { io: 'input' }) as Json),
  };
}

/** Wrong values for a field: each fails some field's check (type, int, sign, format, enum). */
const WRONG: unknown[] = [undefined, null, 42, -1, 1.5, 'x', '', true, [], {}, ['x'], [{ a: 1 }]];

/** The valid event of a type, then each field (envelope and detail) removed or wrong, then extras. */
function inputsOf(type: EventType): unknown[] {
  const valid = validEvent(type);
  const out: unknown[] = [valid, { ...valid, extra: 1, detail: { ...(valid.detail as Json), extra: 2 } }];
  for (const field of Object.keys(valid).filter((f) => f !== 'type')) {
    const { [field]: _, ...without } = valid;
    out.push(without);
    for (const wrong of WRONG) out.push({ ...valid, [field]: wrong });
  }
  const detail = valid.detail as Json;
  for (const field of Object.keys(detail)) {
    const { [field]: _, ...without } = detail;
    out.push({ ...valid, detail: without });
    for (const wrong of WRONG) out.push({ ...valid, detail: { ...detail, [field]: wrong } });
  }
  out.push({ ...valid, actor: { kind: 'robot', id: 'r' } }, { ...valid, actor: { kind: 'contact' } });
  // `type` read through the prototype, as the union reads it.
  out.push(Object.assign(Object.create({ type }), { ...valid, type: undefined }));
  return out;
}

/** Inputs whose `type` names no event type, or that are no object at all. */
const NOT_AN_EVENT: unknown[] = [
  undefined,
  null,
  'case.created',
  42,
  [],
  [validEvent('case.created')],
  {},
  { ...validEvent('case.created'), type: 'case.unknown' },
  { ...validEvent('case.created'), type: 42 },
  { ...validEvent('case.created'), type: null },
  { ...validEvent('case.created'), type: 'toString' },
  { ...validEvent('case.created'), type: '__proto__' },
  { ...validEvent('case.created'), type: 'constructor' },
  { ...validEvent('case.created'), type: 'CASE.CREATED' },
];

/** A parse result as plain data (a ZodError's issues, or the data). */
const answer = (r: { success: boolean; data?: unknown; error?: { issues: unknown[] } }) =>
  r.success ? { success: true, data: r.data } : { success: false, issues: r.error?.issues };

describe('Events: the catalogue', () => {
  it('parses every type as the union of all types does: valid, broken, and with extra fields', () => {
    // Prepare
    const inputs = [...eventTypes.flatMap(inputsOf), ...NOT_AN_EVENT];
    let valid = 0;

    // Act / Assess
    for (const input of inputs) {
      const expected = answer(domainEventUnion().safeParse(input));
      expect(answer(DomainEventSchema.safeParse(input))).toEqual(expected);
      if (expected.success) valid += 1;
    }
    // Every type's valid samples parse (the comparison is not only between two failures).
    expect(valid).toBeGreaterThanOrEqual(eventTypes.length * 2);
    expect(inputs.length).toBeGreaterThan(3000);
  });

  it('throws the union’s error from parse, and returns its data', () => {
    // Prepare
    const good = validEvent('document.uploaded');
    const bad = { ...good, detail: { ...(good.detail as Json), size: -1 } };

    const union = domainEventUnion().safeParse(bad);

    // Act / Assess
    expect(union.success).toBe(false);
    expect(() => DomainEventSchema.parse(bad)).toThrow(union.error!.message);
    expect(DomainEventSchema.parse(good)).toEqual(domainEventUnion().parse(good));
  });

  it('builds each type’s schema once and shares it with the union', () => {
    // Assess
    expect(eventDetail('case.created')).toBe(eventDetail('case.created'));
    const options = (domainEventUnion() as unknown as z.ZodMiniDiscriminatedUnion<z.ZodMiniObject[]>).def
      .options;
    expect(options).toHaveLength(eventTypes.length);
    options.forEach((o, i) => {
      expect(o.def.shape.detail).toBe(eventDetail(eventTypes[i]!));
    });
  });
});
