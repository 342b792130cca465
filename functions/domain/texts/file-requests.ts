// Shipped texts of file requests: a client is asked for a file; the staff who asked (and the case's
// recipients) hear that it arrived. The request's description is the client's to read as it was
// typed: it arrives flattened, as the `request` variable's value.
import type { TemplateDef } from './template';

export const fileRequestTemplates: TemplateDef[] = [
  {
    id: 'filerequest.created',
    eventType: 'filerequest.created',
    audience: 'contact',
    variables: ['requesterName', 'subject', 'request', 'kind', 'documentName', 'hasDueDate', 'dueDate'],
    sample: {
      requesterName: 'Staff of Bright & Co',
      subject: 'Bank statements',
      request: 'Please send the bank statements for March.',
      kind: 'update',
      documentName: 'Engagement letter.pdf',
      hasDueDate: 'yes',
      dueDate: '2026-01-31',
    },
    texts: {
      en: {
        subject: 'File request: {subject}',
        title: 'File request: {subject}',
        body: '{request}',
        emailBody:
          '{kind, select, update {{requesterName} asks you for a new version of {documentName}.} other {{requesterName} asks you for a file.}}\n{request}\n{hasDueDate, select, yes {Due date: {dueDate}} other {}}',
        action: 'Upload the file',
        footer: 'You receive this because the request was sent to you.',
      },
      es: {
        subject: 'Solicitud de archivo: {subject}',
        title: 'Solicitud de archivo: {subject}',
        body: '{request}',
        emailBody:
          '{kind, select, update {{requesterName} le pide una nueva versión de {documentName}.} other {{requesterName} le pide un archivo.}}\n{request}\n{hasDueDate, select, yes {Fecha límite: {dueDate}} other {}}',
        action: 'Subir el archivo',
        footer: 'Recibe este mensaje porque la solicitud se le envió a usted.',
      },
      'pt-BR': {
        subject: 'Solicitação de arquivo: {subject}',
        title: 'Solicitação de arquivo: {subject}',
        body: '{request}',
        emailBody:
          '{kind, select, update {{requesterName} pede a você uma nova versão de {documentName}.} other {{requesterName} pede a você um arquivo.}}\n{request}\n{hasDueDate, select, yes {Prazo: {dueDate}} other {}}',
        action: 'Enviar o arquivo',
        footer: 'Você recebe esta mensagem porque a solicitação foi enviada a você.',
      },
    },
  },
  {
    id: 'filerequest.fulfilled',
    eventType: 'filerequest.fulfilled',
    audience: 'staff',
    variables: ['contactName', 'kind', 'version', 'fileName', 'subject', 'caseTitle'],
    sample: {
      contactName: 'Carla Client',
      kind: 'update',
      version: 2,
      fileName: 'Engagement letter.pdf',
      subject: 'Sign the engagement letter',
      caseTitle: 'Tax return 2025',
    },
    texts: {
      en: {
        subject: 'File request fulfilled: {subject}',
        title: 'File request fulfilled: {subject}',
        body: '{contactName} uploaded {kind, select, update {version {version} of {fileName}} other {{fileName}}}',
        emailBody:
          '{contactName} uploaded {kind, select, update {version {version} of {fileName}} other {{fileName}}} for your request "{subject}" in {caseTitle}.',
        action: 'Open the request',
        footer: 'You receive this because you made the request or are a notification recipient of this case.',
      },
      es: {
        subject: 'Solicitud de archivo atendida: {subject}',
        title: 'Solicitud de archivo atendida: {subject}',
        body: '{contactName} subió {kind, select, update {la versión {version} de {fileName}} other {{fileName}}}',
        emailBody:
          '{contactName} subió {kind, select, update {la versión {version} de {fileName}} other {{fileName}}} para su solicitud «{subject}» en {caseTitle}.',
        action: 'Abrir la solicitud',
        footer:
          'Recibe este mensaje porque hizo la solicitud o es destinatario de las notificaciones de este caso.',
      },
      'pt-BR': {
        subject: 'Solicitação de arquivo atendida: {subject}',
        title: 'Solicitação de arquivo atendida: {subject}',
        body: '{contactName} enviou {kind, select, update {a versão {version} de {fileName}} other {{fileName}}}',
        emailBody:
          '{contactName} enviou {kind, select, update {a versão {version} de {fileName}} other {{fileName}}} para a sua solicitação "{subject}" em {caseTitle}.',
        action: 'Abrir a solicitação',
        footer:
          'Você recebe esta mensagem porque fez a solicitação ou é destinatário das notificações deste caso.',
      },
    },
  },
];
