// The shape of notification templates: per template (an event type, or one audience of it) ×
// locale, ICU MessageFormat strings for the parts every channel is built from. Shipped templates
// live next to this file (one module per area, gathered in ./catalogue.ts); firms override
// subject/title/body per template × channel × locale, validated when saved, never at send time.
// They are domain (../templates.ts validates overrides against them); notify renders them.
import type { NotifyingEvent } from '../notification-matrix';

export const LOCALES = ['en', 'es', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * The channels a firm may write its own texts for. Here, not in ../templates.ts, so the route
 * table's schemas (bundled into every Lambda) need neither the ICU library nor the catalogue.
 */
export const OVERRIDE_CHANNELS = ['email', 'inApp', 'push'] as const;
export type OverrideChannel = (typeof OVERRIDE_CHANNELS)[number];

/** Template ids are the event type, or `<event type>.<audience>` when one event tells two audiences. */
export type TemplateId = string;

/** Values a message may use: strings, numbers (ICU plurals) and dates (ICU `{at, date, long}`). */
export type TemplateVars = Record<string, string | number | Date>;

/** ICU MessageFormat strings. `title`/`body`: in-app item and push; `subject` + `title` heading + `body` paragraph (+ action, footer): email. */
export interface TemplateText {
  subject: string;
  title: string;
  body: string;
  /**
   * The email's paragraphs (one per line) when they say more than the in-app body (a closing period,
   * "with you", the due date); the email uses `body` when absent.
   */
  emailBody?: string;
  /** Label of the email's button/link. */
  action?: string;
  /** Why the recipient gets this (email footer). */
  footer?: string;
}

export interface TemplateDef {
  id: TemplateId;
  /** The event type it tells of (its category groups it on screen). */
  eventType: NotifyingEvent;
  /** Who reads it: a firm's staff or its clients. */
  audience: 'staff' | 'contact';
  /** Variables its messages may use; an override that uses any other is refused at save. */
  variables: readonly string[];
  /** One value per variable, to check at save that an override renders. */
  sample: TemplateVars;
  texts: Record<Locale, TemplateText>;
}
