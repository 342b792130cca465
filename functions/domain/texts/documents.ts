// Shipped texts of document news for the firm's staff: a client uploaded a file.
import type { TemplateDef } from './template';

export const documentTemplates: TemplateDef[] = [
  {
    id: 'document.uploaded',
    eventType: 'document.uploaded',
    audience: 'staff',
    variables: ['contactName', 'fileName', 'caseTitle'],
    sample: { contactName: 'Carla Client', fileName: 'statement.pdf', caseTitle: 'Tax return 2025' },
    texts: {
      en: {
        subject: '{contactName} uploaded {fileName}',
        title: 'New client upload',
        body: '{contactName} uploaded {fileName} to {caseTitle}',
        emailBody: '{contactName} uploaded {fileName} to {caseTitle}.',
        action: 'Open the case documents',
        footer: 'You receive this because you are a notification recipient of this case.',
      },
      es: {
        subject: '{contactName} subió {fileName}',
        title: 'Nuevo archivo del cliente',
        body: '{contactName} subió {fileName} a {caseTitle}',
        emailBody: '{contactName} subió {fileName} a {caseTitle}.',
        action: 'Abrir los documentos del caso',
        footer: 'Recibe este mensaje porque es destinatario de las notificaciones de este caso.',
      },
      'pt-BR': {
        subject: '{contactName} enviou {fileName}',
        title: 'Novo arquivo do cliente',
        body: '{contactName} enviou {fileName} para {caseTitle}',
        emailBody: '{contactName} enviou {fileName} para {caseTitle}.',
        action: 'Abrir os documentos do caso',
        footer: 'Você recebe esta mensagem porque é destinatário das notificações deste caso.',
      },
    },
  },
];
