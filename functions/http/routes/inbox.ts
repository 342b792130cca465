// Routes of the `inbox` group: a case's internal recipients and the inbox of staff and portal users.
import { type Audience, audienceRoute, defineRoute, type GroupRoutes } from '../route';
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
    summary: 'Inbox items, newest first (archived ones left out).',
    query: PageQuery,
    response: { status: 200, schema: pageOf(InboxItemView) },
  },
  unread: {
    method: 'GET',
    path: '/inbox/unread-count',
    summary: 'Number of unread inbox items.',
    response: { status: 200, schema: UnreadView },
  },
  read: {
    method: 'POST',
    path: '/inbox/{itemId}/read',
    summary: 'Mark one item read (idempotent).',
    params: InboxItemParams,
    response: { status: 200, schema: InboxItemView },
  },
  readAll: {
    method: 'POST',
    path: '/inbox/read-all',
    summary: 'Mark every item read.',
    response: { status: 200, schema: ReadAllView },
  },
  archive: {
    method: 'POST',
    path: '/inbox/{itemId}/archive',
    summary: 'Archive one item (it leaves the list; read if it was not).',
    params: InboxItemParams,
    response: { status: 200, schema: InboxItemView },
  },
} as const;

/** The live channel's connect ticket: the inbox's unread badge and chats, pushed (decision 0045). */
const liveTicket = {
  method: 'POST',
  path: '/live/ticket',
  summary:
    "A single-use ticket (30 s) to open the live channel's WebSocket as the caller (browsers cannot send a bearer token there).",
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
    summary: "The case's internal notification recipients (default: the owner, in-app and email).",
    params: CaseParams,
    response: { status: 200, schema: RecipientsView },
  }),
  putRecipients: defineRoute({
    method: 'PUT',
    path: '/cases/{caseId}/recipients',
    group: 'inbox',
    auth: 'staff',
    scope: 'case',
    summary: 'Save the whole recipients list; the owner may be off only when another recipient is on.',
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
