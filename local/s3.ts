// The local S3: s3rver, with the upload bucket created (CORS as in production). Every object
// created is raised as an EventBridge "Object Created" event on the default bus, as S3 does when
// EventBridge notifications are on. s3rver checks neither signatures nor POST policy conditions;
// the ingest handler re-checks size and type itself, as it must in production. It also ignores the
// POST form's `tagging` field, so the pending tag every upload form carries is applied here, before
// the object's event is raised, as S3 stores it with the object (decision 0022).
// s3rver raises its event in memory after storing the object, so a kill in between would leave an
// accepted upload without an event: at start, objects stored since the last clean stop (or since
// the start of a run that crashed) are raised again (ingest is idempotent; decision 0017).
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { taggingXml } from '../functions/files/object-state';
import type { LocalBus, PutEntry } from './bus';
import { localCredentials } from './dynamodb';
import { writeFileAtomic } from './journal';

// s3rver knows only its own demo access key and refuses SDK calls signed with any other; the
// handlers sign with the stack's local credentials, so s3rver is taught that key too.
const { DUMMY_ACCOUNT } = createRequire(import.meta.url)('s3rver/lib/models/account.js') as {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
};
DUMMY_ACCOUNT.createKeyPair(localCredentials.accessKeyId, localCredentials.secretAccessKey);

interface S3rverStore {
  putSubresource(bucket: string, key: string, resource: unknown): Promise<void>;
}
const { TaggingConfiguration } = createRequire(import.meta.url)('s3rver/lib/models/config.js') as {
  TaggingConfiguration: { validate(xml: string): unknown };
};
/** What S3 stores from the upload form's `tagging` field (the only tagging Portico's forms carry). */
const pendingTagging = TaggingConfiguration.validate(taggingXml('pending'));

export interface LocalS3 {
  endpoint: string;
  /**
   * Raises "Object Created" again for objects stored since the last clean stop (or since the
   * start of a run that crashed); resolves once those events are on the bus. Returns how many.
   */
  reconcile(): Promise<number>;
  /** Resolves once every upload's "Object Created" raised so far is on the bus (tag written first). */
  whenIdle(): Promise<void>;
  /** Stops accepting uploads; the events of those accepted are on the bus when it resolves. */
  stop(): Promise<void>;
}

/** Objects this much older than the mark are raised again too: s3rver's times are the file system's. */
const CLOCK_MARGIN_MS = 5_000;

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
  /** Where the time of the last clean stop (or of this run's start) is kept. */
  markFile: string;
  onLog?: (line: string) => void;
}): Promise<LocalS3> {
  const startedAt = new Date();
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
  const raising = new Set<Promise<unknown>>();
  const store = (server as unknown as { store: S3rverStore }).store;
  const raise = (entry: PutEntry, before?: () => Promise<void>) => {
    const put = (before?.() ?? Promise.resolve())
      .catch((err) => opts.onLog?.(`s3: object not tagged: ${(err as Error).message}`))
      .then(() => opts.bus.put(entry))
      .catch((err) => opts.onLog?.(`s3: event not raised: ${(err as Error).message}`));
    raising.add(put);
    void put.finally(() => raising.delete(put));
  };
  (server as unknown as NodeJS.EventEmitter).on('event', (event: { Records: S3rverRecord[] }) => {
    for (const r of event.Records) {
      if (!r.eventName.startsWith('ObjectCreated:')) continue;
      const post = r.eventName === 'ObjectCreated:Post';
      const { name: bucket } = r.s3.bucket;
      const { key } = r.s3.object;
      // s3rver reports the key as stored; we pass it on unchanged.
      raise(
        objectCreated(bucket, {
          key,
          size: r.s3.object.size,
          etag: r.s3.object.eTag,
          sequencer: r.s3.object.sequencer,
          time: r.eventTime,
          reason: post ? 'PostObject' : 'PutObject',
          sourceIp: r.requestParameters?.sourceIPAddress,
        }),
        // Tagged before the event is raised: ingest's `recorded` tag must come after it, as in S3.
        post ? () => store.putSubresource(bucket, key, pendingTagging) : undefined,
      );
    }
  });
  await server.run();
  const endpoint = `http://127.0.0.1:${opts.port}`;
  return {
    endpoint,
    async whenIdle() {
      while (raising.size > 0) await Promise.all([...raising]);
    },
    async reconcile() {
      const since = await readMark(opts.markFile);
      if (since === undefined) {
        // No mark: a first start (nothing stored yet), or data older than the mark itself, whose
        // closed intents may have expired: raising those objects would make ingest delete them.
        await writeFileAtomic(opts.markFile, JSON.stringify({ since: startedAt.toISOString() }));
        return 0;
      }
      const client = new S3Client({
        endpoint,
        forcePathStyle: true,
        region: 'us-east-1',
        credentials: localCredentials,
      });
      let raised = 0;
      try {
        let token: string | undefined;
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: opts.bucketName, ContinuationToken: token }),
          );
          const entries = (page.Contents ?? []).flatMap((o) =>
            o.Key && (o.LastModified?.getTime() ?? 0) >= since - CLOCK_MARGIN_MS
              ? [
                  objectCreated(opts.bucketName, {
                    key: o.Key,
                    size: o.Size ?? 0,
                    etag: (o.ETag ?? '').replaceAll('"', ''),
                    sequencer: `reconciled-${o.LastModified?.getTime() ?? 0}`,
                    time: (o.LastModified ?? new Date()).toISOString(),
                    reason: 'PostObject' as const,
                  }),
                ]
              : [],
          );
          await opts.bus.putAll(entries);
          raised += entries.length;
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      } finally {
        client.destroy();
      }
      // Everything stored before this run is on the bus now; a crash of this run is covered from its start.
      await writeFileAtomic(opts.markFile, JSON.stringify({ since: startedAt.toISOString() }));
      if (raised > 0)
        opts.onLog?.(`s3: ${raised} objects stored since ${new Date(since).toISOString()} raised again`);
      return raised;
    },
    async stop() {
      await (server.close() as Promise<void>);
      await Promise.all([...raising]);
      // A clean stop: every accepted upload's event is on the bus, nothing to raise at the next start.
      await writeFileAtomic(opts.markFile, JSON.stringify({ since: new Date().toISOString() }));
    },
  };
}

/** The time objects must be raised again from; undefined when no clean stop or start was recorded. */
async function readMark(file: string): Promise<number | undefined> {
  try {
    const since = Date.parse((JSON.parse(await readFile(file, 'utf8')) as { since: string }).since);
    return Number.isNaN(since) ? undefined : since;
  } catch {
    return undefined;
  }
}

interface CreatedObject {
  key: string;
  size: number;
  etag: string;
  sequencer: string;
  time: string;
  reason: 'PostObject' | 'PutObject';
  sourceIp?: string | undefined;
}

/** The EventBridge "Object Created" entry S3 puts on the default bus. */
function objectCreated(bucket: string, o: CreatedObject): PutEntry {
  return {
    Source: 'aws.s3',
    DetailType: 'Object Created',
    Resources: [`arn:aws:s3:::${bucket}`],
    Time: o.time,
    Detail: JSON.stringify({
      version: '0',
      bucket: { name: bucket },
      object: { key: o.key, size: o.size, etag: o.etag, sequencer: o.sequencer },
      'request-id': o.sequencer,
      requester: '000000000000',
      'source-ip-address': o.sourceIp ?? '127.0.0.1',
      reason: o.reason,
    }),
  };
}
