// Objects that never became documents expire by the bucket's lifecycle rule (decision 0022): the
// upload form has S3 tag each object pending, ingest tags it recorded before writing the document,
// and what stays pending (refused, or ingest failed for good) is left to the rule.
import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { apiAs } from './support/client';
import { PDF, pdfBytes, postToS3, s3, upload } from './support/files';
import { newFirm, settle, type TestFirm, urls } from './support/stack';

async function newCase(firm: TestFirm): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Object states' } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

const stateOf = async (key: string) => {
  const res = await s3.send(new GetObjectTaggingCommand({ Bucket: urls.env.BUCKET_NAME, Key: key }));
  return (res.TagSet ?? []).find((t) => t.Key === 'portico-state')?.Value;
};

describe('Uploads: the object state tag', () => {
  it('a recorded upload is tagged recorded; the same form posted again is re-tagged and the document still downloads', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const bytes = pdfBytes('tagged');

    // Act: the browser's upload, handled by ingest
    const ticket = await upload(caseId, firm.staff.token, {
      fileName: 'Tagged.pdf',
      contentType: PDF,
      bytes,
    });

    // Assess: the form pins the pending tag; ingest replaced it with recorded
    expect(ticket.fields.tagging).toContain('<Value>pending</Value>');
    expect(await stateOf(ticket.key)).toBe('recorded');

    // Act: the policy is still valid, so the same form stores the key again (S3 tags it pending)
    await postToS3(ticket, bytes, PDF);
    await settle();

    // Assess: the replayed ingest re-tagged it, so the lifecycle rule does not expire the document's object
    expect(await stateOf(ticket.key)).toBe('recorded');
    const dl = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId, documentId: ticket.uploadId } },
    });
    expect(dl.response.status).toBe(200);
    expect((await fetch(dl.data!.url)).status).toBe(200);
  });
});
