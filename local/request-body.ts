// Reads a request body for the local HTTP emulators, bounded so a huge upload cannot fill memory.
import type { IncomingMessage } from 'node:http';

/** The body as text, or undefined when it is longer than `maxBytes` (the rest is read and dropped). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBytes) chunks.push(c);
    });
    req.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
