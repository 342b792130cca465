import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as keyModule from '../../functions/store/keys';
import {
  activityKey,
  activityOfCasePattern,
  caseByOwnerKey,
  caseByStatusAndTitleKey,
  caseKey,
  casesByStatusPattern,
  casesOfFirmPattern,
  casesOfOwnerPattern,
  commentKey,
  commentsOfDiscussionPattern,
  contactEmailKey,
  contactKey,
  contactsOfFirmPattern,
  DIGEST_SHARDS,
  deliveriesOfCasePattern,
  deliveriesOfEventPattern,
  deliveryByCaseKey,
  deliveryKey,
  digestByDueKey,
  digestEntryKey,
  digestEventKey,
  digestLatestKey,
  digestWindowKey,
  discussionKey,
  discussionsOfCasePattern,
  documentBySourceKey,
  documentByTimeKey,
  documentInTrashKey,
  documentItemsOfCasePattern,
  documentKey,
  documentPurgeDueKey,
  documentsOfCaseBySourcePattern,
  documentsOfCasePattern,
  documentVersionKey,
  dueDigestsOf,
  duePurgesOf,
  dueRemindersOf,
  entriesOfDigestPattern,
  fileRequestKey,
  fileRequestReminderByDueKey,
  fileRequestReminderKey,
  fileRequestsOfCasePattern,
  fileRequestTemplateKey,
  fileRequestTemplatesOfFirmPattern,
  firmKey,
  firmTrailPattern,
  grantByContactKey,
  grantByIdentityKey,
  grantKey,
  grantsOfCasePattern,
  grantsOfContactPattern,
  grantsOfIdentityPattern,
  identityPreferencesKey,
  identityPushSubscriptionKey,
  inboxCounterByIdentityKey,
  inboxCounterKey,
  inboxCountersOfIdentityPattern,
  inboxItemByIdentityKey,
  inboxItemKey,
  inboxOfIdentityPattern,
  inboxOfPattern,
  invitationKey,
  KeySegmentError,
  mailAddressKey,
  messageKey,
  messagesOfThreadPattern,
  notifiedKey,
  publicationKey,
  publicationsOfDocumentPattern,
  pushSubscriptionsOfIdentityPattern,
  pushSubscriptionsOfStaffPattern,
  type QuerySpec,
  REMINDER_SHARDS,
  recipientsKey,
  recurringTaskKey,
  recurringTasksOfFirmPattern,
  reminderByDueKey,
  reminderKey,
  seg,
  shareByContactKey,
  shareKey,
  sharesOfCasePattern,
  sharesOfContactPattern,
  sharesOfDocumentPattern,
  staffKey,
  staffOfFirmPattern,
  staffPreferencesKey,
  staffPushSubscriptionKey,
  taskKey,
  tasksOfThreadPattern,
  templateOverrideKey,
  templateOverridesOfFirmPattern,
  threadByTaskStateKey,
  threadKey,
  threadMemberKey,
  threadsOfCaseByTaskStatePattern,
  threadsOfCasePattern,
  threadsOfMemberPattern,
  trashOfCasePattern,
  uploadIntentKey,
  uploadIntentsOfCasePattern,
  uploadRejectionKey,
  versionsOfDocumentPattern,
} from '../../functions/store/keys';

const ALLOWED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.@+-';
const isAllowed = (ch: string) => ALLOWED.includes(ch);

/** A valid key segment: characters of the allowed set. */
const segment = fc.string({ unit: fc.constantFrom(...ALLOWED), minLength: 1, maxLength: 30 });
/** Any single code point outside the allowed set (the separator `#` among them, often). */
const forbiddenChar = fc.oneof(
  fc.constantFrom('#', ' ', '\n', '\u0000', '/', '|', ':', 'é', 'ａ', '\uD800'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !isAllowed(c)),
);
/** Arbitrary unicode text around at least one forbidden character. */
const invalidSegment = fc
  .tuple(fc.string({ unit: 'binary' }), forbiddenChar, fc.string({ unit: 'binary' }))
  .map(([a, bad, b]) => `${a}${bad}${b}`);

/** One value per kind of key segment. `email` is free text: the key hex-encodes it. */
const valuesArb = fc.record({
  firm: segment,
  user: segment,
  contact: segment,
  email: fc.string({ unit: 'binary' }),
  case: segment,
  doc: segment,
  identity: segment,
  item: segment,
  event: segment,
  recipient: segment,
  channel: segment,
  source: segment,
  upload: segment,
  hash: segment,
  thread: segment,
  message: segment,
  task: segment,
  discussion: segment,
  comment: segment,
  request: segment,
  recurringTask: segment,
  /** A notify dedupe key is free text: the key hex-encodes it. */
  dedupe: fc.string({ unit: 'binary' }),
  subscription: segment,
  category: segment,
  window: segment,
  template: segment,
  locale: segment,
});
/** The time in keys that sort by time (documents by createdAt); their order is tested on its own. */
const AT = '2026-11-23T10:00:00.000Z';
type Values = typeof valuesArb extends fc.Arbitrary<infer V> ? V : never;
type Field = keyof Values;

type Index = 'table' | 'GSI1' | 'GSI2';
/** A key as stored in one index of the table. */
interface Placed {
  index: Index;
  pk: string;
  sk: string;
}

interface Builder {
  /** The key builder's name in `keys`, with a `:variant` when it is exercised in several ways. */
  label: string;
  /** Segments the key is made of. */
  uses: Field[];
  build: (v: Values) => Placed;
}

const main = (k: { PK: string; SK: string }): Placed => ({ index: 'table', pk: k.PK, sk: k.SK });
const gsi1 = (k: { GSI1PK: string; GSI1SK: string }): Placed => ({
  index: 'GSI1',
  pk: k.GSI1PK,
  sk: k.GSI1SK,
});
const gsi2 = (k: { GSI2PK: string; GSI2SK: string }): Placed => ({
  index: 'GSI2',
  pk: k.GSI2PK,
  sk: k.GSI2SK,
});

/** Keys that belong to one firm: their partition starts with FIRM#<firmId>. */
const firmScoped: Builder[] = [
  { label: 'firm', uses: ['firm'], build: (v) => main(firmKey(v.firm)) },
  { label: 'staff', uses: ['firm', 'user'], build: (v) => main(staffKey(v.firm, v.user)) },
  { label: 'contact', uses: ['firm', 'contact'], build: (v) => main(contactKey(v.firm, v.contact)) },
  { label: 'contactEmail', uses: ['firm'], build: (v) => main(contactEmailKey(v.firm, v.email)) },
  { label: 'case', uses: ['firm', 'case'], build: (v) => main(caseKey(v.firm, v.case)) },
  // The searchable title is free text (hex-encoded in the key): the email's arbitrary text stands in.
  ...(['open', 'closed'] as const).flatMap((status): Builder[] => [
    {
      label: `caseByStatusAndTitle:${status}`,
      uses: ['firm', 'case'],
      build: (v) => gsi1(caseByStatusAndTitleKey(v.firm, status, v.email, v.case)),
    },
    {
      label: `caseByOwner:${status}`,
      uses: ['firm', 'user', 'case'],
      build: (v) => gsi2(caseByOwnerKey(v.firm, v.user, status, v.case)),
    },
  ]),
  {
    label: 'grant',
    uses: ['firm', 'case', 'contact'],
    build: (v) => main(grantKey(v.firm, v.case, v.contact)),
  },
  {
    label: 'grantByContact',
    uses: ['firm', 'contact', 'case'],
    build: (v) => gsi2(grantByContactKey(v.firm, v.contact, v.case)),
  },
  {
    label: 'invitation',
    uses: ['firm', 'case', 'contact'],
    build: (v) => main(invitationKey(v.firm, v.case, v.contact)),
  },
  {
    label: 'document',
    uses: ['firm', 'case', 'doc'],
    build: (v) => main(documentKey(v.firm, v.case, v.doc)),
  },
  {
    label: 'documentByTime',
    uses: ['firm', 'case', 'doc'],
    build: (v) => gsi1(documentByTimeKey(v.firm, v.case, AT, v.doc)),
  },
  {
    label: 'documentBySource',
    uses: ['firm', 'case', 'source', 'doc'],
    build: (v) => gsi2(documentBySourceKey(v.firm, v.case, v.source, AT, v.doc)),
  },
  {
    label: 'documentInTrash',
    uses: ['firm', 'case', 'doc'],
    build: (v) => gsi1(documentInTrashKey(v.firm, v.case, AT, v.doc)),
  },
  {
    label: 'share',
    uses: ['firm', 'case', 'doc', 'contact'],
    build: (v) => main(shareKey(v.firm, v.case, v.doc, v.contact)),
  },
  {
    label: 'shareByContact',
    uses: ['firm', 'case', 'contact', 'doc'],
    build: (v) => gsi1(shareByContactKey(v.firm, v.case, v.contact, AT, v.doc)),
  },
  {
    label: 'uploadIntent',
    uses: ['firm', 'case', 'upload'],
    build: (v) => main(uploadIntentKey(v.firm, v.case, v.upload)),
  },
  {
    label: 'uploadRejection',
    uses: ['firm', 'hash'],
    build: (v) => main(uploadRejectionKey(v.firm, v.hash)),
  },
  { label: 'recipients', uses: ['firm', 'case'], build: (v) => main(recipientsKey(v.firm, v.case)) },
  {
    label: 'inboxItem:staff',
    uses: ['firm', 'user', 'item'],
    build: (v) => main(inboxItemKey({ firmId: v.firm, kind: 'staff', id: v.user }, v.item)),
  },
  {
    label: 'inboxItem:contact',
    uses: ['firm', 'contact', 'item'],
    build: (v) => main(inboxItemKey({ firmId: v.firm, kind: 'contact', id: v.contact }, v.item)),
  },
  {
    label: 'inboxCounter:staff',
    uses: ['firm', 'user'],
    build: (v) => main(inboxCounterKey({ firmId: v.firm, kind: 'staff', id: v.user })),
  },
  {
    label: 'inboxCounter:contact',
    uses: ['firm', 'contact'],
    build: (v) => main(inboxCounterKey({ firmId: v.firm, kind: 'contact', id: v.contact })),
  },
  {
    label: 'delivery',
    uses: ['firm', 'event', 'recipient', 'channel'],
    build: (v) => main(deliveryKey(v.firm, v.event, v.recipient, v.channel)),
  },
  {
    label: 'staffPushSubscription',
    uses: ['firm', 'user', 'subscription'],
    build: (v) => main(staffPushSubscriptionKey(v.firm, v.user, v.subscription)),
  },
  {
    label: 'templateOverride',
    uses: ['firm', 'template', 'locale', 'channel'],
    build: (v) => main(templateOverrideKey(v.firm, v.template, v.locale, v.channel)),
  },
  {
    label: 'staffPreferences',
    uses: ['firm', 'user'],
    build: (v) => main(staffPreferencesKey(v.firm, v.user)),
  },
  {
    label: 'deliveryByCase',
    uses: ['firm', 'case', 'event', 'recipient', 'channel'],
    build: (v) => gsi2(deliveryByCaseKey(v.firm, v.case, v.event, v.recipient, v.channel)),
  },
  {
    label: 'activity:case',
    uses: ['firm', 'case', 'event'],
    build: (v) => main(activityKey(v.firm, v.case, v.event)),
  },
  {
    label: 'activity:trail',
    uses: ['firm', 'event'],
    build: (v) => main(activityKey(v.firm, undefined, v.event)),
  },
  // ── discussions, file requests, document versions (issue 5) ──
  {
    label: 'discussion',
    uses: ['firm', 'case', 'discussion'],
    build: (v) => main(discussionKey(v.firm, v.case, v.discussion)),
  },
  {
    label: 'comment',
    uses: ['firm', 'case', 'discussion', 'comment'],
    build: (v) => main(commentKey(v.firm, v.case, v.discussion, v.comment)),
  },
  {
    label: 'fileRequest',
    uses: ['firm', 'case', 'request'],
    build: (v) => main(fileRequestKey(v.firm, v.case, v.request)),
  },
  {
    label: 'fileRequestReminder',
    uses: ['firm', 'case', 'request'],
    build: (v) => main(fileRequestReminderKey(v.firm, v.case, v.request)),
  },
  {
    label: 'documentVersion',
    uses: ['firm', 'case', 'doc'],
    build: (v) => main(documentVersionKey(v.firm, v.case, v.doc, 7)),
  },
  // ── document paths and notify-client flags (issue 7) ──
  {
    label: 'recurringTask',
    uses: ['firm', 'recurringTask'],
    build: (v) => main(recurringTaskKey(v.firm, v.recurringTask)),
  },
  {
    label: 'publication',
    uses: ['firm', 'case', 'doc', 'recurringTask'],
    build: (v) => main(publicationKey(v.firm, v.case, v.doc, 3, v.recurringTask)),
  },
  {
    label: 'notified',
    uses: ['firm', 'recipient', 'channel'],
    build: (v) => main(notifiedKey(v.firm, v.dedupe, v.recipient, v.channel)),
  },
  // ── request lists (issue 18) ──
  {
    label: 'fileRequestTemplate',
    uses: ['firm', 'template'],
    build: (v) => main(fileRequestTemplateKey(v.firm, v.template)),
  },
  // ── chat threads and client tasks (issue 6) ──
  {
    label: 'thread',
    uses: ['firm', 'case', 'thread'],
    build: (v) => main(threadKey(v.firm, v.case, v.thread)),
  },
  {
    label: 'threadByTaskState:open',
    uses: ['firm', 'case', 'thread'],
    build: (v) => gsi2(threadByTaskStateKey(v.firm, v.case, 'open', v.thread)),
  },
  {
    label: 'threadByTaskState:done',
    uses: ['firm', 'case', 'thread'],
    build: (v) => gsi2(threadByTaskStateKey(v.firm, v.case, 'done', v.thread)),
  },
  {
    label: 'threadMember',
    uses: ['firm', 'case', 'contact', 'thread'],
    build: (v) => main(threadMemberKey(v.firm, v.case, v.contact, v.thread)),
  },
  {
    label: 'message',
    uses: ['firm', 'case', 'thread', 'message'],
    build: (v) => main(messageKey(v.firm, v.case, v.thread, v.message)),
  },
  {
    label: 'task',
    uses: ['firm', 'case', 'thread', 'task'],
    build: (v) => main(taskKey(v.firm, v.case, v.thread, v.task)),
  },
  {
    label: 'reminder',
    uses: ['firm', 'case', 'thread'],
    build: (v) => main(reminderKey(v.firm, v.case, v.thread)),
  },
  // ── digests of emails (issue 7) ──
  {
    label: 'digestLatest',
    uses: ['firm', 'recipient', 'category'],
    build: (v) => main(digestLatestKey(v.firm, v.recipient, v.category)),
  },
  {
    label: 'digestWindow',
    uses: ['firm', 'recipient', 'category', 'window'],
    build: (v) => main(digestWindowKey(v.firm, v.recipient, v.category, v.window)),
  },
  {
    label: 'digestEntry',
    uses: ['firm', 'recipient', 'category', 'window', 'event'],
    build: (v) => main(digestEntryKey(v.firm, v.recipient, v.category, v.window, v.event)),
  },
  {
    label: 'digestEvent',
    uses: ['firm', 'recipient', 'category', 'event'],
    build: (v) => main(digestEventKey(v.firm, v.recipient, v.category, v.event)),
  },
];

/** Keys of a portal identity, which spans firms by design (one login, several firms). */
const identityScoped: Builder[] = [
  {
    label: 'grantByIdentity',
    uses: ['identity', 'case'],
    build: (v) => gsi1(grantByIdentityKey(v.identity, v.case)),
  },
  {
    label: 'inboxItemByIdentity',
    uses: ['identity', 'item'],
    build: (v) => gsi1(inboxItemByIdentityKey(v.identity, v.item)),
  },
  {
    label: 'inboxCounterByIdentity',
    uses: ['identity', 'firm'],
    build: (v) => gsi1(inboxCounterByIdentityKey(v.identity, v.firm)),
  },
  {
    label: 'identityPushSubscription',
    uses: ['identity', 'subscription'],
    build: (v) => main(identityPushSubscriptionKey(v.identity, v.subscription)),
  },
  {
    label: 'identityPreferences',
    uses: ['identity'],
    build: (v) => main(identityPreferencesKey(v.identity)),
  },
];

const allBuilders = [...firmScoped, ...identityScoped];
/** Keys outside every firm and identity (one per mail address, which SES reports across firms), tested on their own below. */
const deploymentScoped = ['mailAddress'];
/** Keys of the scheduler's own index (due reminders of every firm), tested on their own below. */
const scheduleScoped = ['reminderByDue', 'digestByDue', 'documentPurgeDue', 'fileRequestReminderByDue'];

interface PatternCase {
  /** The pattern's name in `patterns`, with a `:variant` when it is exercised in several ways. */
  label: string;
  uses: Field[];
  spec: (v: Values) => QuerySpec;
  /** The builder whose items the pattern lists… */
  lists: string;
  /** …restricted to the items that share these segments with the query. */
  sameAs: Field[];
}

const patternCases: PatternCase[] = [
  {
    label: 'casesOfFirm',
    uses: ['firm'],
    spec: (v) => casesOfFirmPattern(v.firm),
    lists: 'case',
    sameAs: ['firm'],
  },
  ...(['open', 'closed'] as const).flatMap((status): PatternCase[] => [
    {
      label: `casesByStatus:${status}`,
      uses: ['firm'],
      spec: (v) => casesByStatusPattern(v.firm, status, ''),
      lists: `caseByStatusAndTitle:${status}`,
      sameAs: ['firm'],
    },
    {
      label: `casesOfOwner:${status}`,
      uses: ['firm', 'user'],
      spec: (v) => casesOfOwnerPattern(v.firm, v.user, status),
      lists: `caseByOwner:${status}`,
      sameAs: ['firm', 'user'],
    },
  ]),
  {
    label: 'staffOfFirm',
    uses: ['firm'],
    spec: (v) => staffOfFirmPattern(v.firm),
    lists: 'staff',
    sameAs: ['firm'],
  },
  {
    label: 'contactsOfFirm',
    uses: ['firm'],
    spec: (v) => contactsOfFirmPattern(v.firm),
    lists: 'contact',
    sameAs: ['firm'],
  },
  {
    label: 'grantsOfCase',
    uses: ['firm', 'case'],
    spec: (v) => grantsOfCasePattern(v.firm, v.case),
    lists: 'grant',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'grantsOfIdentity',
    uses: ['identity'],
    spec: (v) => grantsOfIdentityPattern(v.identity),
    lists: 'grantByIdentity',
    sameAs: ['identity'],
  },
  {
    label: 'uploadIntentsOfCase',
    uses: ['firm', 'case'],
    spec: (v) => uploadIntentsOfCasePattern(v.firm, v.case),
    lists: 'uploadIntent',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'grantsOfContact',
    uses: ['firm', 'contact'],
    spec: (v) => grantsOfContactPattern(v.firm, v.contact),
    lists: 'grantByContact',
    sameAs: ['firm', 'contact'],
  },
  {
    label: 'documentsOfCase',
    uses: ['firm', 'case'],
    spec: (v) => documentsOfCasePattern(v.firm, v.case),
    lists: 'documentByTime',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'documentsOfCaseBySource',
    uses: ['firm', 'case', 'source'],
    spec: (v) => documentsOfCaseBySourcePattern(v.firm, v.case, v.source),
    lists: 'documentBySource',
    sameAs: ['firm', 'case', 'source'],
  },
  {
    label: 'trashOfCase',
    uses: ['firm', 'case'],
    spec: (v) => trashOfCasePattern(v.firm, v.case),
    lists: 'documentInTrash',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'publicationsOfDocument',
    uses: ['firm', 'case', 'doc'],
    spec: (v) => publicationsOfDocumentPattern(v.firm, v.case, v.doc),
    lists: 'publication',
    sameAs: ['firm', 'case', 'doc'],
  },
  {
    label: 'sharesOfCase',
    uses: ['firm', 'case'],
    spec: (v) => sharesOfCasePattern(v.firm, v.case),
    lists: 'share',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'sharesOfDocument',
    uses: ['firm', 'case', 'doc'],
    spec: (v) => sharesOfDocumentPattern(v.firm, v.case, v.doc),
    lists: 'share',
    sameAs: ['firm', 'case', 'doc'],
  },
  {
    label: 'sharesOfContact',
    uses: ['firm', 'case', 'contact'],
    spec: (v) => sharesOfContactPattern(v.firm, v.case, v.contact),
    lists: 'shareByContact',
    sameAs: ['firm', 'case', 'contact'],
  },
  {
    label: 'inboxOf:staff',
    uses: ['firm', 'user'],
    spec: (v) => inboxOfPattern({ firmId: v.firm, kind: 'staff', id: v.user }),
    lists: 'inboxItem:staff',
    sameAs: ['firm', 'user'],
  },
  {
    label: 'inboxOf:contact',
    uses: ['firm', 'contact'],
    spec: (v) => inboxOfPattern({ firmId: v.firm, kind: 'contact', id: v.contact }),
    lists: 'inboxItem:contact',
    sameAs: ['firm', 'contact'],
  },
  {
    label: 'inboxOfIdentity',
    uses: ['identity'],
    spec: (v) => inboxOfIdentityPattern(v.identity),
    lists: 'inboxItemByIdentity',
    sameAs: ['identity'],
  },
  {
    label: 'inboxCountersOfIdentity',
    uses: ['identity'],
    spec: (v) => inboxCountersOfIdentityPattern(v.identity),
    lists: 'inboxCounterByIdentity',
    sameAs: ['identity'],
  },
  {
    label: 'pushSubscriptionsOfStaff',
    uses: ['firm', 'user'],
    spec: (v) => pushSubscriptionsOfStaffPattern(v.firm, v.user),
    lists: 'staffPushSubscription',
    sameAs: ['firm', 'user'],
  },
  {
    label: 'pushSubscriptionsOfIdentity',
    uses: ['identity'],
    spec: (v) => pushSubscriptionsOfIdentityPattern(v.identity),
    lists: 'identityPushSubscription',
    sameAs: ['identity'],
  },
  {
    label: 'templateOverridesOfFirm',
    uses: ['firm'],
    spec: (v) => templateOverridesOfFirmPattern(v.firm),
    lists: 'templateOverride',
    sameAs: ['firm'],
  },
  {
    label: 'deliveriesOfEvent',
    uses: ['firm', 'event'],
    spec: (v) => deliveriesOfEventPattern(v.firm, v.event),
    lists: 'delivery',
    sameAs: ['firm', 'event'],
  },
  {
    label: 'deliveriesOfCase',
    uses: ['firm', 'case'],
    spec: (v) => deliveriesOfCasePattern(v.firm, v.case),
    lists: 'deliveryByCase',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'activityOfCase',
    uses: ['firm', 'case'],
    spec: (v) => activityOfCasePattern(v.firm, v.case),
    lists: 'activity:case',
    sameAs: ['firm', 'case'],
  },
  // ── chat threads and client tasks (issue 6) ──
  {
    label: 'threadsOfCase',
    uses: ['firm', 'case'],
    spec: (v) => threadsOfCasePattern(v.firm, v.case),
    lists: 'thread',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'threadsOfCaseByTaskState:open',
    uses: ['firm', 'case'],
    spec: (v) => threadsOfCaseByTaskStatePattern(v.firm, v.case, 'open'),
    lists: 'threadByTaskState:open',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'threadsOfCaseByTaskState:done',
    uses: ['firm', 'case'],
    spec: (v) => threadsOfCaseByTaskStatePattern(v.firm, v.case, 'done'),
    lists: 'threadByTaskState:done',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'threadsOfMember',
    uses: ['firm', 'case', 'contact'],
    spec: (v) => threadsOfMemberPattern(v.firm, v.case, v.contact),
    lists: 'threadMember',
    sameAs: ['firm', 'case', 'contact'],
  },
  {
    label: 'messagesOfThread',
    uses: ['firm', 'case', 'thread'],
    spec: (v) => messagesOfThreadPattern(v.firm, v.case, v.thread),
    lists: 'message',
    sameAs: ['firm', 'case', 'thread'],
  },
  {
    label: 'discussionsOfCase',
    uses: ['firm', 'case'],
    spec: (v) => discussionsOfCasePattern(v.firm, v.case),
    lists: 'discussion',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'commentsOfDiscussion',
    uses: ['firm', 'case', 'discussion'],
    spec: (v) => commentsOfDiscussionPattern(v.firm, v.case, v.discussion),
    lists: 'comment',
    sameAs: ['firm', 'case', 'discussion'],
  },
  {
    label: 'fileRequestsOfCase',
    uses: ['firm', 'case'],
    spec: (v) => fileRequestsOfCasePattern(v.firm, v.case),
    lists: 'fileRequest',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'versionsOfDocument',
    uses: ['firm', 'case', 'doc'],
    spec: (v) => versionsOfDocumentPattern(v.firm, v.case, v.doc),
    lists: 'documentVersion',
    sameAs: ['firm', 'case', 'doc'],
  },
  {
    label: 'recurringTasksOfFirm',
    uses: ['firm'],
    spec: (v) => recurringTasksOfFirmPattern(v.firm),
    lists: 'recurringTask',
    sameAs: ['firm'],
  },
  {
    label: 'fileRequestTemplatesOfFirm',
    uses: ['firm'],
    spec: (v) => fileRequestTemplatesOfFirmPattern(v.firm),
    lists: 'fileRequestTemplate',
    sameAs: ['firm'],
  },
  {
    label: 'entriesOfDigest',
    uses: ['firm', 'recipient', 'category', 'window'],
    spec: (v) => entriesOfDigestPattern(v.firm, v.recipient, v.category, v.window),
    lists: 'digestEntry',
    sameAs: ['firm', 'recipient', 'category', 'window'],
  },
  {
    label: 'tasksOfThread',
    uses: ['firm', 'case', 'thread'],
    spec: (v) => tasksOfThreadPattern(v.firm, v.case, v.thread),
    lists: 'task',
    sameAs: ['firm', 'case', 'thread'],
  },
  // ── contacts' export and erasure (decision 0042) ──
  {
    label: 'documentItemsOfCase',
    uses: ['firm', 'case'],
    spec: (v) => documentItemsOfCasePattern(v.firm, v.case),
    lists: 'document',
    sameAs: ['firm', 'case'],
  },
  {
    label: 'firmTrail',
    uses: ['firm'],
    spec: (v) => firmTrailPattern(v.firm),
    lists: 'activity:trail',
    sameAs: ['firm'],
  },
];

const baseName = (label: string) => label.split(':')[0];
/** The module's key builders (`…Key`) or patterns (`…Pattern`), the live channel's aside (it has its own tests). */
const exportsNamed = (suffix: 'Key' | 'Pattern') =>
  Object.keys(keyModule)
    .filter((name) => name.endsWith(suffix) && !name.startsWith('live'))
    .sort();
const show = (p: Placed) => `${p.index} ${p.pk} ${p.sk}`;
const belongsTo = (pk: string, prefix: string) => pk === prefix || pk.startsWith(`${prefix}#`);
const mapValues = (v: Values, f: (s: string) => string) =>
  Object.fromEntries(Object.entries(v).map(([k, s]) => [k, f(s)])) as Values;

describe('Module: keys', () => {
  it('classifies every key builder and pattern (a new one must be added to these tables)', () => {
    expect(
      [...new Set([...allBuilders.map((b) => baseName(b.label)), ...scheduleScoped, ...deploymentScoped])]
        .map((name) => `${name}Key`)
        .sort(),
    ).toEqual(exportsNamed('Key'));
    expect([...new Set(patternCases.map((p) => `${baseName(p.label)}Pattern`))].sort()).toEqual(
      exportsNamed('Pattern'),
    );
  });

  describe('seg', () => {
    it('returns any string of allowed characters unchanged', () => {
      fc.assert(
        fc.property(segment, (s) => {
          expect(seg(s, 'thing')).toBe(s);
        }),
      );
    });

    it('accepts 200 characters and refuses 201 or none', () => {
      // Prepare
      const max = 'a'.repeat(200);

      // Act & Assess
      expect(seg(max, 'thing')).toBe(max);
      expect(() => seg(`${max}a`, 'thing')).toThrow(KeySegmentError);
      expect(() => seg('', 'thing')).toThrow(KeySegmentError);
    });

    it('refuses any string that contains a character outside [A-Za-z0-9_.@+-]', () => {
      fc.assert(
        fc.property(invalidSegment, (s) => {
          expect(() => seg(s, 'thing')).toThrow(KeySegmentError);
        }),
      );
    });

    it('refuses a trailing newline (the check is anchored to the end of input, not of a line)', () => {
      expect(() => seg('abc\n', 'caseId')).toThrow(KeySegmentError);
    });

    it('names what was invalid in the error message', () => {
      expect(() => seg('a#b', 'caseId')).toThrow(/invalid caseId for a key: "a#b"/);
    });

    it('guards every segment of every key builder and pattern', () => {
      const all = [...allBuilders, ...patternCases.map((p) => ({ ...p, build: p.spec }))];
      fc.assert(
        fc.property(valuesArb, invalidSegment, (v, bad) => {
          for (const b of all) {
            for (const field of b.uses) {
              expect(() => b.build({ ...v, [field]: bad }), `${b.label} with a bad ${field}`).toThrow(
                KeySegmentError,
              );
            }
          }
        }),
      );
    });
  });

  describe('tenancy', () => {
    it('starts every firm key with FIRM#<firmId>, and every identity key with IDENTITY#<identityId>', () => {
      fc.assert(
        fc.property(valuesArb, (v) => {
          for (const b of firmScoped) {
            const { pk } = b.build(v);
            expect(belongsTo(pk, `FIRM#${v.firm}`), `${b.label}: ${pk}`).toBe(true);
            expect(pk.split('#')[1]).toBe(v.firm);
          }
          for (const b of identityScoped) {
            expect(belongsTo(b.build(v).pk, `IDENTITY#${v.identity}`), b.label).toBe(true);
          }
        }),
      );
    });

    it('never lets two firms share a partition, in any index, whatever the other ids', () => {
      fc.assert(
        fc.property(valuesArb, valuesArb, fc.boolean(), (a, other, sameIds) => {
          fc.pre(a.firm !== other.firm);
          // Same case, contact, … ids in both firms is the hardest case for tenancy.
          const b = sameIds ? { ...a, firm: other.firm } : other;
          const partitionsOfB = new Set(firmScoped.map((x) => x.build(b)).map((p) => `${p.index} ${p.pk}`));
          for (const x of firmScoped) {
            const p = x.build(a);
            expect(partitionsOfB.has(`${p.index} ${p.pk}`), `${x.label}: ${p.pk}`).toBe(false);
          }
        }),
      );
    });

    it('keeps identity partitions apart from firm partitions and from each other', () => {
      fc.assert(
        fc.property(valuesArb, segment, (v, otherIdentity) => {
          fc.pre(otherIdentity !== v.identity);
          const firmPartitions = new Set(firmScoped.map((x) => x.build(v).pk));
          const other = identityScoped.map((x) => x.build({ ...v, identity: otherIdentity }).pk);
          for (const x of identityScoped) {
            const { pk } = x.build(v);
            expect(firmPartitions.has(pk)).toBe(false);
            expect(other).not.toContain(pk);
          }
        }),
      );
    });

    it('gives distinct items distinct keys', () => {
      fc.assert(
        fc.property(valuesArb, (v) => {
          const all = allBuilders.map((b) => show(b.build(v)));
          expect(new Set(all).size).toBe(all.length);
        }),
      );
    });

    it('tells a staff inbox from a contact inbox with the same id', () => {
      const staff = inboxItemKey({ firmId: 'F', kind: 'staff', id: 'X' }, 'I');
      const contact = inboxItemKey({ firmId: 'F', kind: 'contact', id: 'X' }, 'I');
      expect(staff.PK).not.toBe(contact.PK);
    });

    it('keeps case activity apart from the firm trail, even for a case named like the trail', () => {
      // Act
      const ofCase = activityKey('F1', 'TRAIL', 'E1');
      const ofFirm = activityKey('F1', undefined, 'E1');

      // Assess
      expect(ofCase.PK).toBe('FIRM#F1#CASE#TRAIL');
      expect(ofFirm.PK).toBe('FIRM#F1#TRAIL');
    });
  });

  describe('patterns', () => {
    it('names each pattern after itself, so cursors bind to the right query', () => {
      fc.assert(
        fc.property(valuesArb, (v) => {
          for (const p of patternCases) expect(p.spec(v).name).toBe(baseName(p.label));
        }),
      );
    });

    it('lists exactly the items it is named for: its pk is theirs, its prefix matches no other item', () => {
      fc.assert(
        fc.property(valuesArb, segment, segment, (v, suffix, otherFirm) => {
          fc.pre(otherFirm !== v.firm);
          // Neighbours: one id or every id extended by a suffix (prefix traps such as D1 / D12),
          // and the same ids in another firm.
          const sets = [
            v,
            mapValues(v, (s) => s + suffix),
            ...(Object.keys(v) as Field[]).map((f) => ({ ...v, [f]: v[f] + suffix })),
            { ...v, firm: otherFirm },
          ];
          const universe = sets.flatMap((values) =>
            allBuilders.map((b) => ({ b, values, placed: b.build(values) })),
          );
          for (const p of patternCases) {
            const spec = p.spec(v);
            const index = spec.index ?? 'table';
            const selected = universe
              .filter(
                (u) =>
                  u.placed.index === index &&
                  u.placed.pk === spec.pk &&
                  u.placed.sk.startsWith(spec.skPrefix),
              )
              .map((u) => show(u.placed));
            const expected = universe
              .filter((u) => u.b.label === p.lists && p.sameAs.every((f) => u.values[f] === v[f]))
              .map((u) => show(u.placed));
            expect(expected.length, p.label).toBeGreaterThan(0);
            expect([...new Set(selected)].sort(), p.label).toEqual([...new Set(expected)].sort());
          }
        }),
        { numRuns: 50 },
      );
    });

    it('lists the examples of the brief', () => {
      // Prepare
      const firmId = 'F1';
      const caseId = 'C1';

      // Act
      const cases = casesOfFirmPattern(firmId);
      const activity = activityOfCasePattern(firmId, caseId);

      // Assess
      expect(cases.pk).toBe(caseKey(firmId, caseId).PK);
      expect(caseKey(firmId, caseId).SK.startsWith(cases.skPrefix)).toBe(true);
      expect(activity.pk).toBe(activityKey(firmId, caseId, 'E1').PK);
      expect(activity.pk).not.toBe(activityKey(firmId, undefined, 'E1').PK);
    });

    it('sorts as documented', () => {
      expect(casesOfFirmPattern('F').forward).toBe(false);
      expect(contactsOfFirmPattern('F').forward).toBe(true);
      expect(activityOfCasePattern('F', 'C').forward).toBe(false);
      expect(inboxOfPattern({ firmId: 'F', kind: 'staff', id: 'U' }).forward).toBe(false);
    });
  });

  describe('notified', () => {
    it('gives each dedupe key its own partition of the firm, which decodes back to it', () => {
      fc.assert(
        fc.property(segment, fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (firmId, a, b) => {
          fc.pre(a !== b);
          const pk = notifiedKey(firmId, a, 'contact-C1', 'email').PK;
          expect(pk.startsWith(`FIRM#${firmId}#NOTIFIED#`)).toBe(true);
          expect(Buffer.from(pk.split('#NOTIFIED#')[1]!, 'hex').toString('utf8')).toBe(a);
          expect(notifiedKey(firmId, b, 'contact-C1', 'email').PK).not.toBe(pk);
        }),
      );
      expect(() => notifiedKey('F1', 'document#\uD800', 'contact-C1', 'email')).toThrow(KeySegmentError);
    });
  });

  describe('documents by time', () => {
    it('sorts a case’s documents (all, by source, shared with a contact) by createdAt, whatever their ids', () => {
      const at = (ms: number) => new Date(ms).toISOString();
      const docs = fc.uniqueArray(
        fc.record({
          ms: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
          id: segment,
        }),
        { selector: (d) => d.id, minLength: 2, maxLength: 12 },
      );
      fc.assert(
        fc.property(docs, (list) => {
          // Act: the lists read their sort keys newest first
          const newestFirst = (sk: (d: { ms: number; id: string }) => string) =>
            [...list].sort((a, b) => (sk(a) < sk(b) ? 1 : sk(a) > sk(b) ? -1 : 0)).map((d) => d.ms);
          const all = newestFirst((d) => documentByTimeKey('F', 'C', at(d.ms), d.id).GSI1SK);
          const bySource = newestFirst((d) => documentBySourceKey('F', 'C', 'client', at(d.ms), d.id).GSI2SK);
          const shared = newestFirst((d) => shareByContactKey('F', 'C', 'K', at(d.ms), d.id).GSI1SK);

          // Assess: the times the lists show never go up
          const expected = list.map((d) => d.ms).sort((a, b) => b - a);
          expect(all).toEqual(expected);
          expect(bySource).toEqual(expected);
          expect(shared).toEqual(expected);
        }),
      );
    });

    it('refuses a createdAt that is not a UTC ISO instant', () => {
      expect(() => documentByTimeKey('F', 'C', '2026-11-23T10:00:00Z', 'D')).toThrow(KeySegmentError);
      expect(() => shareByContactKey('F', 'C', 'K', '', 'D')).toThrow(KeySegmentError);
    });
  });

  describe('documentVersion', () => {
    it('orders versions by number and refuses numbers a key cannot hold', () => {
      const sk = (n: number) => documentVersionKey('F1', 'C1', 'D1', n).SK;
      expect([sk(10), sk(2), sk(1)].sort()).toEqual([sk(1), sk(2), sk(10)]);
      for (const bad of [0, -1, 1.5, 10_000, Number.NaN]) {
        expect(() => documentVersionKey('F1', 'C1', 'D1', bad)).toThrow(KeySegmentError);
      }
    });
  });

  describe('activity', () => {
    it('refuses an empty case id instead of filing the entry in the firm trail', () => {
      expect(() => activityKey('F1', '', 'E1')).toThrow(KeySegmentError);
      expect(activityKey('F1', undefined, 'E1').PK).toBe('FIRM#F1#TRAIL');
    });
  });

  describe('contactEmail', () => {
    it('accepts any email, hex-encoded, and the key decodes back to it', () => {
      fc.assert(
        fc.property(segment, fc.oneof(fc.emailAddress(), fc.string({ unit: 'binary' })), (firmId, email) => {
          const { PK, SK } = contactEmailKey(firmId, email);
          expect(PK).toBe(`FIRM#${firmId}`);
          expect(SK).toMatch(/^CONTACTEMAIL#([0-9a-f]{2})*$/);
          expect(Buffer.from(SK.slice('CONTACTEMAIL#'.length), 'hex').toString('utf8')).toBe(email);
        }),
      );
    });

    it('gives distinct emails distinct keys', () => {
      fc.assert(
        fc.property(segment, fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (firmId, a, b) => {
          fc.pre(a !== b);
          expect(contactEmailKey(firmId, a).SK).not.toBe(contactEmailKey(firmId, b).SK);
        }),
      );
    });

    it('refuses emails with lone surrogates (UTF-8 would give them one shared key)', () => {
      for (const email of ['\uD800@x.example', '\uDFFF@x.example', 'a\uDBFFb@x.example']) {
        expect(() => contactEmailKey('F1', email)).toThrow(KeySegmentError);
      }
      expect(() => contactEmailKey('F1', '\uD83D\uDE00@x.example')).not.toThrow();
    });

    it('carries the separator safely', () => {
      // Act
      const { SK } = contactEmailKey('F1', 'a#b@c.example');

      // Assess
      expect(SK).toBe(`CONTACTEMAIL#${Buffer.from('a#b@c.example').toString('hex')}`);
      expect(SK.split('#')).toHaveLength(2);
    });
  });
});

describe('Module: keys — mail addresses (issue 16)', () => {
  it('gives each address its own partition outside every firm, hex-encoded, decoding back', () => {
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), fc.string({ unit: 'binary', minLength: 1 })), (email) => {
        const { PK, SK } = mailAddressKey(email);
        expect(PK).toMatch(/^ADDRESS#([0-9a-f]{2})+$/);
        expect(PK.startsWith('FIRM#')).toBe(false);
        expect(SK).toBe('MAIL');
        expect(Buffer.from(PK.slice('ADDRESS#'.length), 'hex').toString('utf8')).toBe(email);
      }),
    );
  });

  it('refuses emails with lone surrogates', () => {
    expect(() => mailAddressKey('\uD800@x.example')).toThrow(KeySegmentError);
  });
});

describe('Module: keys — due reminders (issue 6)', () => {
  const at = (ms: number) => new Date(ms).toISOString();

  it('sorts due reminders by due time within a shard, and the due range selects exactly those due by then', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: REMINDER_SHARDS - 1 }),
        fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (shard, dues, by) => {
          const range = dueRemindersOf(shard, at(by));
          for (const due of dues) {
            const k = reminderByDueKey(shard, at(due), 'T1');
            expect(k.GSI2PK).toBe(range.pk);
            const inRange = k.GSI2SK >= range.skFrom && k.GSI2SK <= range.skTo;
            expect(inRange, `${at(due)} due by ${at(by)}`).toBe(due <= by);
          }
          const sorted = [...dues].sort((a, b) => a - b);
          const sks = sorted.map((d) => reminderByDueKey(shard, at(d), 'T1').GSI2SK);
          expect(sks).toEqual([...sks].sort());
        },
      ),
    );
  });

  it('refuses a shard out of range and a due time that is not a UTC ISO instant', () => {
    expect(() => reminderByDueKey(REMINDER_SHARDS, at(0), 'T1')).toThrow(KeySegmentError);
    expect(() => reminderByDueKey(-1, at(0), 'T1')).toThrow(KeySegmentError);
    expect(() => reminderByDueKey(0, '2026-11-23', 'T1')).toThrow(KeySegmentError);
    expect(() => reminderByDueKey(0, at(0), 'T#1')).toThrow(KeySegmentError);
    expect(() => dueRemindersOf(0, '2026-11-23T10:00:00Z')).toThrow(KeySegmentError);
  });

  it("puts file requests' schedules in the same due ranges as threads' (one run serves both, decision 0044)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: REMINDER_SHARDS - 1 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (shard, due, by) => {
          const range = dueRemindersOf(shard, at(by));
          const k = fileRequestReminderByDueKey(shard, at(due), 'R1');
          expect(k.GSI2PK).toBe(range.pk);
          expect(k.GSI2SK >= range.skFrom && k.GSI2SK <= range.skTo).toBe(due <= by);
        },
      ),
    );
    expect(() => fileRequestReminderByDueKey(REMINDER_SHARDS, at(0), 'R1')).toThrow(KeySegmentError);
    expect(() => fileRequestReminderByDueKey(0, at(0), 'R#1')).toThrow(KeySegmentError);
  });
});

describe('Module: keys — due digests (issue 7)', () => {
  const at = (ms: number) => new Date(ms).toISOString();

  it('sorts due digest windows by due time within a shard, and the due range selects exactly those due by then', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: DIGEST_SHARDS - 1 }),
        fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (shard, dues, by) => {
          const range = dueDigestsOf(shard, at(by));
          for (const due of dues) {
            const k = digestByDueKey(shard, at(due), 'W1');
            expect(k.GSI2PK).toBe(range.pk);
            const inRange = k.GSI2SK >= range.skFrom && k.GSI2SK <= range.skTo;
            expect(inRange, `${at(due)} due by ${at(by)}`).toBe(due <= by);
          }
          const sks = [...dues].sort((a, b) => a - b).map((d) => digestByDueKey(shard, at(d), 'W1').GSI2SK);
          expect(sks).toEqual([...sks].sort());
        },
      ),
    );
  });

  it('keeps due digests apart from due reminders, and refuses a bad shard, due time or window id', () => {
    expect(digestByDueKey(0, at(0), 'W1').GSI2PK).not.toBe(reminderByDueKey(0, at(0), 'W1').GSI2PK);
    expect(() => digestByDueKey(DIGEST_SHARDS, at(0), 'W1')).toThrow(KeySegmentError);
    expect(() => digestByDueKey(-1, at(0), 'W1')).toThrow(KeySegmentError);
    expect(() => digestByDueKey(0, '2026-11-23', 'W1')).toThrow(KeySegmentError);
    expect(() => digestByDueKey(0, at(0), 'W#1')).toThrow(KeySegmentError);
    expect(() => dueDigestsOf(0, '2026-11-23T10:00:00Z')).toThrow(KeySegmentError);
  });
});

describe('Module: keys — trash purges due (issue 18)', () => {
  const at = (ms: number) => new Date(ms).toISOString();

  it('sorts trashed documents by purge time, and the due range selects exactly those due by then', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_000_000_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (dues, by) => {
          const range = duePurgesOf(at(by));
          for (const due of dues) {
            const k = documentPurgeDueKey(at(due), 'D1');
            expect(k.GSI2PK).toBe(range.pk);
            const inRange = k.GSI2SK >= range.skFrom && k.GSI2SK <= range.skTo;
            expect(inRange, `${at(due)} due by ${at(by)}`).toBe(due <= by);
          }
        },
      ),
    );
  });

  it('refuses a purge time that is not a UTC ISO instant and a document id with the separator', () => {
    expect(() => documentPurgeDueKey('2026-11-23', 'D1')).toThrow(KeySegmentError);
    expect(() => documentPurgeDueKey(at(0), 'D#1')).toThrow(KeySegmentError);
    expect(() => duePurgesOf('2026-11-23T10:00:00Z')).toThrow(KeySegmentError);
  });
});
