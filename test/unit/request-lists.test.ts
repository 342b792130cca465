// Pure rules of request lists (decision 0043): the CSV reader (property-tested against a writer of
// the same format), the per-line checks of a CSV list, item moves and their retries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../functions/domain/csv';
import type { DomainError } from '../../functions/domain/errors';
import { itemsFromCsv } from '../../functions/domain/file-request-csv';
import { allAccepted, newItems, reviewed, submitted } from '../../functions/domain/file-request-items';

/** Writes rows as a spreadsheet would: every field quoted, quotes doubled. */
const writeCsv = (rows: string[][], eol: string) =>
  rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join(eol);

const caught = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a throw');
};

describe('Module: csv', () => {
  it('reads back what a writer wrote: quotes, commas and line breaks inside fields, CRLF or LF', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, eol) => {
          const parsed = parseCsv(writeCsv(rows, eol));
          expect(parsed.ok).toBe(true);
          expect(parsed.ok && parsed.rows.map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });

  it('numbers each row by the line it starts on, skipping blank lines', () => {
    const parsed = parseCsv('a,b\n\n"x\ny",z\nlast,one\n');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 1, fields: ['a', 'b'] },
        { line: 3, fields: ['x\ny', 'z'] },
        { line: 5, fields: ['last', 'one'] },
      ],
    });
  });

  it('refuses an unclosed quote and a stray one, naming the line', () => {
    expect(parseCsv('a\n"open')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a\nb"c')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a\n"b"c')).toMatchObject({ ok: false, line: 2 });
  });
});

describe('Function: itemsFromCsv', () => {
  const today = '2026-12-06';

  it('lists every bad line, in line order, and no item', () => {
    const csv = [
      'subject,dueDate',
      ...Array.from({ length: 50 }, (_, i) => `Item ${i},`),
      ',2026-12-07',
      'Late,2026-12-05',
    ].join('\n');
    const err = caught(() => itemsFromCsv(csv, today));
    expect(err.code).toBe('csv_invalid');
    expect((err.details!.lines as { line: number; code: string }[]).map((l) => [l.line, l.code])).toEqual([
      [52, 'too_many_rows'],
    ]);
    const bad = caught(() => itemsFromCsv('subject,dueDate\n,\nX,2026-13-01\nY,2026-12-05\nZ', today));
    expect((bad.details!.lines as { line: number; code: string }[]).map((l) => [l.line, l.code])).toEqual([
      [2, 'subject_missing'],
      [3, 'due_date_invalid'],
      [4, 'due_date_in_past'],
      [5, 'wrong_field_count'],
    ]);
  });

  it('takes the columns in any order and case, due today included', () => {
    expect(itemsFromCsv('DUEDATE,Subject\n2026-12-06,Bank statements\n,Payroll', today)).toEqual([
      { subject: 'Bank statements', dueDate: '2026-12-06' },
      { subject: 'Payroll' },
    ]);
    expect(caught(() => itemsFromCsv('subject,subject\nA,B', today)).details).toMatchObject({
      lines: [{ line: 1, code: 'csv_header' }],
    });
    expect(caught(() => itemsFromCsv('subject\n', today)).details).toMatchObject({
      lines: [{ line: 1, code: 'csv_no_rows' }],
    });
  });
});

describe('Function: reviewed', () => {
  const staff = { kind: 'staff' as const, id: 'U1' };
  const [open] = newItems([{ subject: 'Bank statements' }], { next: () => 'I1' }, 't0', staff);
  const sent = submitted(open!, { contactId: 'C1', documentId: 'D1', version: 1, at: 't1' });

  it('moves a submitted item; a repeat of the same review is undefined (nothing to write)', () => {
    const returned = reviewed(sent, { decision: 'return', reason: 'Page 2 missing' }, 't2', staff)!;
    expect(returned).toMatchObject({ status: 'returned', returnReason: 'Page 2 missing', submissions: 1 });
    expect(reviewed(returned, { decision: 'return', reason: 'Page 2 missing' }, 't3', staff)).toBeUndefined();
    const accepted = reviewed(sent, { decision: 'accept' }, 't2', staff)!;
    expect(reviewed(accepted, { decision: 'accept' }, 't3', staff)).toBeUndefined();
    expect(allAccepted([accepted])).toBe(true);
    expect(allAccepted([accepted, sent])).toBe(false);
  });

  it('refuses a review of an item not awaiting one, with its status', () => {
    expect(caught(() => reviewed(open!, { decision: 'accept' }, 't2', staff))).toMatchObject({
      code: 'file_request_item_not_submitted',
      details: { status: 'open' },
    });
    const returned = reviewed(sent, { decision: 'return', reason: 'A' }, 't2', staff)!;
    expect(caught(() => reviewed(returned, { decision: 'return', reason: 'B' }, 't3', staff))).toMatchObject({
      details: { status: 'returned' },
    });
  });
});
