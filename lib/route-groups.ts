// One Lambda per route group of the route table (entry functions/handlers/<group>.ts). Every group
// gets the table, the cursor key, the link base URLs and the sign-ins' app clients; `groupNeeds` adds what one group needs beyond
// that, so a new group in the route table deploys with no change here.
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { RouteGroup } from '../functions/http/route';
import { PorticoFunction } from './function';

export interface RouteGroupDeps {
  table: ITable;
  cursorKey: ISecret;
  vapidKeys: ISecret;
  uploads: IBucket;
  links: { portalUrl: string; appUrl: string };
  /** App client ids of the staff and contact sign-ins. */
  signIn: { staff: string; contact: string };
  /** The user pool of portal (contact) logins. */
  contactPool: IUserPool;
}

/** What a route group needs beyond the common grants; a group not listed gets only those. */
export const groupNeeds: Partial<Record<RouteGroup, (fn: PorticoFunction, deps: RouteGroupDeps) => void>> = {
  // Presigned POST (uploads) and GET (downloads) are signed with the function's own credentials,
  // so it must hold the rights it hands out.
  documents: (fn, { uploads }) =>
    fn.bindBucket(uploads, ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject']),
  // Serves the VAPID public key to browsers (and may be the first to need the pair).
  notifications: (fn, { vapidKeys }) => fn.bindVapidSecret(vapidKeys),
  // Opening an invitation finds or creates the invited client's portal login.
  access: (fn, { contactPool }) => fn.bindContactLogins(contactPool),
};

/** `cases` → `Cases` */
export const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export function routeGroupFunctions(
  scope: Construct,
  groups: readonly RouteGroup[],
  deps: RouteGroupDeps,
): Map<RouteGroup, PorticoFunction> {
  return new Map(
    groups.map((group) => {
      const fn = new PorticoFunction(scope, `${pascal(group)}Routes`, {
        entry: `functions/handlers/${group}.ts`,
        description: `HTTP routes of the ${group} group`,
      })
        .bindTable(deps.table, 'readWrite')
        .bindCursorSecret(deps.cursorKey)
        .withLinks(deps.links)
        .withSignIn(deps.signIn);
      groupNeeds[group]?.(fn, deps);
      return [group, fn] as const;
    }),
  );
}
