// The in-app inbox of staff users and portal contacts: list, unread count, read, read all, archive.
// Staff read their inbox in their firm; a contact reads one inbox across all its firms (by identity).
import { notFound } from './errors';
import { typedLine } from './plain-text';
import type { Clock, Page, PageRequest } from './ports';
import type { ContactPrincipal, StaffPrincipal } from './principal';

/** Whose inbox: a staff user of the firm, or a contact of the firm. */
export interface InboxOwner {
  firmId: string;
  kind: 'staff' | 'contact';
  id: string;
}

export interface InboxItem {
  itemId: string;
  firmId: string;
  caseId?: string;
  eventId: string;
  type: string;
  title: string;
  body: string;
  link?: string;
  createdAt: string;
  readAt?: string;
  archivedAt?: string;
}

/** An item with the inbox it sits in (a contact's items are found by identity, then changed by owner). */
export interface OwnedInboxItem {
  owner: InboxOwner;
  item: InboxItem;
}

/** Where to list from: one owner's inbox, or every inbox of a portal identity. */
export type InboxScope = { owner: InboxOwner } | { identityId: string };

export interface InboxStore {
  /** Items newest first, archived ones left out (a page may hold fewer than `limit`). */
  listItems(scope: InboxScope, page: PageRequest): Promise<Page<InboxItem>>;
  /** Unread items, newest first, with their owners (for read-all). */
  listUnread(scope: InboxScope, page: PageRequest): Promise<Page<OwnedInboxItem>>;
  unreadCount(scope: InboxScope): Promise<number>;
  /** One item, read consistently. */
  getItem(owner: InboxOwner, itemId: string): Promise<InboxItem | undefined>;
  /** A contact's item, found through its identity. */
  findForIdentity(identityId: string, itemId: string): Promise<OwnedInboxItem | undefined>;
  /**
   * Sets readAt and decrements the unread counter in one transaction, only if the item is unread.
   * Returns false when it was already read (nothing changed).
   */
  markRead(owner: InboxOwner, itemId: string, at: string): Promise<boolean>;
  /** Sets archivedAt (and readAt + counter − 1 if it was unread) in one transaction. False if already archived. */
  archive(owner: InboxOwner, item: InboxItem, at: string): Promise<boolean>;
}

export interface InboxDeps {
  inbox: InboxStore;
  clock: Clock;
}

type Caller = StaffPrincipal | ContactPrincipal;

const READ_ALL_PAGE = 100;
/** A concurrent change can beat us to an item; re-read and try again a few times. */
const RACE_RETRIES = 3;

export const staffInbox = (p: StaffPrincipal): InboxOwner => ({
  firmId: p.firmId,
  kind: 'staff',
  id: p.userId,
});

const scopeOf = (by: Caller): InboxScope =>
  by.kind === 'staff' ? { owner: staffInbox(by) } : { identityId: by.identityId };

export async function listInbox(deps: InboxDeps, by: Caller, page: PageRequest): Promise<Page<InboxItem>> {
  const listed = await deps.inbox.listItems(scopeOf(by), page);
  return { ...listed, items: listed.items.map(shownItem) };
}

/**
 * An item as it is shown (listed, read, archived): title and body by the rule for typed texts
 * (plain-text.ts). Items written before that rule may hold the bidi overrides and invisible
 * characters of a file name or subject.
 */
const shownItem = (item: InboxItem): InboxItem => ({
  ...item,
  title: typedLine(item.title),
  body: typedLine(item.body),
});

export async function unreadCount(deps: InboxDeps, by: Caller): Promise<{ unread: number }> {
  return { unread: Math.max(0, await deps.inbox.unreadCount(scopeOf(by))) };
}

/** Marks one item read. Idempotent: an item already read is returned unchanged. */
export async function readItem(deps: InboxDeps, by: Caller, itemId: string): Promise<InboxItem> {
  for (let attempt = 0; ; attempt++) {
    const { owner, item, indexed } = await locate(deps, by, itemId, attempt === 0);
    if (item.readAt) return shownItem(indexed ? (await locate(deps, by, itemId, false)).item : item);
    const at = deps.clock.now().toISOString();
    if (await deps.inbox.markRead(owner, itemId, at)) return shownItem({ ...item, readAt: at });
    if (attempt >= RACE_RETRIES) return shownItem((await locate(deps, by, itemId, false)).item);
  }
}

/** Marks every unread item read; returns how many this call marked. */
export async function readAll(deps: InboxDeps, by: Caller): Promise<{ marked: number }> {
  const scope = scopeOf(by);
  const at = deps.clock.now().toISOString();
  let marked = 0;
  let nextToken: string | undefined;
  do {
    const page = await deps.inbox.listUnread(scope, {
      limit: READ_ALL_PAGE,
      ...(nextToken ? { nextToken } : {}),
    });
    for (const { owner, item } of page.items) {
      if (await deps.inbox.markRead(owner, item.itemId, at)) marked++;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { marked };
}

/** Archives one item (it leaves the list; marked read if it was not). Idempotent. */
export async function archiveItem(deps: InboxDeps, by: Caller, itemId: string): Promise<InboxItem> {
  for (let attempt = 0; ; attempt++) {
    const { owner, item, indexed } = await locate(deps, by, itemId, attempt === 0);
    if (item.archivedAt) return shownItem(indexed ? (await locate(deps, by, itemId, false)).item : item);
    const at = deps.clock.now().toISOString();
    if (await deps.inbox.archive(owner, item, at))
      return shownItem({ ...item, readAt: item.readAt ?? at, archivedAt: at });
    if (attempt >= RACE_RETRIES) return shownItem((await locate(deps, by, itemId, false)).item);
  }
}

/**
 * The caller's item. A contact's is found through the index, which may lag: the item itself, read
 * consistently, decides, unless `indexed` takes the index's copy as it is (`indexed: true` in the
 * answer). That copy is enough to try a change on: its owner never changes, the change's condition
 * decides on the item itself (a change it cannot make sends the caller back here, consistently),
 * and a read or archive it shows as done is read again before it is answered.
 */
async function locate(
  deps: InboxDeps,
  by: Caller,
  itemId: string,
  indexed: boolean,
): Promise<OwnedInboxItem & { indexed: boolean }> {
  if (by.kind === 'staff') {
    const owner = staffInbox(by);
    const item = await deps.inbox.getItem(owner, itemId);
    if (item) return { owner, item, indexed: false };
  } else {
    const found = await deps.inbox.findForIdentity(by.identityId, itemId);
    if (found && indexed) return { ...found, indexed: true };
    const item = found && (await deps.inbox.getItem(found.owner, itemId));
    if (found && item) return { owner: found.owner, item, indexed: false };
  }
  throw notFound('inbox item', 'inbox_item_not_found');
}
