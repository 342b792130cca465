// Shipped texts of file requests: a client is asked for a file; the staff who asked (and the case's
// recipients) hear that it arrived. The request's description is the client's to read as it was
// typed: it arrives flattened, as the `request` variable's value.
import type { TemplateDef } from './template';

export const fileRequestTemplates: TemplateDef[] = [
  {
    id: 'filerequest.created',
    eventType: 'filerequest.created',
    audience: 'contact',
    variables: [
      'requesterName',
      'subject',
      'request',
      'kind',
      'documentName',
      'hasDueDate',
      'dueDate',
      'items',
      'itemList',
    ],
    sample: {
      requesterName: 'Staff of Bright & Co',
      subject: 'Bank statements',
      request: 'Please send the bank statements for March.',
      kind: 'update',
      documentName: 'Engagement letter.pdf',
      hasDueDate: 'yes',
      dueDate: '2026-01-31',
      items: 2,
      itemList: 'Bank statements; Payroll summary',
    },
    texts: {
      en: {
        subject: 'File request: {subject}',
        title: 'File request: {subject}',
        body: '{request}',
        emailBody:
          '{kind, select, update {{requesterName} asks you for a new version of {documentName}.} other {{items, plural, =0 {{requesterName} asks you for a file.} one {{requesterName} asks you for one item: {itemList}.} other {{requesterName} asks you for # items: {itemList}.}}}}\n{request}\n{hasDueDate, select, yes {Due date: {dueDate}} other {}}',
        action: 'Upload the file',
        footer: 'You receive this because the request was sent to you.',
      },
      es: {
        subject: 'Solicitud de archivo: {subject}',
        title: 'Solicitud de archivo: {subject}',
        body: '{request}',
        emailBody:
          '{kind, select, update {{requesterName} le pide una nueva versión de {documentName}.} other {{items, plural, =0 {{requesterName} le pide un archivo.} one {{requesterName} le pide un elemento: {itemList}.} other {{requesterName} le pide # elementos: {itemList}.}}}}\n{request}\n{hasDueDate, select, yes {Fecha límite: {dueDate}} other {}}',
        action: 'Subir el archivo',
        footer: 'Recibe este mensaje porque la solicitud se le envió a usted.',
      },
      'pt-BR': {
        subject: 'Solicitação de arquivo: {subject}',
        title: 'Solicitação de arquivo: {subject}',
        body: '{request}',
        emailBody:
          '{kind, select, update {{requesterName} pede a você uma nova versão de {documentName}.} other {{items, plural, =0 {{requesterName} pede a você um arquivo.} one {{requesterName} pede a você um item: {itemList}.} other {{requesterName} pede a você # itens: {itemList}.}}}}\n{request}\n{hasDueDate, select, yes {Prazo: {dueDate}} other {}}',
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
  {
    id: 'filerequest.item_submitted',
    eventType: 'filerequest.item_submitted',
    audience: 'staff',
    variables: ['contactName', 'version', 'fileName', 'item', 'subject', 'caseTitle'],
    sample: {
      contactName: 'Carla Client',
      version: 1,
      fileName: 'Bank statement March.pdf',
      item: 'Bank statements',
      subject: 'Year-end list',
      caseTitle: 'Audit 2025',
    },
    texts: {
      en: {
        subject: 'Item to review: {item}',
        title: 'Item to review: {item}',
        body: '{contactName} uploaded {fileName} for "{item}"',
        emailBody:
          '{contactName} uploaded {fileName}{version, plural, =1 {} other { (version #)}} for the item "{item}" of your request "{subject}" in {caseTitle}. Accept it or return it with a reason.',
        action: 'Review the item',
        footer: 'You receive this because you made the request or are a notification recipient of this case.',
      },
      es: {
        subject: 'Elemento por revisar: {item}',
        title: 'Elemento por revisar: {item}',
        body: '{contactName} subió {fileName} para «{item}»',
        emailBody:
          '{contactName} subió {fileName}{version, plural, =1 {} other { (versión #)}} para el elemento «{item}» de su solicitud «{subject}» en {caseTitle}. Acéptelo o devuélvalo con un motivo.',
        action: 'Revisar el elemento',
        footer:
          'Recibe este mensaje porque hizo la solicitud o es destinatario de las notificaciones de este caso.',
      },
      'pt-BR': {
        subject: 'Item para revisar: {item}',
        title: 'Item para revisar: {item}',
        body: '{contactName} enviou {fileName} para "{item}"',
        emailBody:
          '{contactName} enviou {fileName}{version, plural, =1 {} other { (versão #)}} para o item "{item}" da sua solicitação "{subject}" em {caseTitle}. Aceite-o ou devolva-o com um motivo.',
        action: 'Revisar o item',
        footer:
          'Você recebe esta mensagem porque fez a solicitação ou é destinatário das notificações deste caso.',
      },
    },
  },
  {
    id: 'filerequest.item_returned',
    eventType: 'filerequest.item_returned',
    audience: 'contact',
    variables: ['item', 'subject', 'reason'],
    sample: {
      item: 'Bank statements',
      subject: 'Year-end list',
      reason: 'The March statement is missing its second page.',
    },
    texts: {
      en: {
        subject: 'Please upload again: {item}',
        title: 'Please upload again: {item}',
        body: '{reason}',
        emailBody: 'Your file for "{item}" ({subject}) was returned:\n{reason}\nPlease upload it again.',
        action: 'Upload it again',
        footer: 'You receive this because you uploaded the file.',
      },
      es: {
        subject: 'Vuelva a subirlo: {item}',
        title: 'Vuelva a subirlo: {item}',
        body: '{reason}',
        emailBody:
          'Su archivo para «{item}» ({subject}) fue devuelto:\n{reason}\nVuelva a subirlo, por favor.',
        action: 'Subirlo de nuevo',
        footer: 'Recibe este mensaje porque subió el archivo.',
      },
      'pt-BR': {
        subject: 'Envie novamente: {item}',
        title: 'Envie novamente: {item}',
        body: '{reason}',
        emailBody:
          'Seu arquivo para "{item}" ({subject}) foi devolvido:\n{reason}\nEnvie-o novamente, por favor.',
        action: 'Enviar novamente',
        footer: 'Você recebe esta mensagem porque enviou o arquivo.',
      },
    },
  },
];
