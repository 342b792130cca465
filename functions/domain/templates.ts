// Notification texts per firm: the shipped templates (per event type × audience × locale) and the
// firm's overrides of them per channel. An override is validated when it is saved, never at send
// time: it must parse as ICU, use only the template's variables (each as what it is: a date as a
// date, a count as a number), render with the template's sample values, and every field must be
// present, non-empty and bounded. Saving is explicit and idempotent (PUT of one override); DELETE
// goes back to the shipped text. The shipped templates are read from their packed copy
// (texts/shipped-catalogue.ts, decision 0046), decoded on first use.

import { invalid, notFound, unprocessable } from './errors';
import { NOTIFYING_EVENT_CATEGORY, type NotificationCategory, type NotifyingEvent } from './notifying-events';
import type { Clock, Page } from './ports';
import type { StaffPrincipal } from './principal';
import { COMPACT_VERSION, type CompiledOverride } from './texts/compact-icu';
import { compactOf, format, problemOf } from './texts/icu';
import { shippedTemplateById, shippedTemplates } from './texts/shipped-catalogue';
import {
  LOCALES,
  type Locale,
  OVERRIDE_CHANNELS,
  type OverrideChannel,
  type TemplateDef,
  type TemplateText,
} from './texts/template';

export { OVERRIDE_CHANNELS, type OverrideChannel };

/** The fields of each channel's override: email `subject` + `body`; in-app and push `title` + `body`. */
export const OVERRIDE_FIELDS = {
  email: ['subject', 'body'],
  inApp: ['title', 'body'],
  push: ['title', 'body'],
} as const satisfies Record<OverrideChannel, readonly ('subject' | 'title' | 'body')[]>;

/** Longest text of each field (characters of the ICU source). */
export const FIELD_MAX = { subject: 200, title: 200, body: 2000 } as const;

export interface OverrideFields {
  subject?: string;
  title?: string;
  body?: string;
}

export interface TemplateOverride {
  templateId: string;
  locale: Locale;
  channel: OverrideChannel;
  subject?: string;
  title?: string;
  body: string;
  updatedAt: string;
  updatedBy: string;
  /**
   * The fields parsed when saved, in the compact form (a CompiledOverride as JSON, decision 0041):
   * notify formats from it and has no parser. Absent on overrides saved before; notify skips those
   * until scripts/compile-template-overrides.ts has added it.
   */
  compiled?: string;
}

/** What the notify function reads: every override of a firm (one Query), and its default locale. */
export interface TemplateOverrideSource {
  overridesOf(firmId: string): Promise<TemplateOverride[]>;
  firmLocale(firmId: string): Promise<string | undefined>;
}

export interface TemplateStore extends TemplateOverrideSource {
  /** Writes the override (last write wins: saving the same text twice leaves the same item). */
  saveOverride(firmId: string, o: TemplateOverride): Promise<void>;
  /** Removes it; removing one that does not exist is not an error. */
  deleteOverride(firmId: string, templateId: string, locale: Locale, channel: OverrideChannel): Promise<void>;
  /** Signed tokens for the template list (the list is the shipped catalogue, not a Query). */
  listTokens: {
    encode(scope: string, position: Record<string, unknown>): string;
    decode(scope: string, token: string): Record<string, unknown>;
  };
}

export interface TemplatesDeps {
  templates: TemplateStore;
  clock: Clock;
}

export interface TemplateRow {
  templateId: string;
  eventType: NotifyingEvent;
  category: NotificationCategory;
  audience: 'staff' | 'contact';
  locale: Locale;
  variables: string[];
  /** One value per variable, as the preview and the save check use them (dates as ISO strings). */
  sample: Record<string, string | number>;
  shipped: TemplateText;
  overrides: Partial<Record<OverrideChannel, Omit<TemplateOverride, 'templateId' | 'locale' | 'channel'>>>;
}

const rowOf = (def: TemplateDef, locale: Locale, saved: TemplateOverride[]): TemplateRow => ({
  templateId: def.id,
  eventType: def.eventType,
  category: NOTIFYING_EVENT_CATEGORY[def.eventType],
  audience: def.audience,
  locale,
  variables: [...def.variables],
  sample: Object.fromEntries(
    Object.entries(def.sample).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  ),
  shipped: def.texts[locale],
  overrides: Object.fromEntries(
    saved
      .filter((o) => o.templateId === def.id && o.locale === locale)
      .map(({ templateId: _t, locale: _l, channel, compiled: _c, ...rest }) => [channel, rest]),
  ),
});

/**
 * Why these fields cannot be saved as this channel's override, or undefined when they can: the
 * first field at fault, and the reason (parser message, unknown variable, empty, too long…).
 */
export function overrideProblem(
  def: TemplateDef,
  locale: Locale,
  channel: OverrideChannel,
  fields: OverrideFields,
): { field: string; reason: string } | undefined {
  const wanted: readonly string[] = OVERRIDE_FIELDS[channel];
  for (const field of ['subject', 'title', 'body'] as const) {
    if (!wanted.includes(field) && fields[field] !== undefined)
      return { field, reason: `${channel} texts have no ${field} (they have ${wanted.join(' and ')})` };
  }
  for (const field of wanted as readonly (keyof OverrideFields)[]) {
    const source = fields[field];
    if (source === undefined || source.trim() === '') return { field, reason: 'must not be empty' };
    const max = FIELD_MAX[field];
    if (source.length > max) return { field, reason: `must be at most ${max} characters` };
    // A body may break into paragraphs (one per line); nothing else may hold control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    const control = field === 'body' ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
    if (control.test(source))
      return {
        field,
        reason:
          field === 'body'
            ? 'must not contain control characters other than line breaks'
            : 'must be one line',
      };
    const problem = problemOf(source, locale, def.sample);
    if (problem) return { field, reason: problem };
    if (format(source, locale, def.sample).trim() === '')
      return { field, reason: 'renders empty with the sample values' };
  }
  return undefined;
}

/** An override's fields parsed, as stored beside them (each field was checked to parse before). */
export function compileOverride(fields: OverrideFields, locale: Locale): string {
  const compiled: CompiledOverride = { v: COMPACT_VERSION };
  for (const field of ['subject', 'title', 'body'] as const) {
    const source = fields[field];
    if (source !== undefined) compiled[field] = compactOf(source, locale);
  }
  return JSON.stringify(compiled);
}

function templateOf(templateId: string): TemplateDef {
  const def = shippedTemplateById(templateId);
  if (!def) throw notFound('template');
  return def;
}

/** Each template × locale with the firm's overrides, in catalogue order, paginated. */
export async function listTemplates(
  deps: Pick<TemplatesDeps, 'templates'>,
  by: StaffPrincipal,
  query: { locale?: Locale; eventType?: NotifyingEvent; limit: number; nextToken?: string },
): Promise<Page<TemplateRow>> {
  const rows = shippedTemplates()
    .filter((t) => !query.eventType || t.eventType === query.eventType)
    .flatMap((t) =>
      LOCALES.filter((l) => !query.locale || l === query.locale).map((locale) => ({ def: t, locale })),
    );
  const scope = `templates|${by.firmId}|${query.locale ?? '*'}|${query.eventType ?? '*'}`;
  let start = 0;
  if (query.nextToken) {
    const { after } = deps.templates.listTokens.decode(scope, query.nextToken);
    const i = rows.findIndex((r) => `${r.def.id}|${r.locale}` === after);
    // The catalogue changed under the token (a release): the client starts again.
    if (i < 0)
      throw invalid('invalid_next_token', 'nextToken is not valid for this list; start again without it.');
    start = i + 1;
  }
  const page = rows.slice(start, start + query.limit);
  const saved = page.length > 0 ? await deps.templates.overridesOf(by.firmId) : [];
  const last = page.at(-1);
  return {
    items: page.map((r) => rowOf(r.def, r.locale, saved)),
    ...(last && start + query.limit < rows.length
      ? { nextToken: deps.templates.listTokens.encode(scope, { after: `${last.def.id}|${last.locale}` }) }
      : {}),
  };
}

/** Saves the firm's text of one template × locale × channel, once it passed every check. */
export async function putTemplateOverride(
  deps: TemplatesDeps,
  by: StaffPrincipal,
  target: { templateId: string; locale: Locale; channel: OverrideChannel },
  fields: OverrideFields,
): Promise<TemplateRow> {
  const def = templateOf(target.templateId);
  const problem = overrideProblem(def, target.locale, target.channel, fields);
  if (problem)
    throw unprocessable(
      'template_invalid',
      `The ${target.channel} ${problem.field} of "${def.id}" (${target.locale}) cannot be saved: ${problem.reason}.`,
      { field: problem.field, reason: problem.reason },
    );
  const override: TemplateOverride = {
    ...target,
    ...(fields.subject !== undefined ? { subject: fields.subject } : {}),
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    body: fields.body!,
    updatedAt: deps.clock.now().toISOString(),
    updatedBy: by.userId,
    compiled: compileOverride(fields, target.locale),
  };
  await deps.templates.saveOverride(by.firmId, override);
  const others = (await deps.templates.overridesOf(by.firmId)).filter(
    (o) => !(o.templateId === def.id && o.locale === target.locale && o.channel === target.channel),
  );
  return rowOf(def, target.locale, [...others, override]);
}

/** Back to the shipped text (idempotent). */
export async function deleteTemplateOverride(
  deps: Pick<TemplatesDeps, 'templates'>,
  by: StaffPrincipal,
  target: { templateId: string; locale: Locale; channel: OverrideChannel },
): Promise<TemplateRow> {
  const def = templateOf(target.templateId);
  await deps.templates.deleteOverride(by.firmId, def.id, target.locale, target.channel);
  const others = (await deps.templates.overridesOf(by.firmId)).filter(
    (o) => !(o.templateId === def.id && o.locale === target.locale && o.channel === target.channel),
  );
  return rowOf(def, target.locale, others);
}
