// Builds the OpenAPI 3.1 document from the route table: a pure function of the routes and the
// zod schemas they declare, so the document cannot say anything the route table does not.

import * as z from 'zod';
import {
  createDocument,
  type oas31,
  type ZodOpenApiOperationObject,
  type ZodOpenApiOverride,
  type ZodOpenApiPathItemObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from 'zod-openapi';
import type { AuthKind, DocumentedRoute, Method, RouteGroup } from '../../functions/http/route';
import { ErrorBody } from '../../functions/http/schemas/error-body';

/** What API Gateway's JWT authorizer answers (no Portico code runs, so no `code`). */
const GatewayErrorBody = z.object({ message: z.string() }).meta({ id: 'GatewayErrorBody' });

import { AUTHORIZATION_CODES, errorStatuses } from './errors';

export type OpenApiDocument = oas31.OpenAPIObject;

export type DocumentInfo = {
  title: string;
  version: string;
  description?: string;
};

/** The extension carrying a route's auth kind, for tools (and readers) that need more than "bearer". */
export const AUTH_EXTENSION = 'x-portico-auth';
const BEARER = 'bearerAuth';

const AUTH_TEXT: Record<AuthKind, string> = {
  public: 'No token.',
  staff: 'Bearer JWT of a staff user of the firm.',
  admin: 'Bearer JWT of a staff user with role admin.',
  contact:
    "Bearer JWT of a portal user (contact); the contact's grant on the case is checked on every call, never taken from the token.",
};

const GROUP_TEXT: Record<RouteGroup, string> = {
  cases: 'Cases and contacts of a firm.',
  activity:
    "A case's activity: who did what and when, in sentences a person reads; for a contact, only what concerns them.",
  access: 'Portal access: grants, invitations, portal links and the cases a contact sees.',
  documents: 'Uploads through presigned POST, documents, shares and presigned downloads.',
  inbox: "In-app inbox of staff and contacts, and a case's internal notification recipients.",
  threads: 'Chat threads with client tasks (counts, filters, reorder, resend), automatic reminders.',
  discussions: 'Discussions and comments, file requests (with update requests and document versions).',
  notifications:
    "Personal notification preferences, web push subscriptions, recurring tasks and a case's notify-client flag, and delivery status: who was told what, how, and why not.",
  settings:
    'Firm-level settings admins save as a whole: firm settings (detailed notifications, upload limit, default language), client notifications of chat threads, the notification policy (matrix of event type × channel, mandatory categories, document path, digests).',
  templates:
    "The firm's notification texts per language: each template's shipped texts and the firm's overrides per channel, checked as ICU when saved.",
  staff:
    "The firm's staff accounts: invitations (a staff sign-in login and its mail), roles, deactivation and reactivation; the last active admin stays.",
};

const SUCCESS_TEXT: Record<number, string> = {
  200: 'OK.',
  201: 'Created.',
  202: 'Accepted.',
  204: 'No content.',
};

/** One reusable response per error status: every error body has the same shape, with a stable `code`. */
const ERROR_RESPONSES: Record<number, { id: string; description: string }> = {
  400: {
    id: 'BadRequest',
    description:
      'The request is not valid (`validation_failed` lists the fields), or a cursor or value is unusable.',
  },
  401: {
    id: 'Unauthorized',
    description:
      'No token, or the token is not valid. Answered by API Gateway\'s JWT authorizer before any Portico code runs, so the body is the gateway\'s own `{"message":"Unauthorized"}`, without `code`.',
  },
  403: {
    id: 'Forbidden',
    description: `The resource is known, but the caller lacks the right; \`code\` says which. Codes of the authorize step: ${Object.entries(
      AUTHORIZATION_CODES,
    )
      .map(([code, when]) => `\`${code}\` (${when})`)
      .join('; ')}.`,
  },
  404: {
    id: 'NotFound',
    description: "Unknown resource, another firm's, or a case the caller has no active grant on.",
  },
  409: { id: 'Conflict', description: 'The change would break uniqueness or a state transition.' },
  410: {
    id: 'Gone',
    description: 'It existed, but can no longer be used (for example an expired invitation).',
  },
  422: {
    id: 'UnprocessableEntity',
    description: 'Well-formed, but breaks a business rule; `code` says which.',
  },
  500: { id: 'InternalError', description: 'Unexpected failure; quote `requestId` when reporting it.' },
};

const METHOD_ORDER: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The document for the given routes. `schemas` names reusable schemas (components) by their export
 * name; any other schema is inlined. Paths come out sorted, methods in a fixed order, so the
 * output depends only on the routes and not on the order they were declared in.
 */
export function generateOpenApi(
  entries: readonly (readonly [string, DocumentedRoute])[],
  info: DocumentInfo,
  schemas: Record<string, z.core.$ZodType> = {},
): OpenApiDocument {
  const byPath = new Map<string, [string, DocumentedRoute][]>();
  for (const [id, route] of entries) {
    const list = byPath.get(route.path) ?? [];
    list.push([id, route]);
    byPath.set(route.path, list);
  }

  const paths: Record<string, ZodOpenApiPathItemObject> = {};
  for (const path of [...byPath.keys()].sort()) {
    const item: ZodOpenApiPathItemObject = {};
    const routes = byPath
      .get(path)!
      .sort(([, a], [, b]) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
    for (const [id, route] of routes) {
      const method = route.method.toLowerCase() as Lowercase<Method>;
      if (item[method]) throw new Error(`two routes for ${route.method} ${path}`);
      item[method] = operation(id, route);
    }
    paths[path] = item;
  }

  const groups = [...new Set(entries.map(([, r]) => r.group))].sort();
  const document = createDocument(
    {
      openapi: '3.1.0',
      info,
      tags: groups.map((g) => ({ name: g, description: GROUP_TEXT[g] })),
      paths,
      components: {
        schemas: { ...sortedRecord(schemas), ErrorBody },
        securitySchemes: {
          [BEARER]: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'Production: a token of the Cognito user pool (staff portals send the ID token, which carries firmId and role). Local stack: a token minted by the dev-only endpoint for the seeded demo users.',
          },
        },
      },
    },
    { override: openResponses },
  );
  return sortComponents(document);
}

/**
 * zod renders every output object closed (`additionalProperties: false`, since parsing strips
 * unknown keys). For responses that would make each new field a breaking change for clients that
 * validate, so output objects are left open; request bodies stay closed, as the API enforces.
 */
const openResponses: ZodOpenApiOverride = ({ jsonSchema, zodSchema, io }) => {
  if (io === 'output' && zodSchema._zod.def.type === 'object' && jsonSchema.additionalProperties === false) {
    delete jsonSchema.additionalProperties;
  }
};

function operation(id: string, route: DocumentedRoute): ZodOpenApiOperationObject {
  const op: ZodOpenApiOperationObject = {
    operationId: id,
    summary: route.summary,
    description: `Auth: ${AUTH_TEXT[route.auth]}`,
    tags: [route.group],
    security: route.auth === 'public' ? [] : [{ [BEARER]: [] }],
    [AUTH_EXTENSION]: route.auth,
    responses: responses(id, route),
  };
  const requestParams = {
    ...(route.params ? { path: route.params } : {}),
    ...(route.query ? { query: route.query } : {}),
  };
  if (Object.keys(requestParams).length > 0) op.requestParams = requestParams;
  if (route.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: route.body } } };
  }
  return op;
}

function responses(id: string, route: DocumentedRoute): ZodOpenApiResponsesObject {
  const { status, schema } = route.response;
  const out: ZodOpenApiResponsesObject = {
    [`${status}`]: {
      description: SUCCESS_TEXT[status] ?? 'Success.',
      ...(status === 204 ? {} : { content: { 'application/json': { schema } } }),
    },
  };
  for (const s of errorStatuses(id, route)) out[`${s}` as `4${string}`] = errorResponse(s);
  return out;
}

/**
 * `id` registers each error response once under components.responses and operations reference
 * it; the library recognises a registered response by identity, hence one object per status.
 */
const errorResponses = new Map<number, ZodOpenApiResponseObject>(
  Object.entries(ERROR_RESPONSES).map(([status, { id, description }]) => [
    Number(status),
    {
      id,
      description,
      content: { 'application/json': { schema: Number(status) === 401 ? GatewayErrorBody : ErrorBody } },
    },
  ]),
);

function errorResponse(status: number): ZodOpenApiResponseObject {
  const response = errorResponses.get(status);
  if (!response) throw new Error(`no error response declared for status ${status}`);
  return response;
}

// Code-unit order, not localeCompare: the file must come out the same on every machine.
const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(byKey));
}

/** Components are collected in the order the generator meets them; sorting makes diffs readable. */
function sortComponents(document: OpenApiDocument): OpenApiDocument {
  const components = document.components;
  if (!components) return document;
  const sorted = Object.fromEntries(
    Object.entries(components)
      .sort(byKey)
      .map(([kind, entries]) => [kind, sortedRecord(entries as Record<string, unknown>)]),
  );
  return { ...document, components: sorted };
}
