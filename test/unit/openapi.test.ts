import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import type { DocumentedRoute as RouteDef } from '../../functions/http/route';
import { documentedRouteEntries } from '../../functions/http/routes';
import * as z from '../../functions/zod-mini';
import { errorStatuses } from '../../scripts/openapi/errors';
import { AUTH_EXTENSION, generateOpenApi, type OpenApiDocument } from '../../scripts/openapi/generate';
import { OPENAPI_PATH, porticoDocument, renderOpenApi } from '../../scripts/openapi/portico';

type Json = Record<string, unknown>;
type Operation = Json & { parameters?: Json[]; responses: Record<string, Json> };

const committedPath = resolve(import.meta.dirname, '../..', OPENAPI_PATH);
const document = porticoDocument();
const entries = documentedRouteEntries();

/** Follows a local `$ref` (`#/components/...`) to what it names. */
function deref(node: Json): Json {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  expect(ref.startsWith('#/'), `${ref} is not a local reference`).toBe(true);
  let target: unknown = document;
  for (const part of ref.slice(2).split('/')) target = (target as Json | undefined)?.[part];
  expect(target, `${ref} does not resolve`).toBeTypeOf('object');
  return deref(target as Json);
}

function operationOf(doc: OpenApiDocument, route: RouteDef): Operation | undefined {
  return (doc.paths?.[route.path] as Json | undefined)?.[route.method.toLowerCase()] as Operation | undefined;
}

const pathNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

describe('Module: OpenAPI document', () => {
  it('is committed up to date at docs/openapi.json', () => {
    // Prepare
    const committed = readFileSync(committedPath, 'utf8');

    // Act
    const fresh = renderOpenApi(document);

    // Assess
    expect(
      committed === fresh,
      `${OPENAPI_PATH} is out of date with the route table: run \`npm run openapi\``,
    ).toBe(true);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    // Prepare
    const validator = new Validator();

    // Act
    const result = await validator.validate(structuredClone(document) as never);

    // Assess
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has only references that resolve', () => {
    const refs = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const ref = (node as Json).$ref;
        if (typeof ref === 'string') refs.add(ref);
        Object.values(node).forEach(walk);
      }
    };
    walk(document);

    expect(refs.size).toBeGreaterThan(0);
    for (const ref of refs) deref({ $ref: ref });
  });

  it('has exactly one operation per route of the route table', () => {
    const operations = Object.values(document.paths ?? {}).flatMap(
      (item) => Object.values(item as Json) as Operation[],
    );
    const ids = operations.map((op) => op.operationId).sort();

    console.log(`OpenAPI document: ${operations.length} operations for ${entries.length} routes`);
    expect(ids).toEqual(entries.map(([id]) => id).sort());
  });

  describe.each(entries)('route %s', (id, route) => {
    const op = () => {
      const found = operationOf(document, route);
      expect(found, `${route.method} ${route.path} is not in the document`).toBeDefined();
      return found!;
    };

    it('is documented with its id, summary, group and auth kind', () => {
      expect(op()).toMatchObject({ operationId: id, summary: route.summary, tags: [route.group] });
      expect(op()[AUTH_EXTENSION]).toBe(route.auth);
      expect(op().security).toEqual(route.auth === 'public' ? [] : [{ bearerAuth: [] }]);
    });

    it('documents its success response with the response schema', () => {
      const success = Object.keys(op().responses).filter((s) => /^2\d\d$/.test(s));
      expect(success).toEqual([String(route.response.status)]);
      const response = deref(op().responses[String(route.response.status)]!);
      if (route.response.status !== 204) {
        expect(response).toHaveProperty(['content', 'application/json', 'schema']);
      }
    });

    it("documents its error responses with the shared error body (401: the gateway's own)", () => {
      const statuses = Object.keys(op().responses).filter((s) => !s.startsWith('2'));
      expect(statuses).toEqual(errorStatuses(id, route).map(String));
      for (const status of statuses) {
        const content = deref(op().responses[status]!).content as Json;
        // A 401 comes from API Gateway's JWT authorizer before Portico runs: `{ message }` only.
        const body = status === '401' ? 'GatewayErrorBody' : 'ErrorBody';
        expect(content['application/json']).toEqual({ schema: { $ref: `#/components/schemas/${body}` } });
      }
    });

    it('declares each path parameter of its path, required', () => {
      const params = (op().parameters ?? []).map((p) => deref(p)).filter((p) => p.in === 'path');
      expect(params.map((p) => p.name).sort()).toEqual(pathNames(route.path).sort());
      for (const p of params) expect(p.required).toBe(true);
    });

    it('declares one query parameter per key of its query schema', () => {
      const params = (op().parameters ?? []).map((p) => deref(p)).filter((p) => p.in === 'query');
      expect(params.map((p) => p.name).sort()).toEqual(Object.keys(route.query?.shape ?? {}).sort());
    });

    it('declares a JSON request body exactly when the route takes one', () => {
      if (route.body)
        expect(op().requestBody).toMatchObject({ required: true, content: { 'application/json': {} } });
      else expect(op().requestBody).toBeUndefined();
    });
  });
});

describe('Function: generateOpenApi', () => {
  const info = { title: 't', version: '1' };
  const route = (over: Partial<RouteDef>): RouteDef => ({
    method: 'GET',
    path: '/things',
    group: 'cases',
    auth: 'staff',
    summary: 's',
    response: { status: 200, schema: z.object({ ok: z.boolean() }) },
    ...over,
  });

  it('does not depend on the order routes are declared in', () => {
    const reversed = generateOpenApi([...entries].reverse(), document.info);
    const forward = generateOpenApi(entries, document.info);

    expect(renderOpenApi(reversed)).toBe(renderOpenApi(forward));
  });

  it('documents a public route without bearer security and without 401/403', () => {
    const doc = generateOpenApi([['health', route({ auth: 'public' })]], info);

    const op = operationOf(doc, route({}))!;
    expect(op.security).toEqual([]);
    expect(op[AUTH_EXTENSION]).toBe('public');
    expect(Object.keys(op.responses)).toEqual(['200', '400', '500']);
  });

  it('documents 404 for a path naming a resource, and 404/409/422 for every write', () => {
    const get = route({ path: '/things/{thingId}', params: z.object({ thingId: z.string() }) });
    const post = route({
      method: 'POST',
      body: z.object({ name: z.string() }),
      response: { status: 201, schema: z.object({}) },
    });

    expect(errorStatuses('getThing', get)).toEqual([400, 401, 403, 404, 500]);
    expect(errorStatuses('createThing', post)).toEqual([400, 401, 403, 404, 409, 422, 500]);
    expect(errorStatuses('acceptInvitation', { ...post, auth: 'contact' })).toEqual([
      400, 401, 403, 404, 409, 410, 422, 500,
    ]);
  });

  it('keeps request bodies closed and response objects open to new fields', () => {
    const body = z.strictObject({ name: z.string() });
    const doc = generateOpenApi(
      [
        [
          'createThing',
          route({ method: 'POST', body, response: { status: 201, schema: z.object({ id: z.string() }) } }),
        ],
      ],
      info,
    );

    const op = operationOf(doc, route({ method: 'POST' }))!;
    const requestSchema = (op.requestBody as Json & { content: Record<string, { schema: Json }> }).content[
      'application/json'
    ]!.schema;
    const responseSchema = (op.responses['201']!.content as Record<string, { schema: Json }>)[
      'application/json'
    ]!.schema;
    expect(requestSchema.additionalProperties).toBe(false);
    expect(responseSchema).not.toHaveProperty('additionalProperties');
  });

  it('refuses two routes on the same method and path', () => {
    expect(() =>
      generateOpenApi(
        [
          ['a', route({})],
          ['b', route({})],
        ],
        info,
      ),
    ).toThrow('two routes for GET /things');
  });
});
