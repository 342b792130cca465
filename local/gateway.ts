// The local HTTP gateway: serves every route of the route table by building the API Gateway v2
// payload the HttpApi would send and invoking the same group handler, after verifying the bearer
// token as the route's HttpJwtAuthorizer does (one per user pool). Dev-only helpers live under /local/.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteDef, RouteGroup } from '../functions/http/route';
import { routeKey } from '../functions/http/route';
import { routeEntries } from '../functions/http/routes';
import type { LocalAuth } from './auth';
import { lambdaContext } from './lambda-context';
import { listenOn } from './ports';
import { readBody } from './request-body';

export type GroupHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context: ReturnType<typeof lambdaContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Extra routes of the local stack only (dev tokens, JWKS, test helpers). */
export type LocalRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface GatewayOptions {
  port: number;
  auth: LocalAuth;
  handlers: Record<RouteGroup, GroupHandler>;
  corsOrigins: string[];
  localRoutes: LocalRoute;
  onLog?: (line: string) => void;
}

const MAX_BODY = 1024 * 1024;

interface CompiledRoute {
  key: string;
  route: RouteDef;
  pattern: RegExp;
  names: string[];
  specificity: number;
}

function compile(): CompiledRoute[] {
  return routeEntries()
    .map(([, route]) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((part) => {
          const m = /^\{(\w+)\}$/.exec(part);
          if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1]!);
          return '([^/]+)';
        })
        .join('/');
      return {
        key: routeKey(route),
        route,
        pattern: new RegExp(`^${source}$`),
        names,
        specificity: names.length,
      };
    })
    .sort((a, b) => a.specificity - b.specificity); // static segments win over parameters, as in API Gateway
}

export function startGateway(opts: GatewayOptions): Promise<Server> {
  const compiled = compile();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    const corsHeaders: Record<string, string> =
      origin && opts.corsOrigins.includes(origin)
        ? { 'access-control-allow-origin': origin, vary: 'origin' }
        : {};
    try {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          ...corsHeaders,
          'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE',
          'access-control-allow-headers': 'authorization,content-type,idempotency-key',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      // Local-only pages: the index, /local/* helpers, the API reference (/docs) and the portal demo.
      if (url.pathname === '/' || /^\/(local\/|docs(\/|$)|portal-demo(\/|$))/.test(url.pathname)) {
        if (await opts.localRoutes(req, res, url)) return;
      }
      const method = req.method ?? 'GET';
      const candidates = compiled.filter((c) => c.pattern.test(url.pathname));
      const match = candidates.find((c) => c.route.method === method);
      if (!match) {
        send(res, candidates.length ? 405 : 404, corsHeaders, {
          message: candidates.length ? 'Method Not Allowed' : 'Not Found',
        });
        return;
      }
      const raw = await readBody(req, MAX_BODY);
      if (raw === undefined) {
        send(res, 413, corsHeaders, { message: 'Request Entity Too Large' });
        return;
      }
      let claims: Record<string, string> | undefined;
      if (match.route.auth !== 'public') {
        const token = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
        // One authorizer per pool, as on AWS: staff and admin routes trust the staff pool's tokens
        // only, contact routes the contact pool's only.
        const signIn = match.route.auth === 'contact' ? 'contact' : 'staff';
        const payload = token ? await opts.auth.verify(token, signIn).catch(() => undefined) : undefined;
        if (!payload) {
          send(res, 401, { ...corsHeaders, 'www-authenticate': 'Bearer' }, { message: 'Unauthorized' });
          return;
        }
        claims = stringifyClaims(payload);
      }
      const values = match.pattern.exec(url.pathname)!.slice(1);
      const pathParameters = Object.fromEntries(match.names.map((n, i) => [n, safeDecode(values[i]!)]));
      const event = buildEvent(req, url, match.key, pathParameters, raw, claims);
      const handler = opts.handlers[match.route.group];
      const result = await handler(event, lambdaContext(`portico-${match.route.group}`));
      res.writeHead(result.statusCode ?? 200, {
        ...(result.headers as Record<string, string>),
        ...corsHeaders,
        // As API Gateway's HTTP API does: the request id (the correlation id in logs and records).
        'apigw-requestid': event.requestContext.requestId,
      });
      res.end(result.body ?? '');
      opts.onLog?.(`${method} ${url.pathname} → ${result.statusCode}`);
    } catch (err) {
      // API Gateway answers 500 "Internal Server Error" when the integration itself fails.
      opts.onLog?.(`gateway: ${(err as Error).stack ?? err}`);
      send(res, 500, corsHeaders, { message: 'Internal Server Error' });
    }
  });
  return listenOn(server, opts.port);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** API Gateway hands JWT claims to the integration as strings. */
function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]),
  );
}

function buildEvent(
  req: IncomingMessage,
  url: URL,
  routeKeyValue: string,
  pathParameters: Record<string, string>,
  body: string,
  claims: Record<string, string> | undefined,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  return {
    version: '2.0',
    routeKey: routeKeyValue,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(body ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: String(req.headers.host ?? 'localhost'),
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: String(req.headers['user-agent'] ?? ''),
      },
      requestId: randomUUID(),
      routeKey: routeKeyValue,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
    },
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}
