// The shape of one route of the route table, and the types group implementations derive from it.
import type * as z from 'zod';
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
  | 'access'
  | 'documents'
  | 'inbox'
  | 'threads'
  | 'discussions'
  | 'notifications';

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
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: { status: number; schema: z.ZodType };
}

export const defineRoute = <const R extends RouteDef>(r: R): R => r;

export type PrincipalOf<A extends AuthKind> = A extends 'staff' | 'admin'
  ? StaffPrincipal
  : A extends 'contact'
    ? ContactPrincipal
    : undefined;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteRequest<R extends RouteDef> {
  principal: PrincipalOf<R['auth']>;
  params: Out<R['params']>;
  query: Out<R['query']>;
  body: Out<R['body']>;
  requestId: string;
}

/** What an implementation returns: the response body, before the response schema's checks. */
export type RouteResult<R extends RouteDef> = z.input<R['response']['schema']>;

export type RouteImpl<R extends RouteDef> = (req: RouteRequest<R>) => Promise<RouteResult<R>>;
