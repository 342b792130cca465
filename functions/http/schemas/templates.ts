// Request and response schemas of the firm's notification texts: each template × locale with its
// overrides, and one override per template × locale × channel. Field rules (ICU, variables, bounds)
// are checked by the domain at save, answering 422 `template_invalid` with the field at fault.
import { NOTIFYING_EVENT_TYPES } from '../../domain/notifying-events';
import { LOCALES, OVERRIDE_CHANNELS } from '../../domain/texts/template';
import { lazySchema } from '../../lazy-schema';
import * as z from '../../zod-mini';
import { PageQuery } from './common';

const Locale = lazySchema(() => z.enum(LOCALES));
const Channel = lazySchema(() => z.enum(OVERRIDE_CHANNELS));

/** Template ids: an event type, or `<event type>.<audience>`. */
const TemplateId = lazySchema(() =>
  z
    .string()
    .check(
      z.maxLength(100),
      z.regex(/^[a-z]+(\.[a-z]+)+$/, 'must be a template id such as document.uploaded'),
    ),
);

export const TemplatesQuery = lazySchema(() =>
  z.extend(PageQuery, {
    locale: z.optional(Locale),
    eventType: z.optional(z.enum(NOTIFYING_EVENT_TYPES)),
  }),
);

export const TemplateParams = lazySchema(() =>
  z.strictObject({ templateId: TemplateId, locale: Locale, channel: Channel }),
);

/**
 * email: `subject` + `body`; inApp and push: `title` + `body`. ICU MessageFormat; the body may hold
 * line breaks (one paragraph each). Loosely bounded here so the domain can say which field is wrong.
 */
export const TemplateOverrideBody = lazySchema(() =>
  z.strictObject({
    subject: z.optional(z.string().check(z.maxLength(10_000))),
    title: z.optional(z.string().check(z.maxLength(10_000))),
    body: z.optional(z.string().check(z.maxLength(10_000))),
  }),
);

const TextView = lazySchema(() =>
  z.object({
    subject: z.string(),
    title: z.string(),
    body: z.string(),
    emailBody: z.optional(z.string()),
    action: z.optional(z.string()),
    footer: z.optional(z.string()),
  }),
);

const OverrideView = lazySchema(() =>
  z.object({
    subject: z.optional(z.string()),
    title: z.optional(z.string()),
    body: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  }),
);

export const TemplateView = lazySchema(() =>
  z.object({
    templateId: z.string(),
    eventType: z.enum(NOTIFYING_EVENT_TYPES),
    category: z.string(),
    audience: z.enum(['staff', 'contact']),
    locale: Locale,
    /** The variables its messages may use. */
    variables: z.array(z.string()),
    /** One value per variable: what the save check renders with (dates as ISO strings). */
    sample: z.record(z.string(), z.union([z.string(), z.number()])),
    shipped: TextView,
    /** The firm's own texts, per channel. */
    overrides: z.object({
      email: z.optional(OverrideView),
      inApp: z.optional(OverrideView),
      push: z.optional(OverrideView),
    }),
  }),
);
