// Ports and helpers the discussion and file-request policies share: the contacts of a case a notice
// goes to (in-app needs a portal identity, the core skips it otherwise), the staff who hear of a
// contact's action, and the links they follow.
import type { Contact } from '../../domain/contacts';
import type { Comment, Discussion } from '../../domain/discussions';
import type { FileRequest } from '../../domain/file-requests';
import type { Grant } from '../../domain/grants';
import type { RecipientSetting } from '../../domain/recipients';
import { discussionStore } from '../../store/discussions';
import { fileRequestStore } from '../../store/file-requests';
import { firmAdminStore } from '../../store/firm';
import { keys } from '../../store/keys';
import { settingsStore } from '../../store/settings';
import { getItem, getMany, type Table } from '../../store/table';
import type { Message, PlannedDelivery, Recipient } from '../policy';

export interface CaseActivityPorts {
  /** Contacts among `contactIds` whose grant on the case is not revoked, as recipients. */
  contactsOf(firmId: string, caseId: string, contactIds: string[]): Promise<Recipient[]>;
  discussion(firmId: string, caseId: string, discussionId: string): Promise<Discussion | undefined>;
  comment(
    firmId: string,
    caseId: string,
    discussionId: string,
    commentId: string,
  ): Promise<{ body: string; author: { name: string } } | undefined>;
  fileRequest(firmId: string, caseId: string, requestId: string): Promise<FileRequest | undefined>;
  /** Whether the firm lets message content into notifications ("detailed notifications"). */
  detailed(firmId: string): Promise<boolean>;
  /** The firm's portal base URL (or the default). */
  portalUrl(firmId: string): Promise<string>;
  /** A page of the staff app. */
  appUrl(path: string): string;
}

declare module '../policy' {
  interface PolicyPorts {
    caseActivity: CaseActivityPorts;
  }
}

/** Renders one recipient's message (in their language: the texts pick the locale per recipient). */
export type RenderFor = (recipient: Recipient) => Promise<Message>;

/** In-app and email to each recipient who is not the actor. */
export function toEach(recipients: Recipient[], actorId: string, render: RenderFor): PlannedDelivery[] {
  return recipients
    .filter((r) => r.id !== actorId)
    .flatMap((recipient) => {
      const rendered = () => render(recipient);
      return [
        { recipient, channel: 'inApp' as const, render: rendered },
        ...(recipient.email ? [{ recipient, channel: 'email' as const, render: rendered }] : []),
      ];
    });
}

/** The case's internal recipients (each on its channels), plus extra people on both, minus the actor. */
export function toStaff(
  list: RecipientSetting[],
  users: { userId: string; name: string; email: string; locale?: string }[],
  firmId: string,
  actorId: string,
  render: RenderFor,
): PlannedDelivery[] {
  const byId = new Map(users.map((u) => [u.userId, u]));
  return list
    .filter((r) => r.userId !== actorId)
    .flatMap((r) => {
      const user = byId.get(r.userId);
      // Someone who left the firm since the list was saved is told nothing.
      if (!user) return [];
      const recipient: Recipient = {
        kind: 'staff',
        firmId,
        id: user.userId,
        name: user.name,
        email: user.email,
        ...(user.locale ? { locale: user.locale } : {}),
      };
      const rendered = () => render(recipient);
      return [
        ...(r.inApp ? [{ recipient, channel: 'inApp' as const, render: rendered }] : []),
        ...(r.email && user.email ? [{ recipient, channel: 'email' as const, render: rendered }] : []),
      ];
    });
}

export const portalPath = (base: string, ...parts: string[]) =>
  `${base.replace(/\/+$/, '')}/${parts.map(encodeURIComponent).join('/')}`;

/** The ports over the table; `portalUrl` (PORTAL_URL) serves firms that set none. */
export function caseActivityPorts(
  table: Table,
  config: { appUrl: string; portalUrl: string },
): { caseActivity: CaseActivityPorts } {
  const discussions = discussionStore(table);
  const requests = fileRequestStore(table);
  const settings = settingsStore(table);
  const firms = firmAdminStore(table);
  const appUrl = config.appUrl.replace(/\/+$/, '');
  return {
    caseActivity: {
      async contactsOf(firmId, caseId, contactIds) {
        const [grants, contacts] = await Promise.all([
          getMany<Grant>(
            table,
            contactIds.map((id) => keys.grant(firmId, caseId, id)),
          ),
          getMany<Contact & { identityId?: string }>(
            table,
            contactIds.map((id) => keys.contact(firmId, id)),
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
      discussion: (firmId, caseId, id) => discussions.getDiscussion(firmId, caseId, id),
      comment: (firmId, caseId, discussionId, commentId) =>
        getItem<Comment>(table, keys.comment(firmId, caseId, discussionId, commentId)),
      fileRequest: (firmId, caseId, id) => requests.getFileRequest(firmId, caseId, id),
      detailed: async (firmId) => (await settings.getSettings(firmId)).detailedNotifications === true,
      portalUrl: async (firmId) => (await firms.getFirm(firmId))?.portalUrl || config.portalUrl,
      appUrl: (path) => `${appUrl}${path}`,
    },
  };
}
