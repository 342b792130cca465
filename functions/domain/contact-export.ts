// The export of what the firm holds about one contact (decision 0042): the JSON a firm hands the
// person on request, before an erasure. Bounded: each list holds at most EXPORT_LIST_MAX items.
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { type Contact, ContactView, recordView } from './contacts';
import { notFound } from './errors';
import type { Grant } from './grants';
import type { Invitation } from './invitations';
import { type MailMark, mailStatusOf } from './mail-addresses';
import type { StoredPreferences } from './preferences';
import type { StaffPrincipal } from './principal';

/** Items per list of an export; a longer list is cut there and named in `truncated`. */
export const EXPORT_LIST_MAX = 500;

/** Everything an export reads, gathered by the store in two round trips. */
export interface ContactHoldings {
  contact: Contact & { identityId?: string };
  grants: Grant[];
  invitations: Invitation[];
  /** The portal identity's own preferences (across firms), when the contact is bound to one. */
  preferences?: StoredPreferences;
  /** The push subscriptions: the service's host only (an endpoint is a capability URL, never answered). */
  pushSubscriptions: { subscriptionId: string; service: string; createdAt?: string }[];
  inbox: {
    count: number;
    items: { itemId: string; caseId?: string; type: string; title: string; createdAt: string }[];
  };
  documents: { caseId: string; documentId: string; name: string; createdAt: string; version?: number }[];
  mailMark?: MailMark;
  /** Lists cut at EXPORT_LIST_MAX. */
  truncated: string[];
}

export interface ContactExportStore {
  /** What the firm holds about the contact, each list cut at `max`; undefined: no such contact. */
  holdingsOf(firmId: string, contactId: string, max: number): Promise<ContactHoldings | undefined>;
}

export const ContactExportView = lazySchema(() =>
  z.object({
    exportedAt: z.string(),
    /** The contact as staff see it, and whether a portal login is bound to it (its id is not shown). */
    contact: z.object({ ...ContactView.shape, portalLogin: z.boolean() }),
    grants: z.array(
      z.object({
        caseId: z.string(),
        caseTitle: z.string(),
        role: z.enum(['viewer', 'collaborator']),
        canDownload: z.boolean(),
        canUpload: z.boolean(),
        status: z.enum(['invited', 'active', 'revoked']),
        invitedAt: z.string(),
        acceptedAt: z.optional(z.string()),
        revokedAt: z.optional(z.string()),
      }),
    ),
    /** Invitations' metadata; never their tokens or hashes. */
    invitations: z.array(
      z.object({
        caseId: z.string(),
        invitationId: z.string(),
        createdAt: z.string(),
        expiresAt: z.string(),
        acceptedAt: z.optional(z.string()),
        withdrawnAt: z.optional(z.string()),
      }),
    ),
    /** The portal login's saved preferences (per category, per channel; a category absent is on), when bound. */
    preferences: z.optional(
      z.object({
        categories: z.record(
          z.string(),
          z.object({
            inApp: z.optional(z.boolean()),
            email: z.optional(z.boolean()),
            push: z.optional(z.boolean()),
          }),
        ),
        updatedAt: z.optional(z.string()),
      }),
    ),
    /** Push subscriptions by their service's host (an endpoint is a capability URL: never answered). */
    pushSubscriptions: z.array(
      z.object({ subscriptionId: z.string(), service: z.string(), createdAt: z.optional(z.string()) }),
    ),
    inbox: z.object({
      count: z.number(),
      items: z.array(
        z.object({
          itemId: z.string(),
          caseId: z.optional(z.string()),
          type: z.string(),
          title: z.string(),
          createdAt: z.string(),
        }),
      ),
    }),
    /** Documents the contact uploaded (they stay with the firm after an erasure). */
    documents: z.array(
      z.object({
        caseId: z.string(),
        documentId: z.string(),
        name: z.string(),
        createdAt: z.string(),
        version: z.optional(z.number()),
      }),
    ),
    /** Lists cut at 500 items (`grants`, `documents`, `inbox`…); empty when the export is whole. */
    truncated: z.array(z.string()),
  }),
);
export type ContactExportView = z.output<typeof ContactExportView>;

/** What the firm holds about a contact, as JSON (admin only: the route says so). */
export async function exportContact(
  deps: { exports: ContactExportStore; clock: { now(): Date } },
  by: StaffPrincipal,
  contactId: string,
): Promise<ContactExportView> {
  const h = await deps.exports.holdingsOf(by.firmId, contactId, EXPORT_LIST_MAX);
  if (!h) throw notFound('contact');
  const c = h.contact;
  const mail = c.email ? mailStatusOf(h.mailMark) : undefined;
  return {
    exportedAt: deps.clock.now().toISOString(),
    contact: { ...recordView(c), portalLogin: !!c.identityId, ...(mail ? { mail } : {}) },
    grants: h.grants.map((g) => ({
      caseId: g.caseId,
      caseTitle: g.caseTitle,
      role: g.role,
      canDownload: g.canDownload,
      canUpload: g.canUpload,
      status: g.status,
      invitedAt: g.invitedAt,
      ...(g.acceptedAt ? { acceptedAt: g.acceptedAt } : {}),
      ...revokedAtOf(g),
    })),
    invitations: h.invitations.map((i) => ({
      caseId: i.caseId,
      invitationId: i.invitationId,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
      ...(i.acceptedAt ? { acceptedAt: i.acceptedAt } : {}),
      ...(i.withdrawnAt ? { withdrawnAt: i.withdrawnAt } : {}),
    })),
    ...(h.preferences
      ? {
          preferences: {
            categories: Object.fromEntries(
              Object.entries(h.preferences.preferences ?? {}).flatMap(([k, v]) => (v ? [[k, v]] : [])),
            ),
            ...(h.preferences.updatedAt ? { updatedAt: h.preferences.updatedAt } : {}),
          },
        }
      : {}),
    pushSubscriptions: h.pushSubscriptions,
    inbox: h.inbox,
    documents: h.documents,
    truncated: h.truncated,
  };
}

/** When a grant was revoked: the store keeps it on the item beside the grant's own fields. */
const revokedAtOf = (g: Grant): { revokedAt?: string } => {
  const at = (g as Grant & { revokedAt?: string }).revokedAt;
  return at ? { revokedAt: at } : {};
};
