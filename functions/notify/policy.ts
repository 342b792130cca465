// The contract between the notify core and the per-event policies. A policy says who hears of an
// event, on which channel, and how to render the message; the core delivers each planned
// delivery exactly once (a conditional delivery record before any send), writes inbox items and
// sends mail. Policies know no AWS: they read through the ports in PolicyContext.
import type { DomainEvent, EventType } from '../events/catalogue';

export type Channel = 'inApp' | 'email';

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
}

export interface PlannedDelivery {
  recipient: Recipient;
  channel: Channel;
  /**
   * Renders the message. Called only after this delivery was claimed (its record written), so a
   * render with a side effect (an invitation token) happens once per delivery attempt.
   */
  render: () => Promise<Message>;
}

/** Read access a policy may need (implemented over the table by the notify handler's wiring). */
export interface PolicyContext {
  now(): Date;
  /** Extension point: each policy module declares what it reads; the wiring provides it. */
  ports: PolicyPorts;
}

/**
 * Ports policies read through. Each policy module adds the ports it needs by declaration merging
 * (`declare module '../policy' { interface PolicyPorts { … } }`) and exports a factory that builds
 * them over the table; functions/notify/wiring.ts assembles them all.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each policy module
export interface PolicyPorts {}

export type Policy<T extends EventType> = (
  event: Extract<DomainEvent, { type: T }>,
  ctx: PolicyContext,
) => Promise<PlannedDelivery[]>;

export type PolicyTable = { [T in EventType]?: Policy<T> };
