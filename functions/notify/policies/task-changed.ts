// Policy of `task.changed`: the case team hears in their inbox who changed which task (client or
// staff, by name) and its current status, the actor excepted; new tasks from staff also mail the
// thread's contacts, with the open tasks listed (texts only with message context on).
import type { Policy } from '../policy';
import {
  actorName,
  caseTeam,
  clientMessage,
  portalThreadUrl,
  teamNotice,
  toContacts,
} from './thread-notices';

export const taskChangedPolicy: Policy<'task.changed'> = async (event, ctx) => {
  if (!event.caseId) return [];
  const ports = ctx.ports.threadNotice;
  const { threadId, change, tasks, completed, total } = event.detail;
  const thread = await ports.thread(event.firmId, event.caseId, threadId);
  if (!thread) return [];
  const who = await actorName(ctx, event);
  const doneCount = tasks.filter((t) => t.done).length;
  // `some`: several tasks changed at once, `doneCount` of them done.
  const status =
    change === 'deleted' ? 'deleted' : tasks.length === 1 ? (tasks[0]!.done ? 'done' : 'open') : 'some';
  const notice = teamNotice(
    ctx,
    'task.changed.staff',
    {
      actorName: who,
      role: event.actor.kind === 'contact' ? 'client' : 'staff',
      change,
      // People's own texts, quoted: a value, never part of the template.
      tasks: tasks.map((t) => `“${t.text}”`).join(', '),
      subject: thread.subject,
      status,
      doneCount,
      completed,
      total,
    },
    ports.threadUrl(event.caseId, threadId),
  );
  const team = await caseTeam(ctx, event, notice, { inAppOnly: true });
  if (change !== 'added' || event.actor.kind !== 'staff') return team;

  const [firm, all, contacts] = await Promise.all([
    ports.firm(event.firmId),
    ports.tasks(event.firmId, event.caseId, threadId),
    ports.contacts(event.firmId, event.caseId, thread.contactIds),
  ]);
  const news = {
    templateId: 'task.changed.contact' as const,
    firmName: firm.name,
    kind: 'tasks' as const,
    subject: thread.subject,
    tasks: all,
    showContext: firm.settings.showMessageContext,
    link: portalThreadUrl(firm.portalUrl, event.caseId, threadId),
  };
  return [...team, ...toContacts(contacts, event, (r) => clientMessage(ctx.texts, r, news))];
};
