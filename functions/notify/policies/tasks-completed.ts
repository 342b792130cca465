// Policy of `tasks.completed`: when a client completes every task of a thread, the firm (the case
// owner and internal recipients, each by their channels) hears of it: once per completion, since
// each completion is its own event. Staff completing the last task tell nobody: they did it.
import type { Policy } from '../policy';
import { actorName, caseTeam, teamNotice } from './thread-notices';

export const tasksCompletedPolicy: Policy<'tasks.completed'> = async (event, ctx) => {
  if (!event.caseId || event.actor.kind !== 'contact') return [];
  const ports = ctx.ports.threadNotice;
  const thread = await ports.thread(event.firmId, event.caseId, event.detail.threadId);
  if (!thread) return [];
  const who = await actorName(ctx, event);
  const notice = teamNotice(
    ctx,
    'tasks.completed',
    { actorName: who, total: event.detail.total, subject: thread.subject },
    ports.threadUrl(event.caseId, thread.threadId),
  );
  return caseTeam(ctx, event, notice, { inAppOnly: false });
};
