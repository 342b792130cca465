// A case as the API shows it: answered by the cases group and by the notifications group (a
// case's notify-client flag), so it has its own module rather than the case schemas'.

import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';

export const CaseView = lazySchema(() =>
  z.object({
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
  }),
);
