import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../local/seed';
import { apiAs } from '../integration/support/client';
import { pdfBytes, upload } from '../integration/support/files';
import { urls } from '../integration/support/stack';
import { demoTokens, hasChromium, launchChromium, resultFile, signIn } from './support';

export const LIVE_CONTACT_SCREENSHOT = resultFile('live-contact.png');
export const LIVE_STAFF_SCREENSHOT = resultFile('live-staff.png');

/** Signs a demo user in on a fresh page and waits until its live socket is open. */
async function openDemo(page: Page, view: 'contact' | 'staff', user: string) {
  await page.goto(`${urls.api}/portal-demo/`);
  await signIn(page, view, user);
  await page.locator('#live-status[data-status="open"]').waitFor();
  // Marks this document: a reload would lose it.
  await page.evaluate(() => {
    (globalThis as unknown as { loadedOnce: boolean }).loadedOnce = true;
  });
}

const notReloaded = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as { loadedOnce?: boolean }).loadedOnce);

describe.skipIf(!hasChromium)('Page: portal demo, live', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows a staff message in the contact's open chat, and bumps the staff badge on a client upload, without reloads", async () => {
    // Prepare: a chat with the demo contact on its case, then both pages open and live
    const tokens = await demoTokens();
    const case1 = demo.cases.case1;
    const staff = apiAs(tokens.staff1!);
    const thread = await staff.POST('/cases/{caseId}/threads', {
      params: { path: { caseId: case1.caseId } },
      body: { subject: `Live chat ${Date.now()}`, contactIds: [demo.contacts.contact1.contactId] },
    });
    expect(thread.response.status).toBe(201);
    const contactPage = await browser!.context.newPage();
    const staffPage = await browser!.context.newPage();
    for (const p of [contactPage, staffPage]) p.on('pageerror', (err) => pageErrors.push(err.message));
    await openDemo(contactPage, 'contact', 'contact1');
    await contactPage.locator('#chat-subject', { hasText: thread.data!.subject }).waitFor();
    await openDemo(staffPage, 'staff', 'staff1');
    const badgeBefore = Number(await staffPage.textContent('#staff-unread'));

    // Act: staff write in the chat
    const text = `Please send the W-2 (${Date.now()})`;
    const posted = await staff.POST('/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: case1.caseId, threadId: thread.data!.threadId } },
      body: { text },
    });
    expect(posted.response.status).toBe(201);

    // Assess: the contact's open page shows it
    await contactPage.locator('#chat-messages li', { hasText: text }).waitFor({ timeout: 10_000 });
    await contactPage.screenshot({ path: LIVE_CONTACT_SCREENSHOT, fullPage: true });
    expect(await notReloaded(contactPage)).toBe(true);

    // Act: the contact uploads (presigned POST), which notifies the case owner
    await upload(
      case1.caseId,
      tokens.contact1!,
      { fileName: `live-${Date.now()}.pdf`, contentType: 'application/pdf', bytes: pdfBytes('live') },
      'portal',
    );

    // Assess: the staff badge went up on its own, to what the API counts
    const unread = (await staff.GET('/inbox/unread-count')).data!.unread;
    expect(unread).toBeGreaterThan(badgeBefore);
    await staffPage.locator(`#staff-unread[data-count="${unread}"]`).waitFor({ timeout: 10_000 });
    await staffPage.screenshot({ path: LIVE_STAFF_SCREENSHOT, fullPage: true });
    expect(await notReloaded(staffPage)).toBe(true);
    expect(await staffPage.locator('#error').isHidden()).toBe(true);
    expect(await contactPage.locator('#error').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
