// Lambda entry: S3 "Object Created" (EventBridge) → ingest: the object is matched against its
// upload intent and becomes a document, or is deleted with the reason recorded. A failure throws,
// so EventBridge retries the event and finally parks it in the dead-letter queue.
import type { EventBridgeEvent } from 'aws-lambda';
import { documentClient } from '../clients/dynamodb';
import { s3 } from '../clients/s3';
import { loadConfig } from '../config';
import { ingestObject } from '../domain/ingest';
import { systemClock } from '../domain/ports';
import { s3Files } from '../files/s3-files';
import { log } from '../log';
import { count } from '../metrics';
import { observed } from '../observed';
import { documentStore } from '../store/documents';
import { fileRequestStore } from '../store/file-requests';
import { shareStore } from '../store/shares';
import { uploadStore } from '../store/uploads';
import { ulidIds } from '../wiring/ids';

interface ObjectCreated {
  bucket: { name: string };
  object: { key: string; size?: number };
}

const config = loadConfig(['TABLE_NAME', 'BUCKET_NAME']);
// Ingest pages through no list, so it holds no cursor key (CDK does not give it one).
const table = { client: documentClient, name: config.TABLE_NAME, cursorSecret: '' };
const deps = {
  uploads: uploadStore(table),
  files: s3Files(s3, config.BUCKET_NAME),
  clock: systemClock,
  ids: ulidIds,
  // An upload that names a file request fulfils it: ingest reads the request and the attached document,
  // and moves the document's shares to the new version.
  fulfilment: {
    fileRequests: fileRequestStore(table),
    documents: documentStore(table),
    shares: shareStore(table),
  },
};

type ObjectCreatedEvent = EventBridgeEvent<'Object Created', ObjectCreated>;

// S3's event id is the correlation id: the document.uploaded or upload.rejected event carries it on.
export const handler = observed(
  'ingest',
  (event: ObjectCreatedEvent) => event.id,
  async (event: ObjectCreatedEvent): Promise<void> => {
    const { bucket, object } = event.detail;
    if (bucket.name !== config.BUCKET_NAME) {
      // The rule only matches our bucket; anything else is a misrouted event, not ours to delete.
      log.warn('ingest: event of another bucket ignored', { eventId: event.id, bucket: bucket.name });
      return;
    }
    // The envelope's time is S3's (the moment the object was created), not the sender's.
    const arrivedAt = new Date(event.time);
    const result = await ingestObject(deps, {
      key: object.key,
      size: object.size ?? 0,
      ...(Number.isNaN(arrivedAt.getTime()) ? {} : { arrivedAt }),
    });
    if (result.outcome === 'rejected') {
      log.warn('ingest: upload rejected and deleted', {
        eventId: event.id,
        key: object.key,
        reason: result.reason,
      });
      count('IngestRejected', { reason: result.reason });
    } else {
      log.info(`ingest: ${result.outcome}`, { eventId: event.id, key: object.key });
    }
  },
);
