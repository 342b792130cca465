// The local S3: s3rver, with the upload bucket created (CORS as in production). Every object
// created is raised as an EventBridge "Object Created" event on the default bus, as S3 does when
// EventBridge notifications are on. s3rver checks neither signatures nor POST policy conditions;
// the ingest handler re-checks size and type itself, as it must in production.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import S3rver from 's3rver';
import type { LocalBus } from './bus';
import { localCredentials } from './dynamodb';

// s3rver knows only its own demo access key and refuses SDK calls signed with any other; the
// handlers sign with the stack's local credentials, so s3rver is taught that key too.
const { DUMMY_ACCOUNT } = createRequire(import.meta.url)('s3rver/lib/models/account.js') as {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
};
DUMMY_ACCOUNT.createKeyPair(localCredentials.accessKeyId, localCredentials.secretAccessKey);

export interface LocalS3 {
  endpoint: string;
  stop(): Promise<void>;
}

interface S3rverRecord {
  eventName: string;
  eventTime: string;
  s3: { bucket: { name: string }; object: { key: string; size: number; eTag: string; sequencer: string } };
  requestParameters?: { sourceIPAddress?: string };
}

export async function startS3(opts: {
  port: number;
  dataDir: string;
  bucketName: string;
  corsOrigins: string[];
  bus: LocalBus;
}): Promise<LocalS3> {
  await mkdir(opts.dataDir, { recursive: true });
  const cors = `<CORSConfiguration>${opts.corsOrigins
    .map(
      (o) =>
        `<CORSRule><AllowedOrigin>${o}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;
  const server = new S3rver({
    port: opts.port,
    address: '127.0.0.1',
    silent: true,
    directory: opts.dataDir,
    configureBuckets: [{ name: opts.bucketName, configs: [cors] }],
  });
  (server as unknown as NodeJS.EventEmitter).on('event', (event: { Records: S3rverRecord[] }) => {
    for (const r of event.Records) {
      if (!r.eventName.startsWith('ObjectCreated:')) continue;
      // s3rver reports the key as stored; we pass it on unchanged.
      const key = r.s3.object.key;
      opts.bus.put({
        Source: 'aws.s3',
        DetailType: 'Object Created',
        Resources: [`arn:aws:s3:::${r.s3.bucket.name}`],
        Time: r.eventTime,
        Detail: JSON.stringify({
          version: '0',
          bucket: { name: r.s3.bucket.name },
          object: { key, size: r.s3.object.size, etag: r.s3.object.eTag, sequencer: r.s3.object.sequencer },
          'request-id': r.s3.object.sequencer,
          requester: '000000000000',
          'source-ip-address': r.requestParameters?.sourceIPAddress ?? '127.0.0.1',
          reason: r.eventName === 'ObjectCreated:Post' ? 'PostObject' : 'PutObject',
        }),
      });
    }
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    stop: () => server.close() as Promise<void>,
  };
}
