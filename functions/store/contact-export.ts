// DynamoDB adapter of the ContactExportStore: the contact and its grants, then at once everything
// keyed by them (invitations, uploaded documents per case, inbox, the login's preferences and push
// subscriptions, the address's mail mark), each list capped.
import type { ContactExportStore, ContactHoldings } from '../domain/contact-export';
import type { Contact } from '../domain/contacts';
import type { Document } from '../domain/documents';
import type { Grant } from '../domain/grants';
import type { InboxItem } from '../domain/inbox';
import type { Invitation } from '../domain/invitations';
import type { MailMark } from '../domain/mail-addresses';
import type { StoredPreferences } from '../domain/preferences';
import type { StoredPushSubscription } from '../domain/push';
import {
  contactKey,
  documentItemsOfCasePattern,
  grantsOfContactPattern,
  identityPreferencesKey,
  inboxOfPattern,
  invitationKey,
  mailAddressKey,
  pushSubscriptionsOfIdentityPattern,
} from './keys';
import { getItem, getManyStored, queryAll, type Table } from './table';

/** Documents a contact uploaded in one case: client uploads whose uploader is the contact. */
export const uploadedBy = (contactId: string) => ({
  expression: '#up.#kind = :contact AND #up.#id = :me',
  names: { '#up': 'uploadedBy', '#kind': 'kind', '#id': 'id' },
  values: { ':contact': 'contact', ':me': contactId },
});

/** The contact and every grant it holds in the firm (the grants name the cases the rest lives in). */
export async function contactWithGrants(table: Table, firmId: string, contactId: string, max?: number) {
  const [contact, grants] = await Promise.all([
    getItem<Contact & { identityId?: string }>(table, contactKey(firmId, contactId), { consistent: true }),
    queryAll<Grant>(table, grantsOfContactPattern(firmId, contactId), {
      consistent: false,
      ...(max !== undefined ? { atMost: max + 1 } : {}),
    }),
  ]);
  return { contact, grants };
}

export function contactExportStore(table: Table): ContactExportStore {
  return {
    async holdingsOf(firmId, contactId, max) {
      const { contact, grants: read } = await contactWithGrants(table, firmId, contactId, max);
      if (!contact) return undefined;
      const truncated: string[] = [];
      const cut = <T>(name: string, list: T[]): T[] => {
        if (list.length <= max) return list;
        truncated.push(name);
        return list.slice(0, max);
      };
      const grants = cut('grants', read);
      const identityId = contact.identityId;
      const inboxOwner = { firmId, kind: 'contact' as const, id: contactId };
      const [invitations, documents, inbox, preferences, push, mark] = await Promise.all([
        getManyStored(
          table,
          grants.map((g) => invitationKey(firmId, g.caseId, contactId)),
        ),
        Promise.all(
          grants.map((g) =>
            queryAll<Document>(table, documentItemsOfCasePattern(firmId, g.caseId), {
              consistent: false,
              filter: uploadedBy(contactId),
            }),
          ),
        ),
        queryAll<InboxItem>(table, inboxOfPattern(inboxOwner), { consistent: false, atMost: max + 1 }),
        identityId ? getItem<StoredPreferences>(table, identityPreferencesKey(identityId)) : undefined,
        identityId
          ? queryAll<StoredPushSubscription>(table, pushSubscriptionsOfIdentityPattern(identityId), {
              consistent: false,
              atMost: max + 1,
            })
          : [],
        contact.email ? getItem<MailMark>(table, mailAddressKey(contact.email)) : undefined,
      ]);
      const inboxItems = cut('inbox', inbox);
      const holdings: ContactHoldings = {
        contact,
        grants,
        invitations: invitations.map((i) => ({
          ...(i as unknown as Invitation),
          expiresAt: new Date(Number(i.expiresAt) * 1000).toISOString(),
        })),
        ...(preferences ? { preferences } : {}),
        pushSubscriptions: cut('pushSubscriptions', push).map((p) => ({
          subscriptionId: p.subscriptionId,
          service: p.service,
          createdAt: p.createdAt,
        })),
        inbox: {
          count: inboxItems.length,
          items: inboxItems.map((i) => ({
            itemId: i.itemId,
            ...(i.caseId ? { caseId: i.caseId } : {}),
            type: i.type,
            title: i.title,
            createdAt: i.createdAt,
          })),
        },
        documents: cut(
          'documents',
          documents.flat().map((d) => ({
            caseId: d.caseId,
            documentId: d.documentId,
            name: d.name,
            createdAt: d.createdAt,
            ...(d.version !== undefined ? { version: d.version } : {}),
          })),
        ),
        ...(mark ? { mailMark: mark } : {}),
        truncated,
      };
      return holdings;
    },
  };
}
