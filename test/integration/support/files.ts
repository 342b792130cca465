// Uploads as a browser makes them (presigned POST straight to the local S3), and direct S3 and
// EventBridge clients for checking objects and replaying events.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import type { Schemas } from '../../../client/src/index';
import { apiAs } from './client';
import { settle, urls } from './stack';

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

export const PDF = 'application/pdf' as const;
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

/** Who asks for the upload ticket: a staff user (`/cases/…/uploads`) or a contact (`/portal/cases/…/uploads`). */
export type Uploader = 'staff' | 'portal';

/** Asks for an upload (typed client), posts the bytes and waits until ingest has handled the object. */
export async function upload(
  caseId: string,
  token: string,
  file: {
    fileName: string;
    contentType: Schemas['UploadContentType'];
    bytes: Uint8Array;
    declaredSize?: number;
    fileRequestId?: string;
  },
  as: Uploader = 'staff',
): Promise<UploadTicket> {
  const body: Schemas['UploadBody'] = {
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.declaredSize ?? file.bytes.length,
    ...(file.fileRequestId !== undefined ? { fileRequestId: file.fileRequestId } : {}),
  };
  const params = { path: { caseId } };
  const ticket =
    as === 'staff'
      ? await apiAs(token).POST('/cases/{caseId}/uploads', { params, body })
      : await apiAs(token).POST('/portal/cases/{caseId}/uploads', { params, body });
  expect(ticket.response.status, JSON.stringify(ticket.error)).toBe(201);
  await postToS3(ticket.data!, file.bytes, file.contentType);
  await settle();
  return ticket.data!;
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

/** Sends an upload's "Object Created" event again, as S3 may, and waits until it was handled. */
export async function replayObjectCreated(key: string, size: number): Promise<void> {
  const res = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: 'default',
          Source: 'aws.s3',
          DetailType: 'Object Created',
          Detail: JSON.stringify({
            version: '0',
            bucket: { name: urls.env.BUCKET_NAME },
            object: { key, size },
            reason: 'PostObject',
          }),
        },
      ],
    }),
  );
  expect(res.FailedEntryCount).toBe(0);
  await settle();
}
