// What the browser tests share: Debian's Chromium (skipped without it), where screenshots go, the
// seeded demo users' tokens, and signing a demo user in on the portal demo page.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { call } from '../integration/support/stack';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const RESULTS = resolve(import.meta.dirname, '../../test-results');
export const resultFile = (name: string) => join(RESULTS, name);

/** Tokens of the seeded demo users, by user name (a dev-only endpoint: not in the typed client). */
export async function demoTokens(): Promise<Record<string, string>> {
  const res = await call<{ tokens: { user: string; token: string }[] }>('GET', '/local/tokens');
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.tokens.map((t) => [t.user, t.token]));
}

/** Signs a demo user in on the open demo page, in the given view. */
export async function signIn(page: Page, view: 'contact' | 'staff', user: string) {
  await page.click(`#view-${view}`);
  await page.locator(`#user option[value="${user}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#user', user);
  await page.click('#sign-in');
  await page.locator(`#${view}`).waitFor({ state: 'visible' });
}

/** A headless Chromium with a throwaway profile; `close()` ends it and removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  await mkdir(RESULTS, { recursive: true });
  const userDataDir = await mkdtemp(join(tmpdir(), 'portico-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
