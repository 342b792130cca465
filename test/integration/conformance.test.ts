// The run-time check of answers against docs/openapi.json (support/conformance.ts) must itself be able
// to fail: each kind of drift it exists for is fed to it here, next to an answer that matches.
import { describe, expect, it } from 'vitest';
import { conformance, mismatches } from './support/conformance';

const caseView = {
  caseId: '01J0000000000000000000000A',
  title: 'VAT',
  status: 'open',
  ownerId: 'u1',
  notifyClient: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u1',
};
const caseSchema = { $ref: '#/components/schemas/CaseView' };

/** Runs the middleware on one answer to `GET /cases/{caseId}`. */
const answer = (status: number, body: unknown) =>
  conformance.onResponse!({
    request: new Request('http://local/cases/x'),
    response: new Response(body === undefined ? null : JSON.stringify(body), { status }),
    schemaPath: '/cases/{caseId}',
    // biome-ignore lint/suspicious/noExplicitAny: only the fields the check reads
  } as any);

describe('Support: conformance of answers to the document', () => {
  it('accepts an answer the document describes', async () => {
    expect(mismatches(caseView, caseSchema)).toEqual([]);
    await expect(answer(200, caseView)).resolves.toBeUndefined();
  });

  it('reports an undocumented field, a missing required one, a wrong type and a value outside an enum', () => {
    const { title: _, ...noTitle } = caseView;
    expect(mismatches({ ...caseView, secret: 1 }, caseSchema)).toEqual(['$.secret: not in the document']);
    expect(mismatches(noTitle, caseSchema)).toEqual(['$.title: required, missing']);
    expect(mismatches({ ...caseView, title: 3 }, caseSchema)).toEqual([
      '$.title: integer where the document says string',
    ]);
    expect(mismatches({ ...caseView, status: 'lost' }, caseSchema)[0]).toMatch(/^\$\.status: "lost" not in /);
  });

  it('fails an undeclared status, a body that breaks the schema, and an operation the document lacks', async () => {
    await expect(answer(418, { code: 'teapot', message: 'x' })).rejects.toThrow(
      'GET /cases/{caseId} answered 418, a status the document does not declare',
    );
    await expect(answer(200, { ...caseView, extra: true })).rejects.toThrow('$.extra: not in the document');
    await expect(answer(404, { message: 'no code' })).rejects.toThrow('$.code: required, missing');
    await expect(
      conformance.onResponse!({
        request: new Request('http://local/nowhere', { method: 'DELETE' }),
        response: new Response(null, { status: 204 }),
        schemaPath: '/nowhere',
        // biome-ignore lint/suspicious/noExplicitAny: only the fields the check reads
      } as any),
    ).rejects.toThrow('DELETE /nowhere: not in docs/openapi.json');
  });
});
