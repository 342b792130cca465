// Texts of notifications: the shipped templates (domain/texts/catalogue.ts) in the recipient's
// language, with the firm's overrides. One `Texts` is made per event (the core calls
// `deps.texts(firmId)` for each): it reads the firm's overrides once, lazily on its first render,
// with one Query of their partition, and the firm's default locale only when a recipient has none
// we ship.
//
// A message is built from one template × locale: in-app title and body, email subject and the
// layout (heading, paragraphs, link, footer) rendered as plain text and HTML, push title and body
// when the firm wrote its own. Variables are flattened to one line before formatting; `details`
// (people's own text: task lines, a message when the firm shows content) are appended as they are,
// flattened and, in HTML, escaped by the layout. Overrides were validated when saved; one that still
// fails (a variable renamed by a later release) falls back to the shipped text instead of failing
// the delivery. Every text arrives parsed (decision 0041): the shipped ones from ./shipped.ts
// (generated; bundled packed, decision 0049), an override as compiled when it was saved; one saved
// before that has no compiled form and is skipped, with a warning naming it, until
// scripts/compile-template-overrides.ts runs.

import { clipText } from '../../domain/plain-text';
import type { TemplateOverrideSource } from '../../domain/templates';
import { formatCompact } from '../../domain/texts/compact-format';
import {
  type CompactMessage,
  type CompactText,
  type CompiledOverride,
  readCompiled,
} from '../../domain/texts/compact-icu';
import { DEFAULT_LOCALE, type Locale, type TemplateId, type TemplateVars } from '../../domain/texts/template';
import { log } from '../../log';
import type { Message, Recipient, Texts } from '../policy';
import { oneLine, renderHtml, renderText } from '../render';
import { shippedLocale } from './locale';
import { shippedTables } from './shipped-tables';

/**
 * Mail subjects longer than this (UTF-16 units) are cut between graphemes, with an ellipsis: a
 * subject is a line, not a paragraph.
 */
export const SUBJECT_MAX = 150;

type OverrideMap = Map<string, CompiledOverride>;
const overrideKey = (id: string, locale: string, channel: string) => `${id}|${locale}|${channel}`;

interface Loaded {
  overrides: () => Promise<OverrideMap>;
  firmLocale: () => Promise<string | undefined>;
}

/** Values as ICU gets them: strings on one line (people's text never breaks a layout). */
function flatten(vars: TemplateVars): TemplateVars {
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? oneLine(v) : v]),
  ) as TemplateVars;
}

/** Paragraphs of a rendered multi-line message: one per line, blank lines dropped. */
const paragraphsOf = (s: string) =>
  s
    .split('\n')
    .map((p) => oneLine(p))
    .filter((p) => p.length > 0);

/** A shipped template's texts in one locale, from the generated tables (./shipped.ts, packed). */
export function shippedText(templateId: TemplateId, locale: Locale): CompactText {
  const { fields, messages, texts } = shippedTables();
  const row = texts[templateId]![locale];
  return Object.fromEntries(
    row.flatMap((i, n) => (i === null ? [] : [[fields[n], messages[i]]])),
  ) as unknown as CompactText;
}

function textsOf(loaded: Loaded): Texts {
  return {
    async render(templateId: TemplateId, recipient: Recipient, vars: TemplateVars, extra = {}) {
      // A policy naming a template that does not exist is a programming error, caught by tests.
      if (!shippedTables().texts[templateId]) throw new Error(`no notification template "${templateId}"`);
      const locale: Locale =
        shippedLocale(recipient.locale) ?? shippedLocale(await loaded.firmLocale()) ?? DEFAULT_LOCALE;
      const overrides = await loaded.overrides();
      const shipped = shippedText(templateId, locale);
      const values = flatten(vars);
      const ours = (message: CompactMessage) => formatCompact(message, locale, values);
      /** The firm's text when it has one that renders, else ours. */
      const theirs = (message: CompactMessage | undefined, fallback: CompactMessage, field: string) => {
        if (message !== undefined) {
          try {
            return formatCompact(message, locale, values);
          } catch (err) {
            log.warn('a saved template override did not render; the shipped text was used', {
              templateId,
              locale,
              field,
              error: (err as Error).message,
            });
          }
        }
        return ours(fallback);
      };
      const inApp = overrides.get(overrideKey(templateId, locale, 'inApp'));
      const email = overrides.get(overrideKey(templateId, locale, 'email'));
      const push = overrides.get(overrideKey(templateId, locale, 'push'));
      const details = (extra.details ?? []).map(oneLine).filter((d) => d.length > 0);

      const title = oneLine(theirs(inApp?.title, shipped.title, 'inApp.title'));
      const body = [...paragraphsOf(theirs(inApp?.body, shipped.body, 'inApp.body')), ...details].join(' ');
      const subject = clipText(
        oneLine(theirs(email?.subject, shipped.subject, 'email.subject')),
        SUBJECT_MAX,
      );
      const layout = {
        // The firm's own mail leads with its own subject; ours with the template's title.
        heading: email ? subject : oneLine(ours(shipped.title)),
        paragraphs: [
          ...paragraphsOf(theirs(email?.body, shipped.emailBody ?? shipped.body, 'email.body')),
          ...details,
        ],
        ...(extra.link
          ? { link: { url: extra.link, label: shipped.action ? ours(shipped.action) : title } }
          : {}),
        ...(shipped.footer ? { footer: ours(shipped.footer) } : {}),
      };
      const message: Message = {
        title,
        body,
        subject,
        text: renderText(layout),
        html: renderHtml(layout),
        ...(extra.link ? { link: extra.link } : {}),
      };
      if (push?.title !== undefined && push.body !== undefined) {
        message.push = {
          title: oneLine(theirs(push.title, shipped.title, 'push.title')),
          body: oneLine(theirs(push.body, shipped.body, 'push.body')),
        };
      }
      return message;
    },
  };
}

/** Memoizes one call (the first caller's promise is everyone's). */
const once = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => {
    p ??= f();
    return p;
  };
};

/** The texts of one firm for one event: its overrides (read once, on first render) over the shipped ones. */
export function firmTexts(store: TemplateOverrideSource, firmId: string): Texts {
  return textsOf({
    overrides: once(async () => {
      const usable: OverrideMap = new Map();
      for (const o of await store.overridesOf(firmId)) {
        const compiled = readCompiled(o.compiled);
        if (compiled) usable.set(overrideKey(o.templateId, o.locale, o.channel), compiled);
        // Saved before overrides were stored compiled: notify has no parser to read its source.
        else
          log.warn(
            'a saved template override has no compiled form, so the shipped text was used; run scripts/compile-template-overrides.ts',
            { firmId, templateId: o.templateId, locale: o.locale, channel: o.channel },
          );
      }
      return usable;
    }),
    firmLocale: once(() => store.firmLocale(firmId)),
  });
}

/** The shipped templates only (no firm overrides); `firmLocale` stands in for the firm's default. */
export function shippedTexts(options: { firmLocale?: string } = {}): Texts {
  return textsOf({
    overrides: () => Promise.resolve(new Map()),
    firmLocale: () => Promise.resolve(options.firmLocale),
  });
}
