// THE route table. CDK builds the HttpApi routes from it, the local gateway serves from it, the
// OpenAPI document is generated from it and the authorization matrix iterates over it. Handlers
// are bound by route id in functions/api/<group>.ts, so each Lambda bundles only its own group.
import { CaseParams, CaseView, ContactView, NewCaseBody, NewContactBody } from './schemas/cases';
import { PageQuery, pageOf } from './schemas/common';
import { defineRoute, type RouteDef, type RouteGroup } from './route';

export const routes = {
  createCase: defineRoute({
    method: 'POST',
    path: '/cases',
    group: 'cases',
    auth: 'staff',
    summary: 'Create a case; the owner defaults to the caller.',
    body: NewCaseBody,
    response: { status: 201, schema: CaseView },
  }),
  listCases: defineRoute({
    method: 'GET',
    path: '/cases',
    group: 'cases',
    auth: 'staff',
    summary: "List the firm's cases, newest first.",
    query: PageQuery,
    response: { status: 200, schema: pageOf(CaseView) },
  }),
  getCase: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}',
    group: 'cases',
    auth: 'staff',
    summary: 'Get one case.',
    params: CaseParams,
    response: { status: 200, schema: CaseView },
  }),
  createContact: defineRoute({
    method: 'POST',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    summary: 'Create a contact (a person on the client side); emails are unique within a firm.',
    body: NewContactBody,
    response: { status: 201, schema: ContactView },
  }),
  listContacts: defineRoute({
    method: 'GET',
    path: '/contacts',
    group: 'cases',
    auth: 'staff',
    summary: "List the firm's contacts, oldest first.",
    query: PageQuery,
    response: { status: 200, schema: pageOf(ContactView) },
  }),
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteId = keyof Routes;
export type RouteIdsOf<G extends RouteGroup> = { [K in RouteId]: Routes[K]['group'] extends G ? K : never }[RouteId];

export const routeGroups: RouteGroup[] = [...new Set(Object.values(routes).map((r) => r.group))];

/** `POST /cases`: the API Gateway route key of a route. */
export const routeKey = (r: RouteDef) => `${r.method} ${r.path}`;

export const routeEntries = () => Object.entries(routes) as [RouteId, RouteDef][];
