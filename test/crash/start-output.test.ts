// What `npm start` prints, as a developer sees it (no log settings): the "Ready" banner is the last
// thing printed at start, not buried under routine log records of the start-up work (seed events
// through stream → bus → notify), and a warning still shows as one readable line.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { claimPorts, killGroup, type RunningStack, startStack } from './support';

const BANNER_END = 'Ctrl-C stops everything.';
let running: RunningStack | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  if (running) await killGroup(running);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Crash: npm start output', () => {
  it('prints the banner last, with no log records after it while nothing is asked of it', async () => {
    // Prepare: a fresh data dir, so the seed's events go through notify at start
    dataDir = await mkdtemp(join(tmpdir(), 'portico-start-output-'));

    // Act: start with the developer's defaults, then leave it alone for a few seconds
    running = await startStack(dataDir, await claimPorts(), 120_000, {});
    await new Promise((r) => setTimeout(r, 4000));
    const output = running.output();

    // Assess
    const afterBanner = output.slice(output.indexOf('Ready in'));
    expect(afterBanner).toContain(BANNER_END);
    expect(afterBanner.slice(afterBanner.indexOf(BANNER_END) + BANNER_END.length).trim()).toBe('');
    expect(output).not.toMatch(/^\{"level"/m);
  });
});
