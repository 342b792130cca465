// Request and response schemas of portal access: grants, invitations, the portal's case list.
import { GrantView, InvitationView, PortalCaseView } from '../../domain/access';
import { OpenedInvitationView } from '../../domain/invitation-sign-in';
import * as z from '../../zod-mini';
import { Id } from './common';

export { GrantView, InvitationView, OpenedInvitationView, PortalCaseView };

export const GrantParams = z.strictObject({ caseId: Id, contactId: Id });

export const GrantBody = z
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
  );

export const PortalLinkView = z.object({ caseId: z.string(), url: z.string() });

/** The invitation token from the mailed link: the body of both opening and accepting. */
export const AcceptBody = z.strictObject({ token: z.string().check(z.minLength(20), z.maxLength(500)) });

export const AcceptedView = z.object({ caseId: z.string(), contactId: z.string(), firmId: z.string() });
