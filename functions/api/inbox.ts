// Route implementations of the `inbox` group: a case's internal recipients, and the inbox of staff
// users (/inbox) and portal contacts (/portal/inbox).
import {
  archiveItem,
  type InboxDeps,
  type InboxItem,
  listInbox,
  readAll,
  readItem,
  unreadCount,
} from '../domain/inbox';
import { issueTicket, type LiveTickets } from '../domain/live';
import { getRecipients, putRecipients, type RecipientsDeps } from '../domain/recipients';
import type { Gate } from '../http/auth';
import { inboxChecks } from '../http/checks/inbox';
import { groupHandler } from '../http/handler';
import { inboxRoutes } from '../http/routes/inbox';

/** The response is exactly the view (stored items may carry more). */
const view = (i: InboxItem): InboxItem => ({
  itemId: i.itemId,
  firmId: i.firmId,
  ...(i.caseId ? { caseId: i.caseId } : {}),
  eventId: i.eventId,
  type: i.type,
  title: i.title,
  body: i.body,
  ...(i.link ? { link: i.link } : {}),
  createdAt: i.createdAt,
  ...(i.readAt ? { readAt: i.readAt } : {}),
  ...(i.archivedAt ? { archivedAt: i.archivedAt } : {}),
});

const pageView = async (p: Promise<{ items: InboxItem[]; nextToken?: string }>) => {
  const { items, nextToken } = await p;
  return { items: items.map(view), ...(nextToken ? { nextToken } : {}) };
};

export function inboxApi(
  deps: InboxDeps & RecipientsDeps & { tickets: LiveTickets; liveUrl: string },
  gate: Gate,
) {
  return groupHandler(
    'inbox',
    inboxRoutes,
    {
      getRecipients: ({ principal, params }) => getRecipients(deps, principal, params.caseId),
      putRecipients: ({ principal, params, body }) => putRecipients(deps, principal, params.caseId, body),
      listStaffInbox: ({ principal, query }) => pageView(listInbox(deps, principal, query)),
      countStaffUnread: ({ principal }) => unreadCount(deps, principal),
      readStaffInboxItem: async ({ principal, params }) =>
        view(await readItem(deps, principal, params.itemId)),
      readAllStaffInbox: ({ principal }) => readAll(deps, principal),
      archiveStaffInboxItem: async ({ principal, params }) =>
        view(await archiveItem(deps, principal, params.itemId)),
      listPortalInbox: ({ principal, query }) => pageView(listInbox(deps, principal, query)),
      countPortalUnread: ({ principal }) => unreadCount(deps, principal),
      readPortalInboxItem: async ({ principal, params }) =>
        view(await readItem(deps, principal, params.itemId)),
      readAllPortalInbox: ({ principal }) => readAll(deps, principal),
      archivePortalInboxItem: async ({ principal, params }) =>
        view(await archiveItem(deps, principal, params.itemId)),
      issueLiveTicket: async ({ principal }) => ({
        ...(await issueTicket(deps, principal)),
        url: deps.liveUrl,
      }),
      issuePortalLiveTicket: async ({ principal }) => ({
        ...(await issueTicket(deps, principal)),
        url: deps.liveUrl,
      }),
    },
    gate,
    inboxChecks,
  );
}
