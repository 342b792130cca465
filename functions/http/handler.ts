// Builds the Lambda handler of one route group from its own routes file and the group's
// implementations: parse (zod) → authorize → one implementation call → response, with one
// shared error mapping. Handlers stay thin because all of that lives here.
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { StaffPrincipal } from '../domain/principal';
import { observed } from '../observed';
import { authorize, confirmStaff, type Gate, principalFromClaims } from './auth';
import { checked } from './checks/checked';
import type { Check, RouteChecks } from './checks/runtime';
import { errorResponse, type HttpResponse, json, RequestValidationError } from './errors';
import { type GroupRoutes, type RouteDef, type RouteGroup, type RouteImpl, routeKey } from './route';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** Every route of a group must have an implementation: a missing one is a type error. */
export type GroupImpl<R extends GroupRoutes<RouteGroup>> = { [K in keyof R]: RouteImpl<R[K]> };

/**
 * `routes` is the group's own routes file (functions/http/routes/<group>.ts), never the merged
 * table: what this imports is what the group's Lambda bundles. `checks` is the group's checks
 * compiled from those routes' schemas (functions/http/checks/<group>.ts, decision 0056).
 */
export function groupHandler<G extends RouteGroup, R extends GroupRoutes<G>>(
  group: G,
  routes: R,
  impl: NoInfer<GroupImpl<R>>,
  gate: Gate,
  checks: { [id in keyof R]: RouteChecks },
) {
  const table = new Map<string, { route: RouteDef; run: RouteImpl<RouteDef>; checks: RouteChecks }>();
  for (const [id, run] of Object.entries(impl) as [string, RouteImpl<RouteDef>][]) {
    const route = routes[id];
    if (route?.group !== group) throw new Error(`route ${id} is not a route of group ${group}`);
    table.set(routeKey(route), { route, run, checks: checks[id] ?? {} });
  }

  const dispatch = async (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const entry = table.get(event.routeKey);
    if (!entry)
      return json(404, { code: 'route_not_found', message: `No route ${event.routeKey}.`, requestId });
    const { route, run, checks } = entry;
    try {
      const principal = principalFromClaims(event.requestContext?.authorizer?.jwt?.claims, gate.clients);
      authorize(route.auth, principal);
      const confirming =
        principal?.kind === 'staff' && (route.auth === 'staff' || route.auth === 'admin')
          ? confirmStaff(principal, gate.directory)
          : undefined;
      // A write runs only once the directory confirmed the caller. A read (GET) runs alongside the
      // directory's answer, which on a cold container (or past the cache window) is a read of its
      // own: the two go out together instead of one after the other (decision 0040). The directory
      // still decides first: its refusal is the answer, the read's result or error is dropped.
      // A read of a group whose reads carry the caller's record gets the directory's read of it,
      // still unread, to carry (decision 0052); any other request leaves it to the directory.
      const caller =
        confirming && route.method === 'GET' ? gate.callerRecord?.(principal as StaffPrincipal) : undefined;
      if (confirming && route.method !== 'GET') await confirming;
      const work = (async () => {
        const params = parsePart('params', route.params, checks.params, event.pathParameters ?? {});
        const query = parsePart('query', route.query, checks.query, event.queryStringParameters ?? {});
        const body = route.body ? parsePart('body', route.body, checks.body, readJson(event)) : undefined;
        return run({ principal, params, query, body, requestId, caller } as never);
      })();
      // Whatever the route did (a bad query never reaches it), a record it did not carry is read now.
      if (caller) work.then(caller.decline, caller.decline);
      if (confirming) {
        work.catch(() => undefined); // settled below, or dropped when the directory refuses
        await confirming;
      }
      const result = await work;
      // Every response goes through its schema, in Lambda as in tests: what the API answers is
      // exactly what the route table (and so the OpenAPI document) says, never an internal field
      // more. A response that does not fit is our bug: it becomes a logged 500.
      const answer = checked(route.response.schema, checks.response, result);
      if (!answer.success) throw answer.error;
      return json(route.response.status, answer.data);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };

  // The API request id is the correlation id: it rides on the activity event the request writes.
  return observed(
    group,
    (event: HttpEvent, context) => event.requestContext?.requestId ?? context.awsRequestId,
    dispatch,
  );
}

function parsePart(
  part: 'params' | 'query' | 'body',
  schema: z.ZodMiniType | undefined,
  check: Check | undefined,
  value: unknown,
): unknown {
  if (!schema) {
    // A route that declares no params/query still refuses unexpected ones: nothing is silently ignored.
    if (part !== 'body' && value && typeof value === 'object' && Object.keys(value).length > 0) {
      throw new RequestValidationError(part, [
        {
          code: 'unrecognized_keys',
          keys: Object.keys(value),
          path: [],
          message: 'no parameters are accepted here',
          input: value,
        },
      ] as never);
    }
    return undefined;
  }
  const result = checked(schema, check, value);
  if (!result.success) throw new RequestValidationError(part, result.error.issues);
  return result.data;
}

function readJson(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') {
    throw new RequestValidationError('body', [
      {
        code: 'invalid_type',
        expected: 'object',
        path: [],
        message: 'a JSON body is required',
        input: undefined,
      },
    ] as never);
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new RequestValidationError('body', [
      { code: 'custom', path: [], message: 'is not valid JSON', input: undefined },
    ] as never);
  }
}
