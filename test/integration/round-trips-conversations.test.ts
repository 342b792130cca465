// Pins what the routes of the inbox, threads, discussions, notifications and staff groups cost in
// DynamoDB (decision 0033): each route's work runs through its domain service with the real store
// adapters, on a client instrumented by the bench's counter (bench/requests.ts), and its sequential
// round trips (requests that waited on each other) and requests are asserted. Reads: one round trip
// and at most two requests; writes: at most two round trips. Behaviour is the other suites' business.
import { beforeAll, describe, expect, it } from 'vitest';
import { listCaseDeliveries } from '../../functions/domain/deliveries';
import {
  addComment,
  addPortalComment,
  getPortalDiscussion,
  listComments,
  listDiscussions,
  listPortalComments,
  listPortalDiscussions,
  publishDiscussion,
  setDiscussionStatus,
} from '../../functions/domain/discussions';
import {
  createFileRequest,
  listFileRequests,
  listPortalFileRequests,
} from '../../functions/domain/file-requests';
import { archiveItem, listInbox, readItem } from '../../functions/domain/inbox';
import { systemClock } from '../../functions/domain/ports';
import { getStaffPreferences } from '../../functions/domain/preferences';
import type { ContactPrincipal, StaffPrincipal } from '../../functions/domain/principal';
import { getRecipients, putRecipients } from '../../functions/domain/recipients';
import { deleteRecurringTask } from '../../functions/domain/recurring-tasks';
import {
  listPortalTasks,
  listStaffTasks,
  moveTask,
  resendTasks,
  setPortalTaskDone,
  setStaffTaskDone,
} from '../../functions/domain/tasks';
import {
  createThread,
  getPortalThread,
  getThread,
  listPortalMessages,
  listPortalThreads,
  listStaffMessages,
  listThreads,
  postPortalMessage,
  postStaffMessage,
  setThreadReminders,
  setThreadStatus,
} from '../../functions/domain/threads';
import { listVersions } from '../../functions/domain/versions';
import { caseStore } from '../../functions/store/cases';
import { deliveryLists } from '../../functions/store/deliveries';
import { caseContacts, caseParts, discussionStore } from '../../functions/store/discussions';
import { fileRequestStore } from '../../functions/store/file-requests';
import { matrixStore, settingsStore } from '../../functions/store/firm-settings';
import { grantLookup } from '../../functions/store/grants';
import { inboxStore } from '../../functions/store/inbox';
import { preferenceStore } from '../../functions/store/preferences';
import { recipientsStore, staffDirectory } from '../../functions/store/recipients';
import { recurringTaskStore } from '../../functions/store/recurring-tasks';
import { shareStore } from '../../functions/store/shares';
import { threadStore } from '../../functions/store/threads';
import { versionStore } from '../../functions/store/versions';
import { ulidIds } from '../../functions/wiring/ids';
import { apiAs } from './support/client';
import { cost, counted } from './support/round-trips';
import { newId, settle } from './support/stack';
import { newThread, type Setup, setup } from './support/threads';

/** The portal identity a setup's contact token was minted for. */
const identityOf = (token: string): ContactPrincipal => {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
  return { kind: 'contact', identityId: claims.sub, email: claims.email, emailVerified: true };
};

const threads = threadStore(counted);
const threadDeps = { threads, tasks: threads, clock: systemClock, ids: ulidIds };
const discussionDeps = () => ({
  caseParts: caseParts(counted),
  grantLocator: grantLookup(counted),
  caseContacts: caseContacts(counted),
  discussions: discussionStore(counted),
  fileRequests: fileRequestStore(counted),
  settings: settingsStore(counted),
  shares: shareStore(counted),
  clock: systemClock,
  ids: ulidIds,
});

let s: Setup;
let staff: StaffPrincipal;
let admin: StaffPrincipal;
let contact: ContactPrincipal;
let threadId: string;
let taskIds: string[];

beforeAll(async () => {
  s = await setup('Round trips of conversations');
  staff = { kind: 'staff', userId: s.firm.staff.userId, firmId: s.firm.firmId, role: 'staff' };
  admin = { kind: 'staff', userId: s.firm.admin.userId, firmId: s.firm.firmId, role: 'admin' };
  contact = identityOf(s.contact);
  const t = await newThread(s, { message: 'Hello', tasks: ['One', 'Two', 'Three'] });
  threadId = t.threadId;
  taskIds = t.tasks.map((x: { taskId: string }) => x.taskId);
});

describe('threads: staff', () => {
  it('reads in one round trip: the list alone when its page proves the case, else the case and the thread with the data', async () => {
    const ref = { caseId: s.caseId, threadId };
    expect(
      await cost(() => listThreads(threadDeps as never, staff, s.caseId, { limit: 20, filter: 'all' })),
    ).toEqual({
      requests: 1,
      roundTrips: 1,
    });
    expect(await cost(() => getThread(threadDeps as never, staff, ref.caseId, ref.threadId))).toEqual({
      requests: 1,
      roundTrips: 1,
    });
    expect(
      await cost(() =>
        listStaffMessages(threadDeps as never, staff, ref.caseId, ref.threadId, { limit: 20 }),
      ),
    ).toEqual({ requests: 2, roundTrips: 1 });
    expect(await cost(() => listStaffTasks(threadDeps as never, staff, ref.caseId, ref.threadId))).toEqual({
      requests: 2,
      roundTrips: 1,
    });
  });

  it('writes in two round trips: what the change is planned from, then its transaction', async () => {
    const ref = { caseId: s.caseId, threadId, taskId: taskIds[0]! };
    expect(
      await cost(() =>
        createThread(threadDeps as never, staff, s.caseId, { subject: 'Counted', contactIds: [s.contactId] }),
      ),
      // The case, the contact's grant and the author in one BatchGetItem; the firm's reminder
      // defaults (the firm item's own store) alongside; then the transaction.
    ).toEqual({ requests: 3, roundTrips: 2 });
    expect(
      await cost(() => postStaffMessage(threadDeps as never, staff, s.caseId, threadId, 'Counted message')),
    ).toEqual({ requests: 2, roundTrips: 2 });
    expect(await cost(() => setStaffTaskDone(threadDeps as never, staff, ref, true))).toEqual({
      requests: 3,
      roundTrips: 2,
    });
    expect(await cost(() => moveTask(threadDeps as never, staff, ref, { afterTaskId: taskIds[2]! }))).toEqual(
      { requests: 3, roundTrips: 2 },
    );
    expect(await cost(() => resendTasks(threadDeps as never, staff, s.caseId, threadId))).toEqual({
      requests: 3,
      roundTrips: 2,
    });
    expect(
      await cost(() =>
        setThreadReminders(threadDeps as never, staff, s.caseId, threadId, { everyDays: 2, maxCount: 1 }),
      ),
    ).toEqual({ requests: 2, roundTrips: 2 });
  });

  it('still answers 404 case before 404 thread, with nothing of either returned', async () => {
    await expect(getThread(threadDeps as never, staff, ulidLike(), threadId)).rejects.toMatchObject({
      code: 'case_not_found',
    });
    await expect(
      listStaffMessages(threadDeps as never, staff, s.caseId, ulidLike(), { limit: 5 }),
    ).rejects.toMatchObject({ code: 'thread_not_found' });
  });
});

describe('threads: portal', () => {
  it('finds the grant once per container, then reads it with the work in one round trip', async () => {
    const deps = { ...threadDeps, grantLocator: grantLookup(counted) };
    // The first request of an identity on a case looks the grant up (GSI1) before its work.
    expect(await cost(() => listPortalThreads(deps as never, contact, s.caseId, { limit: 20 }))).toEqual({
      requests: 3,
      roundTrips: 2,
    });
    expect(await cost(() => listPortalThreads(deps as never, contact, s.caseId, { limit: 20 }))).toEqual({
      requests: 2,
      roundTrips: 1,
    });
    expect(await cost(() => getPortalThread(deps as never, contact, s.caseId, threadId))).toEqual({
      requests: 1,
      roundTrips: 1,
    });
    expect(
      await cost(() => listPortalMessages(deps as never, contact, s.caseId, threadId, { limit: 20 })),
    ).toEqual({ requests: 2, roundTrips: 1 });
    expect(await cost(() => listPortalTasks(deps as never, contact, s.caseId, threadId))).toEqual({
      requests: 2,
      roundTrips: 1,
    });
    expect(
      await cost(() => postPortalMessage(deps as never, contact, s.caseId, threadId, 'From the client')),
    ).toEqual({ requests: 2, roundTrips: 2 });
    expect(
      await cost(() =>
        setPortalTaskDone(deps as never, contact, { caseId: s.caseId, threadId, taskId: taskIds[1]! }, true),
      ),
    ).toEqual({ requests: 3, roundTrips: 2 });
  });

  it('a revoked grant answers 404 case even though the container remembers where it was', async () => {
    const deps = { ...threadDeps, grantLocator: grantLookup(counted) };
    const other = await setup('Round trips: revoked');
    const who = identityOf(other.contact);
    const t = await newThread(other);
    await getPortalThread(deps as never, who, other.caseId, t.threadId);
    const revoked = await apiAs(other.firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: other.caseId, contactId: other.contactId } },
    });
    expect(revoked.response.status).toBe(200);
    await expect(getPortalThread(deps as never, who, other.caseId, t.threadId)).rejects.toMatchObject({
      code: 'case_not_found',
    });
    await expect(
      listPortalMessages(deps as never, who, other.caseId, t.threadId, { limit: 5 }),
    ).rejects.toMatchObject({ code: 'case_not_found' });
  });
});

describe('discussions and file requests', () => {
  it('reads in one round trip and writes in two', async () => {
    const deps = discussionDeps();
    const published = await publishDiscussion(deps as never, admin, s.caseId, {
      subject: 'Warm-up',
      message: 'The grant location is remembered after this.',
      shareWith: 'all',
    });
    const id = published.discussionId;
    expect(
      await cost(() =>
        publishDiscussion(deps as never, admin, s.caseId, { subject: 'S', message: 'M', shareWith: 'all' }),
      ),
    ).toEqual({ requests: 3, roundTrips: 2 });
    expect(await cost(() => listDiscussions(deps as never, staff, s.caseId, { limit: 20 }))).toEqual({
      requests: 1,
      roundTrips: 1,
    });
    expect(await cost(() => addComment(deps as never, staff, s.caseId, id, 'Staff says'))).toEqual({
      requests: 2,
      roundTrips: 2,
    });
    expect(await cost(() => listComments(deps as never, staff, s.caseId, id, { limit: 20 }))).toEqual({
      requests: 2,
      roundTrips: 1,
    });
    // Warm the container's grant location, as any earlier portal request of this contact does.
    await listPortalDiscussions(deps as never, contact, s.caseId, { limit: 1 });
    expect(await cost(() => listPortalDiscussions(deps as never, contact, s.caseId, { limit: 20 }))).toEqual({
      requests: 2,
      roundTrips: 1,
    });
    expect(await cost(() => getPortalDiscussion(deps as never, contact, s.caseId, id))).toEqual({
      requests: 1,
      roundTrips: 1,
    });
    expect(await cost(() => listPortalComments(deps as never, contact, s.caseId, id, { limit: 20 }))).toEqual(
      { requests: 2, roundTrips: 1 },
    );
    expect(await cost(() => addPortalComment(deps as never, contact, s.caseId, id, 'Client says'))).toEqual({
      requests: 2,
      roundTrips: 2,
    });

    expect(
      await cost(() =>
        createFileRequest(deps as never, staff, s.caseId, {
          recipients: [s.contactId],
          subject: 'ID',
          description: 'A copy of your ID.',
        }),
      ),
      // The case and the author, the case's grants and the firm's settings at once; then the write.
    ).toEqual({ requests: 4, roundTrips: 2 });
    expect(await cost(() => listFileRequests(deps as never, staff, s.caseId, { limit: 20 }))).toEqual({
      requests: 1,
      roundTrips: 1,
    });
    expect(await cost(() => listPortalFileRequests(deps as never, contact, s.caseId, { limit: 20 }))).toEqual(
      {
        requests: 2,
        roundTrips: 1,
      },
    );
  });
});

describe("staff lists under a case: the page first, the case only when the page can't prove it", () => {
  it('an empty page reads the case after it (an empty case answers its empty list, an unknown one 404)', async () => {
    // Prepare: a case of the firm with no thread, discussion or file request yet.
    const created = await apiAs(s.firm.staff.token).POST('/cases', { body: { title: 'Empty lists' } });
    expect(created.response.status).toBe(201);
    const empty = created.data!.caseId;
    const deps = discussionDeps();
    const lists = {
      threads: (caseId: string) =>
        listThreads(threadDeps as never, staff, caseId, { limit: 20, filter: 'all' }),
      discussions: (caseId: string) => listDiscussions(deps as never, staff, caseId, { limit: 20 }),
      fileRequests: (caseId: string) => listFileRequests(deps as never, staff, caseId, { limit: 20 }),
    };

    for (const list of Object.values(lists)) {
      // Act + Assess: the Query, then the case read that tells an empty case from an unknown one.
      expect(await cost(() => list(empty))).toEqual({ requests: 2, roundTrips: 2 });
      expect(await list(empty)).toEqual({ items: [] });
      await expect(list(newId())).rejects.toMatchObject({ code: 'case_not_found' });
    }
  });
});

describe('inbox, notifications, versions', () => {
  it('recipients: read in one round trip, saved in two', async () => {
    const deps = {
      recipients: recipientsStore(counted),
      staff: staffDirectory(counted),
      clock: systemClock,
      ids: ulidIds,
    };
    expect(await cost(() => getRecipients(deps, staff, s.caseId))).toEqual({ requests: 2, roundTrips: 1 });
    const recipients = [{ userId: s.firm.staff.userId, inApp: true, email: true }];
    expect(await cost(() => putRecipients(deps, staff, s.caseId, { recipients }))).toEqual({
      requests: 2,
      roundTrips: 2,
    });
  });

  it("a contact marks an item read or archives it in two round trips: the index's copy, then the change", async () => {
    await settle();
    const deps = { inbox: inboxStore(counted), clock: systemClock };
    const page = await listInbox(deps, contact, { limit: 20 });
    const [first, second] = page.items.filter((i) => !i.readAt);
    expect(second).toBeDefined();
    expect(await cost(() => readItem(deps, contact, first!.itemId))).toEqual({ requests: 2, roundTrips: 2 });
    expect(await cost(() => archiveItem(deps, contact, second!.itemId))).toEqual({
      requests: 2,
      roundTrips: 2,
    });
    // Read already: answered from the item itself, read consistently, as before.
    expect(await readItem(deps, contact, first!.itemId)).toMatchObject({ itemId: first!.itemId });
  });

  it('preferences, deliveries and versions read in one round trip', async () => {
    const prefs = { preferences: preferenceStore(counted), matrix: matrixStore(counted), clock: systemClock };
    expect(await cost(() => getStaffPreferences(prefs as never, staff))).toEqual({
      requests: 2,
      roundTrips: 1,
    });
    const deliveries = { cases: caseStore(counted), deliveryLists: deliveryLists(counted) };
    expect(await cost(() => listCaseDeliveries(deliveries as never, staff, s.caseId, { limit: 20 }))).toEqual(
      {
        requests: 2,
        roundTrips: 1,
      },
    );
    await expect(
      listVersions({ versions: versionStore(counted) }, staff, s.caseId, ulidLike(), { limit: 5 }),
    ).rejects.toMatchObject({ code: 'document_not_found' });
    expect(
      await cost(() =>
        listVersions({ versions: versionStore(counted) }, staff, s.caseId, ulidLike(), { limit: 5 }).catch(
          () => undefined,
        ),
      ),
    ).toEqual({ requests: 2, roundTrips: 1 });
  });
});

describe('closing (issue 18): close, reopen, delete', () => {
  it('a close or reopen writes in two round trips (the item, then its transaction); a repeat reads only', async () => {
    // Prepare: a thread and a discussion of their own (the others above stay open)
    const own = await newThread(s, { tasks: ['Open'] });
    const d = await apiAs(s.firm.admin.token).POST('/cases/{caseId}/discussions', {
      params: { path: { caseId: s.caseId } },
      body: { subject: 'Counted close', message: 'Closing soon.', shareWith: 'all' },
    });
    const discussionId = d.data!.discussionId;
    const deps = discussionDeps();
    // Act + Assess
    const close = () => setThreadStatus(threadDeps as never, staff, s.caseId, own.threadId, 'closed');
    expect(await cost(close)).toEqual({ requests: 2, roundTrips: 2 });
    expect(await cost(close)).toEqual({ requests: 1, roundTrips: 1 });
    expect(
      await cost(() => setThreadStatus(threadDeps as never, staff, s.caseId, own.threadId, 'open')),
    ).toEqual({ requests: 2, roundTrips: 2 });
    expect(
      await cost(() => setDiscussionStatus(deps as never, admin, s.caseId, discussionId, 'closed')),
    ).toEqual({ requests: 2, roundTrips: 2 });
  });

  it('a recurring task is deleted in two round trips; a repeat reads only', async () => {
    // Prepare
    await apiAs(s.firm.admin.token).PUT('/recurring-tasks/{recurringTaskId}', {
      params: { path: { recurringTaskId: 'counted-delete' } },
      body: { name: 'Counted', notifyClient: true },
    });
    const deps = { recurringTasks: recurringTaskStore(counted), clock: systemClock, ids: ulidIds };
    const remove = () => deleteRecurringTask(deps, admin, 'counted-delete');
    // Act + Assess
    expect(await cost(remove)).toEqual({ requests: 2, roundTrips: 2 });
    expect(await cost(remove)).toEqual({ requests: 1, roundTrips: 1 });
  });
});

/** An id no item has. */
const ulidLike = () => `01${'Z'.repeat(24)}`;
