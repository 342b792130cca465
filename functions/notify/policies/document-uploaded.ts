// Policy of `document.uploaded`: a contact's upload tells the case's internal recipients (the saved
// list, or the owner in-app + email), each on the channels switched on for them. Firm uploads tell
// nobody here: whether and how clients hear of them is the firm's document-path setting.

import type { Case } from '../../domain/cases';
import { isActiveStaff, type StaffUser } from '../../domain/firm';
import { displayName } from '../../domain/names';
import { activeRecipients, defaultRecipients, type RecipientSetting } from '../../domain/recipients';
import { log } from '../../log';
import type { PlannedDelivery, Policy } from '../policy';

/** What case notices (news of a case for its internal recipients) read. */
export interface CaseNoticePorts {
  case(firmId: string, caseId: string): Promise<Pick<Case, 'caseId' | 'title' | 'ownerId'> | undefined>;
  /** The saved recipients list of a case; undefined when none was saved (the default applies). */
  recipientsOf(firmId: string, caseId: string): Promise<RecipientSetting[] | undefined>;
  /** Staff users by id, inactive ones included (with their `status`): unknown ids are absent. */
  staffUsers(
    firmId: string,
    userIds: string[],
  ): Promise<Pick<StaffUser, 'userId' | 'name' | 'email' | 'locale' | 'status'>[]>;
  /** The firm's active admins: they stand in for an inactive case owner. */
  activeAdmins(firmId: string): Promise<Pick<StaffUser, 'userId' | 'name' | 'email' | 'locale'>[]>;
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
  // Whoever made the change knows of it already.
  const actorId = event.actor.kind === 'staff' ? event.actor.id : undefined;
  const team = await caseRecipients(ports, event.firmId, c, actorId);
  const wanted = team.list.filter((r) => r.userId !== actorId && (r.inApp || r.email));
  if (wanted.length === 0) return [];
  const users = team.users;

  const contactId = event.detail.contactId ?? (event.actor.kind === 'contact' ? event.actor.id : undefined);
  const contact = contactId ? await ports.contact(event.firmId, contactId) : undefined;
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

type Person = Pick<StaffUser, 'userId' | 'name' | 'email' | 'locale'>;

/**
 * A case's internal recipients as notices reach them: the saved list (or the owner by default)
 * without inactive users, the firm's active admins standing in for an inactive owner when nobody
 * else active would hear (activeRecipients), and the active users' records.
 */
export async function caseRecipients(
  ports: CaseNoticePorts,
  firmId: string,
  c: Pick<Case, 'caseId' | 'ownerId'>,
  actorId: string | undefined,
): Promise<{ list: RecipientSetting[]; users: Person[] }> {
  const saved = (await ports.recipientsOf(firmId, c.caseId)) ?? defaultRecipients(c.ownerId);
  const ids = [...new Set([...saved.map((r) => r.userId), c.ownerId])];
  const records = await ports.staffUsers(firmId, ids);
  const { list, ownerStandIn } = activeRecipients(saved, c.ownerId, records, actorId);
  const users: Person[] = records.filter(isActiveStaff);
  if (!ownerStandIn) return { list, users };
  const admins = (await ports.activeAdmins(firmId)).filter((a) => !list.some((r) => r.userId === a.userId));
  return {
    list: [
      ...list,
      ...admins.map((a) => ({ userId: a.userId, inApp: ownerStandIn.inApp, email: ownerStandIn.email })),
    ],
    users: [...users, ...admins],
  };
}
