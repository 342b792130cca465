// Policy of `reminder.due`: the thread's contacts get a reminder email of their open tasks (texts
// only with message context on). Nothing is sent once every task is done.
import type { Policy } from '../policy';
import { clientMessage, portalThreadUrl, toContacts } from './thread-notices';

export const reminderDuePolicy: Policy<'reminder.due'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.threadNotice;
  const { threadId } = event.detail;
  const thread = await ports.thread(event.firmId, event.caseId, threadId);
  if (!thread) return [];
  const [firm, tasks, contacts] = await Promise.all([
    ports.firm(event.firmId),
    ports.tasks(event.firmId, event.caseId, threadId),
    ports.contacts(event.firmId, event.caseId, thread.contactIds),
  ]);
  // Done between the reminder and this mail: a reminder of nothing would only confuse.
  if (!tasks.some((t) => !t.done)) return [];
  const news = {
    templateId: 'reminder.due' as const,
    firmName: firm.name,
    kind: 'reminder' as const,
    subject: thread.subject,
    tasks,
    showContext: firm.settings.showMessageContext,
    link: portalThreadUrl(firm.portalUrl, event.caseId, threadId),
  };
  return toContacts(contacts, event, (r) => clientMessage(ctx.texts, r, news));
};
