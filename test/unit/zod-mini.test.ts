// The schemas validate with zod/mini (functions/zod-mini.ts), which loads no locale by itself: a 4xx
// answer quotes zod's issue messages, so they must read as classic zod wrote them, not "Invalid input".
import { describe, expect, it } from 'vitest';
import { NewCaseBody } from '../../functions/http/schemas/cases';
import { PageQuery } from '../../functions/http/schemas/common';
import { PublishBody } from '../../functions/http/schemas/publish';

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('Module: zod-mini', () => {
  it('explains a wrong type in English', () => {
    // Act
    const result = NewCaseBody.safeParse({ title: 'Annual accounts', notifyClient: 'yes' });

    // Assess
    expect(messagesOf(result)).toEqual(['Invalid input: expected boolean, received string']);
  });

  it('explains a bound in English', () => {
    // Act
    const result = PublishBody.safeParse({ recurringTaskId: 'rt', contactIds: [] });

    // Assess
    expect(messagesOf(result)).toContain('Too small: expected array to have >=1 items');
  });

  it("tells a bad page size what it must be, whatever is wrong with it (zod's own would say 'received NaN')", () => {
    for (const limit of ['abc', '', '0', '101', '1.5', '1e3', 'Infinity']) {
      // Act
      const result = PageQuery.safeParse({ limit });

      // Assess
      expect(messagesOf(result), `limit=${JSON.stringify(limit)}`).toEqual([
        'must be a whole number from 1 to 100',
      ]);
    }
    expect(PageQuery.parse({ limit: '25' })).toEqual({ limit: 25 });
    expect(PageQuery.parse({})).toEqual({ limit: 25 });
  });

  it('keeps a message the schema wrote itself', () => {
    // Act
    const result = NewCaseBody.safeParse({ title: '   ' });

    // Assess
    expect(messagesOf(result)).toEqual(['must not be empty']);
  });
});
