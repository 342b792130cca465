// Routes of the `inbox` group: a case's internal recipients and the inbox of staff and portal users.
import { type Audience, audienceRoute, defineRoute, type GroupRoutes, type RouteSummaries } from '../route';
import { CaseParams, PageQuery, pageOf } from '../schemas/common';
import {
  InboxItemParams,
  InboxItemView,
  LiveTicketView,
  ReadAllView,
  RecipientsBody,
  RecipientsView,
  UnreadView,
} from '../schemas/inbox';

const inboxOperations = {
  list: {
    method: 'GET',
    path: '/inbox',
    query: PageQuery,
    response: { status: 200, schema: pageOf(InboxItemView) },
  },
  unread: {
    method: 'GET',
    path: '/inbox/unread-count',
    response: { status: 200, schema: UnreadView },
  },
  read: {
    method: 'POST',
    path: '/inbox/{itemId}/read',
    params: InboxItemParams,
    response: { status: 200, schema: InboxItemView },
  },
  readAll: {
    method: 'POST',
    path: '/inbox/read-all',
    response: { status: 200, schema: ReadAllView },
  },
  archive: {
    method: 'POST',
    path: '/inbox/{itemId}/archive',
    params: InboxItemParams,
    response: { status: 200, schema: InboxItemView },
  },
} as const;

/** The live channel's connect ticket: the inbox's unread badge and chats, pushed (decision 0045). */
const liveTicket = {
  method: 'POST',
  path: '/live/ticket',
  response: { status: 201, schema: LiveTicketView },
} as const;

/** The inbox API is the same for staff (`/inbox`) and contacts (`/portal/inbox`). */
const inboxRoute = <A extends Audience, O extends keyof typeof inboxOperations>(auth: A, operation: O) =>
  audienceRoute(inboxOperations[operation], auth, 'inbox', 'inbox');

export const inboxRoutes = {
  getRecipients: defineRoute({
    method: 'GET',
    path: '/cases/{caseId}/recipients',
    group: 'inbox',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    response: { status: 200, schema: RecipientsView },
  }),
  putRecipients: defineRoute({
    method: 'PUT',
    path: '/cases/{caseId}/recipients',
    group: 'inbox',
    auth: 'staff',
    scope: 'case',
    params: CaseParams,
    body: RecipientsBody,
    response: { status: 200, schema: RecipientsView },
  }),
  listStaffInbox: inboxRoute('staff', 'list'),
  countStaffUnread: inboxRoute('staff', 'unread'),
  readStaffInboxItem: inboxRoute('staff', 'read'),
  readAllStaffInbox: inboxRoute('staff', 'readAll'),
  archiveStaffInboxItem: inboxRoute('staff', 'archive'),
  listPortalInbox: inboxRoute('contact', 'list'),
  countPortalUnread: inboxRoute('contact', 'unread'),
  readPortalInboxItem: inboxRoute('contact', 'read'),
  readAllPortalInbox: inboxRoute('contact', 'readAll'),
  archivePortalInboxItem: inboxRoute('contact', 'archive'),
  issueLiveTicket: audienceRoute(liveTicket, 'staff', 'inbox', 'none'),
  issuePortalLiveTicket: audienceRoute(liveTicket, 'contact', 'inbox', 'none'),
} as const satisfies GroupRoutes<'inbox'>;

// Each operation's summary, shared by its staff and portal routes (plain constants: an object's
// property read would keep the text in the Lambda bundle).
const inboxListSummary = 'Inbox items, newest first (archived ones left out).';
const inboxUnreadSummary = 'Number of unread inbox items.';
const inboxReadSummary = 'Mark one item read (idempotent).';
const inboxReadAllSummary = 'Mark every item read.';
const inboxArchiveSummary = 'Archive one item (it leaves the list; read if it was not).';

const liveTicketSummary =
  "A single-use ticket (30 s) to open the live channel's WebSocket as the caller (browsers cannot send a bearer token there).";

/** What each route does: the OpenAPI document's summaries, apart from the routes so no Lambda bundles
 * the text (decision 0056). */
export const inboxSummaries = {
  getRecipients: "The case's internal notification recipients (default: the owner, in-app and email).",
  putRecipients: 'Save the whole recipients list; the owner may be off only when another recipient is on.',
  listStaffInbox: inboxListSummary,
  countStaffUnread: inboxUnreadSummary,
  readStaffInboxItem: inboxReadSummary,
  readAllStaffInbox: inboxReadAllSummary,
  archiveStaffInboxItem: inboxArchiveSummary,
  listPortalInbox: inboxListSummary,
  countPortalUnread: inboxUnreadSummary,
  readPortalInboxItem: inboxReadSummary,
  readAllPortalInbox: inboxReadAllSummary,
  archivePortalInboxItem: inboxArchiveSummary,
  issueLiveTicket: liveTicketSummary,
  issuePortalLiveTicket: liveTicketSummary,
} as const satisfies RouteSummaries<typeof inboxRoutes>;
