// The portal demo (/portal-demo/) in a real browser, Debian's Chromium driven by playwright-core,
// against the local stack: an invited client opens the invitation link from the mail, gets a code
// mailed by the local Cognito, types it and sees the case; a contact downloads a shared document,
// uploads a file straight to S3 through the presigned POST (progress bar to 100%), and the staff
// view then shows the client upload and its inbox notification. The test's own API calls go
// through the typed client.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../../local/seed';
import { apiAs } from '../integration/support/client';
import { invitationToken, mailTo, signInCode } from '../integration/support/mail';
import { call, newId, settle, urls } from '../integration/support/stack';
import { CHROMIUM, demoTokens, hasChromium, launchChromium, RESULTS, resultFile, signIn } from './support';

if (!hasChromium)
  console.warn(
    `test/browser skipped: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (CI does, in .ci/run).`,
  );

export const SCREENSHOT = resultFile('portal-demo.png');
export const SIGN_IN_SCREENSHOT = resultFile('portal-demo-sign-in.png');

describe.skipIf(!hasChromium)('Page: portal demo in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs an invited client in from the mailed link with a mailed code (no password) and shows the case', async () => {
    // Prepare: the firm's admin invites a new client to the demo case; the invitation is mailed
    const tokens = await demoTokens();
    const case1 = demo.cases.case1;
    const email = `browser.${newId().toLowerCase()}@client.test`;
    const staff = apiAs(tokens.admin);
    const contact = await staff.POST('/contacts', { body: { name: 'Bea Browser', email } });
    expect(contact.response.status).toBe(201);
    const granted = await staff.PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: case1.caseId, contactId: contact.data!.contactId } },
      body: { role: 'collaborator', canDownload: true, canUpload: true },
    });
    expect(granted.response.status).toBe(200);
    const token = await invitationToken(email);
    const mailsBefore = (await mailTo(email)).length;

    // Act: the link from the mail (the test stack's portal URL is another app's, so the same token
    // is opened on the demo), then "email me a code"
    await page.goto(`${urls.api}/portal-demo/accept?token=${encodeURIComponent(token)}`);
    await page.locator('#invitation-summary', { hasText: case1.title }).waitFor();
    const summary = await page.textContent('#invitation-summary');
    await page.click('#invitation-send-code');
    await page.locator('#code-form').waitFor({ state: 'visible' });
    const mails = await mailTo(email);
    const code = await signInCode(email);

    // Act: a mistyped code first, then the right one
    await page.fill('#signin-code', code === '00000000' ? '11111111' : '00000000');
    await page.click('#code-submit');
    await page.locator('#error', { hasText: 'wrong_code' }).waitFor();
    await page.fill('#signin-code', code);
    await page.click('#code-submit');
    await page.locator('#cases li', { hasText: case1.title }).waitFor();
    await page.screenshot({ path: SIGN_IN_SCREENSHOT, fullPage: true });

    // Assess: one code mail, to the invited address, with the firm's layout; the page signed in,
    // accepted (the link is gone from the address bar) and shows the case with the granted rights
    expect(summary).toContain('Demo Accounting');
    expect(summary).not.toContain(email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)!.subject).toBe('Your sign-in code');
    expect(code).toMatch(/^\d{8}$/);
    expect(await page.textContent('#whoami')).toBe(`Signed in as ${email}`);
    expect(new URL(page.url()).pathname).toBe('/portal-demo/');
    expect(await page.locator('#upload-form').isVisible()).toBe(true);
    expect(await page.locator('#invitation').isHidden()).toBe(true);
    const grants = await staff.GET('/cases/{caseId}/grants', { params: { path: { caseId: case1.caseId } } });
    expect(grants.data!.items.find((g) => g.contactId === contact.data!.contactId)?.status).toBe('active');
    expect(pageErrors).toEqual([]);
    expect(existsSync(SIGN_IN_SCREENSHOT)).toBe(true);
  });

  it('lets a contact download and upload with progress, and shows staff the upload and its notification', async () => {
    // Prepare
    const tokens = await demoTokens();
    const case1 = demo.cases.case1;
    const fileName = `receipts-${Date.now()}.txt`;
    // A few hundred KB, so the upload reports progress before it completes.
    const content = Buffer.from('Receipt 2026-03-14: office supplies, 42.00 EUR\n'.repeat(8000), 'utf8');
    await page.goto(`${urls.api}/portal-demo/`);

    // Act: the contact signs in and sees the case and its shared documents
    await signIn(page, 'contact', 'contact1');
    await page.locator('#cases li', { hasText: case1.title }).waitFor();
    const letter = page.locator('#documents li', { hasText: 'Engagement letter 2026.pdf' });
    await letter.waitFor();

    // Act: download through the presigned GET
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      letter.getByRole('button', { name: 'Download' }).click(),
    ]);
    const downloaded = await readFile((await download.path())!);

    // Act: upload through the presigned POST, straight to S3
    await page.setInputFiles('#file', { name: fileName, mimeType: 'text/plain', buffer: content });
    await page.click('#upload-button');
    await page.locator('#upload-status', { hasText: `${fileName} is in the case documents.` }).waitFor({
      timeout: 30_000,
    });
    const progress = await page.$eval('#upload-progress', (el) => (el as unknown as { value: number }).value);
    const percent = await page.textContent('#upload-percent');
    await page.locator('#documents li', { hasText: fileName }).waitFor();
    const contactBadge = await page.textContent('#contact-unread');

    // Assess: the contact's side
    expect(download.suggestedFilename()).toBe('Engagement letter 2026.pdf');
    expect(downloaded.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await page.textContent('#download-status')).toBe(
      `Downloaded Engagement letter 2026.pdf (${downloaded.length} bytes)`,
    );
    expect(progress).toBe(100);
    expect(percent).toBe('100%');
    const unread = await apiAs(tokens.contact1).GET('/portal/inbox/unread-count');
    expect(contactBadge).toBe(String(unread.data!.unread));
    const uploads = await apiAs(tokens.staff1).GET('/cases/{caseId}/documents', {
      params: { path: { caseId: case1.caseId }, query: { source: 'client' } },
    });
    const uploaded = uploads.data!.items.find((d) => d.name === fileName);
    expect(uploaded).toMatchObject({
      source: 'client',
      size: content.length,
      contentType: 'text/plain',
      uploadedBy: { kind: 'contact', id: demo.contacts.contact1.contactId, name: 'Carla Client' },
    });
    await page.screenshot({ path: join(RESULTS, 'portal-demo-contact.png'), fullPage: true });

    // Act: the notification goes stream → bus → notify; then the case owner opens the staff view
    await settle();
    await signIn(page, 'staff', 'staff1');
    await page.selectOption('#staff-case', case1.caseId);
    await page.click('#staff-refresh');
    const upload = page.locator('#client-uploads li', { hasText: fileName });
    await upload.waitFor();
    const notice = page.locator('#staff-inbox li[data-type="document.uploaded"]', { hasText: fileName });
    await notice.waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // Assess: the staff side
    expect(await upload.textContent()).toContain('by Carla Client');
    expect(await notice.textContent()).toContain(`Carla Client uploaded ${fileName} to ${case1.title}`);
    const inbox = await apiAs(tokens.staff1).GET('/inbox');
    expect(
      inbox.data!.items.filter((i) => i.type === 'document.uploaded' && i.body.includes(fileName)),
    ).toHaveLength(1);
    const staffUnread = await apiAs(tokens.staff1).GET('/inbox/unread-count');
    expect(await page.textContent('#staff-unread')).toBe(String(staffUnread.data!.unread));
    expect(staffUnread.data!.unread).toBeGreaterThan(0);
    expect(await page.locator('#error').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('serves the API reference at /docs from node_modules, one entry per operation of the document', async () => {
    // (That the document covers the route table is the OpenAPI unit test's job.)
    const document = await call<{ paths: Record<string, object> }>('GET', '/docs/openapi.json');
    const operations = Object.values(document.body.paths).reduce(
      (n, item) => n + Object.keys(item).length,
      0,
    );
    const page = await browser!.context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));

    await page.goto(`${urls.api}/docs`);
    await page.locator('.opblock').first().waitFor();

    expect(await page.locator('.info .title').textContent()).toContain('Portico API');
    expect(document.status).toBe(200);
    expect(operations).toBeGreaterThan(0);
    expect(await page.locator('.opblock').count()).toBe(operations);
    // No CDN: everything the page loads comes from the gateway.
    expect(requests.filter((u) => !u.startsWith(urls.api))).toEqual([]);
    await page.close();
  });
});
