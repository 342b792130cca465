// Shipped texts of discussions: a discussion published to clients, a comment added (told to the
// case's staff when a client comments, to the clients it is shared with when staff comment). The
// message or comment itself is never a template variable: it rides as a `details` line, and only
// when the firm turned "detailed notifications" on.
import type { Locale, TemplateDef, TemplateText } from './template';

const commentTexts = (footer: Record<Locale, string>): Record<Locale, TemplateText> => ({
  en: {
    subject: 'New comment on {subject}',
    title: 'New comment on {subject}',
    body: '{authorName} replied to "{subject}"',
    emailBody: '{authorName} replied to "{subject}".',
    action: 'Open the discussion',
    footer: footer.en,
  },
  es: {
    subject: 'Nuevo comentario en {subject}',
    title: 'Nuevo comentario en {subject}',
    body: '{authorName} respondió a «{subject}»',
    emailBody: '{authorName} respondió a «{subject}».',
    action: 'Abrir la conversación',
    footer: footer.es,
  },
  'pt-BR': {
    subject: 'Novo comentário em {subject}',
    title: 'Novo comentário em {subject}',
    body: '{authorName} respondeu a "{subject}"',
    emailBody: '{authorName} respondeu a "{subject}".',
    action: 'Abrir a discussão',
    footer: footer['pt-BR'],
  },
});

const sharedWithYou: Record<Locale, string> = {
  en: 'You receive this because the discussion was shared with you.',
  es: 'Recibe este mensaje porque la conversación se compartió con usted.',
  'pt-BR': 'Você recebe esta mensagem porque a discussão foi compartilhada com você.',
};

export const discussionTemplates: TemplateDef[] = [
  {
    id: 'discussion.published',
    eventType: 'discussion.published',
    audience: 'contact',
    variables: ['authorName', 'subject', 'hasAttachment', 'attachmentName'],
    sample: {
      authorName: 'Staff of Bright & Co',
      subject: 'Kick-off questions',
      hasAttachment: 'yes',
      attachmentName: 'Checklist.pdf',
    },
    texts: {
      en: {
        subject: 'New discussion: {subject}',
        title: 'New discussion: {subject}',
        body: '{authorName} started a discussion: {subject}',
        emailBody:
          '{authorName} started a discussion with you: {subject}.{hasAttachment, select, yes {\nAttached: {attachmentName}} other {}}',
        action: 'Open the discussion',
        footer: sharedWithYou.en,
      },
      es: {
        subject: 'Nueva conversación: {subject}',
        title: 'Nueva conversación: {subject}',
        body: '{authorName} inició una conversación: {subject}',
        emailBody:
          '{authorName} inició una conversación con usted: {subject}.{hasAttachment, select, yes {\nAdjunto: {attachmentName}} other {}}',
        action: 'Abrir la conversación',
        footer: sharedWithYou.es,
      },
      'pt-BR': {
        subject: 'Nova discussão: {subject}',
        title: 'Nova discussão: {subject}',
        body: '{authorName} iniciou uma discussão: {subject}',
        emailBody:
          '{authorName} iniciou uma discussão com você: {subject}.{hasAttachment, select, yes {\nAnexo: {attachmentName}} other {}}',
        action: 'Abrir a discussão',
        footer: sharedWithYou['pt-BR'],
      },
    },
  },
  {
    id: 'comment.added.staff',
    eventType: 'comment.added',
    audience: 'staff',
    variables: ['authorName', 'subject'],
    sample: { authorName: 'Carla Client', subject: 'Kick-off questions' },
    texts: commentTexts({
      en: 'You receive this because you are a notification recipient of this case.',
      es: 'Recibe este mensaje porque es destinatario de las notificaciones de este caso.',
      'pt-BR': 'Você recebe esta mensagem porque é destinatário das notificações deste caso.',
    }),
  },
  {
    id: 'comment.added.contact',
    eventType: 'comment.added',
    audience: 'contact',
    variables: ['authorName', 'subject'],
    sample: { authorName: 'Staff of Bright & Co', subject: 'Kick-off questions' },
    texts: commentTexts(sharedWithYou),
  },
];
