// Request and response schemas of the case and contact routes.
import * as z from 'zod';
import { Email, Id, Locale, StaffUserId, Text } from './common';

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

export const ContactView = z.object({
  contactId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  locale: z.string().optional(),
  createdAt: z.string(),
  /**
   * Present when SES reported the address: `unreachable` (a hard bounce: nothing is mailed to it)
   * or `complained` (marked as spam: only mandatory notifications are mailed). Setting the email clears it.
   */
  mail: z
    .object({ status: z.enum(['unreachable', 'complained']), since: z.string(), reason: z.string() })
    .optional(),
});
