// Policy of `document.uploaded`: a contact's upload tells the case's internal recipients (the saved
// list, or the owner in-app + email), each on the channels switched on for them. Firm uploads tell
// nobody here: whether and how clients hear of them is the firm's document-path setting.

import type { Case } from '../../domain/cases';
import type { StaffUser } from '../../domain/firm';
import { displayName } from '../../domain/names';
import { defaultRecipients, type RecipientSetting } from '../../domain/recipients';
import { log } from '../../log';
import type { PlannedDelivery, Policy } from '../policy';

/** What case notices (news of a case for its internal recipients) read. */
export interface CaseNoticePorts {
  case(firmId: string, caseId: string): Promise<Pick<Case, 'caseId' | 'title' | 'ownerId'> | undefined>;
  /** The saved recipients list of a case; undefined when none was saved (the default applies). */
  recipientsOf(firmId: string, caseId: string): Promise<RecipientSetting[] | undefined>;
  staffUsers(
    firmId: string,
    userIds: string[],
  ): Promise<Pick<StaffUser, 'userId' | 'name' | 'email' | 'locale'>[]>;
  contact(firmId: string, contactId: string): Promise<{ name: string } | undefined>;
  /** The staff app's page of a case's documents. */
  caseDocumentsUrl(caseId: string): string;
}

declare module '../policy' {
  interface PolicyPorts {
    caseNotice: CaseNoticePorts;
  }
}

export const documentUploadedPolicy: Policy<'document.uploaded'> = async (event, ctx) => {
  if (event.detail.source !== 'client' || !event.caseId) return [];
  const ports = ctx.ports.caseNotice;
  const c = await ports.case(event.firmId, event.caseId);
  if (!c) {
    log.warn('document.uploaded for a case that does not exist; nobody notified', { eventId: event.eventId });
    return [];
  }
  const list = (await ports.recipientsOf(event.firmId, c.caseId)) ?? defaultRecipients(c.ownerId);
  // Whoever made the change knows of it already.
  const actorId = event.actor.kind === 'staff' ? event.actor.id : undefined;
  const wanted = list.filter((r) => r.userId !== actorId && (r.inApp || r.email));
  if (wanted.length === 0) return [];

  const contactId = event.detail.contactId ?? (event.actor.kind === 'contact' ? event.actor.id : undefined);
  const [users, contact] = await Promise.all([
    ports.staffUsers(
      event.firmId,
      wanted.map((r) => r.userId),
    ),
    contactId ? ports.contact(event.firmId, contactId) : Promise.resolve(undefined),
  ]);
  const vars = {
    contactName: contact?.name ?? 'A client',
    fileName: displayName(event.detail.name),
    caseTitle: c.title,
  };
  const link = ports.caseDocumentsUrl(c.caseId);

  const byId = new Map(users.map((u) => [u.userId, u]));
  const out: PlannedDelivery[] = [];
  for (const r of wanted) {
    const user = byId.get(r.userId);
    // A recipient who left the firm since the list was saved is told nothing.
    if (!user) continue;
    const recipient = {
      kind: 'staff' as const,
      firmId: event.firmId,
      id: user.userId,
      name: user.name,
      email: user.email,
      ...(user.locale ? { locale: user.locale } : {}),
    };
    const render = () => ctx.texts.render('document.uploaded', recipient, vars, { link });
    if (r.inApp) out.push({ recipient, channel: 'inApp', render });
    if (r.email && user.email) out.push({ recipient, channel: 'email', render });
  }
  return out;
};
