// Pure rules of issue 5: notification text flattening (plain text, one paragraph) and the file
// request's status moves (open → fulfilled | cancelled, nothing else).
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/domain/errors';
import { canMove, type FileRequest, moved } from '../../functions/domain/file-requests';
import { flattenPlainText, requestParagraph } from '../../functions/domain/plain-text';

describe('Function: flattenPlainText', () => {
  it('drops markup, markdown markers and line breaks, keeping the words', () => {
    expect(flattenPlainText('# Hello\n\nPlease **sign** the _attached_ form.\n- one\n- two')).toBe(
      'Hello Please sign the attached form. one two',
    );
    expect(flattenPlainText('<p>Bold <b>text</b></p><br/>[the portal](https://x.test) `code`')).toBe(
      'Bold text the portal code',
    );
  });

  it('leaves underscores and stars inside words and arithmetic alone', () => {
    expect(flattenPlainText('tax_return_2026.pdf costs 2 * 3 * 4')).toBe(
      'tax_return_2026.pdf costs 2 * 3 * 4',
    );
  });
});

describe('Function: requestParagraph', () => {
  it('joins description and additional message into one paragraph', () => {
    expect(requestParagraph('Send the\nstatements', 'Thanks!')).toBe('Send the statements. Thanks!');
    expect(requestParagraph('Send them.', 'Thanks!')).toBe('Send them. Thanks!');
    expect(requestParagraph('Only the description\n')).toBe('Only the description');
  });
});

describe('Function: moved', () => {
  const open = {
    status: 'open',
    history: [{ status: 'open', at: 't0', by: { kind: 'staff', id: 's' } }],
  } as FileRequest;
  const by = { at: 't1', by: { kind: 'contact' as const, id: 'c' } };

  it('moves an open request and appends to its history', () => {
    const next = moved(open, 'fulfilled', by);
    expect(next.status).toBe('fulfilled');
    expect(next.history.map((h) => h.status)).toEqual(['open', 'fulfilled']);
    expect(open.status).toBe('open');
  });

  it.each(['fulfilled', 'cancelled'] as const)('refuses any move out of %s', (from) => {
    expect(canMove(from, 'cancelled')).toBe(false);
    expect(canMove(from, 'fulfilled')).toBe(false);
    const err = (() => {
      try {
        moved({ ...open, status: from }, 'cancelled', by);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('file_request_not_open');
  });
});
