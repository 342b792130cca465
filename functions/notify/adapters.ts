// Notify's data side in one place: the ports every policy reads through (each declared with its
// policy, merged into PolicyPorts) and the ports the delivery core writes and reads through
// (core.ts), implemented over the table. The only notify module that imports functions/store/* (a
// unit test holds it), so policies know no table, and the handler and the bench wire notify alike.
// What policies read of cases, contacts, documents, threads… is read here with the table helpers
// (the same keys and read options as those entities' stores), not through the stores' factories:
// a factory brings every method of its store, and the domain modules those import, into the notify
// bundle (decision 0041: −18 KB).
import type { Case } from '../domain/cases';
import { withDefaults } from '../domain/client-notifications';
import type { Contact } from '../domain/contacts';
import type { Comment, Discussion } from '../domain/discussions';
import type { Document } from '../domain/documents';
import type { FileRequest } from '../domain/file-requests';
import type { StaffUser } from '../domain/firm';
import type { Grant } from '../domain/grants';
import type { MailAddressStore } from '../domain/mail-addresses';
import { effectiveMatrix } from '../domain/notification-matrix';
import { type PreferenceOwner, preferenceOwnerId } from '../domain/preferences';
import type { SavedRecipients } from '../domain/recipients';
import type { RecurringTask } from '../domain/recurring-tasks';
import { inListOrder } from '../domain/task-rules';
import type { TemplateOverrideSource } from '../domain/templates';
import type { Task, Thread, Message as ThreadMessage } from '../domain/threads';
import { deliveryStore } from '../store/deliveries';
import { digestSink } from '../store/digests';
import { getFirm, matrixStore, settingsStore } from '../store/firm-settings';
import { inboxWriter } from '../store/inbox';
import { invitationMailStore } from '../store/invitations';
import {
  caseKey,
  commentKey,
  contactKey,
  discussionKey,
  documentKey,
  fileRequestKey,
  grantKey,
  grantsOfCasePattern,
  messageKey,
  recipientsKey,
  recurringTaskKey,
  staffKey,
  tasksOfThreadPattern,
  threadKey,
} from '../store/keys';
import { mailAddressStore } from '../store/mail-addresses';
import { preferenceStore } from '../store/preferences';
import { pushSubscriptionStore } from '../store/push-subscriptions';
import { activeAdminsOf } from '../store/staff';
import { getItem, getMany, queryAll, type Table } from '../store/table';
import { templateStore } from '../store/templates';
import type { DeliveryStore, DigestSink, InboxWriter, NotificationGate, SuppressionLog } from './core';
import type { CaseLifecyclePorts } from './policies/case-closed';
import type { CaseActivityPorts } from './policies/case-people';
import type { ClientDocumentPorts } from './policies/client-documents';
import type { CaseNoticePorts } from './policies/document-uploaded';
import type { ThreadNoticePorts } from './policies/thread-notices';
import type { PolicyPorts, Recipient } from './policy';
import type { WebPusherDeps } from './web-pusher';

export interface PolicyConfig {
  /** Base URL of the staff web app. */
  appUrl: string;
  /** Default base URL of the client portal (firms may set their own). */
  portalUrl: string;
}

export interface NotifyAdapters {
  /** Delivery records: claims, outcomes, and what the gate or a policy suppressed. */
  deliveries: DeliveryStore & SuppressionLog;
  inbox: InboxWriter;
  /** What the gate reads (its suppression log is `deliveries`, wrapped as the caller counts it). */
  gate: Omit<NotificationGate, 'suppressions'>;
  digests: DigestSink;
  pushSubscriptions: WebPusherDeps['subscriptions'];
  /** The firms' template overrides the texts render with. */
  templates: TemplateOverrideSource;
  /** Bounce and complaint marks of addresses (SES mail feedback). */
  mailAddresses: MailAddressStore;
  /** What the policies read. */
  ports: PolicyPorts;
}

export function notifyAdapters(table: Table, config: PolicyConfig): NotifyAdapters {
  const matrices = matrixStore(table);
  const preferences = preferenceStore(table);
  const mailAddresses = mailAddressStore(table);
  return {
    deliveries: deliveryStore(table),
    inbox: inboxWriter(table),
    gate: {
      matrixOf: async (firmId) => effectiveMatrix(await matrices.getMatrix(firmId)),
      // Staff preferences live in the firm; a contact's follow its portal identity (none before it has one).
      preferencesOf: async (recipients) => {
        const owned = recipients.flatMap((r): [string, PreferenceOwner][] =>
          r.kind === 'staff'
            ? [[`staff-${r.id}`, { kind: 'staff', firmId: r.firmId, userId: r.id }]]
            : r.identityId
              ? [[`contact-${r.id}`, { kind: 'contact', identityId: r.identityId }]]
              : [],
        );
        // The same items count each one's push subscriptions: nobody's devices are looked up for nothing.
        const saved = await preferences.withDevices(owned.map(([, o]) => o));
        return new Map(
          owned.flatMap(([id, o]) => {
            const p = saved.get(preferenceOwnerId(o));
            return p ? [[id, p] as const] : [];
          }),
        );
      },
      mailMarksOf: (emails) => mailAddresses.marksOf(emails),
    },
    digests: digestSink(table),
    pushSubscriptions: pushSubscriptionStore(table),
    templates: templateStore(table),
    mailAddresses,
    ports: policyPorts(table, config),
  };
}

/** Every policy's ports over the table; `portalUrl` (PORTAL_URL) serves firms that set none. */
export function policyPorts(table: Table, config: PolicyConfig): PolicyPorts {
  const appUrl = config.appUrl.replace(/\/+$/, '');
  const caseActivity = caseActivityPorts(table, appUrl, config.portalUrl);
  return {
    caseNotice: caseNoticePorts(table, appUrl),
    caseActivity,
    // The same contact recipients as the discussion and file-request notices.
    clientDocuments: clientDocumentPorts(table, config.portalUrl, caseActivity.contactsOf),
    caseLifecycle: caseLifecyclePorts(table, config.portalUrl, caseActivity.contactsOf),
    threadNotice: threadNoticePorts(table, appUrl, config.portalUrl),
    invitations: invitationMailStore(table, config.portalUrl),
  };
}

function caseNoticePorts(table: Table, appUrl: string): CaseNoticePorts {
  return {
    case: (firmId, caseId) => getItem<Case>(table, caseKey(firmId, caseId)),
    recipientsOf: async (firmId, caseId) =>
      (await getItem<SavedRecipients>(table, recipientsKey(firmId, caseId)))?.recipients,
    staffUsers: (firmId, ids) =>
      getMany<StaffUser>(
        table,
        [...new Set(ids)].map((id) => staffKey(firmId, id)),
        { consistent: false },
      ),
    activeAdmins: (firmId) => activeAdminsOf(table, firmId),
    contact: (firmId, contactId) =>
      getItem<Contact>(table, contactKey(firmId, contactId), { consistent: true }),
    caseDocumentsUrl: (caseId) => `${appUrl}/cases/${encodeURIComponent(caseId)}/documents`,
  };
}

/** The firm's name and portal (its own, else the deployment's), for links and mail signatures. */
async function firmLink(table: Table, firmId: string, defaultPortalUrl: string) {
  const f = await getFirm(table, firmId);
  return { name: f?.name ?? '', portalUrl: f?.portalUrl || defaultPortalUrl };
}

function caseActivityPorts(table: Table, appUrl: string, defaultPortalUrl: string): CaseActivityPorts {
  const settings = settingsStore(table);
  return {
    async contactsOf(firmId, caseId, contactIds) {
      const [grants, contacts] = await Promise.all([
        getMany<Grant>(
          table,
          contactIds.map((id) => grantKey(firmId, caseId, id)),
        ),
        getMany<Contact & { identityId?: string }>(
          table,
          contactIds.map((id) => contactKey(firmId, id)),
        ),
      ]);
      const contactById = new Map(contacts.map((c) => [c.contactId, c]));
      return grants
        .filter((g) => g.status !== 'revoked')
        .map((g) => {
          const c = contactById.get(g.contactId);
          const email = c?.email ?? g.contactEmail;
          const identityId = g.status === 'active' ? g.identityId : undefined;
          return {
            kind: 'contact' as const,
            firmId,
            id: g.contactId,
            name: c?.name ?? g.contactName,
            ...(email ? { email } : {}),
            ...(c?.locale ? { locale: c.locale } : {}),
            ...(identityId ? { identityId } : {}),
          };
        });
    },
    discussion: (firmId, caseId, id) =>
      getItem<Discussion>(table, discussionKey(firmId, caseId, id), { consistent: true }),
    comment: (firmId, caseId, discussionId, commentId) =>
      getItem<Comment>(table, commentKey(firmId, caseId, discussionId, commentId)),
    fileRequest: (firmId, caseId, id) =>
      getItem<FileRequest>(table, fileRequestKey(firmId, caseId, id), { consistent: true }),
    detailed: async (firmId) => (await settings.getSettings(firmId)).detailedNotifications === true,
    portalUrl: async (firmId) => (await firmLink(table, firmId, defaultPortalUrl)).portalUrl,
    appUrl: (path) => `${appUrl}${path}`,
  };
}

function clientDocumentPorts(
  table: Table,
  defaultPortalUrl: string,
  contactsOf: CaseActivityPorts['contactsOf'],
): ClientDocumentPorts {
  const matrices = matrixStore(table);
  return {
    documentPath: async (firmId) => effectiveMatrix(await matrices.getMatrix(firmId)).documentPath,
    case: (firmId, caseId) => getItem<Case>(table, caseKey(firmId, caseId)),
    document: (firmId, caseId, documentId) =>
      getItem<Document>(table, documentKey(firmId, caseId, documentId), { consistent: true }),
    recurringTask: (firmId, id) =>
      getItem<RecurringTask>(table, recurringTaskKey(firmId, id), { consistent: true }),
    contactsOf,
    firm: (firmId) => firmLink(table, firmId, defaultPortalUrl),
  };
}

function caseLifecyclePorts(
  table: Table,
  defaultPortalUrl: string,
  contactsOf: CaseActivityPorts['contactsOf'],
): CaseLifecyclePorts {
  return {
    async activeContactsOf(firmId, caseId) {
      const grants = await queryAll<Grant>(table, grantsOfCasePattern(firmId, caseId), {
        consistent: false,
      });
      return contactsOf(
        firmId,
        caseId,
        grants.filter((g) => g.status === 'active').map((g) => g.contactId),
      );
    },
    firm: (firmId) => firmLink(table, firmId, defaultPortalUrl),
  };
}

function threadNoticePorts(table: Table, appUrl: string, defaultPortalUrl: string): ThreadNoticePorts {
  return {
    thread: (firmId, caseId, threadId) =>
      getItem<Thread>(table, threadKey(firmId, caseId, threadId), { consistent: true }),
    tasks: async (firmId, caseId, threadId) =>
      inListOrder(
        await queryAll<Task>(table, tasksOfThreadPattern(firmId, caseId, threadId), { consistent: true }),
      ).map((t: Task) => ({
        taskId: t.taskId,
        text: t.text,
        done: t.done,
      })),
    message: (firmId, caseId, threadId, messageId) =>
      getItem<ThreadMessage>(table, messageKey(firmId, caseId, threadId, messageId), { consistent: true }),
    async firm(firmId) {
      const firm = await getFirm(table, firmId, { consistent: true });
      return {
        name: firm?.name ?? 'Your firm',
        portalUrl: (firm?.portalUrl || defaultPortalUrl).replace(/\/+$/, ''),
        settings: withDefaults(firm ?? {}),
      };
    },
    async contacts(firmId, caseId, contactIds) {
      const found = await Promise.all(
        contactIds.map(async (contactId) => {
          const [grant, contact] = await Promise.all([
            getItem<Grant>(table, grantKey(firmId, caseId, contactId), { consistent: true }),
            getItem<Contact & { identityId?: string }>(table, contactKey(firmId, contactId), {
              consistent: true,
            }),
          ]);
          // Access revoked since the thread started: the contact hears nothing more of it.
          if (!grant || grant.status === 'revoked' || !contact) return [];
          const r: Recipient = {
            kind: 'contact',
            firmId,
            id: contactId,
            name: contact.name,
            ...(contact.email ? { email: contact.email } : {}),
            ...(contact.locale ? { locale: contact.locale } : {}),
            ...(contact.identityId ? { identityId: contact.identityId } : {}),
          };
          return [r];
        }),
      );
      return found.flat();
    },
    threadUrl: (caseId, threadId) =>
      `${appUrl}/cases/${encodeURIComponent(caseId)}/threads/${encodeURIComponent(threadId)}`,
  };
}
