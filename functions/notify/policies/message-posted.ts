// Policies of `thread.created` and `message.posted`: the thread's contacts get an email (the author
// excepted) listing the open tasks; message and task texts only with message context on. A client's
// message tells the case team in their inbox.
import type { Policy } from '../policy';
import {
  actorName,
  caseTeam,
  clientMessage,
  portalThreadUrl,
  teamNotice,
  toContacts,
} from './thread-notices';

export const messagePostedPolicy: Policy<'message.posted'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.threadNotice;
  const { threadId, messageId, kind } = event.detail;
  const [thread, message] = await Promise.all([
    ports.thread(event.firmId, event.caseId, threadId),
    ports.message(event.firmId, event.caseId, threadId, messageId),
  ]);
  if (!thread || !message) return [];
  const [firm, tasks, contacts, who] = await Promise.all([
    ports.firm(event.firmId),
    ports.tasks(event.firmId, event.caseId, threadId),
    ports.contacts(event.firmId, event.caseId, thread.contactIds),
    actorName(ctx, event),
  ]);
  const news = {
    templateId: 'message.posted.contact' as const,
    firmName: firm.name,
    kind: kind === 'tasks' ? ('tasks' as const) : ('message' as const),
    subject: thread.subject,
    author: who,
    ...(kind === 'text' ? { text: message.text } : {}),
    tasks,
    showContext: firm.settings.showMessageContext,
    link: portalThreadUrl(firm.portalUrl, event.caseId, threadId),
  };
  const out = toContacts(contacts, event, (r) => clientMessage(ctx.texts, r, news));
  if (event.actor.kind === 'contact') {
    const notice = teamNotice(
      ctx,
      'message.posted.staff',
      { authorName: who, subject: thread.subject },
      ports.threadUrl(event.caseId, threadId),
    );
    out.push(...(await caseTeam(ctx, event, notice, { inAppOnly: true })));
  }
  return out;
};

export const threadCreatedPolicy: Policy<'thread.created'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.threadNotice;
  const { threadId, messageId } = event.detail;
  const [thread, message] = await Promise.all([
    ports.thread(event.firmId, event.caseId, threadId),
    messageId ? ports.message(event.firmId, event.caseId, threadId, messageId) : Promise.resolve(undefined),
  ]);
  if (!thread) return [];
  const [firm, tasks, contacts, who] = await Promise.all([
    ports.firm(event.firmId),
    ports.tasks(event.firmId, event.caseId, threadId),
    ports.contacts(event.firmId, event.caseId, thread.contactIds),
    actorName(ctx, event),
  ]);
  const news = {
    templateId: 'thread.created' as const,
    firmName: firm.name,
    kind: message ? ('message' as const) : ('tasks' as const),
    subject: thread.subject,
    author: who,
    ...(message ? { text: message.text } : {}),
    tasks,
    showContext: firm.settings.showMessageContext,
    link: portalThreadUrl(firm.portalUrl, event.caseId, threadId),
  };
  return toContacts(contacts, event, (r) => clientMessage(ctx.texts, r, news));
};
