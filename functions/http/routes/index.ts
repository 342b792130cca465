// THE route table, merged from one file per route group. CDK builds the HttpApi routes from it, the
// local gateway serves from it, the OpenAPI document is generated from it and the authorization
// matrix iterates over it. A group's Lambda never imports this file: functions/api/<group>.ts binds
// its own routes/<group>.ts, so each bundle carries only its group's routes and schemas.
import type { DocumentedRoute, RouteDef, RouteGroup } from '../route';
import { accessRoutes, accessSummaries } from './access';
import { activityRoutes, activitySummaries } from './activity';
import { casesRoutes, casesSummaries } from './cases';
import { discussionsRoutes, discussionsSummaries } from './discussions';
import { documentsRoutes, documentsSummaries } from './documents';
import { inboxRoutes, inboxSummaries } from './inbox';
import { notificationsRoutes, notificationsSummaries } from './notifications';
import { settingsRoutes, settingsSummaries } from './settings';
import { staffRoutes, staffSummaries } from './staff';
import { templatesRoutes, templatesSummaries } from './templates';
import { threadsRoutes, threadsSummaries } from './threads';

/** Every group's routes, in the order the table has always listed them (the OpenAPI paths follow it). */
const groups = [
  casesRoutes,
  activityRoutes,
  staffRoutes,
  accessRoutes,
  documentsRoutes,
  inboxRoutes,
  threadsRoutes,
  discussionsRoutes,
  notificationsRoutes,
  settingsRoutes,
  templatesRoutes,
] as const;

/**
 * `true` when no route id is in two groups, else the ids that are: spreading the groups into one
 * object would silently keep only the last of them.
 */
type UniqueIds<T extends readonly object[], Seen = never> = T extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? [keyof Head & Seen] extends [never]
    ? UniqueIds<Rest, Seen | keyof Head>
    : { duplicateRouteIds: keyof Head & Seen }
  : true;

/** The group of a routes file's routes (each file's routes share one, see GroupRoutes). */
type GroupOf<R> = R extends unknown ? (R[keyof R] extends { group: infer G } ? G : never) : never;

/** A group of RouteGroup whose routes file is not merged here (its Lambda would serve nothing). */
type MissingGroups = Exclude<RouteGroup, GroupOf<(typeof groups)[number]>>;

const idsAreUnique: UniqueIds<typeof groups> = true;
const everyGroupListed: [MissingGroups] extends [never] ? true : { missingGroups: MissingGroups } = true;
void idsAreUnique;
void everyGroupListed;

/** One object type with every group's routes. */
type Merge<T extends readonly object[], Acc = unknown> = T extends readonly [
  infer Head,
  ...infer Rest extends readonly object[],
]
  ? Merge<Rest, Acc & Head>
  : { [K in keyof Acc]: Acc[K] };

export const routes: Merge<typeof groups> = Object.assign({}, ...groups);

export type Routes = typeof routes;
export type RouteId = keyof Routes;

export const routeGroups: RouteGroup[] = [...new Set(Object.values(routes).map((r: RouteDef) => r.group))];

export const routeEntries = () => Object.entries(routes) as [RouteId, RouteDef][];

/**
 * Every route's summary, by id: a group left out here is a type error (its ids would be missing), as
 * a route left out of its file's summaries is there.
 */
export const routeSummaries: { [id in RouteId]: string } = {
  ...casesSummaries,
  ...activitySummaries,
  ...staffSummaries,
  ...accessSummaries,
  ...documentsSummaries,
  ...inboxSummaries,
  ...threadsSummaries,
  ...discussionsSummaries,
  ...notificationsSummaries,
  ...settingsSummaries,
  ...templatesSummaries,
};

/** The route table with each route's summary, for the OpenAPI document. */
export const documentedRouteEntries = () =>
  routeEntries().map(([id, route]): [RouteId, DocumentedRoute] => [
    id,
    { ...route, summary: routeSummaries[id] },
  ]);
