// Shipped texts of chat threads and client tasks. Clients get one kind of email for a new thread, a
// new message, new tasks and a reminder: without the firm's "show message context" it says only
// that there is something new (and how many tasks are open); with it, the thread's subject, the
// message and, as `details` lines, each open task. The policy passes the subject and message text
// only when context is shown, so no override can leak them. Staff get in-app notices of a client's
// message, of task changes (who changed what, the current status) and of every task done.
import type { Locale, TemplateDef, TemplateText } from './template';

interface ClientWords {
  /** The headline for each kind of news (ICU, may use {firmName}). */
  headline: string;
  subjectLabel: string;
  openTaskOne: string;
  openTaskOther: string;
  openTasksLabel: string;
  somethingNew: string;
  openToRead: string;
  action: string;
  footer: string;
}

const CLIENT: Record<Locale, Omit<ClientWords, 'headline'>> = {
  en: {
    subjectLabel: 'Subject',
    openTaskOne: 'You have # open task.',
    openTaskOther: 'You have # open tasks.',
    openTasksLabel: 'Open tasks:',
    somethingNew: '{firmName} has something new for you in your client portal.',
    openToRead: 'Open the portal to read it.',
    action: 'Open the client portal',
    footer: 'You receive this because {firmName} added you to a conversation in its client portal.',
  },
  es: {
    subjectLabel: 'Asunto',
    openTaskOne: 'Tiene # tarea pendiente.',
    openTaskOther: 'Tiene # tareas pendientes.',
    openTasksLabel: 'Tareas pendientes:',
    somethingNew: '{firmName} tiene novedades para usted en su portal de clientes.',
    openToRead: 'Abra el portal para leerlas.',
    action: 'Abrir el portal de clientes',
    footer: 'Recibe este mensaje porque {firmName} le añadió a una conversación en su portal de clientes.',
  },
  'pt-BR': {
    subjectLabel: 'Assunto',
    openTaskOne: 'Você tem # tarefa em aberto.',
    openTaskOther: 'Você tem # tarefas em aberto.',
    openTasksLabel: 'Tarefas em aberto:',
    somethingNew: '{firmName} tem novidades para você no portal do cliente.',
    openToRead: 'Abra o portal para ler.',
    action: 'Abrir o portal do cliente',
    footer: 'Você recebe esta mensagem porque {firmName} adicionou você a uma conversa no portal do cliente.',
  },
};

/** The client email of one kind of news, in one language. */
function clientText(headline: string, w: Omit<ClientWords, 'headline'>): TemplateText {
  const subject = `{context, select, shown {${headline}: {subject}} other {${headline}}}`;
  const shown = [
    `${w.subjectLabel}: {subject}`,
    '{hasText, select, yes {\n{author}: {text}} other {}}',
    `{openTasks, plural, =0 {} one {\n${w.openTaskOne} ${w.openTasksLabel}} other {\n${w.openTaskOther} ${w.openTasksLabel}}}`,
  ].join('');
  const hidden = [
    w.somethingNew,
    `{openTasks, plural, =0 {} one {\n${w.openTaskOne}} other {\n${w.openTaskOther}}}`,
    `\n${w.openToRead}`,
  ].join('');
  return {
    subject,
    title: subject,
    body: `{context, select, shown {${shown}} other {${hidden}}}`,
    action: w.action,
    footer: w.footer,
  };
}

const HEADLINES = {
  /** A new message, or new tasks (`kind`). */
  news: {
    en: '{kind, select, tasks {New tasks from {firmName}} other {New message from {firmName}}}',
    es: '{kind, select, tasks {Nuevas tareas de {firmName}} other {Nuevo mensaje de {firmName}}}',
    'pt-BR': '{kind, select, tasks {Novas tarefas de {firmName}} other {Nova mensagem de {firmName}}}',
  },
  reminder: {
    en: 'Reminder: open tasks for {firmName}',
    es: 'Recordatorio: tareas pendientes para {firmName}',
    'pt-BR': 'Lembrete: tarefas em aberto para {firmName}',
  },
} satisfies Record<string, Record<Locale, string>>;

const clientTexts = (headline: Record<Locale, string>): Record<Locale, TemplateText> => ({
  en: clientText(headline.en, CLIENT.en),
  es: clientText(headline.es, CLIENT.es),
  'pt-BR': clientText(headline['pt-BR'], CLIENT['pt-BR']),
});

const clientVariables = [
  'firmName',
  'kind',
  'context',
  'subject',
  'author',
  'hasText',
  'text',
  'openTasks',
] as const;
const clientSample = {
  firmName: 'Bright & Co',
  kind: 'message',
  context: 'shown',
  subject: 'Documents for your return',
  author: 'Staff of Bright & Co',
  hasText: 'yes',
  text: 'Refund expected.',
  openTasks: 2,
};

const TEAM_ACTION: Record<Locale, string> = {
  en: 'Open the thread',
  es: 'Abrir la conversación',
  'pt-BR': 'Abrir a conversa',
};
const TEAM_FOOTER: Record<Locale, string> = {
  en: 'You receive this because you are on the team of this case.',
  es: 'Recibe este mensaje porque forma parte del equipo de este caso.',
  'pt-BR': 'Você recebe esta mensagem porque faz parte da equipe deste caso.',
};

/** A staff notice whose email subject is its body (as the in-app item reads). */
const teamText = (locale: Locale, title: string, body: string): TemplateText => ({
  subject: body,
  title,
  body,
  action: TEAM_ACTION[locale],
  footer: TEAM_FOOTER[locale],
});

export const taskTemplates: TemplateDef[] = [
  {
    id: 'thread.created',
    eventType: 'thread.created',
    audience: 'contact',
    variables: clientVariables,
    sample: clientSample,
    texts: clientTexts(HEADLINES.news),
  },
  {
    id: 'message.posted.contact',
    eventType: 'message.posted',
    audience: 'contact',
    variables: clientVariables,
    sample: clientSample,
    texts: clientTexts(HEADLINES.news),
  },
  {
    id: 'task.changed.contact',
    eventType: 'task.changed',
    audience: 'contact',
    variables: clientVariables,
    sample: { ...clientSample, kind: 'tasks', hasText: 'no', text: '' },
    texts: clientTexts(HEADLINES.news),
  },
  {
    id: 'reminder.due',
    eventType: 'reminder.due',
    audience: 'contact',
    variables: clientVariables,
    sample: { ...clientSample, kind: 'reminder', hasText: 'no', text: '' },
    texts: clientTexts(HEADLINES.reminder),
  },
  {
    id: 'message.posted.staff',
    eventType: 'message.posted',
    audience: 'staff',
    variables: ['authorName', 'subject'],
    sample: { authorName: 'Carla Client', subject: 'Documents for your return' },
    texts: {
      en: teamText('en', 'New message from {authorName}', '{authorName} (client) wrote in “{subject}”.'),
      es: teamText('es', 'Nuevo mensaje de {authorName}', '{authorName} (cliente) escribió en «{subject}».'),
      'pt-BR': teamText(
        'pt-BR',
        'Nova mensagem de {authorName}',
        '{authorName} (cliente) escreveu em “{subject}”.',
      ),
    },
  },
  {
    id: 'task.changed.staff',
    eventType: 'task.changed',
    audience: 'staff',
    // `tasks`: the changed tasks' texts, quoted and joined by the policy (people's own text).
    variables: [
      'actorName',
      'role',
      'change',
      'tasks',
      'subject',
      'status',
      'doneCount',
      'completed',
      'total',
    ],
    sample: {
      actorName: 'Carla Client',
      role: 'client',
      change: 'completed',
      tasks: '“Send W-2”',
      subject: 'Documents for your return',
      status: 'done',
      doneCount: 1,
      completed: 1,
      total: 3,
    },
    texts: {
      en: teamText(
        'en',
        'Task {change, select, added {added} edited {edited} deleted {deleted} completed {completed} reopened {reopened} other {changed}} by {actorName}',
        '{actorName} ({role, select, client {client} other {staff}}) {change, select, added {added} edited {edited} deleted {deleted} completed {completed} reopened {reopened} other {changed}} {tasks} in “{subject}”. Status: {status, select, deleted {deleted} done {done} open {open} other {{doneCount} done}}. Tasks done: {completed}/{total}.',
      ),
      es: teamText(
        'es',
        'Tarea {change, select, added {añadida} edited {editada} deleted {eliminada} completed {completada} reopened {reabierta} other {modificada}} por {actorName}',
        '{actorName} ({role, select, client {cliente} other {personal}}) {change, select, added {añadió} edited {editó} deleted {eliminó} completed {completó} reopened {reabrió} other {modificó}} {tasks} en «{subject}». Estado: {status, select, deleted {eliminada} done {hecha} open {pendiente} other {{doneCount} hechas}}. Tareas hechas: {completed}/{total}.',
      ),
      'pt-BR': teamText(
        'pt-BR',
        'Tarefa {change, select, added {adicionada} edited {editada} deleted {excluída} completed {concluída} reopened {reaberta} other {alterada}} por {actorName}',
        '{actorName} ({role, select, client {cliente} other {equipe}}) {change, select, added {adicionou} edited {editou} deleted {excluiu} completed {concluiu} reopened {reabriu} other {alterou}} {tasks} em “{subject}”. Status: {status, select, deleted {excluída} done {concluída} open {em aberto} other {{doneCount} concluídas}}. Tarefas concluídas: {completed}/{total}.',
      ),
    },
  },
  {
    id: 'tasks.completed',
    eventType: 'tasks.completed',
    audience: 'staff',
    variables: ['actorName', 'total', 'subject'],
    sample: { actorName: 'Carla Client', total: 3, subject: 'Documents for your return' },
    texts: {
      en: teamText(
        'en',
        'Client tasks completed',
        '{total, plural, one {{actorName} completed the only task in “{subject}”.} other {{actorName} completed all # tasks in “{subject}”.}}',
      ),
      es: teamText(
        'es',
        'Tareas del cliente completadas',
        '{total, plural, one {{actorName} completó la única tarea de «{subject}».} other {{actorName} completó las # tareas de «{subject}».}}',
      ),
      'pt-BR': teamText(
        'pt-BR',
        'Tarefas do cliente concluídas',
        '{total, plural, one {{actorName} concluiu a única tarefa de “{subject}”.} other {{actorName} concluiu todas as # tarefas de “{subject}”.}}',
      ),
    },
  },
];
