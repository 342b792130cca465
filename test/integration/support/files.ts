// Uploads as a browser makes them (presigned POST straight to the local S3), and direct S3 and
// EventBridge clients for checking objects and replaying events.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { call, settle, urls } from './stack';

const credentials = {
  accessKeyId: urls.env.AWS_ACCESS_KEY_ID!,
  secretAccessKey: urls.env.AWS_SECRET_ACCESS_KEY!,
};

export const s3 = new S3Client({
  endpoint: urls.env.AWS_ENDPOINT_URL_S3,
  forcePathStyle: true,
  region: 'us-east-1',
  credentials,
});
export const bus = new EventBridgeClient({
  endpoint: urls.env.AWS_ENDPOINT_URL_EVENTBRIDGE,
  region: 'us-east-1',
  credentials,
});

export const PDF = 'application/pdf';
export const pdfBytes = (text = 'hello') => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);

export interface UploadTicket {
  uploadId: string;
  key: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
}

/** Posts a file to a presigned POST as a browser does: the fields first, the file last. */
export async function postToS3(
  ticket: { url: string; fields: Record<string, string> },
  bytes: Uint8Array,
  type: string,
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), 'upload.bin');
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  expect(res.status).toBeLessThan(300);
}

/** Asks for an upload, posts the bytes and waits until ingest has handled the object. */
export async function upload(
  path: string,
  token: string,
  file: { fileName: string; contentType: string; bytes: Uint8Array; declaredSize?: number },
): Promise<UploadTicket> {
  const ticket = await call('POST', path, {
    token,
    body: {
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.declaredSize ?? file.bytes.length,
    },
  });
  expect(ticket.status).toBe(201);
  await postToS3(ticket.body, file.bytes, file.contentType);
  await settle();
  return ticket.body as UploadTicket;
}

export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: urls.env.BUCKET_NAME, Key: key }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'NotFound' || (err as Error).name === 'NoSuchKey') return false;
    throw err;
  }
}
