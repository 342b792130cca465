// Shipped texts of access notices: a case closed (read-only in the portal now), the portal invitation (its accept link is the mail's link; the
// token never appears in a template, a title or an in-app body).
import type { TemplateDef } from './template';

export const accessTemplates: TemplateDef[] = [
  {
    id: 'case.closed',
    eventType: 'case.closed',
    audience: 'contact',
    variables: ['firmName', 'caseTitle'],
    sample: { firmName: 'Bright & Co', caseTitle: 'Tax return 2025' },
    texts: {
      en: {
        subject: '{firmName} closed {caseTitle}',
        title: '{firmName} closed {caseTitle}',
        body: '{firmName} closed "{caseTitle}": you can still read it, but no longer add files, comments or messages.',
        emailBody:
          '{firmName} closed "{caseTitle}".\nYou can still read it in the client portal, but no longer add files, comments or messages.',
        action: 'Open the case',
        footer: 'You receive this because you have access to this case.',
      },
      es: {
        subject: '{firmName} cerró {caseTitle}',
        title: '{firmName} cerró {caseTitle}',
        body: '{firmName} cerró «{caseTitle}»: aún puede consultarlo, pero ya no añadir archivos, comentarios ni mensajes.',
        emailBody:
          '{firmName} cerró «{caseTitle}».\nAún puede consultarlo en el portal de clientes, pero ya no añadir archivos, comentarios ni mensajes.',
        action: 'Abrir el caso',
        footer: 'Recibe este mensaje porque tiene acceso a este caso.',
      },
      'pt-BR': {
        subject: '{firmName} encerrou {caseTitle}',
        title: '{firmName} encerrou {caseTitle}',
        body: '{firmName} encerrou "{caseTitle}": você ainda pode consultá-lo, mas não pode mais enviar arquivos, comentários ou mensagens.',
        emailBody:
          '{firmName} encerrou "{caseTitle}".\nVocê ainda pode consultá-lo no portal do cliente, mas não pode mais enviar arquivos, comentários ou mensagens.',
        action: 'Abrir o caso',
        footer: 'Você recebe esta mensagem porque tem acesso a este caso.',
      },
    },
  },
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
