// One Lambda per route group of the route table (entry functions/handlers/<group>.ts). Every group
// gets the table (with the actions `groupTableGrants` lists for it), the cursor key, the link base
// URLs and the sign-ins' pools and app clients (ids, no rights); `groupNeeds` adds what one group
// needs beyond that. A new group in the route table must say what it does on the table.
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { RouteGroup } from '../functions/http/route';
import { PorticoFunction, type SignIn, TABLE, type TableGrant } from './function';

export interface RouteGroupDeps {
  table: ITable;
  cursorKey: ISecret;
  vapidKeys: ISecret;
  uploads: IBucket;
  links: { portalUrl: string; appUrl: string };
  /** User pools and app client ids of the staff and contact sign-ins. */
  signIn: SignIn;
}

const { GET, BATCH_GET, QUERY, PUT, UPDATE, DELETE, CHECK } = TABLE;

/**
 * The table actions of each group's Lambda (`<Group>Routes` in `npm run iam:report`): what its
 * routes' DynamoDB calls use, transactions counted item by item. Too little is refused locally as on
 * AWS (every route runs under local IAM enforcement in the suites); too much fails `npm test`'s
 * least-privilege report. Edit the group's line when its routes' calls change.
 */
export const groupTableGrants: Record<RouteGroup, TableGrant> = {
  cases: { actions: [GET, BATCH_GET, QUERY, PUT, UPDATE, DELETE, CHECK], indexQueries: true },
  activity: { actions: [GET, BATCH_GET, QUERY], indexQueries: true },
  access: { actions: [GET, QUERY, PUT, UPDATE, DELETE, CHECK], indexQueries: true },
  documents: { actions: [GET, BATCH_GET, QUERY, PUT, UPDATE, DELETE, CHECK], indexQueries: true },
  inbox: { actions: [GET, BATCH_GET, QUERY, PUT, UPDATE, CHECK], indexQueries: true },
  threads: { actions: [GET, BATCH_GET, QUERY, PUT, UPDATE, DELETE, CHECK], indexQueries: true },
  discussions: { actions: [GET, BATCH_GET, QUERY, PUT, UPDATE, DELETE, CHECK], indexQueries: true },
  notifications: { actions: [GET, QUERY, PUT, UPDATE, DELETE], indexQueries: true },
  staff: { actions: [GET, QUERY, PUT, UPDATE, CHECK], indexQueries: false },
  settings: { actions: [GET, PUT, UPDATE], indexQueries: false },
  templates: { actions: [GET, QUERY, PUT, DELETE], indexQueries: false },
};

/** What a route group needs beyond the common grants; a group not listed gets only those. */
export const groupNeeds: Partial<Record<RouteGroup, (fn: PorticoFunction, deps: RouteGroupDeps) => void>> = {
  // Presigned POST (uploads) and GET (downloads) are signed with the function's own credentials,
  // so it must hold the rights it hands out.
  documents: (fn, { uploads }) =>
    fn.bindBucket(uploads, ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject']),
  // Serves the VAPID public key to browsers (and may be the first to need the pair).
  notifications: (fn, { vapidKeys }) => fn.bindVapidSecret(vapidKeys),
  // Opening an invitation finds the invited client's login, or creates it (passwordless, verified
  // email: the link proved the address).
  access: (fn, { signIn }) =>
    fn.bindUserPool('contact', signIn.contactPool, [
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminCreateUser',
    ]),
  // A contact's removal signs its portal login out and disables it; its erasure deletes it (decision 0042).
  cases: (fn, { signIn }) =>
    fn.bindUserPool('contact', signIn.contactPool, [
      'cognito-idp:AdminUserGlobalSignOut',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminDeleteUser',
    ]),
  // Staff accounts: invite, list, change role, deactivate (disable + revoke refresh tokens), reactivate.
  staff: (fn, { signIn }) =>
    fn.bindUserPool('staff', signIn.staffPool, [
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminGetUser',
      'cognito-idp:AdminUpdateUserAttributes',
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminEnableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    ]),
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
        .bindTable(deps.table, groupTableGrants[group])
        .bindCursorSecret(deps.cursorKey)
        .withLinks(deps.links)
        .withSignIn(deps.signIn);
      groupNeeds[group]?.(fn, deps);
      return [group, fn] as const;
    }),
  );
}
