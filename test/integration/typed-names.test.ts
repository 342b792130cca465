// What people typed, as others see it, on the local stack (issue 13, parts 2 and 6): file names
// that try to lie (a right-to-left override, a path, invisible characters) are shown clean in lists,
// share search, versions, downloads, inbox items and mail, including names stored before the rule;
// subjects arrive as typed (escaped in HTML), chat messages flattened, cut between characters; a
// request with thousands of unknown fields gets a small answer.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { documentKey, inboxItemKey, shareKey } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { PDF, pdfBytes, upload } from './support/files';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { newFirm, settle, type TestFirm, table, urls } from './support/stack';
import { newThread, setup as threadSetup } from './support/threads';

/** The characters the display rule keeps out of every name: bidi controls and invisible formats. */
const HIDDEN = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]/u;
const LONE_SURROGATE = /\p{Cs}/u;

async function newCase(firm: TestFirm, title = 'Year-end 2026'): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

/** The Content-Disposition a presigned download makes S3 answer with. */
const dispositionOf = (url: string) => new URL(url).searchParams.get('response-content-disposition');

describe('Display names of files', () => {
  it('a right-to-left override, a path or invisible characters never reach a list, a download, an inbox item or a mail', async () => {
    // Prepare: a case owned by staff; Carla may upload
    const firm = await newFirm('Names & Co');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });

    // Act: Carla uploads `invoice‮fdp.exe` (shown as "invoiceexe.pdf" by the override); staff a path
    const spoof = await upload(
      caseId,
      carla.token,
      { fileName: 'invoice\u202efdp.exe', contentType: PDF, bytes: pdfBytes() },
      'portal',
    );
    await upload(caseId, firm.staff.token, {
      fileName: '../../etc/\u200bpasswd',
      contentType: 'text/plain',
      bytes: new TextEncoder().encode('root:x:0:0'),
    });
    await settle();

    // Assess: the staff list, the portal list, share search and versions
    const onCase = { params: { path: { caseId } } };
    const staffList = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', onCase);
    expect(staffList.data!.items.map((d) => d.name).sort()).toEqual(['etc_passwd', 'invoicefdp.exe']);
    const portalList = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents', onCase);
    expect(portalList.data!.items.map((d) => d.name)).toEqual(['invoicefdp.exe']);
    const search = await apiAs(firm.staff.token).GET('/cases/{caseId}/shares', {
      params: { path: { caseId }, query: { q: 'invoice' } },
    });
    expect(search.data!.items.map((s) => s.documentName)).toEqual(['invoicefdp.exe']);
    const onDoc = { params: { path: { caseId, documentId: spoof.uploadId } } };
    const versions = await apiAs(firm.staff.token).GET(
      '/cases/{caseId}/documents/{documentId}/versions',
      onDoc,
    );
    expect(versions.data!.items.map((v) => v.fileName)).toEqual(['invoicefdp.exe']);

    // Assess: both downloads name the file without the override, in both filename parameters
    const staffDownload = await apiAs(firm.staff.token).GET(
      '/cases/{caseId}/documents/{documentId}/download',
      onDoc,
    );
    const portalDownload = await apiAs(carla.token).GET(
      '/portal/cases/{caseId}/documents/{documentId}/download',
      onDoc,
    );
    for (const d of [staffDownload, portalDownload]) {
      expect(dispositionOf(d.data!.url)).toBe(
        `attachment; filename="invoicefdp.exe"; filename*=UTF-8''invoicefdp.exe`,
      );
    }

    // Assess: the owner's inbox item and mail of the client upload
    const inbox = await apiAs(firm.staff.token).GET('/inbox');
    const notice = inbox.data!.items.find((i) => i.type === 'document.uploaded');
    expect(notice!.body).toBe('Carla Client uploaded invoicefdp.exe to Year-end 2026');
    const mails = (await mailTo(firm.staff.email)).filter((m) => m.subject.includes('uploaded'));
    expect(mails.map((m) => m.subject)).toEqual(['Carla Client uploaded invoicefdp.exe']);
    for (const part of [mails[0]!.body.text!, mails[0]!.body.html!, notice!.title, notice!.body])
      expect(part).not.toMatch(HIDDEN);
  });

  it('names stored before the rule are shown clean too (lists, downloads, notices of old events)', async () => {
    // Prepare: an uploaded document whose stored names are then set as an older release kept them
    const firm = await newFirm('Old Names LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client', {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    const paulo = await portalContact(firm, caseId, 'Paulo Cliente');
    const ticket = await upload(
      caseId,
      carla.token,
      { fileName: 'statement.pdf', contentType: PDF, bytes: pdfBytes() },
      'portal',
    );
    const documentId = ticket.uploadId;
    const raw = 'old\u202etxt.pdf/../x.exe';
    const set = (key: Record<string, string>, attribute: string) =>
      table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: key,
          UpdateExpression: 'SET #a = :n',
          ExpressionAttributeNames: { '#a': attribute },
          ExpressionAttributeValues: { ':n': raw },
        }),
      );
    await set({ ...documentKey(firm.firmId, caseId, documentId) }, 'name');
    await set({ ...shareKey(firm.firmId, caseId, documentId, carla.contactId) }, 'documentName');
    // The owner's inbox item of the upload, as an older release rendered it (the raw name inside).
    const [ownerItem] = (await apiAs(firm.staff.token).GET('/inbox')).data!.items;
    const owner = { firmId: firm.firmId, kind: 'staff' as const, id: firm.staff.userId };
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { ...inboxItemKey(owner, ownerItem!.itemId) },
        UpdateExpression: 'SET title = :t, body = :b',
        ExpressionAttributeValues: { ':t': `New client upload\u2067 ${raw}`, ':b': `Carla uploaded ${raw}` },
      }),
    );
    await settle();

    // Act
    const onCase = { params: { path: { caseId } } };
    const onDoc = { params: { path: { caseId, documentId } } };
    const staffList = await apiAs(firm.staff.token).GET('/cases/{caseId}/documents', onCase);
    const portalList = await apiAs(carla.token).GET('/portal/cases/{caseId}/documents', onCase);
    const download = await apiAs(carla.token).GET(
      '/portal/cases/{caseId}/documents/{documentId}/download',
      onDoc,
    );
    // Staff share it with Paulo: the share event carries the stored (old) name to the notice.
    const shared = await apiAs(firm.staff.token).PUT('/cases/{caseId}/documents/{documentId}/shares', {
      ...onDoc,
      body: { contactIds: [carla.contactId, paulo.contactId] },
    });
    await settle();

    // Assess
    const inbox = (await apiAs(firm.staff.token).GET('/inbox')).data!.items;
    expect(inbox.map((i) => [i.title, i.body])).toEqual([
      ['New client upload oldtxt.pdf/../x.exe', 'Carla uploaded oldtxt.pdf/../x.exe'],
    ]);
    // Reading and archiving it answer the item as shown too.
    const onItem = { params: { path: { itemId: ownerItem!.itemId } } };
    const read = await apiAs(firm.staff.token).POST('/inbox/{itemId}/read', onItem);
    const archived = await apiAs(firm.staff.token).POST('/inbox/{itemId}/archive', onItem);
    const readAgain = await apiAs(firm.staff.token).POST('/inbox/{itemId}/read', onItem);
    for (const answer of [read, archived, readAgain])
      expect([answer.data!.title, answer.data!.body]).toEqual([
        'New client upload oldtxt.pdf/../x.exe',
        'Carla uploaded oldtxt.pdf/../x.exe',
      ]);
    expect(staffList.data!.items.map((d) => d.name)).toEqual(['oldtxt.pdf_x.exe']);
    expect(portalList.data!.items.map((d) => d.name)).toEqual(['oldtxt.pdf_x.exe']);
    expect(dispositionOf(download.data!.url)).toBe(
      `attachment; filename="oldtxt.pdf_x.exe"; filename*=UTF-8''oldtxt.pdf_x.exe`,
    );
    expect(shared.response.status).toBe(200);
    const mails = (await mailTo(paulo.email)).filter((m) => m.subject.startsWith('New document'));
    expect(mails.map((m) => m.subject)).toEqual(['New document from Old Names LLP: oldtxt.pdf_x.exe']);
    expect(mails[0]!.body.html).not.toMatch(HIDDEN);
  });
});

describe('Texts people typed', () => {
  it('a discussion subject arrives as typed (escaped in HTML), whole characters when cut', async () => {
    // Prepare
    const firm = await newFirm('Subjects LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Client');
    const paulo = await portalContact(firm, caseId, 'Paulo Cliente');
    const publish = (subject: string, contactId: string) =>
      apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
        params: { path: { caseId } },
        body: { subject, message: 'See **below**.', shareWith: [contactId] },
      });

    // Act: markup-like text a person typed, and a subject of emoji longer than a mail subject
    const typed = await publish('Form <W-2> missing & <b>bold</b>', carla.contactId);
    const emoji = await publish('😀'.repeat(100), paulo.contactId);
    await settle();

    // Assess
    expect(typed.response.status).toBe(201);
    expect(emoji.response.status).toBe(201);
    const [mail] = (await mailTo(carla.email)).filter((m) => m.subject.startsWith('New discussion'));
    expect(mail!.subject).toBe('New discussion: Form <W-2> missing & <b>bold</b>');
    expect(mail!.body.text).toContain('Form <W-2> missing & <b>bold</b>');
    expect(mail!.body.html).toContain('Form &lt;W-2&gt; missing &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(mail!.body.html).not.toContain('<b>bold');
    const inbox = await apiAs(carla.token).GET('/portal/inbox');
    expect(inbox.data!.items.map((i) => i.title)).toContain(
      'New discussion: Form <W-2> missing & <b>bold</b>',
    );
    const [cut] = (await mailTo(paulo.email)).filter((m) => m.subject.startsWith('New discussion'));
    expect(cut!.subject).not.toMatch(LONE_SURROGATE);
    expect(cut!.subject).toMatch(/^New discussion: (😀)+…$/u);
    expect(cut!.subject.length).toBeLessThanOrEqual(150);
  });

  it('a chat message reaches the client mail flattened, like discussions and file requests', async () => {
    // Prepare: message context on, so the mail shows the message
    const s = await threadSetup('Flat Chat LLP');
    const saved = await apiAs(s.firm.admin.token).PUT('/settings/client-notifications', {
      body: { showMessageContext: true, taskReminders: { everyDays: 3, maxCount: 3 } },
    });
    expect(saved.response.status).toBe(200);

    // Act
    await newThread(s, {
      subject: 'Docs <2026>',
      message: '**Balance** due:\n- see [the invoice](https://pay.example/i/1)',
    });
    await settle();

    // Assess
    const mail = (await mailTo(s.email)).at(-1)!;
    expect(mail.subject).toBe('New message from Flat Chat LLP: Docs <2026>');
    expect(mail.body.text).toContain('Balance due: see the invoice');
    expect(mail.body.html).toContain('Balance due: see the invoice');
    for (const part of [mail.body.text!, mail.body.html!]) expect(part).not.toMatch(/\*\*|\]\(/);
  });
});

describe('Error bodies', () => {
  it('a request with 10,000 unknown fields answers a small 400 with the first problems and a count', async () => {
    // Prepare
    const firm = await newFirm('Bounded LLP');
    const junk = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]));
    const body = JSON.stringify({ title: 'A case', ...junk });

    // Act: raw fetch, the typed client would not send undeclared fields
    const res = await fetch(`${urls.api}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${firm.staff.token}`, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();

    // Assess
    expect(res.status).toBe(400);
    expect(text.length).toBeLessThan(2_000);
    const answer = JSON.parse(text);
    expect(answer).toMatchObject({ code: 'validation_failed', fieldCount: 1 });
    expect(answer.fields).toEqual([
      {
        path: 'body',
        message: 'has 10000 unknown fields: "field0", "field1", "field2", "field3", "field4" and 9995 more',
      },
    ]);
    const cases = await apiAs(firm.staff.token).GET('/cases');
    expect(cases.data!.items).toEqual([]);
    expect(problem({ error: answer }).code).toBe('validation_failed');
  });
});
