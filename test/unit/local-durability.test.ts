// The local stack's durability pieces on their own (no DynamoDB Local): the bus's journal (an
// accepted event, a redriven dead letter and a torn write survive a process that dies), and S3's
// reconcile at start (an object whose in-memory event was lost is raised again), and the pending tag
// the local S3 applies for the upload form before it raises the object's event.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectTaggingCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { s3Files } from '../../functions/files/s3-files';
import { type Envelope, LocalBus, type PutEntry } from '../../local/bus';
import { localCredentials } from '../../local/dynamodb';
import { freePort } from '../../local/ports';
import { startS3 } from '../../local/s3';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'portico-durable-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const domainEntry = (n: number): PutEntry => ({
  EventBusName: 'portico-events',
  Source: 'portico',
  DetailType: 'document.uploaded',
  Detail: JSON.stringify({ eventId: `event-${n}` }),
});

/** A target that records what it got and answers as `behave` says at that moment. */
function target(behave: { mode: 'ok' | 'fail' | 'hang' }) {
  const got: Envelope[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((r) => {
    release = r;
  });
  return {
    got,
    release,
    fn: async (e: Envelope) => {
      got.push(e);
      if (behave.mode === 'fail') throw new Error('target down');
      // A run that never finishes its delivery: the process dies first.
      if (behave.mode === 'hang') await released;
    },
  };
}

/** A bus on `dataDir`; each call is a new "process" on the same data. */
async function busOn(dataDir: string, notify: (e: Envelope) => Promise<unknown>, retryAttempts = 0) {
  const bus = new LocalBus({
    port: await freePort(),
    dataDir,
    busName: 'portico-events',
    bucketName: 'portico-uploads',
    targets: { notify, ingest: async () => undefined },
    retryAttempts,
    retryDelayMs: 1,
  });
  await bus.start();
  return bus;
}

describe('Local bus: durable across a dying process', () => {
  it('dispatches on the next start an event accepted but not delivered when the process died', async () => {
    // Prepare: the first process accepts an event and is still delivering it when it "dies".
    const dir = await tempDir();
    const first = target({ mode: 'hang' });
    const bus1 = await busOn(dir, first.fn);
    cleanups.push(async () => {
      first.release();
      await bus1.stop(0);
    });
    const id = await bus1.put(domainEntry(1));
    expect(first.got.map((e) => e.id)).toEqual([id]);

    // Act: a new process on the same data.
    const second = target({ mode: 'ok' });
    const bus2 = await busOn(dir, second.fn);
    cleanups.push(() => bus2.stop(0));
    const replayed = bus2.replayPending();
    await bus2.whenIdle();

    // Assess
    expect(replayed).toBe(1);
    expect(second.got.map((e) => e.id)).toEqual([id]);
  });

  it('does not dispatch again what was delivered, and ignores a write torn by a kill', async () => {
    // Prepare: one event delivered, then a half-written line at the journal's end.
    const dir = await tempDir();
    const ok = target({ mode: 'ok' });
    const bus1 = await busOn(dir, ok.fn);
    await bus1.put(domainEntry(1));
    await bus1.whenIdle();
    await bus1.stop(0);
    await writeFile(join(dir, 'bus', 'journal.jsonl'), '{"op":"put","key":"x/DomainEventsToNot', {
      flag: 'a',
    });

    // Act
    const again = target({ mode: 'ok' });
    const bus2 = await busOn(dir, again.fn);
    cleanups.push(() => bus2.stop(0));
    const replayed = bus2.replayPending();
    await bus2.whenIdle();

    // Assess
    expect(replayed).toBe(0);
    expect(again.got).toEqual([]);
  });

  it('keeps a redriven dead letter when the process dies before the redrive delivered it', async () => {
    // Prepare: the target fails, the event lands in the DLQ.
    const dir = await tempDir();
    const behave: { mode: 'ok' | 'fail' | 'hang' } = { mode: 'fail' };
    const first = target(behave);
    const bus1 = await busOn(dir, first.fn);
    cleanups.push(async () => {
      first.release();
      await bus1.stop(0);
    });
    const id = await bus1.put(domainEntry(1));
    await bus1.whenIdle();
    expect((await bus1.deadLetters('notify')).map((l) => l.event.id)).toEqual([id]);

    // Act: a redrive starts, its delivery never ends (the process dies); a new process starts.
    behave.mode = 'hang';
    void bus1.redrive('notify');
    for (let i = 0; i < 100 && first.got.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(first.got).toHaveLength(2);
    const second = target({ mode: 'ok' });
    const bus2 = await busOn(dir, second.fn);
    cleanups.push(() => bus2.stop(0));
    bus2.replayPending();
    await bus2.whenIdle();

    // Assess: delivered by the new process (the DLQ was emptied by the redrive).
    expect(second.got.map((e) => e.id)).toEqual([id]);
    expect(await bus2.deadLetters('notify')).toEqual([]);
  });
});

describe('Local S3: events lost with the process are raised again at start', () => {
  it('raises "Object Created" again for an object stored by a run that did not stop cleanly', async () => {
    // Prepare: a run whose bus lost the object's event (the process died before it was persisted).
    const dir = await tempDir();
    const raised: PutEntry[] = [];
    const lost = { put: async () => 'lost', putAll: async () => [] } as unknown as LocalBus;
    const kept = {
      put: async (e: PutEntry) => {
        raised.push(e);
        return 'id';
      },
      putAll: async (es: PutEntry[]) => {
        raised.push(...es);
        return es.map(() => 'id');
      },
    } as unknown as LocalBus;
    const s3Options = (bus: LocalBus, port: number) => ({
      port,
      dataDir: join(dir, 's3'),
      bucketName: 'portico-uploads',
      corsOrigins: ['http://localhost:5173'],
      bus,
      markFile: join(dir, 's3-events.json'),
    });
    const run1 = await startS3(s3Options(lost, await freePort()));
    expect(await run1.reconcile()).toBe(0);
    const client = new S3Client({
      endpoint: run1.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    cleanups.push(async () => client.destroy());
    await client.send(
      new PutObjectCommand({ Bucket: 'portico-uploads', Key: 'firms/f/cases/c/u/a.pdf', Body: '%PDF-1.7' }),
    );

    // Act: the next run on the same data (run1 never stopped: no clean-stop mark was written).
    const run2 = await startS3(s3Options(kept, await freePort()));
    cleanups.push(() => run2.stop());
    cleanups.push(() => run1.stop());
    const count = await run2.reconcile();

    // Assess
    expect(count).toBe(1);
    expect(raised.map((e) => [e.DetailType, JSON.parse(e.Detail).object.key])).toEqual([
      ['Object Created', 'firms/f/cases/c/u/a.pdf'],
    ]);
  });
});

describe('Local S3: the upload form tags the object pending, as S3 does', () => {
  it('tags a POSTed object portico-state=pending before its event is raised', async () => {
    // Prepare: a bus that reads the object's tags at the moment its event is raised.
    const dir = await tempDir();
    const port = await freePort();
    const client = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: localCredentials,
    });
    cleanups.push(async () => client.destroy());
    const tagsAtEvent = new Map<string, unknown>();
    const reading = {
      put: async (e: PutEntry) => {
        const key = JSON.parse(e.Detail).object.key as string;
        const res = await client.send(new GetObjectTaggingCommand({ Bucket: 'portico-uploads', Key: key }));
        tagsAtEvent.set(key, res.TagSet ?? []);
        return 'id';
      },
      putAll: async () => [],
    } as unknown as LocalBus;
    const s3 = await startS3({
      port,
      dataDir: join(dir, 's3'),
      bucketName: 'portico-uploads',
      corsOrigins: ['http://localhost:5173'],
      bus: reading,
      markFile: join(dir, 's3-events.json'),
    });
    cleanups.push(() => s3.stop());
    const posted = 'firms/f/cases/c/u1/a.pdf';
    const { url, fields } = await s3Files(client, 'portico-uploads').presignUpload({
      key: posted,
      contentType: 'application/pdf',
      maxBytes: 100,
      expiresInSeconds: 60,
    });

    // Act
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob(['%PDF-1.7'], { type: 'application/pdf' }), 'a.pdf');
    expect((await fetch(url, { method: 'POST', body: form })).status).toBeLessThan(300);
    // The event is raised after the POST answered; the bus reads the tags while the server runs.
    await vi.waitFor(() => expect(tagsAtEvent.size).toBe(1));

    // Assess
    expect(Object.fromEntries(tagsAtEvent)).toEqual({
      [posted]: [{ Key: 'portico-state', Value: 'pending' }],
    });
  });
});
