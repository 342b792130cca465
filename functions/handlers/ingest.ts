// Lambda entry: S3 "Object Created" (EventBridge) → ingest.
// Foundation: no upload intents exist yet, so every object is unknown: it is deleted and the
// rejection logged. The Client Connect issue matches intents and records documents.
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { EventBridgeEvent } from 'aws-lambda';
import { s3 } from '../clients/s3';
import { log } from '../log';

interface ObjectCreated {
  bucket: { name: string };
  object: { key: string; size?: number };
}

export const handler = async (event: EventBridgeEvent<'Object Created', ObjectCreated>): Promise<void> => {
  const { bucket, object } = event.detail;
  log.warn('upload rejected: no upload intent for this key', { bucket: bucket.name, key: object.key });
  await s3.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: object.key }));
};
