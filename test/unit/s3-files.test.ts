// The S3 Files adapter's presigned POST: the fields a browser posts and the policy S3 holds it to.
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3Files } from '../../functions/files/s3-files';

const client = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
});

describe('Function: s3Files.presignUpload', () => {
  it('has S3 tag the object pending on arrival, with the tagging pinned by the policy', async () => {
    // Prepare
    const files = s3Files(client, 'uploads-bucket');
    // Act
    const { fields } = await files.presignUpload({
      key: 'firms/f/cases/c/u/a.pdf',
      contentType: 'application/pdf',
      maxBytes: 600,
      expiresInSeconds: 121,
    });
    // Assess
    const tagging =
      '<Tagging><TagSet><Tag><Key>portico-state</Key><Value>pending</Value></Tag></TagSet></Tagging>';
    expect(fields.tagging).toBe(tagging);
    const policy = JSON.parse(Buffer.from(fields.Policy ?? '', 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    // Both forms pin the value: S3 refuses a form whose tagging was dropped or changed.
    expect(policy.conditions).toContainEqual(['eq', '$tagging', tagging]);
    expect(policy.conditions).toContainEqual({ tagging });
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 600]);
  });
});
