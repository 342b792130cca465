// Shipped texts of access notices: the portal invitation (its accept link is the mail's link; the
// token never appears in a template, a title or an in-app body).
import type { TemplateDef } from './template';

export const accessTemplates: TemplateDef[] = [
  {
    id: 'invitation.sent',
    eventType: 'invitation.sent',
    audience: 'contact',
    variables: ['firmName', 'caseTitle', 'contactName', 'expiresAt'],
    sample: {
      firmName: 'Bright & Co',
      caseTitle: 'Tax return 2025',
      contactName: 'Carla Client',
      expiresAt: new Date('2026-05-13T12:00:00.000Z'),
    },
    texts: {
      en: {
        subject: '{firmName} invited you to {caseTitle}',
        title: '{firmName} invited you to {caseTitle}',
        body: '{firmName} invited you to the client portal to follow "{caseTitle}" and exchange documents.',
        emailBody:
          'Hello {contactName},\n{firmName} invited you to the client portal to follow "{caseTitle}" and exchange documents.',
        action: 'Accept the invitation',
        footer:
          'This link works once and expires on {expiresAt, date, long}. If you did not expect this invitation, you can ignore this message.',
      },
      es: {
        subject: '{firmName} le invitó a {caseTitle}',
        title: '{firmName} le invitó a {caseTitle}',
        body: '{firmName} le invitó al portal de clientes para seguir «{caseTitle}» e intercambiar documentos.',
        emailBody:
          'Hola {contactName}:\n{firmName} le invitó al portal de clientes para seguir «{caseTitle}» e intercambiar documentos.',
        action: 'Aceptar la invitación',
        footer:
          'Este enlace funciona una sola vez y caduca el {expiresAt, date, long}. Si no esperaba esta invitación, puede ignorar este mensaje.',
      },
      'pt-BR': {
        subject: '{firmName} convidou você para {caseTitle}',
        title: '{firmName} convidou você para {caseTitle}',
        body: '{firmName} convidou você para o portal do cliente para acompanhar "{caseTitle}" e trocar documentos.',
        emailBody:
          'Olá, {contactName},\n{firmName} convidou você para o portal do cliente para acompanhar "{caseTitle}" e trocar documentos.',
        action: 'Aceitar o convite',
        footer:
          'Este link funciona uma única vez e expira em {expiresAt, date, long}. Se você não esperava este convite, ignore esta mensagem.',
      },
    },
  },
];
