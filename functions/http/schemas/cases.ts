// Request and response schemas of the case and contact routes.
import * as z from 'zod';
import { ContactView } from '../../domain/contacts';
import { Email, Id, Locale, StaffUserId, Text } from './common';

export { ContactView };

export const CaseParams = z.strictObject({ caseId: Id });

export const NewCaseBody = z.strictObject({
  title: Text(200),
  reference: Text(100).optional(),
  clientName: Text(200).optional(),
  ownerId: StaffUserId.optional(),
  notifyClient: z.boolean().optional(),
});

export const CaseView = z.object({
  caseId: z.string(),
  title: z.string(),
  reference: z.string().optional(),
  clientName: z.string().optional(),
  ownerId: z.string(),
  status: z.enum(['open', 'closed']),
  /** "Notify client" (ONVIO): whether the process path tells this case's contacts of documents. */
  notifyClient: z.boolean(),
  notifyClientChangedAt: z.string().optional(),
  notifyClientChangedBy: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const NewContactBody = z.strictObject({
  name: Text(200),
  email: Email.optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ().-]{4,32}$/, 'must be a phone number')
    .optional(),
  locale: Locale.optional(),
});

export const ContactParams = z.strictObject({ contactId: Id });

/** What staff may change on a contact; setting `email` (even to the same address) clears its mail mark. */
export const ContactChangeBody = z.strictObject({
  name: Text(200).optional(),
  email: Email.optional(),
  locale: Locale.optional(),
});
