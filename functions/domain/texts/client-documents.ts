// Shipped texts of the client-facing "a new document is available" news, one per document path:
// `document.shared` (staff share it in the portal) and `document.published` (an integration publishes
// it for a completed process task). The policies that send them only call
// `ctx.texts.render('document.shared' | 'document.published', recipient, vars, { link })`.
import type { TemplateDef } from './template';

const variables = ['firmName', 'fileName', 'caseTitle'] as const;
const sample = { firmName: 'Bright & Co', fileName: 'Tax return 2025.pdf', caseTitle: 'Tax return 2025' };

export const clientDocumentTemplates: TemplateDef[] = [
  {
    id: 'document.shared',
    eventType: 'document.shared',
    audience: 'contact',
    variables,
    sample,
    texts: {
      en: {
        subject: 'New document from {firmName}: {fileName}',
        title: 'New document available',
        body: '{firmName} shared {fileName} with you in {caseTitle}',
        emailBody: '{firmName} shared {fileName} with you in {caseTitle}.\nOpen the client portal to see it.',
        action: 'Open the document',
        footer: 'You receive this because {firmName} gives you access to {caseTitle} in its client portal.',
      },
      es: {
        subject: 'Nuevo documento de {firmName}: {fileName}',
        title: 'Nuevo documento disponible',
        body: '{firmName} compartió {fileName} con usted en {caseTitle}',
        emailBody:
          '{firmName} compartió {fileName} con usted en {caseTitle}.\nAbra el portal de clientes para verlo.',
        action: 'Abrir el documento',
        footer: 'Recibe este mensaje porque {firmName} le da acceso a {caseTitle} en su portal de clientes.',
      },
      'pt-BR': {
        subject: 'Novo documento de {firmName}: {fileName}',
        title: 'Novo documento disponível',
        body: '{firmName} compartilhou {fileName} com você em {caseTitle}',
        emailBody:
          '{firmName} compartilhou {fileName} com você em {caseTitle}.\nAbra o portal do cliente para vê-lo.',
        action: 'Abrir o documento',
        footer:
          'Você recebe esta mensagem porque {firmName} lhe dá acesso a {caseTitle} no portal do cliente.',
      },
    },
  },
  {
    id: 'document.published',
    eventType: 'document.published',
    audience: 'contact',
    variables,
    sample,
    texts: {
      en: {
        subject: 'New document from {firmName}: {fileName}',
        title: 'New document available',
        body: '{firmName} published {fileName} for you in {caseTitle}',
        emailBody:
          '{firmName} published {fileName} for you in {caseTitle}.\nOpen the client portal to see it.',
        action: 'Open the document',
        footer: 'You receive this because {firmName} gives you access to {caseTitle} in its client portal.',
      },
      es: {
        subject: 'Nuevo documento de {firmName}: {fileName}',
        title: 'Nuevo documento disponible',
        body: '{firmName} publicó {fileName} para usted en {caseTitle}',
        emailBody:
          '{firmName} publicó {fileName} para usted en {caseTitle}.\nAbra el portal de clientes para verlo.',
        action: 'Abrir el documento',
        footer: 'Recibe este mensaje porque {firmName} le da acceso a {caseTitle} en su portal de clientes.',
      },
      'pt-BR': {
        subject: 'Novo documento de {firmName}: {fileName}',
        title: 'Novo documento disponível',
        body: '{firmName} publicou {fileName} para você em {caseTitle}',
        emailBody:
          '{firmName} publicou {fileName} para você em {caseTitle}.\nAbra o portal do cliente para vê-lo.',
        action: 'Abrir o documento',
        footer:
          'Você recebe esta mensagem porque {firmName} lhe dá acesso a {caseTitle} no portal do cliente.',
      },
    },
  },
];
