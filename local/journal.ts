// Crash-safe files of the local stack: whole-file writes that are atomic (temp file, fsync,
// rename, fsync of the folder) and an append-only journal of JSON lines with group commit and
// compaction, which the local bus keeps its accepted events in (decision 0017).
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `file` with `text` so that a crash leaves either the old or the new content, never an
 * empty or half-written file (a rename within one folder is atomic; the fsyncs make it durable).
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/** Makes a rename or a new file in `dir` durable (a no-op where folders cannot be opened). */
async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not every platform lets a folder be fsynced (Windows); the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}

/**
 * JSON lines appended to one file. `append` resolves once its lines are on disk (fsync), and
 * appends made while a write is running are written together with one fsync (group commit), so
 * a burst of events costs a few fsyncs, not one each. `durable: false` skips the fsync, for records
 * whose loss is harmless (a replay of an idempotent delivery). A torn last line (a kill in the
 * middle of a write) is ignored on load.
 */
export class Journal<T> {
  private handle: FileHandle | undefined;
  private queue: { text: string; durable: boolean; done: (err?: unknown) => void }[] = [];
  private writing: Promise<void> | undefined;
  private linesSinceCompaction = 0;
  private compacting = false;

  constructor(private readonly file: string) {}

  /** Reads every complete record, and opens the journal for appending. */
  async open(): Promise<T[]> {
    await mkdir(dirname(this.file), { recursive: true });
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const records: T[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        records.push(JSON.parse(line) as T);
      } catch {
        // The torn tail of a write cut short by a kill: that append never resolved, so nothing
        // it carried was acknowledged.
      }
    }
    this.linesSinceCompaction = records.length;
    this.handle = await open(this.file, 'a');
    return records;
  }

  /** Lines written since the last compaction (the caller decides when to compact). */
  get size(): number {
    return this.linesSinceCompaction;
  }

  append(records: T[], options: { durable?: boolean } = {}): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
    return new Promise((resolve, reject) => {
      this.queue.push({
        text,
        durable: options.durable !== false,
        done: (err) => (err ? reject(err) : resolve()),
      });
      this.linesSinceCompaction += records.length;
      if (!this.writing && !this.compacting) this.writing = this.flush();
    });
  }

  /**
   * Replaces the journal by what is still live, atomically. `live` is read once the writes in
   * progress are done; appends made meanwhile wait and go to the new file (a record both in the
   * snapshot and appended after it appears twice, which readers must tolerate).
   */
  async compact(live: () => T[]): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      await this.idle();
      const records = live();
      await writeFileAtomic(this.file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
      await this.handle?.close();
      this.handle = await open(this.file, 'a');
      this.linesSinceCompaction = records.length;
    } finally {
      this.compacting = false;
      if (this.queue.length > 0 && !this.writing) this.writing = this.flush();
    }
  }

  async close(): Promise<void> {
    await this.idle();
    await this.handle?.close();
    this.handle = undefined;
  }

  private async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0 && !this.compacting) {
      const batch = this.queue.splice(0);
      try {
        if (!this.handle) throw new Error(`journal ${this.file} is not open`);
        await this.handle.write(batch.map((b) => b.text).join(''));
        if (batch.some((b) => b.durable)) await this.handle.sync();
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.writing = undefined;
  }
}
