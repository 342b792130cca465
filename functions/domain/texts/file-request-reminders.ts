// Shipped texts of file-request reminders (decision 0044): before the due date the reminder says
// when the request is due; after it, that it is overdue (a text of its own, not a changed word).
import type { TemplateDef } from './template';

export const fileRequestReminderTemplates: TemplateDef[] = [
  {
    id: 'filerequest.reminded',
    eventType: 'filerequest.reminded',
    audience: 'contact',
    variables: ['requesterName', 'subject', 'request', 'overdue', 'hasDueDate', 'dueDate'],
    sample: {
      requesterName: 'Staff of Bright & Co',
      subject: 'Bank statements',
      request: 'Please send the bank statements for March.',
      overdue: 'yes',
      hasDueDate: 'yes',
      dueDate: '2026-01-31',
    },
    texts: {
      en: {
        subject: '{overdue, select, yes {Overdue: {subject}} other {Reminder: {subject}}}',
        title: '{overdue, select, yes {Overdue: {subject}} other {Reminder: {subject}}}',
        body: '{overdue, select, yes {This file request was due on {dueDate} and is still open.} other {{hasDueDate, select, yes {This file request is due on {dueDate}.} other {This file request is still open.}}}}',
        emailBody:
          '{requesterName} is still waiting for a file from you.\n{request}\n{overdue, select, yes {It was due on {dueDate} and is now overdue.} other {{hasDueDate, select, yes {Due date: {dueDate}} other {}}}}',
        action: 'Upload the file',
        footer: 'You receive this because the request was sent to you and is still open.',
      },
      es: {
        subject: '{overdue, select, yes {Vencida: {subject}} other {Recordatorio: {subject}}}',
        title: '{overdue, select, yes {Vencida: {subject}} other {Recordatorio: {subject}}}',
        body: '{overdue, select, yes {Esta solicitud de archivo vencía el {dueDate} y sigue abierta.} other {{hasDueDate, select, yes {Esta solicitud de archivo vence el {dueDate}.} other {Esta solicitud de archivo sigue abierta.}}}}',
        emailBody:
          '{requesterName} sigue esperando un archivo suyo.\n{request}\n{overdue, select, yes {Vencía el {dueDate} y ya está vencida.} other {{hasDueDate, select, yes {Fecha límite: {dueDate}} other {}}}}',
        action: 'Subir el archivo',
        footer: 'Recibe este mensaje porque la solicitud se le envió a usted y sigue abierta.',
      },
      'pt-BR': {
        subject: '{overdue, select, yes {Atrasada: {subject}} other {Lembrete: {subject}}}',
        title: '{overdue, select, yes {Atrasada: {subject}} other {Lembrete: {subject}}}',
        body: '{overdue, select, yes {Esta solicitação de arquivo venceu em {dueDate} e continua aberta.} other {{hasDueDate, select, yes {Esta solicitação de arquivo vence em {dueDate}.} other {Esta solicitação de arquivo continua aberta.}}}}',
        emailBody:
          '{requesterName} ainda aguarda um arquivo seu.\n{request}\n{overdue, select, yes {O prazo era {dueDate} e a solicitação está atrasada.} other {{hasDueDate, select, yes {Prazo: {dueDate}} other {}}}}',
        action: 'Enviar o arquivo',
        footer: 'Você recebe esta mensagem porque a solicitação foi enviada a você e continua aberta.',
      },
    },
  },
];
