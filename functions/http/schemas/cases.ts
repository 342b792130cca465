// Request and response schemas of the case and contact routes.
import { ErasedContactView } from '../../domain/contact-erasure';
import { ContactExportView } from '../../domain/contact-export';
import { ContactView } from '../../domain/contacts';
import * as z from '../../zod-mini';
import { ActivityEntryView, ActivityQuery } from './activity';
import { CaseParams, Email, Id, Locale, PageQuery, StaffUserId, Text } from './common';

export { ActivityEntryView, ActivityQuery, CaseParams, ContactExportView, ContactView, ErasedContactView };

export const NewCaseBody = z.strictObject({
  title: Text(200),
  reference: z.optional(Text(100)),
  clientName: z.optional(Text(200)),
  ownerId: z.optional(StaffUserId),
  notifyClient: z.optional(z.boolean()),
});

/** What staff may change on a case here: its title (rules as at creation) and its owner. */
export const CaseChangeBody = z
  .strictObject({
    title: z.optional(Text(200)),
    ownerId: z.optional(StaffUserId),
  })
  .check(
    z.refine((b) => b.title !== undefined || b.ownerId !== undefined, {
      message: 'name a title or an ownerId to change',
      path: ['title'],
    }),
  );

/** The staff case list's filters (decision 0036): by status, by owner, or a title search within a status. */
export const CaseListQuery = z.strictObject({
  ...PageQuery.shape,
  status: z.optional(z.enum(['open', 'closed'])),
  ownerId: z.optional(StaffUserId),
  /** Title prefix, case and accents folded; searches open cases unless `status=closed`. */
  q: z.optional(Text(100)),
});

export const CaseView = z.object({
  caseId: z.string(),
  title: z.string(),
  reference: z.optional(z.string()),
  clientName: z.optional(z.string()),
  ownerId: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.optional(z.string()),
  closedBy: z.optional(z.string()),
  /** "Notify client" (ONVIO): whether the process path tells this case's contacts of documents. */
  notifyClient: z.boolean(),
  notifyClientChangedAt: z.optional(z.string()),
  notifyClientChangedBy: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const NewContactBody = z.strictObject({
  name: Text(200),
  email: z.optional(Email),
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{4,32}$/, 'must be a phone number'))),
  locale: z.optional(Locale),
});

export const ContactParams = z.strictObject({ contactId: Id });

/** What staff may change on a contact; setting `email` (even to the same address) clears its mail mark. */
export const ContactChangeBody = z.strictObject({
  name: z.optional(Text(200)),
  email: z.optional(Email),
  locale: z.optional(Locale),
});
