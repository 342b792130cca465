// What the browser tests share: Debian's Chromium (skipped without it), where screenshots go, the
// seeded demo users' tokens, and signing a demo user in on the portal demo page.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
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
