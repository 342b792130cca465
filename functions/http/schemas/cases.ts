// Request schemas of the case and contact routes, and the contact views (a case's view is in
// case-view.ts: the notifications group answers it too).
import { ErasedContactView } from '../../domain/contact-erasure';
import { ContactExportView } from '../../domain/contact-export';
import { ContactView } from '../../domain/contacts';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { CaseParams, Id, PageQuery, StaffUserId, Text } from './common';
import { Email } from './email';
import { Locale } from './locale';

export { CaseParams, ContactExportView, ContactView, ErasedContactView };

export const NewCaseBody = lazySchema(() =>
  z.strictObject({
    title: Text(200),
    reference: z.optional(Text(100)),
    clientName: z.optional(Text(200)),
    ownerId: z.optional(StaffUserId),
    notifyClient: z.optional(z.boolean()),
  }),
);

/** What staff may change on a case here: its title (rules as at creation) and its owner. */
export const CaseChangeBody = lazySchema(() =>
  z
    .strictObject({
      title: z.optional(Text(200)),
      ownerId: z.optional(StaffUserId),
    })
    .check(
      z.refine((b) => b.title !== undefined || b.ownerId !== undefined, {
        message: 'name a title or an ownerId to change',
        path: ['title'],
      }),
    ),
);

/** The staff case list's filters (decision 0036): by status, by owner, or a title search within a status. */
export const CaseListQuery = lazySchema(() =>
  z.strictObject({
    ...PageQuery.shape,
    status: z.optional(z.enum(['open', 'closed'])),
    ownerId: z.optional(StaffUserId),
    /** Title prefix, case and accents folded; searches open cases unless `status=closed`. */
    q: z.optional(Text(100)),
  }),
);

export const NewContactBody = lazySchema(() =>
  z.strictObject({
    name: Text(200),
    email: z.optional(Email),
    phone: z.optional(z.string().check(z.regex(/^\+?[0-9 ().-]{4,32}$/, 'must be a phone number'))),
    locale: z.optional(Locale),
  }),
);

export const ContactParams = lazySchema(() => z.strictObject({ contactId: Id }));

/** What staff may change on a contact; setting `email` (even to the same address) clears its mail mark. */
export const ContactChangeBody = lazySchema(() =>
  z.strictObject({
    name: z.optional(Text(200)),
    email: z.optional(Email),
    locale: z.optional(Locale),
  }),
);
