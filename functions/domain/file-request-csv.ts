// A request's items from CSV text (`subject,description,dueDate`, a header line first): every line
// checked, all or nothing. A bad list answers 400 `csv_invalid` naming each bad line, and nothing is
// written; a good one becomes the request's items.
import { parseCsv } from './csv';
import {
  csvInvalid,
  ITEM_DESCRIPTION_MAX,
  ITEM_SUBJECT_MAX,
  type LineProblem,
  MAX_ITEMS,
  type NewItem,
} from './file-request-items';

export const CSV_COLUMNS = ['subject', 'description', 'dueDate'] as const;
type Column = (typeof CSV_COLUMNS)[number];

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day: `2026-02-30` rolls over and `2026-13-01` is no date at all. */
function isDate(s: string): boolean {
  const at = DATE.test(s) ? Date.parse(`${s}T00:00:00Z`) : Number.NaN;
  return Number.isFinite(at) && new Date(at).toISOString().startsWith(s);
}

/** The items of a CSV text, checked against `today` (`YYYY-MM-DD`); throws `csv_invalid` when any line is bad. */
export function itemsFromCsv(text: string, today: string): NewItem[] {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw csvInvalid([{ line: parsed.line, code: 'csv_syntax', message: parsed.message }]);
  const [header, ...rows] = parsed.rows;
  if (!header) throw csvInvalid([{ line: 1, code: 'csv_empty', message: 'The CSV has no header line.' }]);
  const columns = header.fields.map((f) => f.trim());
  const known = new Map(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const unknown = columns.filter((c) => !known.has(c.toLowerCase()));
  const names = columns.map((c) => known.get(c.toLowerCase()));
  if (unknown.length || !names.includes('subject') || new Set(names).size !== names.length)
    throw csvInvalid([
      {
        line: header.line,
        code: 'csv_header',
        message: `The header must name the columns ${CSV_COLUMNS.join(', ')} (subject required, each once); found: ${columns.join(', ')}.`,
      },
    ]);
  if (rows.length === 0)
    throw csvInvalid([{ line: header.line, code: 'csv_no_rows', message: 'The CSV lists no items.' }]);
  const problems: LineProblem[] = [];
  if (rows.length > MAX_ITEMS)
    problems.push({
      line: rows[MAX_ITEMS]!.line,
      code: 'too_many_rows',
      message: `A request holds at most ${MAX_ITEMS} items; the CSV lists ${rows.length}.`,
    });
  const items: NewItem[] = [];
  for (const row of rows.slice(0, MAX_ITEMS)) {
    const bad = (code: string, message: string) => problems.push({ line: row.line, code, message });
    if (row.fields.length !== columns.length) {
      bad(
        'wrong_field_count',
        `The line has ${row.fields.length} fields; the header names ${columns.length}.`,
      );
      continue;
    }
    const value = (c: Column) => {
      const at = names.indexOf(c);
      return at < 0 ? '' : row.fields[at]!.trim();
    };
    const [subject, description, dueDate] = [value('subject'), value('description'), value('dueDate')];
    const before = problems.length;
    if (!subject) bad('subject_missing', 'The subject is empty.');
    else if (subject.length > ITEM_SUBJECT_MAX)
      bad('subject_too_long', `The subject is longer than ${ITEM_SUBJECT_MAX} characters.`);
    else if (CONTROL.test(subject)) bad('subject_invalid', 'The subject holds control characters.');
    if (description.length > ITEM_DESCRIPTION_MAX)
      bad('description_too_long', `The description is longer than ${ITEM_DESCRIPTION_MAX} characters.`);
    else if (CONTROL_BUT_LINES.test(description))
      bad('description_invalid', 'The description holds control characters.');
    if (dueDate && !isDate(dueDate)) bad('due_date_invalid', `"${dueDate}" is not a date (YYYY-MM-DD).`);
    else if (dueDate && dueDate < today) bad('due_date_in_past', `The due date ${dueDate} is in the past.`);
    if (problems.length === before)
      items.push({ subject, ...(description ? { description } : {}), ...(dueDate ? { dueDate } : {}) });
  }
  if (problems.length) throw csvInvalid(problems.sort((a, b) => a.line - b.line));
  return items;
}
