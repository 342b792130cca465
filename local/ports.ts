// Ports for services whose port is not fixed (tests run several stacks in parallel, next to a
// developer's `npm start`).
//
// Why not simply listen on port 0 and reuse that number: the kernel hands out port-0 listeners
// and outgoing connections from the same ephemeral range, so between the probe and the real
// listen (seconds later, after DynamoDB Local has booted) a client socket of another test worker
// could take the port (CI saw `EADDRINUSE 127.0.0.1:41879`). Ports here come from below that range,
// and each one is claimed by a file under the temp dir so parallel processes never pick the same.

import { randomInt } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Below Linux's default ephemeral range (32768–60999) and above most well-known services. */
const LOW = 20_000;
const HIGH = 32_000;
const claimsDir = join(tmpdir(), 'portico-ports');
const claimed = new Set<string>();

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = randomInt(LOW, HIGH);
    if (!claim(port)) continue;
    if (await canListen(port)) return port;
    release(port);
  }
  throw new Error(`no free port found between ${LOW} and ${HIGH}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Takes the port for this process unless a live process (this one included) holds it. */
function claim(port: number): boolean {
  mkdirSync(claimsDir, { recursive: true });
  const file = join(claimsDir, String(port));
  // A stack picks all its ports before its servers listen: a port this process already handed out
  // is taken even though nothing listens on it yet.
  if (claimed.has(file)) return false;
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
  } catch {
    const holder = Number(readSafe(file));
    if (holder && holder !== process.pid && alive(holder)) return false;
    rmSync(file, { force: true });
    return claim(port);
  }
  if (claimed.size === 0) process.once('exit', releaseAll);
  claimed.add(file);
  return true;
}

function release(port: number): void {
  const file = join(claimsDir, String(port));
  claimed.delete(file);
  rmSync(file, { force: true });
}

function releaseAll(): void {
  for (const file of claimed) rmSync(file, { force: true });
  claimed.clear();
}

function readSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what} did not start within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts `server` on 127.0.0.1:`port`; rejects on a listen error (a port taken meanwhile) instead
 * of leaving the caller waiting for a `listening` that never comes.
 */
export function listenOn<S extends Server>(server: S, port: number): Promise<S> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
