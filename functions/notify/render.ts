// Rendering helpers for notifications: HTML escaping, one-line texts for subjects, and the plain
// text + HTML layout every message uses. Notifications carry no rich text: what people typed is
// flattened and escaped, never interpreted.
import { typedLine } from '../domain/plain-text';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * One line, trimmed, by the rule for typed text (functions/domain/plain-text.ts): line breaks and
 * control characters become single spaces, invisible and bidi format characters go (mail headers,
 * titles, pushes, and the stored texts a digest lists).
 */
export const oneLine = typedLine;

/** Only http(s) links are rendered as links; anything else is dropped. */
const safeLink = (url: string | undefined): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined;

export interface Layout {
  /** The first line of the message (a heading in HTML). */
  heading: string;
  /** Plain-text paragraphs (each is flattened). */
  paragraphs: string[];
  /** A list after the paragraphs (a digest's entries), each line with its own link. */
  items?: { text: string; url?: string }[];
  link?: { url: string; label: string };
  /** Why the recipient gets this (last line, small). */
  footer?: string;
}

export function renderText(l: Layout): string {
  const link = safeLink(l.link?.url);
  return [
    oneLine(l.heading),
    '',
    ...l.paragraphs.map(oneLine).flatMap((p) => [p, '']),
    ...(l.items?.length
      ? [...l.items.map((i) => `- ${oneLine(i.text)}${safeLink(i.url) ? ` ${safeLink(i.url)}` : ''}`), '']
      : []),
    ...(link && l.link ? [`${oneLine(l.link.label)}: ${link}`, ''] : []),
    ...(l.footer ? ['--', oneLine(l.footer)] : []),
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
}

export function renderHtml(l: Layout): string {
  const link = safeLink(l.link?.url);
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(oneLine(s))}</p>`;
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;color:#1f2937;margin:0;padding:24px">',
    '<div style="max-width:560px;margin:0 auto">',
    `<h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(oneLine(l.heading))}</h1>`,
    ...l.paragraphs.map(p),
    ...(l.items?.length
      ? [
          '<ul style="margin:0 0 16px;padding-left:20px">',
          ...l.items.map((i) => {
            const url = safeLink(i.url);
            const text = escapeHtml(oneLine(i.text));
            return `<li style="margin:0 0 6px">${url ? `<a href="${escapeHtml(url)}" style="color:#1d4ed8">${text}</a>` : text}</li>`;
          }),
          '</ul>',
        ]
      : []),
    ...(link && l.link
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(oneLine(l.link.label))}</a></p>`,
        ]
      : []),
    ...(l.footer ? [`<p style="font-size:12px;color:#6b7280">${escapeHtml(oneLine(l.footer))}</p>`] : []),
    '</div></body></html>',
  ].join('\n');
}
