// The key module: the only place that builds PK/SK/GSI key strings. Every key starts with the
// firm (tenant). Each key and access pattern is its own named export with a one-line comment saying
// what it addresses or fetches; other modules call these, none concatenates key strings itself.
// Names say what they return: `<item>Key` an item's table key or its GSI attributes (`caseKey`,
// `caseByOwnerKey`), `<list>Pattern` a Query (`activityOfCasePattern`), `<item>Lookup` one exact GSI
// key, `<scope>Partition` a whole partition; the live channel's carry a `live` prefix. Never grouped
// in an object: esbuild drops the exports a bundle does not call, not an object's properties (issue 17).

/** Generic key attribute names, as the table defines them. */
export interface ItemKey {
  PK: string;
  SK: string;
}

/**
 * The table's layout, one plain description that CDK (lib/table.ts) and the local stack
 * (local/table-definition.ts) both build from, and that the table helpers read index key names
 * from: so index names are written here and nowhere else.
 */
export const tableLayout = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Sparse GSIs, string keys, every attribute projected. */
  indexes: {
    GSI1: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    GSI2: { partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  },
  timeToLiveAttribute: 'expiresAt',
  /** The publisher reads only NewImage; changing the view type later means replacing the stream. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

/** A GSI an access pattern may read. */
export type IndexName = keyof typeof tableLayout.indexes;

/** Key attribute names of the table (no index) or of one GSI: what a Query's key condition names. */
export function keyNamesOf(index?: IndexName): { partitionKey: string; sortKey: string } {
  return index ? tableLayout.indexes[index] : tableLayout;
}

/** A key segment must not contain the separator, or one tenant could address another's items. */
const SEGMENT = /^[A-Za-z0-9_.@+-]{1,200}$/;

export class KeySegmentError extends Error {}

export function seg(value: string, what: string): string {
  if (!SEGMENT.test(value)) throw new KeySegmentError(`invalid ${what} for a key: ${JSON.stringify(value)}`);
  return value;
}

/** UTF-8 maps every lone surrogate to U+FFFD, so such strings would share a key: refuse them. */
function wellFormed(value: string, what: string): string {
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value))
    throw new KeySegmentError(`invalid ${what} for a key: not well-formed unicode`);
  return value;
}

const firmPk = (firmId: string) => `FIRM#${seg(firmId, 'firmId')}`;
/** A case's lifecycle state, as the case-list indexes partition by it. */
export type CaseStatus = 'open' | 'closed';
const statusSegment = (status: CaseStatus) => (status === 'open' ? 'OPEN' : 'CLOSED');
const casesByStatusPk = (firmId: string, status: CaseStatus) =>
  `${firmPk(firmId)}#CASES#${statusSegment(status)}`;
const casesByOwnerPk = (firmId: string, ownerId: string) =>
  `${firmPk(firmId)}#OWNER#${seg(ownerId, 'ownerId')}#CASES`;
/**
 * Bytes of a searchable title kept in a sort key (a GSI sort key holds at most 1,024 bytes); a
 * longer title is found by its first 120 bytes, which any prefix a person types fits in.
 */
export const TITLE_KEY_BYTES = 120;
/**
 * `TITLE#` and the searchable title hex-encoded (any text fits a key; hex keeps UTF-8's byte order
 * and its prefixes, so a prefix of the title is a prefix of the segment), cut at a whole character.
 * No trailing `#`: the caller adds the separator for an item, none for a search prefix.
 */
function titleSegment(searchTitle: string): string {
  let bytes = Buffer.from(wellFormed(searchTitle, 'title'), 'utf8');
  if (bytes.length > TITLE_KEY_BYTES) {
    let end = TITLE_KEY_BYTES;
    // Back off continuation bytes (10xxxxxx) so the cut falls on a character boundary.
    while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
    bytes = bytes.subarray(0, end);
  }
  return `TITLE#${bytes.toString('hex')}`;
}
const casePk = (firmId: string, caseId: string) => `${firmPk(firmId)}#CASE#${seg(caseId, 'caseId')}`;
const identityPk = (identityId: string) => `IDENTITY#${seg(identityId, 'identityId')}`;
/** A chat thread's own partition: its messages, tasks and reminder schedule. */
const threadPk = (firmId: string, caseId: string, threadId: string) =>
  `${casePk(firmId, caseId)}#THREAD#${seg(threadId, 'threadId')}`;

const threadStatePk = (firmId: string, caseId: string, state: 'open' | 'done') =>
  `${casePk(firmId, caseId)}#THREADS#${state === 'open' ? 'OPEN' : 'DONE'}`;
/** Fixed-width, separator-free UTC time (`20261123T160000.000Z`): sorts like the time it names. */
const stamp = (iso: string, what: string) => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso))
    throw new KeySegmentError(`invalid ${what} for a key: ${JSON.stringify(iso)}`);
  return iso.replace(/[-:]/g, '');
};

/** Where a thread stands for the task filters: no tasks (absent from GSI2), open tasks, all done. */
export type ThreadTaskState = 'none' | 'open' | 'done';
/** Due reminders are spread over this many GSI2 partitions so no single one runs hot. */
export const REMINDER_SHARDS = 4;
/** Due digests are spread over this many GSI2 partitions, like due reminders. */
export const DIGEST_SHARDS = 4;
/** One recipient's digests of one category: its latest window, the windows, their entries. */
const digestPk = (firmId: string, recipient: string, category: string) =>
  `${firmPk(firmId)}#DIGEST#${seg(recipient, 'recipient')}#${seg(category, 'category')}`;

/** Whose inbox: a staff user of the firm, or a contact of the firm. */
export interface InboxOwnerKey {
  firmId: string;
  kind: 'staff' | 'contact';
  id: string;
}
/** A staff user's own partition of web push subscriptions. */
const staffPushPk = (firmId: string, userId: string) => `${firmPk(firmId)}#PUSH#S#${seg(userId, 'userId')}`;
const inboxPk = (o: InboxOwnerKey) =>
  `${firmPk(o.firmId)}#INBOX#${o.kind === 'staff' ? 'S' : 'C'}#${seg(o.id, 'inbox owner id')}`;

/** Entity names stored in the `entity` attribute of every item. */
export const Entity = {
  firm: 'firm',
  staff: 'staff',
  contact: 'contact',
  contactEmail: 'contactEmail',
  case: 'case',
  activity: 'activity',
  grant: 'grant',
  invitation: 'invitation',
  document: 'document',
  share: 'share',
  uploadIntent: 'uploadIntent',
  uploadRejection: 'uploadRejection',
  recipients: 'recipients',
  inboxItem: 'inboxItem',
  inboxCounter: 'inboxCounter',
  delivery: 'delivery',
  preferences: 'preferences',
  templateOverride: 'templateOverride',
  pushSubscription: 'pushSubscription',
  digestLatest: 'digestLatest',
  digestWindow: 'digestWindow',
  digestEntry: 'digestEntry',
  digestEvent: 'digestEvent',
  // ── chat threads and client tasks (issue 6) ──
  thread: 'thread',
  threadMember: 'threadMember',
  message: 'message',
  task: 'task',
  reminder: 'reminder',
  // ── discussions, file requests, document versions (issue 5) ──
  discussion: 'discussion',
  comment: 'comment',
  fileRequest: 'fileRequest',
  documentVersion: 'documentVersion',
  // ── document paths and notify-client flags (issue 7) ──
  recurringTask: 'recurringTask',
  publication: 'publication',
  notified: 'notified',
  // ── bounces and complaints (issue 16) ──
  mailAddress: 'mailAddress',
  // ── file-request reminders (issue 18) ──
  fileRequestReminder: 'fileRequestReminder',
  // ── request lists (issue 18) ──
  fileRequestTemplate: 'fileRequestTemplate',
  // ── the live channel (issue 19) ──
  liveConnection: 'liveConnection',
  liveTicket: 'liveTicket',
} as const;
export type EntityName = (typeof Entity)[keyof typeof Entity];

// ══ Item keys (`…Key`): an item's PK/SK, or the GSI attributes written on it ══

/** The firm's own item (name, settings). */
export const firmKey = (firmId: string): ItemKey => ({ PK: firmPk(firmId), SK: 'FIRM' });
/** A staff user of the firm, by user id. */
export const staffKey = (firmId: string, userId: string): ItemKey => ({
  PK: firmPk(firmId),
  SK: `STAFF#${seg(userId, 'userId')}`,
});
/** A contact of the firm, by contact id. */
export const contactKey = (firmId: string, contactId: string): ItemKey => ({
  PK: firmPk(firmId),
  SK: `CONTACT#${seg(contactId, 'contactId')}`,
});
/** Uniqueness claim: one contact per email within a firm. The email is hex-encoded, so any address fits a key. */
export const contactEmailKey = (firmId: string, email: string): ItemKey => ({
  PK: firmPk(firmId),
  SK: `CONTACTEMAIL#${Buffer.from(wellFormed(email, 'email'), 'utf8').toString('hex')}`,
});
/** A case of the firm, by case id. */
export const caseKey = (firmId: string, caseId: string): ItemKey => ({
  PK: firmPk(firmId),
  SK: `CASE#${seg(caseId, 'caseId')}`,
});
/**
 * GSI1 of a case: its status's partition, in the order of its searchable title (decision 0036),
 * so a status list and a title-prefix search within it are each one Query. Rewritten with every
 * rename, close and reopen, in the same transaction.
 */
export const caseByStatusAndTitleKey = (
  firmId: string,
  status: CaseStatus,
  searchTitle: string,
  caseId: string,
) => ({
  GSI1PK: casesByStatusPk(firmId, status),
  GSI1SK: `${titleSegment(searchTitle)}#${seg(caseId, 'caseId')}`,
});
/** GSI2 of a case: its owner's partition, status first, newest first within it (decision 0036). */
export const caseByOwnerKey = (firmId: string, ownerId: string, status: CaseStatus, caseId: string) => ({
  GSI2PK: casesByOwnerPk(firmId, ownerId),
  GSI2SK: `CASE#${statusSegment(status)}#${seg(caseId, 'caseId')}`,
});
/**
 * A contact's access to a case. GSI1 (once the contact accepted an invitation) finds it from the
 * portal identity: `IDENTITY#<sub>` / `CASE#<caseId>`; GSI2 lists a contact's grants in the firm.
 */
export const grantKey = (firmId: string, caseId: string, contactId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `GRANT#${seg(contactId, 'contactId')}`,
});
/** GSI1 of a grant once accepted: the portal identity's cases. */
export const grantByIdentityKey = (identityId: string, caseId: string) => ({
  GSI1PK: identityPk(identityId),
  GSI1SK: `CASE#${seg(caseId, 'caseId')}`,
});
/** GSI2 of a grant: the contact's grants in its firm. */
export const grantByContactKey = (firmId: string, contactId: string, caseId: string) => ({
  GSI2PK: `${firmPk(firmId)}#CONTACT#${seg(contactId, 'contactId')}`,
  GSI2SK: `GRANT#${seg(caseId, 'caseId')}`,
});
/** The one open invitation of a grant; re-sending overwrites it (the old token stops working). */
export const invitationKey = (firmId: string, caseId: string, contactId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `INVITATION#${seg(contactId, 'contactId')}`,
});
/**
 * Documents of a case, by id. Lists read them in the order of `createdAt` (when the document was
 * recorded, the time every list shows), not of the id (the upload's start): GSI1 for the case's
 * list, GSI2 by source (`firm` | `client`).
 */
export const documentKey = (firmId: string, caseId: string, documentId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `DOC#${seg(documentId, 'documentId')}`,
});
/** GSI1 of a document: its case's list, by `createdAt`. */
export const documentByTimeKey = (firmId: string, caseId: string, createdAt: string, documentId: string) => ({
  GSI1PK: casePk(firmId, caseId),
  GSI1SK: `DOC#${stamp(createdAt, 'createdAt')}#${seg(documentId, 'documentId')}`,
});
/** GSI2 of a document: its case's list by source (`firm` | `client`), by `createdAt`. */
export const documentBySourceKey = (
  firmId: string,
  caseId: string,
  source: string,
  createdAt: string,
  documentId: string,
) => ({
  GSI2PK: `${casePk(firmId, caseId)}#DOCS#${seg(source, 'source')}`,
  GSI2SK: `DOC#${stamp(createdAt, 'createdAt')}#${seg(documentId, 'documentId')}`,
});
/** A trashed document in its case's trash (GSI1, replacing its place in the list), newest deletion first. */
export const documentInTrashKey = (
  firmId: string,
  caseId: string,
  deletedAt: string,
  documentId: string,
) => ({
  GSI1PK: `${casePk(firmId, caseId)}#TRASH`,
  GSI1SK: `DOC#${stamp(deletedAt, 'deletedAt')}#${seg(documentId, 'documentId')}`,
});
/** A trashed document by the time it is purged (GSI2, replacing its place by source): the purge run reads what is due. */
export const documentPurgeDueKey = (purgeAt: string, documentId: string) => ({
  GSI2PK: 'TRASH#PURGE',
  GSI2SK: `DUE#${stamp(purgeAt, 'purgeAt')}#${seg(documentId, 'documentId')}`,
});
/** A document shared with a contact. Main key: by document (explicit saves); GSI1: by contact. */
export const shareKey = (firmId: string, caseId: string, documentId: string, contactId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `SHARE#${seg(documentId, 'documentId')}#${seg(contactId, 'contactId')}`,
});
/** By contact, in the order of the document's `createdAt` (what the portal's list shows). */
export const shareByContactKey = (
  firmId: string,
  caseId: string,
  contactId: string,
  documentCreatedAt: string,
  documentId: string,
) => ({
  GSI1PK: `${casePk(firmId, caseId)}#SHARED#${seg(contactId, 'contactId')}`,
  GSI1SK: `DOC#${stamp(documentCreatedAt, 'documentCreatedAt')}#${seg(documentId, 'documentId')}`,
});
/** A presigned upload waiting for its object (TTL). The S3 key names firm, case and upload. */
export const uploadIntentKey = (firmId: string, caseId: string, uploadId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `UPLOAD#${seg(uploadId, 'uploadId')}`,
});
/** Why an uploaded object was refused (kept for the firm's audit; the object is deleted). */
export const uploadRejectionKey = (firmId: string, objectKeyHash: string): ItemKey => ({
  PK: `${firmPk(firmId)}#REJECTED`,
  SK: `OBJECT#${seg(objectKeyHash, 'object key hash')}`,
});
/** The case's internal notification recipients (one item, saved whole). */
export const recipientsKey = (firmId: string, caseId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: 'RECIPIENTS',
});
/** Inbox items, newest first by ULID. A contact's items are also indexed by portal identity (GSI1). */
export const inboxItemKey = (owner: InboxOwnerKey, itemId: string): ItemKey => ({
  PK: inboxPk(owner),
  SK: `ITEM#${seg(itemId, 'itemId')}`,
});
/** GSI1 of a contact's inbox item: its portal identity's items across firms. */
export const inboxItemByIdentityKey = (identityId: string, itemId: string) => ({
  GSI1PK: `${identityPk(identityId)}#INBOX`,
  GSI1SK: `ITEM#${seg(itemId, 'itemId')}`,
});
/** Unread count of one inbox, changed by ADD in the same transaction as the items it counts. */
export const inboxCounterKey = (owner: InboxOwnerKey): ItemKey => ({ PK: inboxPk(owner), SK: 'COUNTER' });
/** GSI1 of a contact's unread counter: its portal identity's counters, one per firm. */
export const inboxCounterByIdentityKey = (identityId: string, firmId: string) => ({
  GSI1PK: `${identityPk(identityId)}#INBOXCOUNT`,
  GSI1SK: `FIRM#${seg(firmId, 'firmId')}`,
});
/** Exactly-once record of one event × recipient × channel (TTL). */
export const deliveryKey = (
  firmId: string,
  eventId: string,
  recipient: string,
  channel: string,
): ItemKey => ({
  PK: `${firmPk(firmId)}#EVENT#${seg(eventId, 'eventId')}`,
  SK: `DELIVERY#${seg(recipient, 'recipient')}#${seg(channel, 'channel')}`,
});
/** A staff user's own notification preferences (one item, saved whole). */
export const staffPreferencesKey = (firmId: string, userId: string): ItemKey => ({
  PK: firmPk(firmId),
  SK: `PREFS#STAFF#${seg(userId, 'userId')}`,
});
/**
 * A firm's own text of one notification template × locale × channel. Its own partition, so the
 * notify function reads every override of a firm with one Query (once per event).
 */
export const templateOverrideKey = (
  firmId: string,
  templateId: string,
  locale: string,
  channel: string,
): ItemKey => ({
  PK: `${firmPk(firmId)}#TEMPLATES`,
  SK: `TEMPLATE#${seg(templateId, 'templateId')}#${seg(locale, 'locale')}#${seg(channel, 'channel')}`,
});
/** A portal identity's own notification preferences, across the firms it is a contact of. */
export const identityPreferencesKey = (identityId: string): ItemKey => ({
  PK: identityPk(identityId),
  SK: 'PREFS',
});
/** A staff user's web push subscription (one per browser endpoint), in the user's own partition. */
export const staffPushSubscriptionKey = (
  firmId: string,
  userId: string,
  subscriptionId: string,
): ItemKey => ({
  PK: staffPushPk(firmId, userId),
  SK: `PUSHSUB#${seg(subscriptionId, 'subscriptionId')}`,
});
/** A portal identity's web push subscription, across the firms it is a contact of. */
export const identityPushSubscriptionKey = (identityId: string, subscriptionId: string): ItemKey => ({
  PK: identityPk(identityId),
  SK: `PUSHSUB#${seg(subscriptionId, 'subscriptionId')}`,
});
/**
 * The deployment's VAPID key pair: one per table, not per firm, because a browser subscribes with
 * one application server key and a portal identity spans firms.
 */
/**
 * What SES told us of one mail address (hard bounce, complaint). Not per firm: SES reports an
 * address, and one address may be a contact of several firms and a staff user too. Hex-encoded
 * like the contact email claim, so any address fits a key; BatchGet by the recipients' addresses.
 */
export const mailAddressKey = (email: string): ItemKey => ({
  PK: `ADDRESS#${Buffer.from(wellFormed(email, 'email'), 'utf8').toString('hex')}`,
  SK: 'MAIL',
});
/** A delivery record of a case's event, listed by case newest first (GSI2; event ids are ULIDs, so time-ordered). */
export const deliveryByCaseKey = (
  firmId: string,
  caseId: string,
  eventId: string,
  recipient: string,
  channel: string,
) => ({
  GSI2PK: `${casePk(firmId, caseId)}#DELIVERIES`,
  GSI2SK: `DELIVERY#${seg(eventId, 'eventId')}#${seg(recipient, 'recipient')}#${seg(channel, 'channel')}`,
});
// ── chat threads and client tasks (issue 6) ──
/** A chat thread of a case (counts, participants). Newest first by ULID. */
export const threadKey = (firmId: string, caseId: string, threadId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `THREAD#${seg(threadId, 'threadId')}`,
});
/**
 * GSI2 of a thread with tasks: its partition moves between OPEN and DONE as its counts change, so
 * each task filter is one Query. A thread without tasks has no GSI2 attributes.
 */
export const threadByTaskStateKey = (
  firmId: string,
  caseId: string,
  state: Exclude<ThreadTaskState, 'none'>,
  threadId: string,
) => ({
  GSI2PK: threadStatePk(firmId, caseId, state),
  GSI2SK: `THREAD#${seg(threadId, 'threadId')}`,
});
/** A contact's membership of a thread (the portal's "chats & tasks" of a case). */
export const threadMemberKey = (
  firmId: string,
  caseId: string,
  contactId: string,
  threadId: string,
): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `THREADMEMBER#${seg(contactId, 'contactId')}#${seg(threadId, 'threadId')}`,
});
/** A message of a thread, oldest first by ULID. */
export const messageKey = (firmId: string, caseId: string, threadId: string, messageId: string): ItemKey => ({
  PK: threadPk(firmId, caseId, threadId),
  SK: `MSG#${seg(messageId, 'messageId')}`,
});
/** A client task of a thread; its order is its fractional `position` attribute, not its key. */
export const taskKey = (firmId: string, caseId: string, threadId: string, taskId: string): ItemKey => ({
  PK: threadPk(firmId, caseId, threadId),
  SK: `TASK#${seg(taskId, 'taskId')}`,
});
/** The automatic reminder schedule of a thread. */
export const reminderKey = (firmId: string, caseId: string, threadId: string): ItemKey => ({
  PK: threadPk(firmId, caseId, threadId),
  SK: 'REMINDER',
});
/** GSI2 of a reminder while one is due: sorted by due time, so the scheduler reads only what is due. */
export const reminderByDueKey = (shard: number, dueAt: string, threadId: string) => ({
  GSI2PK: `REMINDERS#DUE#${reminderShard(shard)}`,
  GSI2SK: `DUE#${stamp(dueAt, 'dueAt')}#${seg(threadId, 'threadId')}`,
});
// ── digests of emails (issue 7) ──
/** Points at a recipient's latest digest window of a category (open, or already closed: then a new one opens). */
export const digestLatestKey = (firmId: string, recipient: string, category: string): ItemKey => ({
  PK: digestPk(firmId, recipient, category),
  SK: 'LATEST',
});
/** One digest window (one email): status, due time, entry count, the recipient's address. */
export const digestWindowKey = (
  firmId: string,
  recipient: string,
  category: string,
  windowId: string,
): ItemKey => ({
  PK: digestPk(firmId, recipient, category),
  SK: `WINDOW#${seg(windowId, 'windowId')}`,
});
/** One message batched into a window, oldest first by event ULID. */
export const digestEntryKey = (
  firmId: string,
  recipient: string,
  category: string,
  windowId: string,
  eventId: string,
) => ({
  PK: digestPk(firmId, recipient, category),
  SK: `ENTRY#${seg(windowId, 'windowId')}#${seg(eventId, 'eventId')}`,
});
/** Which window an event's email went into: makes adding it idempotent whatever window is open now. */
export const digestEventKey = (
  firmId: string,
  recipient: string,
  category: string,
  eventId: string,
): ItemKey => ({
  PK: digestPk(firmId, recipient, category),
  SK: `EVENT#${seg(eventId, 'eventId')}`,
});
/** GSI2 of a window until it is sent: sorted by due time, so the digest run reads only what is due. */
export const digestByDueKey = (shard: number, dueAt: string, windowId: string) => ({
  GSI2PK: `DIGESTS#DUE#${shardSegment(shard, DIGEST_SHARDS, 'digest')}`,
  GSI2SK: `DUE#${stamp(dueAt, 'dueAt')}#${seg(windowId, 'windowId')}`,
});
/** A case's activity entry (its event); firm-level events live in the firm's own trail. */
export const activityKey = (firmId: string, caseId: string | undefined, eventId: string): ItemKey => ({
  PK: caseId !== undefined ? casePk(firmId, caseId) : `${firmPk(firmId)}#TRAIL`,
  SK: `ACTIVITY#${seg(eventId, 'eventId')}`,
});

// ── discussions, file requests, document versions (issue 5) ──
/** A discussion of a case; the contacts it is shared with are a list on the item. */
export const discussionKey = (firmId: string, caseId: string, discussionId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `DISCUSSION#${seg(discussionId, 'discussionId')}`,
});
/** A comment on a discussion, ordered by its ULID (oldest first). */
export const commentKey = (
  firmId: string,
  caseId: string,
  discussionId: string,
  commentId: string,
): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `COMMENT#${seg(discussionId, 'discussionId')}#${seg(commentId, 'commentId')}`,
});
/** A file request of a case; its recipients, status and history are on the item. */
export const fileRequestKey = (firmId: string, caseId: string, requestId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `FILEREQ#${seg(requestId, 'requestId')}`,
});
/** The automatic reminder schedule of a file request (`FRREMINDER#`: outside the `FILEREQ#` list). */
export const fileRequestReminderKey = (firmId: string, caseId: string, requestId: string): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `FRREMINDER#${seg(requestId, 'requestId')}`,
});
/** GSI2 of a file request's reminder while one is due: the same due index as threads' reminders. */
export const fileRequestReminderByDueKey = (shard: number, dueAt: string, requestId: string) => ({
  GSI2PK: `REMINDERS#DUE#${reminderShard(shard)}`,
  GSI2SK: `DUE#${stamp(dueAt, 'dueAt')}#${seg(requestId, 'requestId')}`,
});
/**
 * One version of a document (`DOC#<id>` holds the current one). The number is zero-padded so the
 * sort key orders versions; `DOCVER#` does not share the `DOC#` prefix of the document list.
 */
export const documentVersionKey = (
  firmId: string,
  caseId: string,
  documentId: string,
  version: number,
): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `DOCVER#${seg(documentId, 'documentId')}#${versionSegment(version)}`,
});

// ── document paths and notify-client flags (issue 7) ──
/** A recurring task of the firm (the integration's id), with its notify-client flag. */
export const recurringTaskKey = (firmId: string, recurringTaskId: string): ItemKey => ({
  PK: firmPk(firmId),
  SK: `RECURRINGTASK#${seg(recurringTaskId, 'recurringTaskId')}`,
});
/**
 * The process path's publication of one document version for one recurring task: written once,
 * with its `document.published` event, so a retried publish emits nothing twice.
 */
export const publicationKey = (
  firmId: string,
  caseId: string,
  documentId: string,
  version: number,
  recurringTaskId: string,
): ItemKey => ({
  PK: casePk(firmId, caseId),
  SK: `PUBLISHED#${seg(documentId, 'documentId')}#${versionSegment(version)}#${seg(recurringTaskId, 'recurringTaskId')}`,
});
/**
 * Dedupe marker: which event told a recipient on a channel of one piece of news (a document
 * version). The dedupe key is hex-encoded, so any key a policy names fits (TTL).
 */
export const notifiedKey = (
  firmId: string,
  dedupeKey: string,
  recipient: string,
  channel: string,
): ItemKey => ({
  PK: `${firmPk(firmId)}#NOTIFIED#${Buffer.from(wellFormed(dedupeKey, 'dedupe key'), 'utf8').toString('hex')}`,
  SK: `${seg(recipient, 'recipient')}#${seg(channel, 'channel')}`,
});
/** A firm's request-list template, under the firm's own id for it. */
export const fileRequestTemplateKey = (firmId: string, templateId: string): ItemKey => ({
  PK: firmPk(firmId),
  SK: `FRTEMPLATE#${seg(templateId, 'templateId')}`,
});
// ══ Whole partitions (`…Partition`) ══
// For work that must read every item in them whatever its entity (an erasure, decision 0042).

/** A case's own partition: its grants, invitations, documents, versions, shares, activity, threads' heads… */
export const casePartition = (firmId: string, caseId: string): string => casePk(firmId, caseId);
/** A chat thread's partition: its messages, tasks and reminder schedule. */
export const threadPartition = (firmId: string, caseId: string, threadId: string): string =>
  threadPk(firmId, caseId, threadId);

/** Versions 1..9999, as four digits (the sort key's order is the number's). */
function versionSegment(version: number): string {
  if (!Number.isInteger(version) || version < 1 || version > 9999)
    throw new KeySegmentError(`invalid document version for a key: ${version}`);
  return String(version).padStart(4, '0');
}

/** A Query: partition key value and an SK prefix. */
export interface QuerySpec {
  /** Names the pattern; cursors are bound to it so a token cannot be replayed on another query. */
  name: string;
  index?: IndexName;
  pk: string;
  skPrefix: string;
  /** false = newest first (ULID sort keys). */
  forward: boolean;
}

/** One exact key of a GSI: a reverse lookup that finds an item (or none) without knowing its table key. */
export interface IndexKey {
  index: IndexName;
  pk: string;
  sk: string;
}

// ══ Lookups (`…Lookup`): one exact GSI key ══

/** The grant of a portal identity on one case (GSI1; the grant item itself decides). */
export const grantOfIdentityLookup = (identityId: string, caseId: string): IndexKey => {
  const k = grantByIdentityKey(identityId, caseId);
  return { index: 'GSI1', pk: k.GSI1PK, sk: k.GSI1SK };
};
/** One inbox item of a portal identity, whichever firm's inbox holds it (GSI1). */
export const inboxItemOfIdentityLookup = (identityId: string, itemId: string): IndexKey => {
  const k = inboxItemByIdentityKey(identityId, itemId);
  return { index: 'GSI1', pk: k.GSI1PK, sk: k.GSI1SK };
};

// ══ Access patterns (`…Pattern`): one Query each ══

/** Cases of a firm, newest first. */
export const casesOfFirmPattern = (firmId: string): QuerySpec => ({
  name: 'casesOfFirm',
  pk: firmPk(firmId),
  skPrefix: 'CASE#',
  forward: false,
});
/**
 * Cases of a firm in one status whose searchable title starts with `titlePrefix` ('' for all),
 * by title (GSI1).
 */
export const casesByStatusPattern = (firmId: string, status: CaseStatus, titlePrefix: string): QuerySpec => ({
  name: 'casesByStatus',
  index: 'GSI1',
  pk: casesByStatusPk(firmId, status),
  skPrefix: titlePrefix === '' ? 'TITLE#' : titleSegment(titlePrefix),
  forward: true,
});
/** Cases of one owner, open ones first (or only one status), newest first (GSI2). */
export const casesOfOwnerPattern = (firmId: string, ownerId: string, status?: CaseStatus): QuerySpec => ({
  name: 'casesOfOwner',
  index: 'GSI2',
  pk: casesByOwnerPk(firmId, ownerId),
  skPrefix: status ? `CASE#${statusSegment(status)}#` : 'CASE#',
  forward: false,
});
/** Staff users of a firm, by user id (a Cognito `sub`, or a seeded ULID). */
export const staffOfFirmPattern = (firmId: string): QuerySpec => ({
  name: 'staffOfFirm',
  pk: firmPk(firmId),
  skPrefix: 'STAFF#',
  forward: true,
});
/** Contacts of a firm, oldest first. */
export const contactsOfFirmPattern = (firmId: string): QuerySpec => ({
  name: 'contactsOfFirm',
  pk: firmPk(firmId),
  skPrefix: 'CONTACT#',
  forward: true,
});
/** Access list of a case (grants), by contact id. */
export const grantsOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'grantsOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'GRANT#',
  forward: true,
});
/** The cases a portal identity was granted, across firms (GSI1). */
export const grantsOfIdentityPattern = (identityId: string): QuerySpec => ({
  name: 'grantsOfIdentity',
  index: 'GSI1',
  pk: identityPk(identityId),
  skPrefix: 'CASE#',
  forward: false,
});
/** Upload intents of a case, oldest first (a revoke finds its contact's pending ones here). */
export const uploadIntentsOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'uploadIntentsOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'UPLOAD#',
  forward: true,
});
/** Every grant of one contact in its firm (GSI2): binding an identity updates them all. */
export const grantsOfContactPattern = (firmId: string, contactId: string): QuerySpec => ({
  name: 'grantsOfContact',
  index: 'GSI2',
  pk: `${firmPk(firmId)}#CONTACT#${seg(contactId, 'contactId')}`,
  skPrefix: 'GRANT#',
  forward: true,
});
/** Documents of a case, newest `createdAt` first (GSI1). */
export const documentsOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'documentsOfCase',
  index: 'GSI1',
  pk: casePk(firmId, caseId),
  skPrefix: 'DOC#',
  forward: false,
});
/** Documents of a case from one source (`firm` | `client`), newest `createdAt` first (GSI2). */
export const documentsOfCaseBySourcePattern = (
  firmId: string,
  caseId: string,
  source: string,
): QuerySpec => ({
  name: 'documentsOfCaseBySource',
  index: 'GSI2',
  pk: `${casePk(firmId, caseId)}#DOCS#${seg(source, 'source')}`,
  skPrefix: 'DOC#',
  forward: false,
});
/** The trash of a case: trashed documents, newest deletion first (GSI1). */
export const trashOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'trashOfCase',
  index: 'GSI1',
  pk: `${casePk(firmId, caseId)}#TRASH`,
  skPrefix: 'DOC#',
  forward: false,
});
/** Process-path publications of one document, every version (the purge deletes them). */
export const publicationsOfDocumentPattern = (
  firmId: string,
  caseId: string,
  documentId: string,
): QuerySpec => ({
  name: 'publicationsOfDocument',
  pk: casePk(firmId, caseId),
  skPrefix: `PUBLISHED#${seg(documentId, 'documentId')}#`,
  forward: true,
});
/** Every share of a case (search filters these); by document then contact. */
export const sharesOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'sharesOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'SHARE#',
  forward: true,
});
/** The contacts one document is shared with (consistent: main table). */
export const sharesOfDocumentPattern = (firmId: string, caseId: string, documentId: string): QuerySpec => ({
  name: 'sharesOfDocument',
  pk: casePk(firmId, caseId),
  skPrefix: `SHARE#${seg(documentId, 'documentId')}#`,
  forward: true,
});
/** The documents shared with one contact in a case, newest document `createdAt` first (GSI1). */
export const sharesOfContactPattern = (firmId: string, caseId: string, contactId: string): QuerySpec => ({
  name: 'sharesOfContact',
  index: 'GSI1',
  pk: `${casePk(firmId, caseId)}#SHARED#${seg(contactId, 'contactId')}`,
  skPrefix: 'DOC#',
  forward: false,
});
/** One inbox, newest first. */
export const inboxOfPattern = (owner: InboxOwnerKey): QuerySpec => ({
  name: 'inboxOf',
  pk: inboxPk(owner),
  skPrefix: 'ITEM#',
  forward: false,
});
/** A portal identity's inbox items across firms, newest first (GSI1). */
export const inboxOfIdentityPattern = (identityId: string): QuerySpec => ({
  name: 'inboxOfIdentity',
  index: 'GSI1',
  pk: `${identityPk(identityId)}#INBOX`,
  skPrefix: 'ITEM#',
  forward: false,
});
/** A portal identity's unread counters, one per firm (GSI1). */
export const inboxCountersOfIdentityPattern = (identityId: string): QuerySpec => ({
  name: 'inboxCountersOfIdentity',
  index: 'GSI1',
  pk: `${identityPk(identityId)}#INBOXCOUNT`,
  skPrefix: 'FIRM#',
  forward: true,
});
/** A staff user's web push subscriptions (ids are endpoint hashes: no order to speak of). */
export const pushSubscriptionsOfStaffPattern = (firmId: string, userId: string): QuerySpec => ({
  name: 'pushSubscriptionsOfStaff',
  pk: staffPushPk(firmId, userId),
  skPrefix: 'PUSHSUB#',
  forward: true,
});
/** A portal identity's web push subscriptions. */
export const pushSubscriptionsOfIdentityPattern = (identityId: string): QuerySpec => ({
  name: 'pushSubscriptionsOfIdentity',
  pk: identityPk(identityId),
  skPrefix: 'PUSHSUB#',
  forward: true,
});
/** Every template override of a firm (a bounded set: templates × locales × channels). */
export const templateOverridesOfFirmPattern = (firmId: string): QuerySpec => ({
  name: 'templateOverridesOfFirm',
  pk: `${firmPk(firmId)}#TEMPLATES`,
  skPrefix: 'TEMPLATE#',
  forward: true,
});
/** The delivery records of one event (who was told what, how). */
export const deliveriesOfEventPattern = (firmId: string, eventId: string): QuerySpec => ({
  name: 'deliveriesOfEvent',
  pk: `${firmPk(firmId)}#EVENT#${seg(eventId, 'eventId')}`,
  skPrefix: 'DELIVERY#',
  forward: true,
});
/** The delivery records of a case's events, newest event first (GSI2). */
export const deliveriesOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'deliveriesOfCase',
  index: 'GSI2',
  pk: `${casePk(firmId, caseId)}#DELIVERIES`,
  skPrefix: 'DELIVERY#',
  forward: false,
});
// ── chat threads and client tasks (issue 6) ──
/** Every thread of a case, newest first (the `all` filter). */
export const threadsOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'threadsOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'THREAD#',
  forward: false,
});
/** Threads of a case with open tasks (`incomplete`) or with every task done (`completed`), newest first (GSI2). */
export const threadsOfCaseByTaskStatePattern = (
  firmId: string,
  caseId: string,
  state: Exclude<ThreadTaskState, 'none'>,
): QuerySpec => ({
  name: 'threadsOfCaseByTaskState',
  index: 'GSI2',
  pk: threadStatePk(firmId, caseId, state),
  skPrefix: 'THREAD#',
  forward: false,
});
/** The threads one contact takes part in, in a case, newest first. */
export const threadsOfMemberPattern = (firmId: string, caseId: string, contactId: string): QuerySpec => ({
  name: 'threadsOfMember',
  pk: casePk(firmId, caseId),
  skPrefix: `THREADMEMBER#${seg(contactId, 'contactId')}#`,
  forward: false,
});
/** Messages of a thread, oldest first. */
export const messagesOfThreadPattern = (firmId: string, caseId: string, threadId: string): QuerySpec => ({
  name: 'messagesOfThread',
  pk: threadPk(firmId, caseId, threadId),
  skPrefix: 'MSG#',
  forward: true,
});
/** Every task of a thread (a bounded list, read consistently; ordered by position in the domain). */
export const tasksOfThreadPattern = (firmId: string, caseId: string, threadId: string): QuerySpec => ({
  name: 'tasksOfThread',
  pk: threadPk(firmId, caseId, threadId),
  skPrefix: 'TASK#',
  forward: true,
});
/** The activity trail of a case, newest first. */
export const activityOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'activityOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'ACTIVITY#',
  forward: false,
});

// ── discussions, file requests, document versions (issue 5) ──
/** Discussions of a case, newest first. */
export const discussionsOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'discussionsOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'DISCUSSION#',
  forward: false,
});
/** Comments of one discussion, oldest first. */
export const commentsOfDiscussionPattern = (
  firmId: string,
  caseId: string,
  discussionId: string,
): QuerySpec => ({
  name: 'commentsOfDiscussion',
  pk: casePk(firmId, caseId),
  skPrefix: `COMMENT#${seg(discussionId, 'discussionId')}#`,
  forward: true,
});
/** File requests of a case, newest first (status and recipient filters ride on this query). */
export const fileRequestsOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'fileRequestsOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'FILEREQ#',
  forward: false,
});
/** The entries of one digest window, oldest first (read consistently by the digest run). */
export const entriesOfDigestPattern = (
  firmId: string,
  recipient: string,
  category: string,
  windowId: string,
): QuerySpec => ({
  name: 'entriesOfDigest',
  pk: digestPk(firmId, recipient, category),
  skPrefix: `ENTRY#${seg(windowId, 'windowId')}#`,
  forward: true,
});
/** Versions of one document, newest first. */
export const versionsOfDocumentPattern = (firmId: string, caseId: string, documentId: string): QuerySpec => ({
  name: 'versionsOfDocument',
  pk: casePk(firmId, caseId),
  skPrefix: `DOCVER#${seg(documentId, 'documentId')}#`,
  forward: false,
});
// ── contacts' export and erasure (decision 0042) ──
/** Documents of a case by id, trashed ones included (main table: an export or erasure reads them all). */
export const documentItemsOfCasePattern = (firmId: string, caseId: string): QuerySpec => ({
  name: 'documentItemsOfCase',
  pk: casePk(firmId, caseId),
  skPrefix: 'DOC#',
  forward: true,
});
/** The firm-level activity trail (contacts created, removed, erased; recurring tasks deleted). */
export const firmTrailPattern = (firmId: string): QuerySpec => ({
  name: 'firmTrail',
  pk: `${firmPk(firmId)}#TRAIL`,
  skPrefix: 'ACTIVITY#',
  forward: true,
});
// ── document paths and notify-client flags (issue 7) ──
/** Recurring tasks of a firm, by id. */
export const recurringTasksOfFirmPattern = (firmId: string): QuerySpec => ({
  name: 'recurringTasksOfFirm',
  pk: firmPk(firmId),
  skPrefix: 'RECURRINGTASK#',
  forward: true,
});
/** A firm's request-list templates, by id. */
export const fileRequestTemplatesOfFirmPattern = (firmId: string): QuerySpec => ({
  name: 'fileRequestTemplatesOfFirm',
  pk: firmPk(firmId),
  skPrefix: 'FRTEMPLATE#',
  forward: true,
});

/** `0`…`REMINDER_SHARDS-1`; anything else names no partition. */
function reminderShard(shard: number): string {
  if (!Number.isInteger(shard) || shard < 0 || shard >= REMINDER_SHARDS)
    throw new KeySegmentError(`invalid reminder shard: ${shard}`);
  return String(shard);
}

/**
 * Due reminders of one shard up to `dueBy` (GSI2, oldest due first). A range, not a prefix: the
 * reminder store queries it with `GSI2SK <= :upper`.
 */
export const dueRemindersOf = (shard: number, dueBy: string) => ({
  index: 'GSI2' as const,
  pk: `REMINDERS#DUE#${reminderShard(shard)}`,
  skFrom: 'DUE#',
  // '$' sorts right after '#': every slot due at or before `dueBy` is included.
  skTo: `DUE#${stamp(dueBy, 'dueBy')}$`,
});

/** `0`…`shards-1`; anything else names no partition. */
function shardSegment(shard: number, shards: number, what: string): string {
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards)
    throw new KeySegmentError(`invalid ${what} shard: ${shard}`);
  return String(shard);
}

/** Due digest windows of one shard up to `dueBy` (GSI2, oldest due first): a range, like `dueRemindersOf`. */
export const dueDigestsOf = (shard: number, dueBy: string) => ({
  index: 'GSI2' as const,
  pk: `DIGESTS#DUE#${shardSegment(shard, DIGEST_SHARDS, 'digest')}`,
  skFrom: 'DUE#',
  skTo: `DUE#${stamp(dueBy, 'dueBy')}$`,
});

/** Trashed documents due to be purged by `dueBy` (GSI2, oldest due first): a range, like `dueRemindersOf`. */
export const duePurgesOf = (dueBy: string) => ({
  index: 'GSI2' as const,
  pk: 'TRASH#PURGE',
  skFrom: 'DUE#',
  skTo: `DUE#${stamp(dueBy, 'dueBy')}$`,
});

// ── the live channel (issue 19, decision 0045) ──

/** Whose open WebSocket connection: a staff user of a firm, or a portal identity (across its firms). */
export type LiveOwnerKey =
  | { kind: 'staff'; firmId: string; userId: string }
  | { kind: 'contact'; identityId: string };

/**
 * API Gateway connection ids carry `=` and other characters a key segment refuses: hex keeps any id
 * (and only that id) addressable.
 */
const connectionSegment = (connectionId: string) => {
  if (connectionId.length === 0 || connectionId.length > 128)
    throw new KeySegmentError(`invalid connectionId for a key: ${JSON.stringify(connectionId)}`);
  return Buffer.from(connectionId, 'utf8').toString('hex');
};
const liveStaffPk = (firmId: string) => `${firmPk(firmId)}#LIVE#STAFF`;
const liveIdentityPk = (identityId: string) => `${identityPk(identityId)}#LIVE`;

/**
 * One open connection, by its id alone: `$disconnect` and a 410 know nothing else. Not under a
 * firm: a portal identity's connection spans its firms (as its inbox does); GSI1 finds a person's.
 */
export const liveConnectionKey = (connectionId: string): ItemKey => ({
  PK: `LIVE#${connectionSegment(connectionId)}`,
  SK: 'CONNECTION',
});
/** GSI1 of a connection: its person's open connections (a staff user's in its firm, or a portal identity's). */
export const liveConnectionByOwnerKey = (owner: LiveOwnerKey, connectionId: string) =>
  owner.kind === 'staff'
    ? {
        GSI1PK: liveStaffPk(owner.firmId),
        GSI1SK: `S#${seg(owner.userId, 'userId')}#${connectionSegment(connectionId)}`,
      }
    : { GSI1PK: liveIdentityPk(owner.identityId), GSI1SK: `C#${connectionSegment(connectionId)}` };
/** A single-use connect ticket, by the SHA-256 of its value (the value itself is never stored). */
export const liveTicketKey = (ticketHash: string): ItemKey => ({
  PK: `LIVETICKET#${seg(ticketHash, 'ticket hash')}`,
  SK: 'TICKET',
});

/** One person's open connections (GSI1): a staff user's in its firm, or a portal identity's. */
export const liveConnectionsOfPattern = (owner: LiveOwnerKey): QuerySpec =>
  owner.kind === 'staff'
    ? {
        name: 'liveConnectionsOfStaff',
        index: 'GSI1',
        pk: liveStaffPk(owner.firmId),
        skPrefix: `S#${seg(owner.userId, 'userId')}#`,
        forward: true,
      }
    : {
        name: 'liveConnectionsOfIdentity',
        index: 'GSI1',
        pk: liveIdentityPk(owner.identityId),
        skPrefix: 'C#',
        forward: true,
      };
/** Every open staff connection of a firm (GSI1): who hears of a chat message or a task change. */
export const liveStaffConnectionsOfFirmPattern = (firmId: string): QuerySpec => ({
  name: 'liveStaffConnectionsOfFirm',
  index: 'GSI1',
  pk: liveStaffPk(firmId),
  skPrefix: 'S#',
  forward: true,
});

/** The portal identity of a contact's inbox item or counter, from its GSI1 key (absent: not a contact's). */
export function identityOfInboxIndex(gsi1pk: unknown): string | undefined {
  const m = typeof gsi1pk === 'string' ? /^IDENTITY#([^#]+)#INBOX(COUNT)?$/.exec(gsi1pk) : null;
  return m?.[1];
}
