// The contract between the notify core and the per-event policies. A policy says who hears of an
// event, on which channel, and how to render the message; the core delivers each planned
// delivery exactly once (a conditional delivery record before any send), writes inbox items and
// sends mail. Policies know no AWS and no table: they read through the ports in PolicyContext.
import type { SuppressReason } from '../domain/deliveries';
import type { TemplateId, TemplateVars } from '../domain/texts/template';
import type { DomainEvent, EventType } from '../events/catalogue';

/**
 * `push` is never planned by a policy: the core mirrors every in-app delivery as a push to the
 * recipient's registered devices (a push is the in-app item arriving on a lock screen).
 */
export type Channel = 'inApp' | 'email' | 'push';

export interface Recipient {
  kind: 'staff' | 'contact';
  firmId: string;
  id: string;
  name: string;
  email?: string;
  locale?: string;
  /** Contacts: the portal identity (their inbox is listed by it across firms). */
  identityId?: string;
}

export interface Message {
  /** In-app title and body (plain text). */
  title: string;
  body: string;
  /** Email subject, plain-text and HTML bodies. */
  subject: string;
  text: string;
  html: string;
  /** Where the item or the mail leads (portal or staff app URL). */
  link?: string;
  /** Push notification texts, when they differ from the in-app title and body (a firm override). */
  push?: { title: string; body: string };
}

export interface PlannedDelivery {
  recipient: Recipient;
  channel: Channel;
  /**
   * Renders the message. Called only after this delivery was claimed (its record written), so a
   * render with a side effect (an invitation token) happens once per delivery attempt.
   */
  render: () => Promise<Message>;
  /**
   * The news this delivery carries, when other events may carry the same news (a document version
   * reaching a client by the portal path and by the process path): a recipient is told of one key
   * once per channel, whatever event brings it. Later deliveries are recorded suppressed `dedupe`.
   */
  dedupeKey?: string;
  /**
   * Planned and decided against by the policy itself (a document path the firm does not notify
   * on, a notify-client flag off): recorded suppressed with this explanation, never claimed or sent.
   */
  suppressed?: { reason: SuppressReason; detail: string };
}

/** Renders the shipped (or firm-overridden) template of a message in the recipient's language. */
export interface Texts {
  /**
   * The recipient's locale, else the firm's, else `en`; the firm's override of that template ×
   * channel × locale first. `details` are lines of people's own text (task lists), appended as
   * they are (flattened and escaped, never interpreted); `link` is where the message leads.
   */
  render(
    templateId: TemplateId,
    recipient: Recipient,
    vars: TemplateVars,
    extra?: { link?: string; details?: string[] },
  ): Promise<Message>;
}

/** Read access a policy may need (implemented over the table in ./adapters.ts). */
export interface PolicyContext {
  now(): Date;
  /** Extension point: each policy module declares what it reads; ./adapters.ts provides it. */
  ports: PolicyPorts;
  /** Texts of the event's firm (its overrides read at most once per event). */
  texts: Texts;
}

/**
 * Ports policies read through. Each policy module declares the ports it needs (an interface) and
 * adds them by declaration merging (`declare module '../policy' { interface PolicyPorts { … } }`);
 * ./adapters.ts implements them all over the table. Policies import no store and no keys.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each policy module
export interface PolicyPorts {}

export type Policy<T extends EventType> = (
  event: Extract<DomainEvent, { type: T }>,
  ctx: PolicyContext,
) => Promise<PlannedDelivery[]>;

export type PolicyTable = { [T in EventType]?: Policy<T> };
