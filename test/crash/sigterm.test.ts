// SIGTERM to the `npm start` pid (what a process manager or an IDE sends) stops the whole local
// stack: no node, sh, tsx or java process and no port is left behind.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  alive,
  claimPorts,
  killGroup,
  portFree,
  processTree,
  type RunningStack,
  sleep,
  startStack,
} from './support';

let dataDir = '';
let stack: RunningStack | undefined;
let leftovers: number[] = [];

afterAll(async () => {
  // Whatever the outcome, nothing of this test may outlive it.
  if (stack) await killGroup(stack);
  for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Crash: SIGTERM', () => {
  it('SIGTERM to the npm start process stops every process of the stack and frees every port', async () => {
    // Prepare
    dataDir = await mkdtemp(join(tmpdir(), 'portico-sigterm-'));
    const ports = await claimPorts();
    stack = await startStack(dataDir, ports);
    const tree = processTree(stack.pid);
    leftovers = tree.map((p) => p.pid);
    expect(
      tree.some((p) => p.cmd.startsWith('java ')),
      tree.map((p) => p.cmd).join('\n'),
    ).toBe(true);

    // Act: the signal goes to the npm process only, not to its group.
    const started = Date.now();
    process.kill(stack.pid, 'SIGTERM');
    const code = await Promise.race([stack.exited, sleep(60_000).then(() => 'timeout' as const)]);
    // Children other than npm's own (DynamoDB Local's guard runs in its own group) get a moment.
    const deadline = Date.now() + 10_000;
    while (tree.some((p) => alive(p.pid)) && Date.now() < deadline) await sleep(200);
    const stoppedMs = Date.now() - started;

    // Assess
    const left = tree.filter((p) => alive(p.pid));
    const busy: number[] = [];
    for (const port of Object.values(ports)) if (!(await portFree(port))) busy.push(port);
    console.log(
      `sigterm: processes=${tree.length} left=${left.length} ports=${Object.keys(ports).length} busy=${busy.length} exit=${String(code)} stopped in ${stoppedMs} ms`,
    );
    expect(code, stack.output().slice(-2000)).toBe(0);
    expect(left.map((p) => p.cmd)).toEqual([]);
    expect(busy).toEqual([]);
    expect(stack.output()).toContain('Stopped.');
    stack = undefined;
  });
});
