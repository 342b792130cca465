// Every answer the typed client gets, checked against docs/openapi.json at run time: openapi-fetch
// types the calls at compile time only, so without this a route could answer a status, a field or a
// value the document does not declare and the tests would still pass. A mismatch throws, naming the
// operation and the JSON path, and fails the test that made the call.
import { readFileSync } from 'node:fs';
import type { Middleware } from 'openapi-fetch';

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema nodes of the document
type Schema = Record<string, any>;

const doc = JSON.parse(readFileSync(new URL('../../../docs/openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, Schema> }>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Schema> };
};

/** The keywords this checker knows; any other in the document fails loudly instead of being skipped. */
const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'enum',
  'const',
  'anyOf',
  '$ref',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'format',
  'default',
  'description',
]);

function deref(s: Schema): Schema {
  if (typeof s.$ref !== 'string') return s;
  const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(s.$ref) ?? [];
  const target = section && name ? doc.components[section as 'schemas' | 'responses'][name] : undefined;
  if (!target) throw new Error(`openapi.json: unresolved $ref ${s.$ref}`);
  return deref(target);
}

const typeOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

/** The mismatches of `value` against `schema`; fields the document does not list count as mismatches. */
export function mismatches(value: unknown, schema: Schema, at = '$'): string[] {
  const s = deref(schema);
  for (const k of Object.keys(s)) if (!KNOWN.has(k)) return [`${at}: schema keyword "${k}" not checked`];
  if (s.anyOf) {
    const tries = (s.anyOf as Schema[]).map((alt) => mismatches(value, alt, at));
    return tries.some((t) => t.length === 0)
      ? []
      : [`${at}: matches no alternative (${tries.flat().join('; ')})`];
  }
  const out: string[] = [];
  if (s.const !== undefined && value !== s.const)
    out.push(`${at}: ${JSON.stringify(value)} is not ${s.const}`);
  if (s.enum && !s.enum.includes(value))
    out.push(`${at}: ${JSON.stringify(value)} not in ${s.enum.join('|')}`);
  if (s.type) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number')))
      return [...out, `${at}: ${t} where the document says ${types.join('|')}`];
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) out.push(`${at}: ${value} < ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) out.push(`${at}: ${value} > ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
      out.push(`${at}: ${value} ≤ ${s.exclusiveMinimum}`);
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength)
      out.push(`${at}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && value.length > s.maxLength)
      out.push(`${at}: longer than ${s.maxLength}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value))
      out.push(`${at}: does not match ${s.pattern}`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems)
      out.push(`${at}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems)
      out.push(`${at}: more than ${s.maxItems} items`);
    if (s.items) for (const [i, v] of value.entries()) out.push(...mismatches(v, s.items, `${at}[${i}]`));
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const props: Record<string, Schema> = s.properties ?? {};
    for (const r of (s.required ?? []) as string[])
      if (!(r in obj)) out.push(`${at}.${r}: required, missing`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) out.push(...mismatches(v, props[k], `${at}.${k}`));
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        if (s.propertyNames) out.push(...mismatches(k, s.propertyNames, `${at}{${k}}`));
        out.push(...mismatches(v, s.additionalProperties, `${at}.${k}`));
      } else if (s.additionalProperties !== true) out.push(`${at}.${k}: not in the document`);
    }
  }
  return out;
}

/** Fails any answer whose status or JSON body the document does not declare for the operation called. */
export const conformance: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const method = request.method.toLowerCase();
    const operation = doc.paths[schemaPath]?.[method];
    const where = `${request.method} ${schemaPath}`;
    if (!operation) throw new Error(`${where}: not in docs/openapi.json`);
    const declared = operation.responses[String(response.status)];
    if (!declared)
      throw new Error(`${where} answered ${response.status}, a status the document does not declare`);
    const schema = deref(declared).content?.['application/json']?.schema as Schema | undefined;
    const text = await response.clone().text();
    if (!schema) {
      if (text) throw new Error(`${where} ${response.status}: a body the document does not declare`);
      return undefined;
    }
    const body = JSON.parse(text) as unknown;
    const found = mismatches(body, schema);
    if (found.length)
      throw new Error(`${where} ${response.status} differs from the document:\n  ${found.join('\n  ')}`);
    return undefined;
  },
};
