// The shape of one route of the route table, and the types group implementations derive from it.
import type * as z from 'zod/mini';
import type { CallerRecord } from '../domain/caller-record';
import type { ContactNeed } from '../domain/grants';
import type { ContactPrincipal, StaffPrincipal } from '../domain/principal';

/**
 * Who may call a route. `staff`: any staff user of the firm; `admin`: staff with role admin;
 * `contact`: a portal user (grants are checked by the service, from the table); `public`: no token.
 */
export type AuthKind = 'public' | 'staff' | 'admin' | 'contact';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What the path names, so the authorization matrix (test/reliability) knows who must get 2xx, 403
 * or 404. `firm`: the caller's own firm (no id in the path); `case`: a case of the staff caller's
 * firm (another firm's → 404); `portalCase`: a case the contact holds an active grant on (none,
 * revoked or another firm's → 404; the grant's rights → 403); `inbox`: the caller's own inbox
 * (another person's item → 404); `none`: nothing but the caller itself (the body carries the rest).
 */
export type RouteScope = 'firm' | 'case' | 'portalCase' | 'inbox' | 'none';

/** The Lambda (one per bounded context) that serves a route. */
export type RouteGroup =
  | 'cases'
  | 'activity'
  | 'access'
  | 'documents'
  | 'inbox'
  | 'threads'
  | 'discussions'
  | 'notifications'
  | 'staff'
  | 'settings'
  | 'templates';

export interface RouteDef {
  method: Method;
  /** API Gateway syntax: `/cases/{caseId}`. */
  path: string;
  group: RouteGroup;
  auth: AuthKind;
  /** Required by the authorization matrix: a route without it fails test/reliability. */
  scope?: RouteScope;
  /** `portalCase` routes: what the grant must allow (`view` when absent). */
  contactNeed?: ContactNeed;
  params?: z.ZodMiniObject;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  response: { status: number; schema: z.ZodMiniType };
  /** A tighter limit than the API stage's, for a route whose calls cost much (see THROTTLE). */
  throttle?: RouteThrottle;
}

/** Requests per second across all callers (API Gateway HTTP APIs limit per route, not per client). */
export interface RouteThrottle {
  rate: number;
  burst: number;
}

/** Per-route limits, below the stage's 100/s, by what makes a call expensive. */
export const THROTTLE = {
  /** Each call mails someone (invitations, resends, requests): keeps the SES quota and reputation safe. */
  mail: { rate: 5, burst: 10 },
  /** Each call signs an upload policy and opens an upload intent. */
  upload: { rate: 20, burst: 40 },
  /** Each call fans out to many shares, recipients or notices. */
  fanOut: { rate: 10, burst: 20 },
  /** Single-use invitation tokens are presented here: slows anyone guessing them. */
  secret: { rate: 10, burst: 20 },
} as const satisfies Record<string, RouteThrottle>;

export const defineRoute = <const R extends RouteDef>(r: R): R => r;

/**
 * What each route of a routes file does, in a sentence or two: the OpenAPI document's summaries.
 * They sit beside the routes, not in them, so no Lambda bundles the text (decision 0056).
 */
export type RouteSummaries<R> = { readonly [K in keyof R]: string };

/** A route with its summary, as the OpenAPI document is generated from it. */
export type DocumentedRoute = RouteDef & { summary: string };

/** The routes of one group's file (`routes/<group>.ts`): a route of another group is a type error. */
export type GroupRoutes<G extends RouteGroup> = Record<string, RouteDef & { group: G }>;

/** `POST /cases`: the API Gateway route key of a route. */
export const routeKey = (r: RouteDef) => `${r.method} ${r.path}`;

/** Who calls an operation offered on the caller's own things (its inbox, its browsers). */
export type Audience = 'staff' | 'contact';

/**
 * One operation on the caller's own things, for staff at its path and for portal users under
 * `/portal`: the inbox and web push are the same API for both audiences.
 */
export function audienceRoute<
  const O extends Omit<RouteDef, 'group' | 'auth' | 'scope'>,
  A extends Audience,
  G extends RouteGroup,
  S extends RouteScope,
>(operation: O, auth: A, group: G, scope: S) {
  return defineRoute({
    ...operation,
    path: `${auth === 'staff' ? '' : '/portal'}${operation.path}`,
    group,
    auth,
    scope,
  } as Omit<O, 'path'> & { path: string; group: G; auth: A; scope: S });
}

export type PrincipalOf<A extends AuthKind> = A extends 'staff' | 'admin'
  ? StaffPrincipal
  : A extends 'contact'
    ? ContactPrincipal
    : undefined;

type Out<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface RouteRequest<R extends RouteDef> {
  principal: PrincipalOf<R['auth']>;
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  requestId: string;
  /**
   * A staff caller's own record, when the directory left its read to this route (a GET of a group
   * whose gate says so, decision 0052): a route that reads staff records carries it in that read.
   */
  caller?: CallerRecord;
}

/** What an implementation returns: the response body, before the response schema's checks. */
export type RouteResult<R extends RouteDef> = z.input<R['response']['schema']>;

export type RouteImpl<R extends RouteDef> = (req: RouteRequest<R>) => Promise<RouteResult<R>>;
