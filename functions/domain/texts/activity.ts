// Shipped sentences of a case's activity: one ICU message per event type × locale, read by people
// in the activity list. A type's sentence is one entry here; a type without one reads GENERIC.
import type { EventType } from '../../events/catalogue';
import type { Locale } from './template';

type Sentences = Record<Locale, string>;

/**
 * Variables every sentence may use: `actor` (who did it, already a name or "former contact"),
 * `contact` (the contact the entry is about), and the entry's own detail values by name (`name`,
 * `subject`, `title`, `kind`, `change`, counts). Missing values render empty, never fail.
 */
export const ACTIVITY_SENTENCES: Partial<Record<EventType, Sentences>> = {
  'case.created': {
    en: '{actor} created the case "{title}".',
    es: '{actor} creó el expediente «{title}».',
    'pt-BR': '{actor} criou o caso "{title}".',
  },
  'case.renamed': {
    en: '{actor} renamed the case "{previousTitle}" to "{title}".',
    es: '{actor} cambió el nombre del expediente «{previousTitle}» a «{title}».',
    'pt-BR': '{actor} renomeou o caso "{previousTitle}" para "{title}".',
  },
  'case.reassigned': {
    en: '{actor} gave the case to another owner.',
    es: '{actor} asignó el expediente a otro responsable.',
    'pt-BR': '{actor} passou o caso para outro responsável.',
  },
  'case.closed': {
    en: '{actor} closed the case "{title}".',
    es: '{actor} cerró el expediente «{title}».',
    'pt-BR': '{actor} encerrou o caso "{title}".',
  },
  'case.reopened': {
    en: '{actor} reopened the case "{title}".',
    es: '{actor} reabrió el expediente «{title}».',
    'pt-BR': '{actor} reabriu o caso "{title}".',
  },
  'contact.created': {
    en: '{actor} added the contact {contact}.',
    es: '{actor} añadió el contacto {contact}.',
    'pt-BR': '{actor} adicionou o contato {contact}.',
  },
  'access.granted': {
    en: '{actor} gave {contact} access to the case.',
    es: '{actor} dio a {contact} acceso al expediente.',
    'pt-BR': '{actor} deu a {contact} acesso ao caso.',
  },
  'access.updated': {
    en: "{actor} changed {contact}'s access to the case.",
    es: '{actor} cambió el acceso de {contact} al expediente.',
    'pt-BR': '{actor} alterou o acesso de {contact} ao caso.',
  },
  'access.revoked': {
    en: "{actor} removed {contact}'s access to the case.",
    es: '{actor} retiró el acceso de {contact} al expediente.',
    'pt-BR': '{actor} removeu o acesso de {contact} ao caso.',
  },
  'access.accepted': {
    en: '{contact} accepted the invitation to the portal.',
    es: '{contact} aceptó la invitación al portal.',
    'pt-BR': '{contact} aceitou o convite para o portal.',
  },
  'invitation.sent': {
    en: '{actor} invited {contact} to the portal.',
    es: '{actor} invitó a {contact} al portal.',
    'pt-BR': '{actor} convidou {contact} para o portal.',
  },
  'document.uploaded': {
    en: '{actor} uploaded "{name}"{version, plural, =1 {} other { (version #)}}.',
    es: '{actor} subió «{name}»{version, plural, =1 {} other { (versión #)}}.',
    'pt-BR': '{actor} enviou "{name}"{version, plural, =1 {} other { (versão #)}}.',
  },
  'document.shared': {
    en: '{added, plural, =0 {{actor} stopped sharing "{name}" with {removed, plural, one {# contact} other {# contacts}}.} one {{actor} shared "{name}" with # contact.} other {{actor} shared "{name}" with # contacts.}}',
    es: '{added, plural, =0 {{actor} dejó de compartir «{name}» con {removed, plural, one {# contacto} other {# contactos}}.} one {{actor} compartió «{name}» con # contacto.} other {{actor} compartió «{name}» con # contactos.}}',
    'pt-BR':
      '{added, plural, =0 {{actor} deixou de compartilhar "{name}" com {removed, plural, one {# contato} other {# contatos}}.} one {{actor} compartilhou "{name}" com # contato.} other {{actor} compartilhou "{name}" com # contatos.}}',
  },
  'document.published': {
    en: '{actor} published "{name}".',
    es: '{actor} publicó «{name}».',
    'pt-BR': '{actor} publicou "{name}".',
  },
  'upload.rejected': {
    en: 'An upload was refused.',
    es: 'Se rechazó un archivo subido.',
    'pt-BR': 'Um envio foi recusado.',
  },
  'recipients.updated': {
    en: '{actor} changed who is notified inside the firm.',
    es: '{actor} cambió quién recibe avisos en el despacho.',
    'pt-BR': '{actor} alterou quem é notificado no escritório.',
  },
  'discussion.published': {
    en: '{actor} started the discussion "{subject}".',
    es: '{actor} inició la conversación «{subject}».',
    'pt-BR': '{actor} iniciou a discussão "{subject}".',
  },
  'comment.added': {
    en: '{actor} commented on a discussion.',
    es: '{actor} comentó en una conversación.',
    'pt-BR': '{actor} comentou em uma discussão.',
  },
  'filerequest.created': {
    en: '{kind, select, update {{actor} asked for a new version: "{subject}".} other {{actor} asked for a file: "{subject}".}}',
    es: '{kind, select, update {{actor} pidió una nueva versión: «{subject}».} other {{actor} pidió un archivo: «{subject}».}}',
    'pt-BR':
      '{kind, select, update {{actor} pediu uma nova versão: "{subject}".} other {{actor} pediu um arquivo: "{subject}".}}',
  },
  'filerequest.fulfilled': {
    en: '{actor} provided "{name}" for a file request.',
    es: '{actor} entregó «{name}» para una solicitud de archivo.',
    'pt-BR': '{actor} entregou "{name}" para um pedido de arquivo.',
  },
  'filerequest.cancelled': {
    en: '{actor} cancelled a file request.',
    es: '{actor} canceló una solicitud de archivo.',
    'pt-BR': '{actor} cancelou um pedido de arquivo.',
  },
  'settings.updated': {
    en: '{actor} changed the firm settings.',
    es: '{actor} cambió la configuración del despacho.',
    'pt-BR': '{actor} alterou as configurações do escritório.',
  },
  'thread.created': {
    en: '{actor} started the conversation "{subject}".',
    es: '{actor} inició el chat «{subject}».',
    'pt-BR': '{actor} iniciou a conversa "{subject}".',
  },
  'document.renamed': {
    en: '{actor} renamed the document "{previousName}" to "{name}".',
    es: '{actor} cambió el nombre del documento «{previousName}» a «{name}».',
    'pt-BR': '{actor} renomeou o documento "{previousName}" para "{name}".',
  },
  'document.trashed': {
    en: '{actor} moved the document "{name}" to the trash.',
    es: '{actor} movió el documento «{name}» a la papelera.',
    'pt-BR': '{actor} moveu o documento "{name}" para a lixeira.',
  },
  'document.restored': {
    en: '{actor} restored the document "{name}" from the trash.',
    es: '{actor} restauró el documento «{name}» de la papelera.',
    'pt-BR': '{actor} restaurou o documento "{name}" da lixeira.',
  },
  'document.purged': {
    en: 'The document "{name}" was deleted for good after 30 days in the trash.',
    es: 'El documento «{name}» se eliminó definitivamente tras 30 días en la papelera.',
    'pt-BR': 'O documento "{name}" foi excluído definitivamente após 30 dias na lixeira.',
  },
  'thread.closed': {
    en: '{actor} closed a conversation.',
    es: '{actor} cerró un chat.',
    'pt-BR': '{actor} encerrou uma conversa.',
  },
  'thread.reopened': {
    en: '{actor} reopened a conversation.',
    es: '{actor} reabrió un chat.',
    'pt-BR': '{actor} reabriu uma conversa.',
  },
  'discussion.closed': {
    en: '{actor} closed a discussion.',
    es: '{actor} cerró una discusión.',
    'pt-BR': '{actor} encerrou uma discussão.',
  },
  'discussion.reopened': {
    en: '{actor} reopened a discussion.',
    es: '{actor} reabrió una discusión.',
    'pt-BR': '{actor} reabriu uma discussão.',
  },
  'recurringtask.deleted': {
    en: '{actor} deleted the recurring task "{name}".',
    es: '{actor} eliminó la tarea recurrente «{name}».',
    'pt-BR': '{actor} excluiu a tarefa recorrente "{name}".',
  },
  'filerequest.item_submitted': {
    en: '{actor} provided "{name}" for the item "{subject}".',
    es: '{actor} entregó «{name}» para el elemento «{subject}».',
    'pt-BR': '{actor} entregou "{name}" para o item "{subject}".',
  },
  'filerequest.item_accepted': {
    en: '{actor} accepted the item "{subject}".',
    es: '{actor} aceptó el elemento «{subject}».',
    'pt-BR': '{actor} aceitou o item "{subject}".',
  },
  'filerequest.item_returned': {
    en: '{actor} returned the item "{subject}": {reason}',
    es: '{actor} devolvió el elemento «{subject}»: {reason}',
    'pt-BR': '{actor} devolveu o item "{subject}": {reason}',
  },
  'filerequesttemplate.saved': {
    en: '{actor} saved the request list template "{name}".',
    es: '{actor} guardó la plantilla de lista de solicitudes «{name}».',
    'pt-BR': '{actor} salvou o modelo de lista de solicitações "{name}".',
  },
  'filerequesttemplate.deleted': {
    en: '{actor} deleted the request list template "{name}".',
    es: '{actor} eliminó la plantilla de lista de solicitudes «{name}».',
    'pt-BR': '{actor} excluiu o modelo de lista de solicitações "{name}".',
  },
  'message.posted': {
    en: '{kind, select, tasks {{actor} sent the task list again.} other {{actor} posted a message.}}',
    es: '{kind, select, tasks {{actor} reenvió la lista de tareas.} other {{actor} escribió un mensaje.}}',
    'pt-BR':
      '{kind, select, tasks {{actor} reenviou a lista de tarefas.} other {{actor} publicou uma mensagem.}}',
  },
  'task.changed': {
    en: '{change, select, added {{actor} added {tasks, plural, one {# task} other {# tasks}}} edited {{actor} edited {tasks, plural, one {# task} other {# tasks}}} deleted {{actor} deleted {tasks, plural, one {# task} other {# tasks}}} completed {{actor} ticked {tasks, plural, one {# task} other {# tasks}}} other {{actor} reopened {tasks, plural, one {# task} other {# tasks}}}} ({completed} of {total} done).',
    es: '{change, select, added {{actor} añadió {tasks, plural, one {# tarea} other {# tareas}}} edited {{actor} editó {tasks, plural, one {# tarea} other {# tareas}}} deleted {{actor} eliminó {tasks, plural, one {# tarea} other {# tareas}}} completed {{actor} marcó {tasks, plural, one {# tarea} other {# tareas}}} other {{actor} reabrió {tasks, plural, one {# tarea} other {# tareas}}}} ({completed} de {total} hechas).',
    'pt-BR':
      '{change, select, added {{actor} adicionou {tasks, plural, one {# tarefa} other {# tarefas}}} edited {{actor} editou {tasks, plural, one {# tarefa} other {# tarefas}}} deleted {{actor} excluiu {tasks, plural, one {# tarefa} other {# tarefas}}} completed {{actor} concluiu {tasks, plural, one {# tarefa} other {# tarefas}}} other {{actor} reabriu {tasks, plural, one {# tarefa} other {# tarefas}}}} ({completed} de {total} concluídas).',
  },
  'tasks.completed': {
    en: 'Every task of a conversation is done ({total, plural, one {# task} other {# tasks}}).',
    es: 'Todas las tareas de un chat están hechas ({total, plural, one {# tarea} other {# tareas}}).',
    'pt-BR':
      'Todas as tarefas de uma conversa foram concluídas ({total, plural, one {# tarefa} other {# tarefas}}).',
  },
  'reminder.due': {
    en: 'A reminder of {openTasks, plural, one {# open task} other {# open tasks}} was sent.',
    es: 'Se envió un recordatorio de {openTasks, plural, one {# tarea pendiente} other {# tareas pendientes}}.',
    'pt-BR':
      'Foi enviado um lembrete de {openTasks, plural, one {# tarefa pendente} other {# tarefas pendentes}}.',
  },
  'filerequest.reminded': {
    en: '{overdue, select, true {A reminder that the file request "{subject}" is overdue was sent.} other {A reminder of the file request "{subject}" was sent.}}',
    es: '{overdue, select, true {Se envió un recordatorio de que la solicitud de archivo «{subject}» está vencida.} other {Se envió un recordatorio de la solicitud de archivo «{subject}».}}',
    'pt-BR':
      '{overdue, select, true {Foi enviado um lembrete de que a solicitação de arquivo "{subject}" está atrasada.} other {Foi enviado um lembrete da solicitação de arquivo "{subject}".}}',
  },
  'contact.updated': {
    en: '{actor} changed the details of the contact {contact}.',
    es: '{actor} cambió los datos del contacto {contact}.',
    'pt-BR': '{actor} alterou os dados do contato {contact}.',
  },
  'contact.removed': {
    en: '{actor} removed the contact {contact} from the firm.',
    es: '{actor} retiró al contacto {contact} de la firma.',
    'pt-BR': '{actor} removeu o contato {contact} da firma.',
  },
  'contact.erased': {
    en: "{actor} erased a former contact's personal data.",
    es: '{actor} borró los datos personales de un antiguo contacto.',
    'pt-BR': '{actor} apagou os dados pessoais de um ex-contato.',
  },
};

/** The sentence of a type no entry above knows (one added to the catalogue after these texts). */
export const GENERIC_SENTENCE: Sentences = {
  en: '{actor} made a change to the case.',
  es: '{actor} hizo un cambio en el expediente.',
  'pt-BR': '{actor} fez uma alteração no caso.',
};

/** Names for who did it when there is no person to name. */
export const WHO_WORDS: Record<'formerContact' | 'formerStaff' | 'system', Sentences> = {
  formerContact: { en: 'former contact', es: 'antiguo contacto', 'pt-BR': 'ex-contato' },
  formerStaff: {
    en: 'former staff member',
    es: 'antiguo miembro del equipo',
    'pt-BR': 'ex-membro da equipe',
  },
  system: { en: 'Portico', es: 'Portico', 'pt-BR': 'Portico' },
};
