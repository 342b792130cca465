// What the chat-thread policies share: the ports they read through (thread, open tasks, message,
// the firm's client-notification setting, the thread's contacts), the case team, and the two
// message shapes (rendered from templates in each recipient's language): the team's in-app notice
// and the client-facing email, which shows message and task texts only when the firm switched
// "show message context" on.
import type { ClientNotificationSettings } from '../../domain/client-notifications';
import { withDefaults } from '../../domain/client-notifications';
import type { Contact } from '../../domain/contacts';
import type { Firm } from '../../domain/firm';
import type { Grant } from '../../domain/grants';
import { flattenPlainText } from '../../domain/plain-text';
import { inListOrder } from '../../domain/task-rules';
import type { Task, TaskSnapshot, Thread, Message as ThreadMessage } from '../../domain/threads';
import type { DomainEvent } from '../../events/catalogue';
import { keys } from '../../store/keys';
import { getItem, type Table } from '../../store/table';
import { threadStore } from '../../store/threads';
import type { Message, PlannedDelivery, PolicyContext, Recipient, Texts } from '../policy';
import type { TemplateVars } from '../texts/template';
import { caseRecipients } from './document-uploaded';

export interface ThreadNoticePorts {
  thread(firmId: string, caseId: string, threadId: string): Promise<Thread | undefined>;
  /** The thread's tasks in list order. */
  tasks(firmId: string, caseId: string, threadId: string): Promise<TaskSnapshot[]>;
  message(
    firmId: string,
    caseId: string,
    threadId: string,
    messageId: string,
  ): Promise<ThreadMessage | undefined>;
  /** The firm's name, portal URL and client-notification settings. */
  firm(firmId: string): Promise<{ name: string; portalUrl: string; settings: ClientNotificationSettings }>;
  /** The thread's contacts who still have access (not revoked), as mail recipients. */
  contacts(firmId: string, caseId: string, contactIds: string[]): Promise<Recipient[]>;
  /** The staff app's page of a thread. */
  threadUrl(caseId: string, threadId: string): string;
}

declare module '../policy' {
  interface PolicyPorts {
    threadNotice: ThreadNoticePorts;
  }
}

export function threadNoticePorts(
  table: Table,
  config: { appUrl: string; portalUrl: string },
): { threadNotice: ThreadNoticePorts } {
  const store = threadStore(table);
  const appUrl = config.appUrl.replace(/\/+$/, '');
  return {
    threadNotice: {
      thread: (firmId, caseId, threadId) => store.getThread(firmId, caseId, threadId),
      tasks: async (firmId, caseId, threadId) =>
        inListOrder(await store.tasksOf(firmId, caseId, threadId)).map((t: Task) => ({
          taskId: t.taskId,
          text: t.text,
          done: t.done,
        })),
      message: (firmId, caseId, threadId, messageId) =>
        getItem<ThreadMessage>(table, keys.message(firmId, caseId, threadId, messageId), {
          consistent: true,
        }),
      async firm(firmId) {
        const firm = await getItem<Firm & Partial<ClientNotificationSettings>>(table, keys.firm(firmId), {
          consistent: true,
        });
        return {
          name: firm?.name ?? 'Your firm',
          portalUrl: (firm?.portalUrl || config.portalUrl).replace(/\/+$/, ''),
          settings: withDefaults(firm ?? {}),
        };
      },
      async contacts(firmId, caseId, contactIds) {
        const found = await Promise.all(
          contactIds.map(async (contactId) => {
            const [grant, contact] = await Promise.all([
              getItem<Grant>(table, keys.grant(firmId, caseId, contactId), { consistent: true }),
              getItem<Contact & { identityId?: string }>(table, keys.contact(firmId, contactId), {
                consistent: true,
              }),
            ]);
            // Access revoked since the thread started: the contact hears nothing more of it.
            if (!grant || grant.status === 'revoked' || !contact) return [];
            const r: Recipient = {
              kind: 'contact',
              firmId,
              id: contactId,
              name: contact.name,
              ...(contact.email ? { email: contact.email } : {}),
              ...(contact.locale ? { locale: contact.locale } : {}),
              ...(contact.identityId ? { identityId: contact.identityId } : {}),
            };
            return [r];
          }),
        );
        return found.flat();
      },
      threadUrl: (caseId, threadId) =>
        `${appUrl}/cases/${encodeURIComponent(caseId)}/threads/${encodeURIComponent(threadId)}`,
    },
  };
}

type ThreadEvent = Extract<DomainEvent, { detail: { threadId: string } }>;

/** The name of whoever made the change, for others to read. */
export async function actorName(ctx: PolicyContext, event: DomainEvent): Promise<string> {
  const { actor } = event;
  if (actor.kind === 'staff') {
    const [user] = await ctx.ports.caseNotice.staffUsers(event.firmId, [actor.id]);
    return user?.name ?? 'A staff member';
  }
  if (actor.kind === 'contact')
    return (await ctx.ports.caseNotice.contact(event.firmId, actor.id))?.name ?? 'A client';
  return 'Portico';
}

/** Renders one recipient's message (in their language: the texts pick the locale per recipient). */
export type RenderFor = (recipient: Recipient) => Promise<Message>;

/**
 * The case team: the case's internal recipients (the saved list, or the owner by default), on the
 * channels switched on for each, minus whoever made the change. `inAppOnly` keeps only inbox items.
 */
export async function caseTeam(
  ctx: PolicyContext,
  event: ThreadEvent,
  render: RenderFor,
  options: { inAppOnly: boolean },
): Promise<PlannedDelivery[]> {
  if (!event.caseId) return [];
  const ports = ctx.ports.caseNotice;
  const c = await ports.case(event.firmId, event.caseId);
  if (!c) return [];
  const actorId = event.actor.kind === 'staff' ? event.actor.id : undefined;
  const team = await caseRecipients(ports, event.firmId, c, actorId);
  const wanted = team.list.filter(
    (r) => r.userId !== actorId && (r.inApp || (!options.inAppOnly && r.email)),
  );
  if (wanted.length === 0) return [];
  const users = new Map(team.users.map((u) => [u.userId, u]));
  const out: PlannedDelivery[] = [];
  for (const r of wanted) {
    const user = users.get(r.userId);
    if (!user) continue;
    const recipient: Recipient = {
      kind: 'staff',
      firmId: event.firmId,
      id: user.userId,
      name: user.name,
      email: user.email,
      ...(user.locale ? { locale: user.locale } : {}),
    };
    const rendered = () => render(recipient);
    if (r.inApp) out.push({ recipient, channel: 'inApp', render: rendered });
    if (!options.inAppOnly && r.email && user.email)
      out.push({ recipient, channel: 'email', render: rendered });
  }
  return out;
}

/** A staff-facing notice of a thread (in-app item, and mail when the recipient's channel is on). */
export const teamNotice =
  (ctx: PolicyContext, templateId: string, vars: TemplateVars, link: string): RenderFor =>
  (recipient) =>
    ctx.texts.render(templateId, recipient, vars, { link });

export interface ClientNews {
  firmName: string;
  /** `message`: a new message (or the thread's first); `tasks`: new or re-sent tasks; `reminder`. */
  kind: 'message' | 'tasks' | 'reminder';
  /** The template (per event type); `reminder.due` for reminders, `message.posted.contact` otherwise. */
  templateId?: 'thread.created' | 'message.posted.contact' | 'task.changed.contact' | 'reminder.due';
  subject: string;
  /** Who wrote, and what (shown only with message context on). */
  author?: string;
  text?: string;
  tasks: TaskSnapshot[];
  showContext: boolean;
  link: string;
}

/**
 * The client-facing email. Without message context it says only that there is something new (and
 * how many tasks are open) and links to the portal; with it, the subject, the text and each open
 * task. Without context the subject and text are not even handed to the template, so no firm
 * override can show them.
 */
export function clientMessage(texts: Texts, recipient: Recipient, n: ClientNews): Promise<Message> {
  const open = n.tasks.filter((t) => !t.done);
  const shown = n.showContext;
  const hasText = shown && n.text !== undefined && n.text.trim() !== '';
  return texts.render(
    n.templateId ?? (n.kind === 'reminder' ? 'reminder.due' : 'message.posted.contact'),
    recipient,
    {
      firmName: n.firmName,
      kind: n.kind,
      context: shown ? 'shown' : 'hidden',
      subject: shown ? n.subject : '',
      author: shown ? (n.author ?? n.firmName) : '',
      hasText: hasText ? 'yes' : 'no',
      // A message is a long text: flattened like discussions and file requests (no markdown in mail).
      text: hasText ? flattenPlainText(n.text!) : '',
      openTasks: open.length,
    },
    { link: n.link, ...(shown && open.length > 0 ? { details: open.map((t) => `• ${t.text}`) } : {}) },
  );
}

/**
 * Mail and a portal inbox item for the thread's contacts, except a contact who made the change
 * itself (the core skips the inbox item of a contact who has not signed in yet).
 */
export function toContacts(
  recipients: Recipient[],
  event: DomainEvent,
  render: RenderFor,
): PlannedDelivery[] {
  const actorId = event.actor.kind === 'contact' ? event.actor.id : undefined;
  return recipients
    .filter((r) => r.id !== actorId)
    .flatMap((recipient) => {
      const rendered = () => render(recipient);
      return [
        { recipient, channel: 'inApp' as const, render: rendered },
        ...(recipient.email ? [{ recipient, channel: 'email' as const, render: rendered }] : []),
      ];
    });
}

/** The portal page of a thread. */
export const portalThreadUrl = (portalUrl: string, caseId: string, threadId: string) =>
  `${portalUrl}/cases/${encodeURIComponent(caseId)}/threads/${encodeURIComponent(threadId)}`;
