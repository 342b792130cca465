// The schemas validate with zod/mini (functions/zod-mini.ts), which loads no locale by itself: a 4xx
// answer quotes zod's issue messages, so they must read as classic zod wrote them, not "Invalid input".
import { describe, expect, it } from 'vitest';
import { NewCaseBody } from '../../functions/http/schemas/cases';
import { PageQuery } from '../../functions/http/schemas/common';

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
    const result = PageQuery.safeParse({ limit: '500' });

    // Assess
    expect(messagesOf(result)).toEqual(['Too big: expected number to be <=100']);
  });

  it('keeps a message the schema wrote itself', () => {
    // Act
    const result = NewCaseBody.safeParse({ title: '   ' });

    // Assess
    expect(messagesOf(result)).toEqual(['must not be empty']);
  });
});
