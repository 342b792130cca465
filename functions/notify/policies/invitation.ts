// Notification policy of `invitation.sent`: one email to the invited contact with a single-use
// accept link. The token is made here, at render time, and only its hash is stored: no event,
// queue, log or table item ever holds a usable token.
import {
  hashInvitationToken,
  type InvitationMail,
  type InvitationMailContext,
  makeInvitationToken,
  type TokenClaims,
} from '../../domain/invitations';
import type { Message, Policy, Recipient, Texts } from '../policy';

// Its port is the domain's InvitationMail (the access routes' store implements it next to the
// invitation it reads).
declare module '../policy' {
  interface PolicyPorts {
    invitations: InvitationMail;
  }
}

export const invitationSentPolicy: Policy<'invitation.sent'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const claims: TokenClaims = {
    firmId: event.firmId,
    caseId: event.caseId,
    contactId: event.detail.contactId,
    invitationId: event.detail.invitationId,
  };
  const state = await ctx.ports.invitations.load(claims.firmId, claims.caseId, claims.contactId);
  // Superseded by a resend, withdrawn by a revoke or an email change (decision 0042), already
  // accepted, or the contact has since signed in: this event's invitation is no longer the one to mail.
  if (
    !state ||
    state.invitation.invitationId !== claims.invitationId ||
    state.invitation.acceptedAt ||
    state.invitation.withdrawnAt ||
    state.grant.status !== 'invited' ||
    state.contact.identityId ||
    !state.contact.email
  )
    return [];
  const { contact } = state;
  const recipient: Recipient = {
    kind: 'contact',
    firmId: claims.firmId,
    id: claims.contactId,
    name: contact.name,
    email: contact.email,
    ...(contact.locale ? { locale: contact.locale } : {}),
  };
  return [
    {
      recipient,
      channel: 'email',
      render: async () => {
        const token = makeInvitationToken(claims);
        // Conditional on the invitation id: if a resend won the race, nothing is mailed (throws 'gone').
        await ctx.ports.invitations.storeTokenHash(claims, hashInvitationToken(token));
        return invitationMessage(ctx.texts, recipient, state, claims.caseId, token);
      },
    },
  ];
};

/**
 * The invitation mail (and its in-app title/body) in the contact's language. The accept URL is the
 * mail's link only: the message's own link (in-app, push) leads to the case, never to the token.
 */
export async function invitationMessage(
  texts: Texts,
  recipient: Recipient,
  state: InvitationMailContext,
  caseId: string,
  token: string,
): Promise<Message> {
  const acceptUrl = `${state.portalUrl}/accept?token=${encodeURIComponent(token)}`;
  const message = await texts.render(
    'invitation.sent',
    recipient,
    {
      firmName: state.firmName || state.grant.firmName,
      caseTitle: state.grant.caseTitle,
      contactName: state.contact.name,
      expiresAt: new Date(state.invitation.expiresAt),
    },
    { link: acceptUrl },
  );
  return { ...message, link: `${state.portalUrl}/cases/${caseId}` };
}
