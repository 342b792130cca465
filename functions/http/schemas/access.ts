// Request and response schemas of portal access: grants, invitations, the portal's case list.
import { GrantView, InvitationView, PortalCaseView } from '../../domain/access';
import { OpenedInvitationView } from '../../domain/invitation-sign-in';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { Id } from './common';

export { GrantView, InvitationView, OpenedInvitationView, PortalCaseView };

export const GrantParams = lazySchema(() => z.strictObject({ caseId: Id, contactId: Id }));

export const GrantBody = lazySchema(() =>
  z
    .strictObject({
      role: z.enum(['viewer', 'collaborator']),
      canDownload: z.boolean(),
      /** Collaborators only. */
      canUpload: z._default(z.boolean(), false),
    })
    .check(
      z.refine((g) => g.role === 'collaborator' || !g.canUpload, {
        message: 'only collaborators may upload',
        path: ['canUpload'],
      }),
    ),
);

export const PortalLinkView = lazySchema(() => z.object({ caseId: z.string(), url: z.string() }));

/** The invitation token from the mailed link: the body of both opening and accepting. */
export const AcceptBody = lazySchema(() =>
  z.strictObject({ token: z.string().check(z.minLength(20), z.maxLength(500)) }),
);

export const AcceptedView = lazySchema(() =>
  z.object({ caseId: z.string(), contactId: z.string(), firmId: z.string() }),
);
