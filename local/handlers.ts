// The Lambda entries the local stack runs: the same files CDK bundles. A route group missing here
// is a type error, so the local gateway cannot lag behind the route table.
import type { RouteGroup } from '../functions/http/route';
import type { GroupHandler } from './gateway';

export const groupHandlers: Record<RouteGroup, () => Promise<{ handler: unknown }>> = {
  cases: () => import('../functions/handlers/cases'),
  access: () => import('../functions/handlers/access'),
  documents: () => import('../functions/handlers/documents'),
  inbox: () => import('../functions/handlers/inbox'),
  threads: () => import('../functions/handlers/threads'),
  discussions: () => import('../functions/handlers/discussions'),
  notifications: () => import('../functions/handlers/notifications'),
  staff: () => import('../functions/handlers/staff'),
  settings: () => import('../functions/handlers/settings'),
  templates: () => import('../functions/handlers/templates'),
  activity: () => import('../functions/handlers/activity'),
};

export async function loadGroupHandlers(): Promise<Record<RouteGroup, GroupHandler>> {
  const entries = await Promise.all(
    Object.entries(groupHandlers).map(async ([group, load]) => [
      group,
      (await load()).handler as GroupHandler,
    ]),
  );
  return Object.fromEntries(entries);
}

export const loadPublisher = async () => (await import('../functions/handlers/publisher')).handler;
export const loadNotify = async () => (await import('../functions/handlers/notify')).handler;
export const loadIngest = async () => (await import('../functions/handlers/ingest')).handler;
export const loadReminders = async () => (await import('../functions/handlers/reminders')).remindersHandler;
export const loadDigests = async () => (await import('../functions/handlers/digests')).digestsHandler;
export const loadIdentityMail = async () => (await import('../functions/handlers/identity-mail')).handler;
export const loadLiveConnections = async () =>
  (await import('../functions/handlers/live-connections')).handler;
export const loadLiveFanOut = async () => (await import('../functions/handlers/live-fanout')).handler;
