// The digest email: one mail for a burst, listing each batched message (its subject and link), in
// the recipient's language (else the firm's, else English). Counts go through ICU plurals
// (intl-messageformat), compiled once per message × locale. People's text (file names inside the
// batched subjects) is only ever a list line: flattened and escaped by render.ts, never parsed as ICU.
import { IntlMessageFormat } from 'intl-messageformat';
import type { DigestItem, DigestMail, DigestWindow } from '../domain/digests';
import type { NotificationCategory } from '../domain/notification-matrix';
import { DEFAULT_LOCALE, type Locale } from '../domain/texts/template';
import { type Layout, renderHtml, renderText } from './render';
import { shippedLocale } from './texts/locale';

/** At most this many entries are listed; the rest are counted ("…and 12 more"). */
export const DIGEST_LIST_MAX = 50;

interface DigestTexts {
  /** `{count}` news of the category (subject and heading). */
  headline: Record<NotificationCategory, string>;
  /** `{minutes}`: the window. */
  intro: string;
  /** `{more}`: entries not listed. */
  more: string;
  /** Label of the link when every entry leads to the same page. */
  action: string;
  /** `{minutes}`: why one mail and not many. */
  footer: string;
}

const TEXTS: Record<Locale, DigestTexts> = {
  en: {
    headline: {
      documents: '{count, plural, one {# new file} other {# new files}}',
      fileRequests: '{count, plural, one {# file request update} other {# file request updates}}',
      discussions: '{count, plural, one {# discussion update} other {# discussion updates}}',
      tasks: '{count, plural, one {# task update} other {# task updates}}',
      access: '{count, plural, one {# notification} other {# notifications}}',
    },
    intro: 'Here is what happened in the last {minutes, plural, one {minute} other {# minutes}}:',
    more: '…and {more, plural, one {# more} other {# more}}.',
    action: 'Open',
    footer:
      'Your firm groups these notifications into one email per {minutes, plural, one {minute} other {# minutes}}.',
  },
  es: {
    headline: {
      documents: '{count, plural, one {# archivo nuevo} other {# archivos nuevos}}',
      fileRequests:
        '{count, plural, one {# novedad en solicitudes de archivos} other {# novedades en solicitudes de archivos}}',
      discussions: '{count, plural, one {# novedad en debates} other {# novedades en debates}}',
      tasks: '{count, plural, one {# novedad en tareas} other {# novedades en tareas}}',
      access: '{count, plural, one {# notificación} other {# notificaciones}}',
    },
    intro:
      'Esto es lo que pasó {minutes, plural, one {en el último minuto} other {en los últimos # minutos}}:',
    more: '…y {more, plural, one {# más} other {# más}}.',
    action: 'Abrir',
    footer:
      'Tu firma agrupa estas notificaciones en un solo correo cada {minutes, plural, one {minuto} other {# minutos}}.',
  },
  'pt-BR': {
    headline: {
      documents: '{count, plural, one {# novo arquivo} other {# novos arquivos}}',
      fileRequests:
        '{count, plural, one {# atualização em solicitações de arquivos} other {# atualizações em solicitações de arquivos}}',
      discussions: '{count, plural, one {# atualização em discussões} other {# atualizações em discussões}}',
      tasks: '{count, plural, one {# atualização em tarefas} other {# atualizações em tarefas}}',
      access: '{count, plural, one {# notificação} other {# notificações}}',
    },
    intro: 'Veja o que aconteceu {minutes, plural, one {no último minuto} other {nos últimos # minutos}}:',
    more: '…e mais {more, plural, one {#} other {#}}.',
    action: 'Abrir',
    footer:
      'Seu escritório agrupa estas notificações em um único e-mail a cada {minutes, plural, one {minuto} other {# minutos}}.',
  },
};

const compiled = new Map<string, IntlMessageFormat>();

/** Formats one ICU message (compiled once per process and locale). */
function format(locale: Locale, message: string, values: Record<string, number>): string {
  const id = `${locale}\u0000${message}`;
  let f = compiled.get(id);
  if (!f) {
    f = new IntlMessageFormat(message, locale);
    compiled.set(id, f);
  }
  return String(f.format(values));
}

/** A supported locale for a requested one: the notification texts' own chain (`pt` → `pt-BR`, `es-MX` → `es`). */
export const supportedLocale = shippedLocale;

/** The digest email of a window: the recipient's locale, else the firm's, else English. */
export function digestMail(window: DigestWindow, items: DigestItem[], firmLocale?: string): DigestMail {
  const locale = supportedLocale(window.recipient.locale) ?? supportedLocale(firmLocale) ?? DEFAULT_LOCALE;
  const t = TEXTS[locale];
  const minutes = window.windowMinutes;
  const headline = format(locale, t.headline[window.category], { count: items.length });
  const listed = items.slice(0, DIGEST_LIST_MAX);
  const more = items.length - listed.length;
  const links = new Set(items.map((i) => i.link));
  const [only] = links;
  const layout: Layout = {
    heading: headline,
    paragraphs: [format(locale, t.intro, { minutes })],
    items: [
      ...listed.map((i) => ({ text: i.subject || i.title, ...(i.link ? { url: i.link } : {}) })),
      // Entries beyond the list are counted on a last line of it.
      ...(more > 0 ? [{ text: format(locale, t.more, { more }) }] : []),
    ],
    // One button only when every entry leads to the same page (a burst of uploads to one case).
    ...(links.size === 1 && only ? { link: { url: only, label: t.action } } : {}),
    footer: format(locale, t.footer, { minutes }),
  };
  return { subject: headline, text: renderText(layout), html: renderHtml(layout) };
}
