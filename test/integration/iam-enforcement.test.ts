// The local stack enforces the synthesized IAM roles: on a stack of its own whose documents function
// lacks one action of its template role, the call that needs it is refused as AWS would refuse it
// (the request fails, the refusal is recorded) while every granted call still goes through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, newFirm, startHarness, type TestFirm } from '../reliability/support/stack';
import { newCase, PDF } from '../reliability/support/world';

let h: Harness;
let firm: TestFirm;

beforeAll(async () => {
  // Prepare: the documents function's role without s3:PutObjectTagging (an upload ticket's POST
  // policy carries the pending tag, so signing it needs that action).
  h = await startHarness({ iamRevoke: [{ fn: 'DocumentsRoutes', action: 's3:PutObjectTagging' }] });
  firm = await newFirm(h, 'Least & Privilege');
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('Local stack: IAM enforcement', () => {
  it('is on by default', () => {
    expect(h.stack.iam.enforced).toBe(true);
  });

  it('refuses the presigned POST of a function whose role lacks s3:PutObjectTagging: the request fails, the refusal is recorded', async () => {
    // Prepare
    const caseId = await newCase(h, firm, 'Annual accounts');

    // Act
    const res = await h.call('POST', `/cases/${caseId}/uploads`, {
      token: firm.staff.token,
      body: { fileName: 'letter.pdf', contentType: PDF, size: 100 },
    });

    // Assess
    expect(res.status).toBe(500);
    expect(h.stack.iam.denials).toEqual([
      {
        fn: 'DocumentsRoutes',
        action: 's3:PutObjectTagging',
        resource: expect.stringMatching(
          new RegExp(
            `^arn:aws:s3:::${h.stack.env.BUCKET_NAME}/firms/${firm.firmId}/cases/${caseId}/.+/letter\\.pdf$`,
          ),
        ),
      },
    ]);
  });

  it('lets through what the roles grant: cases, documents lists, the stream relay and notify', async () => {
    // Prepare
    const before = h.stack.iam.denials.length;

    // Act
    const caseId = await newCase(h, firm, 'Payroll');
    const docs = await h.call('GET', `/cases/${caseId}/documents`, { token: firm.staff.token });
    await h.settle();

    // Assess
    expect(docs.status, docs.text).toBe(200);
    expect(h.stack.iam.denials.length).toBe(before);
  });
});
