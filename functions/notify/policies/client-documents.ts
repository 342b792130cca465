// Policies of the two document paths (ONVIO): `document.shared` (staff share in the portal) and
// `document.published` (an integration publishes for a completed process task) both tell contacts
// "a new document is available". The firm's document path decides which of them does; on the
// process path the case's and the recurring task's notify-client flags must both be on. A plan the
// settings stop is still planned, `suppressed` with words naming the setting, so delivery status
// explains it. Every plan carries the document version as its dedupe key: whatever paths and
// events bring a version, a contact hears of it once per channel.

import type { Case } from '../../domain/cases';
import type { Document } from '../../domain/documents';
import { displayName } from '../../domain/names';
import type { DocumentPath } from '../../domain/notification-matrix';
import type { RecurringTask } from '../../domain/recurring-tasks';
import type { DomainEvent } from '../../events/catalogue';
import { log } from '../../log';
import type { PlannedDelivery, Policy, PolicyContext, Recipient } from '../policy';
import { type CaseActivityPorts, portalPath } from './case-people';

export interface ClientDocumentPorts {
  /** The firm's document path (`portal` unless it chose `process`). */
  documentPath(firmId: string): Promise<DocumentPath>;
  case(firmId: string, caseId: string): Promise<Pick<Case, 'caseId' | 'title' | 'notifyClient'> | undefined>;
  document(
    firmId: string,
    caseId: string,
    documentId: string,
  ): Promise<Pick<Document, 'version' | 'uploadedBy'> | undefined>;
  recurringTask(
    firmId: string,
    recurringTaskId: string,
  ): Promise<Pick<RecurringTask, 'name' | 'notifyClient'> | undefined>;
  /** Contacts among `contactIds` whose grant on the case is not revoked, as recipients. */
  contactsOf: CaseActivityPorts['contactsOf'];
  /** The firm's name and its portal base URL (or the default). */
  firm(firmId: string): Promise<{ name: string; portalUrl: string }>;
}

declare module '../policy' {
  interface PolicyPorts {
    clientDocuments: ClientDocumentPorts;
  }
}

/** The news a document version is: one notice per contact × channel, whichever event brings it. */
export const documentDedupeKey = (documentId: string, version: number) =>
  `document#${documentId}#v${version}`;

type DocumentEvent = Extract<DomainEvent, { type: 'document.shared' | 'document.published' }>;
type Suppression = NonNullable<PlannedDelivery['suppressed']>;

const policy = (detail: string): Suppression => ({ reason: 'policy', detail });

export const documentSharedPolicy: Policy<'document.shared'> = async (event, ctx) => {
  if (!event.caseId || event.detail.added.length === 0) return [];
  const ports = ctx.ports.clientDocuments;
  const path = await ports.documentPath(event.firmId);
  const why =
    path === 'portal'
      ? undefined
      : policy(
          'The firm notifies clients of documents through the process path; this document was shared in the portal.',
        );
  return plan(event, ctx, event.detail.added, event.detail.version, why);
};

export const documentPublishedPolicy: Policy<'document.published'> = async (event, ctx) => {
  if (!event.caseId || event.detail.contactIds.length === 0) return [];
  const ports = ctx.ports.clientDocuments;
  const { recurringTaskId } = event.detail;
  const [path, c, task] = await Promise.all([
    ports.documentPath(event.firmId),
    ports.case(event.firmId, event.caseId),
    ports.recurringTask(event.firmId, recurringTaskId),
  ]);
  const why = processPathDecision(path, c, task, recurringTaskId);
  return plan(event, ctx, event.detail.contactIds, event.detail.version, why, c);
};

/**
 * Whether the process path tells the contacts: the firm's path is `process`, and the case's and the
 * recurring task's notify-client flags are both on. The flags are read when the event is handled,
 * so a flag switched off before the notice went out still stops it.
 */
function processPathDecision(
  path: DocumentPath,
  c: Pick<Case, 'title' | 'notifyClient'> | undefined,
  task: Pick<RecurringTask, 'name' | 'notifyClient'> | undefined,
  recurringTaskId: string,
): Suppression | undefined {
  const taskName = task ? `"${task.name}" (${recurringTaskId})` : recurringTaskId;
  if (path !== 'process')
    return policy(
      `The firm notifies clients of documents through the portal path; this document was published by a process integration (recurring task ${taskName}).`,
    );
  if (!task)
    return policy(
      `The recurring task ${recurringTaskId} is not known to the firm, so its notify-client flag is not on.`,
    );
  const off = [
    ...(c && !c.notifyClient ? [`the case "${c.title}"`] : []),
    ...(task.notifyClient ? [] : [`the recurring task ${taskName}`]),
  ];
  return off.length > 0 ? policy(`Notify client is off for ${off.join(' and for ')}.`) : undefined;
}

/**
 * In-app and email, to each contact that still has access, except the one who uploaded the
 * document (their own upload is not news to them); all suppressed with `why` when given.
 */
async function plan(
  event: DocumentEvent,
  ctx: PolicyContext,
  contactIds: string[],
  eventVersion: number | undefined,
  why: Suppression | undefined,
  knownCase?: Pick<Case, 'caseId' | 'title' | 'notifyClient'>,
): Promise<PlannedDelivery[]> {
  const ports = ctx.ports.clientDocuments;
  const caseId = event.caseId!;
  const { documentId, name } = event.detail;
  const [c, doc, contacts, firm] = await Promise.all([
    knownCase ?? ports.case(event.firmId, caseId),
    ports.document(event.firmId, caseId, documentId),
    ports.contactsOf(event.firmId, caseId, [...new Set(contactIds)]),
    ports.firm(event.firmId),
  ]);
  if (!c || !doc) {
    log.warn('document notice for a case or document that no longer exists; nobody notified', {
      eventId: event.eventId,
      type: event.type,
    });
    return [];
  }
  // Events written before shares recorded the version name none: the document's current one.
  const version = eventVersion ?? doc.version;
  const dedupeKey = documentDedupeKey(documentId, version);
  const uploader = doc.uploadedBy.kind === 'contact' ? doc.uploadedBy.id : undefined;
  const link = portalPath(firm.portalUrl, 'cases', caseId, 'documents', documentId);
  const vars = { firmName: firm.name, fileName: displayName(name), caseTitle: c.title };
  return contacts
    .filter((r) => r.id !== uploader)
    .flatMap((recipient: Recipient) => {
      const render = () => ctx.texts.render(event.type, recipient, vars, { link });
      return (['inApp', 'email'] as const).map(
        (channel): PlannedDelivery => ({
          recipient,
          channel,
          render,
          dedupeKey,
          ...(why ? { suppressed: why } : {}),
        }),
      );
    });
}
