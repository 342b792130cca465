// The crash suite's harness: `npm start` spawned as its own process group on a temp data dir and
// fixed free ports, exactly as a developer or a process manager runs it, so it can be killed
// (SIGKILL to the group, SIGTERM to the npm pid) and started again on the same data.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { freePort } from '../../local/ports';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface StackPorts {
  gateway: number;
  dynamodb: number;
  s3: number;
  ses: number;
  bus: number;
  identity: number;
}

export async function claimPorts(): Promise<StackPorts> {
  return {
    gateway: await freePort(),
    dynamodb: await freePort(),
    s3: await freePort(),
    ses: await freePort(),
    bus: await freePort(),
    identity: await freePort(),
  };
}

export interface RunningStack {
  /** The `npm start` process (leader of its own process group). */
  child: ChildProcess;
  pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  urls: { api: string; mail: string; dynamodb: string; identity: string };
}

/** Spawns `npm start` detached (its own process group) and resolves once it printed "Ready". */
export async function startStack(
  dataDir: string,
  ports: StackPorts,
  timeoutMs = 120_000,
  /** The log settings of the run (the suite's default: warn and above, as JSON records). */
  logEnv: Record<string, string> = { LOG_LEVEL: 'warn', PORTICO_LOG_FORMAT: 'json' },
): Promise<RunningStack> {
  const { LOG_LEVEL: _l, PORTICO_LOG_LEVEL: _p, PORTICO_LOG_FORMAT: _f, ...inherited } = process.env;
  const child = spawn('npm', ['start', '--silent'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      ...logEnv,
      PORTICO_DATA_DIR: dataDir,
      PORT: String(ports.gateway),
      PORTICO_DYNAMODB_PORT: String(ports.dynamodb),
      PORTICO_S3_PORT: String(ports.s3),
      PORTICO_SES_PORT: String(ports.ses),
      PORTICO_BUS_PORT: String(ports.bus),
      PORTICO_IDENTITY_PORT: String(ports.identity),
    },
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const started = Date.now();
  for (;;) {
    if (out.includes('Ready in')) break;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`npm start exited before it was ready:\n${out.slice(-3000)}`);
    if (Date.now() - started > timeoutMs)
      throw new Error(`npm start not ready within ${timeoutMs / 1000}s:\n${out.slice(-3000)}`);
    await sleep(100);
  }
  return {
    child,
    pid: child.pid!,
    output: () => out,
    exited,
    urls: {
      api: `http://localhost:${ports.gateway}`,
      mail: `http://127.0.0.1:${ports.ses}`,
      dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
      identity: `http://127.0.0.1:${ports.identity}`,
    },
  };
}

/** SIGKILL to the whole process group, as `kill -9 -<pgid>` does; waits for the leader to go. */
export async function killGroup(stack: RunningStack): Promise<void> {
  try {
    process.kill(-stack.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await stack.exited;
}

/** Pids of `pid` and every descendant (from /proc), with their command lines. */
export function processTree(pid: number): { pid: number; cmd: string }[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readSafe(join('/proc', entry, 'stat'));
    // The command name (field 2) may hold spaces and parentheses: fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
  }
  const out: { pid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    out.push({
      pid: p,
      cmd: readSafe(join('/proc', String(p), 'cmdline'))
        .replaceAll('\0', ' ')
        .trim(),
    });
    for (const c of parents.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** Is the process alive (and not a zombie waiting for its parent)? */
export function alive(pid: number): boolean {
  const stat = readSafe(join('/proc', String(pid), 'stat'));
  if (!stat) return false;
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

/** Can this process listen on the port (nobody holds it)? */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
