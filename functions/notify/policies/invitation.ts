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
import { invitationMailStore } from '../../store/access';
import type { Table } from '../../store/table';
import type { Message, Policy } from '../policy';

declare module '../policy' {
  interface PolicyPorts {
    invitations: InvitationMail;
  }
}

export type { InvitationMail };

/** The port over the table; `portalUrl` (PORTAL_URL) serves firms that set none. */
export function invitationPorts(table: Table, portalUrl: string): { invitations: InvitationMail } {
  return { invitations: invitationMailStore(table, portalUrl) };
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
  // Superseded by a resend, withdrawn by a revoke, already accepted, or the contact has since
  // signed in: this event's invitation is no longer the one to mail.
  if (
    !state ||
    state.invitation.invitationId !== claims.invitationId ||
    state.invitation.acceptedAt ||
    state.grant.status !== 'invited' ||
    state.contact.identityId ||
    !state.contact.email
  )
    return [];
  const { contact } = state;
  return [
    {
      recipient: {
        kind: 'contact',
        firmId: claims.firmId,
        id: claims.contactId,
        name: contact.name,
        email: contact.email,
        ...(contact.locale ? { locale: contact.locale } : {}),
      },
      channel: 'email',
      render: async () => {
        const token = makeInvitationToken(claims);
        // Conditional on the invitation id: if a resend won the race, nothing is mailed (throws 'gone').
        await ctx.ports.invitations.storeTokenHash(claims, hashInvitationToken(token));
        return invitationMessage(state, claims.caseId, token);
      },
    },
  ];
};

type Lang = 'en' | 'es' | 'pt-BR';

interface Texts {
  subject: (firm: string, title: string) => string;
  greeting: (name: string) => string;
  intro: (firm: string, title: string) => string;
  action: string;
  expiry: (date: string) => string;
  ignore: string;
}

// Short hand-written texts; ICU templates per firm come later.
const TEXTS: Record<Lang, Texts> = {
  en: {
    subject: (f, t) => `${f} invited you to ${t}`,
    greeting: (n) => `Hello ${n},`,
    intro: (f, t) => `${f} invited you to the client portal to follow "${t}" and exchange documents.`,
    action: 'Accept the invitation',
    expiry: (d) => `This link works once and expires on ${d}.`,
    ignore: 'If you did not expect this invitation, you can ignore this message.',
  },
  es: {
    subject: (f, t) => `${f} le invitó a ${t}`,
    greeting: (n) => `Hola ${n}:`,
    intro: (f, t) => `${f} le invitó al portal de clientes para seguir «${t}» e intercambiar documentos.`,
    action: 'Aceptar la invitación',
    expiry: (d) => `Este enlace funciona una sola vez y caduca el ${d}.`,
    ignore: 'Si no esperaba esta invitación, puede ignorar este mensaje.',
  },
  'pt-BR': {
    subject: (f, t) => `${f} convidou você para ${t}`,
    greeting: (n) => `Olá, ${n},`,
    intro: (f, t) =>
      `${f} convidou você para o portal do cliente para acompanhar "${t}" e trocar documentos.`,
    action: 'Aceitar o convite',
    expiry: (d) => `Este link funciona uma única vez e expira em ${d}.`,
    ignore: 'Se você não esperava este convite, ignore esta mensagem.',
  },
};

const langOf = (locale: string | undefined): Lang => (locale === 'es' || locale === 'pt-BR' ? locale : 'en');

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The invitation mail (and its in-app title/body), in the contact's language. */
export function invitationMessage(state: InvitationMailContext, caseId: string, token: string): Message {
  const lang = langOf(state.contact.locale);
  const t = TEXTS[lang];
  const firm = state.firmName || state.grant.firmName;
  const title = state.grant.caseTitle;
  const acceptUrl = `${state.portalUrl}/accept?token=${encodeURIComponent(token)}`;
  const expires = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(state.invitation.expiresAt),
  );
  const subject = t.subject(firm, title);
  const text = [
    t.greeting(state.contact.name),
    '',
    t.intro(firm, title),
    '',
    `${t.action}: ${acceptUrl}`,
    '',
    t.expiry(expires),
    t.ignore,
  ].join('\n');
  const e = escapeHtml;
  const html = [
    `<p>${e(t.greeting(state.contact.name))}</p>`,
    `<p>${e(t.intro(firm, title))}</p>`,
    `<p><a href="${e(acceptUrl)}">${e(t.action)}</a></p>`,
    `<p>${e(t.expiry(expires))}<br>${e(t.ignore)}</p>`,
  ].join('\n');
  return {
    title: subject,
    body: t.intro(firm, title),
    subject,
    text,
    html,
    // The in-app/generic link leads to the case, never to the token-bearing accept URL.
    link: `${state.portalUrl}/cases/${caseId}`,
  };
}
