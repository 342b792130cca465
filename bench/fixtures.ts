// A valid call of every route of the route table, for the request count (bench/round-trips.ts).
// Each fixture builds what it needs through the World (firm, case, grants, documents, threads…).
import { NOTIFICATION_CATEGORIES, NOTIFYING_EVENT_TYPES } from '../functions/domain/notification-matrix';
import type { RouteId } from '../functions/http/routes';
import { localPushClient } from '../local/push';
import { type Claims, contactClaims, type HttpCall } from './events';
import type { World } from './world';

export type Fixture = (w: World) => Promise<HttpCall>;

/**
 * A valid call of every route, by route id. A route of the table without a fixture fails the run
 * loudly (measureRoundTrips); it is not a type error, so a new route never blocks the typecheck.
 */
export const fixtures = {
  createCase: async (w) => ({
    claims: await w.staffClaims('createCase'),
    body: { title: 'Bench created case' },
  }),
  listCases: async (w) => ({ claims: await w.staffClaims('listCases') }),
  getCase: async (w) => ({ claims: await w.staffClaims('getCase'), params: { caseId: await w.caseId() } }),
  updateCase: async (w) => ({
    claims: await w.staffClaims('updateCase'),
    params: { caseId: await w.newCase('to rename') },
    body: { title: 'Bench renamed case' },
  }),
  closeCase: async (w) => ({
    claims: await w.staffClaims('closeCase'),
    params: { caseId: await w.newCase('to close') },
  }),
  reopenCase: async (w) => {
    const caseId = await w.newCase('to reopen');
    await w.must('closeCase', { claims: await w.staffClaims('closeCase'), params: { caseId } });
    return { claims: await w.staffClaims('reopenCase'), params: { caseId } };
  },
  createContact: async (w) => ({
    claims: await w.staffClaims('createContact'),
    body: { name: 'Bench contact', email: `rt.${Date.now()}@client.test` },
  }),
  listContacts: async (w) => ({ claims: await w.staffClaims('listContacts') }),
  listCaseActivity: async (w) => ({
    claims: await w.staffClaims('listCaseActivity'),
    params: { caseId: await w.caseId() },
  }),
  listPortalActivity: async (w) => {
    await w.fileRequestParams('kept');
    return { claims: (await w.portalContact()).claims, params: { caseId: await w.caseId() } };
  },
  updateContact: async (w) => ({
    claims: await w.staffClaims('updateContact'),
    params: { contactId: (await w.newContact('updated')).contactId },
    body: { name: 'Bench renamed contact' },
  }),
  // A contact with one (invited) grant each: removal revokes it, erasure rewrites its case.
  removeContact: async (w) => ({
    claims: await w.staffClaims('removeContact'),
    params: { contactId: (await w.grantedContact('removed')).contactId },
  }),
  exportContact: async (w) => ({
    claims: await w.staffClaims('exportContact'),
    params: { contactId: (await w.grantedContact('exported')).contactId },
  }),
  eraseContact: async (w) => ({
    claims: await w.staffClaims('eraseContact'),
    params: { contactId: (await w.grantedContact('erased')).contactId },
  }),
  inviteStaff: async (w) => ({
    claims: await w.staffClaims('inviteStaff'),
    body: { email: `rt.${Date.now()}@bench.test`, name: 'Bench invitee', role: 'staff', language: 'en' },
  }),
  listStaff: async (w) => ({ claims: await w.staffClaims('listStaff') }),
  updateStaff: async (w) => ({
    claims: await w.staffClaims('updateStaff'),
    params: { userId: (await w.invitedStaff('updated')).userId },
    body: { name: 'Bench renamed' },
  }),
  deactivateStaff: async (w) => ({
    claims: await w.staffClaims('deactivateStaff'),
    params: { userId: (await w.invitedStaff('deactivated')).userId },
  }),
  reactivateStaff: async (w) => ({
    claims: await w.staffClaims('reactivateStaff'),
    params: { userId: (await w.invitedStaff('reactivated')).userId },
  }),
  putGrant: async (w) => ({
    claims: await w.staffClaims('putGrant'),
    params: { caseId: await w.caseId(), contactId: (await w.newContact('put-grant')).contactId },
    body: { role: 'viewer', canDownload: true },
  }),
  revokeGrant: async (w) => ({
    claims: await w.staffClaims('revokeGrant'),
    params: { caseId: await w.caseId(), contactId: (await w.grantedContact('revoked')).contactId },
  }),
  listGrants: async (w) => ({
    claims: await w.staffClaims('listGrants'),
    params: { caseId: await w.caseId() },
  }),
  resendInvitation: async (w) => ({
    claims: await w.staffClaims('resendInvitation'),
    params: { caseId: await w.caseId(), contactId: (await w.grantedContact('resent')).contactId },
  }),
  getPortalLink: async (w) => ({
    claims: await w.staffClaims('getPortalLink'),
    params: { caseId: await w.caseId() },
  }),
  openInvitation: async (w) => {
    const c = await w.grantedContact('opening');
    return { body: { token: await w.invitationToken(c.email) } };
  },
  acceptInvitation: async (w) => {
    const c = await w.grantedContact('accepting');
    return {
      claims: contactClaims(`bench-accepting-${Date.now()}`, c.email),
      body: { token: await w.invitationToken(c.email) },
    };
  },
  listPortalCases: async (w) => ({ claims: (await w.portalContact()).claims }),
  createUpload: async (w) => ({
    claims: await w.staffClaims('createUpload'),
    params: { caseId: await w.caseId() },
    body: w.uploadBody('rt-staff.pdf'),
  }),
  // A case with a document, as lists usually are: an empty page costs a case read more (decision 0033).
  listDocuments: async (w) => {
    await w.documentId();
    return { claims: await w.staffClaims('listDocuments'), params: { caseId: await w.caseId() } };
  },
  downloadDocument: async (w) => ({
    claims: await w.staffClaims('downloadDocument'),
    params: { caseId: await w.caseId(), documentId: await w.documentId() },
  }),
  putDocumentShares: async (w) => ({
    claims: await w.staffClaims('putDocumentShares'),
    params: { caseId: await w.caseId(), documentId: await w.documentId() },
    body: { contactIds: [(await w.grantedContact('share-doc')).contactId] },
  }),
  putContactShares: async (w) => ({
    claims: await w.staffClaims('putContactShares'),
    params: { caseId: await w.caseId(), contactId: (await w.grantedContact('share-contact')).contactId },
    body: { documentIds: [await w.documentId()] },
  }),
  listShares: async (w) => ({
    claims: await w.staffClaims('listShares'),
    params: { caseId: await w.caseId() },
  }),
  renameDocument: async (w) => ({
    claims: await w.staffClaims('renameDocument'),
    params: { caseId: await w.caseId(), documentId: await w.newDocumentId('bench-rename.pdf') },
    body: { name: 'bench-renamed.pdf' },
  }),
  trashDocument: async (w) => ({
    claims: await w.staffClaims('trashDocument'),
    params: { caseId: await w.caseId(), documentId: await w.newDocumentId('bench-trash.pdf') },
  }),
  restoreDocument: async (w) => {
    const params = { caseId: await w.caseId(), documentId: await w.newDocumentId('bench-restore.pdf') };
    await w.must('trashDocument', { claims: await w.staffClaims('trashDocument'), params });
    return { claims: await w.staffClaims('restoreDocument'), params };
  },
  // A trash with a document in it: an empty page costs a case read more (decision 0033).
  listTrash: async (w) => {
    const params = { caseId: await w.caseId(), documentId: await w.newDocumentId('bench-trashed.pdf') };
    await w.must('trashDocument', { claims: await w.staffClaims('trashDocument'), params });
    return { claims: await w.staffClaims('listTrash'), params: { caseId: params.caseId } };
  },
  createPortalUpload: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: { caseId: await w.caseId() },
    body: w.uploadBody('rt-client.pdf'),
  }),
  listPortalDocuments: async (w) => {
    await w.sharedDocumentId();
    return { claims: (await w.portalContact()).claims, params: { caseId: await w.caseId() } };
  },
  downloadPortalDocument: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: { caseId: await w.caseId(), documentId: await w.sharedDocumentId() },
  }),
  getRecipients: async (w) => ({
    claims: await w.staffClaims('getRecipients'),
    params: { caseId: await w.caseId() },
  }),
  putRecipients: async (w) => {
    const f = await w.firm();
    return {
      claims: f.owner.claims,
      params: { caseId: await w.caseId() },
      body: {
        recipients: [
          { userId: f.owner.userId, inApp: true, email: true },
          { userId: f.staff2.userId, inApp: true, email: false },
        ],
      },
    };
  },
  listStaffInbox: async (w) => {
    await w.staffInboxItemId();
    return { claims: await w.staffClaims('listStaffInbox') };
  },
  countStaffUnread: async (w) => ({ claims: await w.staffClaims('countStaffUnread') }),
  readStaffInboxItem: async (w) => ({
    claims: await w.staffClaims('readStaffInboxItem'),
    params: { itemId: await w.staffInboxItemId() },
  }),
  readAllStaffInbox: async (w) => {
    await w.staffInboxItemId();
    return { claims: await w.staffClaims('readAllStaffInbox') };
  },
  archiveStaffInboxItem: async (w) => ({
    claims: await w.staffClaims('archiveStaffInboxItem'),
    params: { itemId: await w.staffInboxItemId() },
  }),
  listPortalInbox: async (w) => ({ claims: (await w.portalContact()).claims }),
  countPortalUnread: async (w) => ({ claims: (await w.portalContact()).claims }),
  readPortalInboxItem: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: { itemId: await w.contactInboxItemId() },
  }),
  readAllPortalInbox: async (w) => ({ claims: (await w.portalContact()).claims }),
  archivePortalInboxItem: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: { itemId: await w.contactInboxItemId() },
  }),
  createThread: async (w) => ({
    claims: await w.staffClaims('createThread'),
    params: { caseId: await w.caseId() },
    body: {
      subject: 'Year-end documents',
      contactIds: [(await w.portalContact()).contactId],
      message: 'Please send these.',
      tasks: ['Bank statements', 'Signed engagement letter'],
    },
  }),
  listThreads: async (w) => ({
    claims: await w.staffClaims('listThreads'),
    params: { caseId: await w.caseId() },
  }),
  getThread: async (w) => ({ claims: await w.staffClaims('getThread'), params: await w.threadParams() }),
  listThreadMessages: async (w) => ({
    claims: await w.staffClaims('listThreadMessages'),
    params: await w.threadParams(),
  }),
  postThreadMessage: async (w) => ({
    claims: await w.staffClaims('postThreadMessage'),
    params: await w.threadParams(),
    body: { text: 'Thanks, received.' },
  }),
  listThreadTasks: async (w) => ({
    claims: await w.staffClaims('listThreadTasks'),
    params: await w.threadParams(),
  }),
  addThreadTasks: async (w) => ({
    claims: await w.staffClaims('addThreadTasks'),
    params: await w.threadParams(),
    body: { tasks: ['Payroll summary'] },
  }),
  editThreadTask: async (w) => ({
    claims: await w.staffClaims('editThreadTask'),
    params: await w.taskParams('edit'),
    body: { text: 'Bank statements (all accounts)' },
  }),
  deleteThreadTask: async (w) => ({
    claims: await w.staffClaims('deleteThreadTask'),
    params: await w.taskParams('delete'),
  }),
  moveThreadTask: async (w) => ({
    claims: await w.staffClaims('moveThreadTask'),
    params: await w.taskParams('move'),
    body: { afterTaskId: (await w.taskParams('moveAfter')).taskId },
  }),
  completeThreadTask: async (w) => ({
    claims: await w.staffClaims('completeThreadTask'),
    params: await w.taskParams('complete'),
  }),
  reopenThreadTask: async (w) => {
    const params = await w.taskParams('reopen');
    await w.must('completeThreadTask', { claims: await w.staffClaims('completeThreadTask'), params });
    return { claims: await w.staffClaims('reopenThreadTask'), params };
  },
  resendThreadTasks: async (w) => ({
    claims: await w.staffClaims('resendThreadTasks'),
    params: await w.threadParams(),
  }),
  putThreadReminders: async (w) => ({
    claims: await w.staffClaims('putThreadReminders'),
    params: await w.threadParams(),
    body: { everyDays: 7, maxCount: 3 },
  }),
  getClientNotifications: async (w) => ({ claims: await w.staffClaims('getClientNotifications') }),
  putClientNotifications: async (w) => ({
    claims: await w.staffClaims('putClientNotifications'),
    body: { showMessageContext: false, taskReminders: { everyDays: 7, maxCount: 3 } },
  }),
  closeThread: async (w) => ({
    claims: await w.staffClaims('closeThread'),
    params: await ownThread(w, 'closeThread'),
  }),
  reopenThread: (w) => closedFirst(w, 'reopenThread', ownThread, 'closeThread'),
  listPortalThreads: async (w) => {
    await w.threadParams();
    return { claims: (await w.portalContact()).claims, params: { caseId: await w.caseId() } };
  },
  getPortalThread: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.threadParams(),
  }),
  listPortalThreadMessages: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.threadParams(),
  }),
  postPortalThreadMessage: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.threadParams(),
    body: { text: 'Uploaded the statements.' },
  }),
  listPortalThreadTasks: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.threadParams(),
  }),
  completePortalThreadTask: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.taskParams('portalComplete'),
  }),
  reopenPortalThreadTask: async (w) => {
    const { claims } = await w.portalContact();
    const params = await w.taskParams('portalReopen');
    await w.must('completePortalThreadTask', { claims, params });
    return { claims, params };
  },
  publishDiscussion: async (w) => {
    await w.portalContact(); // a discussion needs a contact with access to share it with
    return {
      claims: await w.staffClaims('publishDiscussion'),
      params: { caseId: await w.caseId() },
      body: { subject: 'Engagement terms', message: 'Please read and comment.', shareWith: 'all' },
    };
  },
  listDiscussions: async (w) => ({
    claims: await w.staffClaims('listDiscussions'),
    params: { caseId: await w.caseId() },
  }),
  getDiscussion: async (w) => ({
    claims: await w.staffClaims('getDiscussion'),
    params: await w.discussionParams(),
  }),
  addComment: async (w) => ({
    claims: await w.staffClaims('addComment'),
    params: await w.discussionParams(),
    body: { body: 'Updated the terms.' },
  }),
  listComments: async (w) => ({
    claims: await w.staffClaims('listComments'),
    params: await w.discussionParams(),
  }),
  closeDiscussion: async (w) => ({
    claims: await w.staffClaims('closeDiscussion'),
    params: await ownDiscussion(w, 'closeDiscussion'),
  }),
  reopenDiscussion: (w) => closedFirst(w, 'reopenDiscussion', ownDiscussion, 'closeDiscussion'),
  listPortalDiscussions: async (w) => {
    await w.discussionParams();
    return { claims: (await w.portalContact()).claims, params: { caseId: await w.caseId() } };
  },
  getPortalDiscussion: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.discussionParams(),
  }),
  addPortalComment: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.discussionParams(),
    body: { body: 'Agreed.' },
  }),
  listPortalComments: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.discussionParams(),
  }),
  createFileRequest: async (w) => ({
    claims: await w.staffClaims('createFileRequest'),
    params: { caseId: await w.caseId() },
    body: {
      recipients: [(await w.portalContact()).contactId],
      subject: 'Bank statements',
      description: 'All accounts, January to December.',
    },
  }),
  listFileRequests: async (w) => ({
    claims: await w.staffClaims('listFileRequests'),
    params: { caseId: await w.caseId() },
  }),
  getFileRequest: async (w) => ({
    claims: await w.staffClaims('getFileRequest'),
    params: await w.fileRequestParams('kept'),
  }),
  cancelFileRequest: async (w) => ({
    claims: await w.staffClaims('cancelFileRequest'),
    params: await w.fileRequestParams('cancelled'),
  }),
  listPortalFileRequests: async (w) => {
    await w.fileRequestParams('kept');
    return { claims: (await w.portalContact()).claims, params: { caseId: await w.caseId() } };
  },
  // ── request lists (issue 18) ──
  acceptFileRequestItem: async (w) => ({
    claims: await w.staffClaims('acceptFileRequestItem'),
    params: await submittedItem(w, 'accepted'),
  }),
  returnFileRequestItem: async (w) => ({
    claims: await w.staffClaims('returnFileRequestItem'),
    params: await submittedItem(w, 'returned'),
    body: { reason: 'Page 2 is missing.' },
  }),
  getPortalFileRequest: async (w) => ({
    claims: (await w.portalContact()).claims,
    params: await w.fileRequestParams('kept'),
  }),
  putFileRequestTemplate: async (w) => ({
    claims: await w.staffClaims('putFileRequestTemplate'),
    params: { templateId: 'bench-year-end' },
    body: { name: 'Bench year end', items: [{ subject: 'Bank statements', dueInDays: 14 }] },
  }),
  listFileRequestTemplates: async (w) => ({ claims: await w.staffClaims('listFileRequestTemplates') }),
  getFileRequestTemplate: async (w) => ({
    claims: await w.staffClaims('getFileRequestTemplate'),
    params: { templateId: await benchTemplate(w, 'bench-read') },
  }),
  deleteFileRequestTemplate: async (w) => ({
    claims: await w.staffClaims('deleteFileRequestTemplate'),
    params: { templateId: await benchTemplate(w, 'bench-delete') },
  }),
  listDocumentVersions: async (w) => ({
    claims: await w.staffClaims('listDocumentVersions'),
    params: { caseId: await w.caseId(), documentId: await w.documentId() },
  }),
  getSettings: async (w) => ({ claims: await w.staffClaims('getSettings') }),
  putSettings: async (w) => ({
    claims: await w.staffClaims('putSettings'),
    body: { detailedNotifications: true, uploadMaxBytes: 10 * 1024 * 1024 },
  }),
  getNotificationMatrix: async (w) => ({ claims: await w.staffClaims('getNotificationMatrix') }),
  putNotificationMatrix: async (w) => ({
    claims: await w.staffClaims('putNotificationMatrix'),
    body: {
      matrix: Object.fromEntries(
        NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]),
      ),
      mandatory: ['access'],
    },
  }),
  getMyPreferences: async (w) => ({ claims: await w.staffClaims('getMyPreferences') }),
  putMyPreferences: async (w) => ({
    claims: await w.staffClaims('putMyPreferences'),
    body: {
      preferences: Object.fromEntries(
        NOTIFICATION_CATEGORIES.map((c) => [c, { inApp: true, email: true, push: true }]),
      ),
    },
  }),
  getPortalPreferences: async (w) => ({ claims: (await w.portalContact()).claims }),
  putPortalPreferences: async (w) => ({
    claims: (await w.portalContact()).claims,
    body: {
      preferences: Object.fromEntries(
        NOTIFICATION_CATEGORIES.map((c) => [c, { inApp: true, email: true, push: true }]),
      ),
    },
  }),
  listCaseDeliveries: async (w) => ({
    claims: await w.staffClaims('listCaseDeliveries'),
    params: { caseId: await w.caseId() },
  }),
  listEventDeliveries: async (w) => ({
    claims: await w.staffClaims('listEventDeliveries'),
    params: { eventId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' },
  }),
  listNotificationTemplates: async (w) => ({
    claims: await w.staffClaims('listNotificationTemplates'),
    query: { locale: 'es' },
  }),
  putNotificationTemplate: async (w) => ({
    claims: await w.staffClaims('putNotificationTemplate'),
    params: { templateId: 'document.uploaded', locale: 'es', channel: 'email' },
    body: {
      subject: '{contactName} subió {fileName}',
      body: '{contactName} subió {fileName} a {caseTitle}.',
    },
  }),
  deleteNotificationTemplate: async (w) => ({
    claims: await w.staffClaims('deleteNotificationTemplate'),
    params: { templateId: 'document.uploaded', locale: 'es', channel: 'email' },
  }),
  // ── web push (issue 7) ──
  // The first call of a deployment generates and stores the VAPID key pair; every later one (what
  // is measured) is served from the container's copy.
  getPushPublicKey: async (w) => {
    const claims = await w.staffClaims('getPushPublicKey');
    await w.must('getPushPublicKey', { claims });
    return { claims };
  },
  createPushSubscription: async (w) => {
    const claims = await w.staffClaims('createPushSubscription');
    return { claims, body: await localPushSubscription(w, claims) };
  },
  listPushSubscriptions: async (w) => ({ claims: await w.staffClaims('listPushSubscriptions') }),
  deletePushSubscription: async (w) => {
    const claims = await w.staffClaims('deletePushSubscription');
    const made = await w.must('createPushSubscription', {
      claims,
      body: await localPushSubscription(w, claims),
    });
    return { claims, params: { subscriptionId: String(made.subscriptionId) } };
  },
  getPortalPushPublicKey: async (w) => {
    const { claims } = await w.portalContact();
    await w.must('getPortalPushPublicKey', { claims });
    return { claims };
  },
  createPortalPushSubscription: async (w) => {
    const { claims } = await w.portalContact();
    return { claims, body: await localPushSubscription(w, claims) };
  },
  listPortalPushSubscriptions: async (w) => ({ claims: (await w.portalContact()).claims }),
  deletePortalPushSubscription: async (w) => {
    const { claims } = await w.portalContact();
    const made = await w.must('createPortalPushSubscription', {
      claims,
      body: await localPushSubscription(w, claims),
    });
    return { claims, params: { subscriptionId: String(made.subscriptionId) } };
  },
  // ── document paths (issue 7) ──
  putRecurringTask: async (w) => ({
    claims: await w.staffClaims('putRecurringTask'),
    params: { recurringTaskId: 'bench-payroll' },
    body: { name: 'Bench payroll', notifyClient: true },
  }),
  listRecurringTasks: async (w) => ({ claims: await w.staffClaims('listRecurringTasks') }),
  getRecurringTask: async (w) => {
    await w.must('putRecurringTask', {
      claims: await w.staffClaims('putRecurringTask'),
      params: { recurringTaskId: 'bench-read' },
      body: { name: 'Bench read', notifyClient: true },
    });
    return { claims: await w.staffClaims('getRecurringTask'), params: { recurringTaskId: 'bench-read' } };
  },
  deleteRecurringTask: async (w) => {
    const claims = await w.staffClaims('deleteRecurringTask');
    await w.must('putRecurringTask', {
      claims: await w.staffClaims('putRecurringTask'),
      params: { recurringTaskId: 'bench-delete' },
      body: { name: 'Bench delete', notifyClient: true },
    });
    return { claims, params: { recurringTaskId: 'bench-delete' } };
  },
  putCaseNotifyClient: async (w) => ({
    claims: await w.staffClaims('putCaseNotifyClient'),
    params: { caseId: await w.caseId() },
    body: { notifyClient: true },
  }),
  publishDocument: async (w) => {
    await w.must('putRecurringTask', {
      claims: await w.staffClaims('putRecurringTask'),
      params: { recurringTaskId: 'bench-publish' },
      body: { name: 'Bench publish', notifyClient: true },
    });
    return {
      claims: await w.staffClaims('publishDocument'),
      params: { caseId: await w.caseId(), documentId: await w.documentId() },
      body: {
        recurringTaskId: 'bench-publish',
        contactIds: [(await w.grantedContact('publish')).contactId],
      },
    };
  },
  // ── the live channel (issue 19) ──
  issueLiveTicket: async (w) => ({ claims: await w.staffClaims('issueLiveTicket') }),
  issuePortalLiveTicket: async (w) => ({ claims: (await w.portalContact()).claims }),
} satisfies Partial<Record<RouteId, Fixture>>;

/** A browser subscription on the local push service, for the API's VAPID key (as the SPA makes one). */
async function localPushSubscription(w: World, claims: Claims) {
  const key = await w.must(claims.firmId ? 'getPushPublicKey' : 'getPortalPushPublicKey', { claims });
  return (await localPushClient(w.stack.urls.push).subscribe(String(key.publicKey))).subscription;
}

/** A thread of its own for a route that closes or reopens it (the shared one stays open). */
async function ownThread(w: World, route: RouteId) {
  const caseId = await w.caseId();
  const contact = await w.portalContact();
  const t = await w.must('createThread', {
    claims: await w.staffClaims('createThread'),
    params: { caseId },
    body: { subject: `Bench ${route}`, contactIds: [contact.contactId], tasks: ['Open task'] },
  });
  return { caseId, threadId: t.threadId as string };
}

/** A discussion of its own for a route that closes or reopens it (the shared one stays open). */
async function ownDiscussion(w: World, route: RouteId) {
  const caseId = await w.caseId();
  await w.portalContact();
  const d = await w.must('publishDiscussion', {
    claims: await w.staffClaims('publishDiscussion'),
    params: { caseId },
    body: { subject: `Bench ${route}`, message: 'Read this.', shareWith: 'all' },
  });
  return { caseId, discussionId: d.discussionId as string };
}

/** A reopen's call: a thread or discussion of its own, closed first. */
async function closedFirst(
  w: World,
  route: RouteId,
  own: (w: World, route: RouteId) => Promise<Record<string, string>>,
  close: RouteId,
): Promise<HttpCall> {
  const claims = await w.staffClaims(route);
  const params = await own(w, route);
  await w.must(close, { claims, params });
  return { claims, params };
}

/** A request-list template of the bench firm, saved by its admin. */
async function benchTemplate(w: World, templateId: string): Promise<string> {
  await w.must('putFileRequestTemplate', {
    claims: await w.staffClaims('putFileRequestTemplate'),
    params: { templateId },
    body: { name: `Bench ${templateId}`, items: [{ subject: 'Bank statements' }] },
  });
  return templateId;
}

/** A request list of one item that the portal contact has submitted (uploaded, recorded by ingest). */
async function submittedItem(w: World, name: string) {
  const caseId = await w.caseId();
  const contact = await w.portalContact();
  const r = await w.must('createFileRequest', {
    claims: await w.staffClaims('createFileRequest'),
    params: { caseId },
    body: {
      recipients: [contact.contactId],
      subject: `Bench list ${name}`,
      description: 'Please upload.',
      items: [{ subject: 'Bank statements' }],
    },
  });
  const requestId = r.requestId as string;
  const itemId = (r.items as { itemId: string }[])[0]!.itemId;
  const fileName = `bench-item-${name}.pdf`;
  const upload = await w.must('createPortalUpload', {
    claims: contact.claims,
    params: { caseId },
    body: { ...w.uploadBody(fileName), fileRequestId: requestId, fileRequestItemId: itemId },
  });
  await w.postFile(upload, fileName);
  await w.settle();
  return { caseId, requestId, itemId };
}
