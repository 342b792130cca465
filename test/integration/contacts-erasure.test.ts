// A contact's export and erasure (decision 0042). The export returns what the test wrote about the
// contact; the erasure leaves no item of the whole table holding the contact's name, email (also
// hex-encoded, as key claims hold it) or portal identity, in any attribute however nested (the test
// scans the table itself), while the documents it uploaded stay listed and downloadable by staff,
// attributed to "Former contact". The scan's figures are printed for the closing note.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { firmKey } from '../../functions/store/keys';
import { localPushClient } from '../../local/push';
import { apiAs, problem } from './support/client';
import { loggedInContact, loginOf, uniqueWord } from './support/contacts';
import { PDF, pdfBytes, upload } from './support/files';
import { newFirm, partition, settle, table, urls } from './support/stack';

const pushService = localPushClient(urls.push);

interface Scan {
  items: number;
  strings: number;
  /** Where a needle was found: `PK | SK | attribute path`. */
  hits: string[];
}

/** Every item of the table (a Scan: the test's own check, never the product's), every string leaf searched. */
async function scanTable(needles: string[]): Promise<Scan> {
  const wanted = needles.map((n) => n.toLowerCase());
  const out: Scan = { items: 0, strings: 0, hits: [] };
  const visit = (value: unknown, path: string, where: string) => {
    if (typeof value === 'string') {
      out.strings++;
      const lower = value.toLowerCase();
      for (const n of wanted) if (lower.includes(n)) out.hits.push(`${where} | ${path} contains ${n}`);
    } else if (value instanceof Set || Array.isArray(value)) {
      for (const [i, v] of [...value].entries()) visit(v, `${path}[${i}]`, where);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k, where);
  };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new ScanCommand({
        TableName: table.name,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      out.items++;
      visit(item, '', `${item.PK} | ${item.SK}`);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('Routes: GET /contacts/{contactId}/export, POST /contacts/{contactId}/erase', () => {
  it('exports what is held, then erases every personal field of the contact in the table while its uploads stay', async () => {
    // Prepare: a contact with a login on two cases; it uploads a document, writes in a thread,
    // saves preferences and registers a browser for push.
    const firm = await newFirm('Erasure Firm');
    const admin = apiAs(firm.admin.token);
    const [a, b] = await Promise.all([
      admin.POST('/cases', { body: { title: 'Erasure case A' } }),
      admin.POST('/cases', { body: { title: 'Erasure case B' } }),
    ]);
    const caseA = a.data!.caseId;
    const caseB = b.data!.caseId;
    const zed = await loggedInContact(firm, [caseA, caseB], `Zelda ${uniqueWord()}`);
    const portal = apiAs(zed.token);
    const bytes = pdfBytes('payslips of the erased contact');
    const ticket = await upload(
      caseA,
      zed.token,
      { fileName: 'payslips-2026.pdf', contentType: PDF, bytes },
      'portal',
    );
    const thread = await admin.POST('/cases/{caseId}/threads', {
      params: { path: { caseId: caseB } },
      body: { subject: 'Papers', contactIds: [zed.contactId], message: 'Please send the papers.' },
    });
    expect(thread.response.status).toBe(201);
    const posted = await portal.POST('/portal/cases/{caseId}/threads/{threadId}/messages', {
      params: { path: { caseId: caseB, threadId: thread.data!.threadId } },
      body: { text: 'Here they are.' },
    });
    expect(posted.response.status).toBe(201);
    const prefs = (await portal.GET('/portal/me/preferences')).data!.preferences;
    const mine = { ...prefs, discussions: { inApp: true, email: false, push: false } };
    expect(
      (await portal.PUT('/portal/me/preferences', { body: { preferences: mine } })).response.status,
    ).toBe(200);
    const key = await portal.GET('/portal/me/push/public-key');
    const { subscription } = await pushService.subscribe(key.data!.publicKey);
    expect((await portal.POST('/portal/me/push-subscriptions', { body: subscription })).response.status).toBe(
      201,
    );
    await settle();
    const portalInbox = (await portal.GET('/portal/inbox', { params: { query: { limit: 100 } } })).data!
      .items;

    // Act 1: the export (admin only).
    const exported = await admin.GET('/contacts/{contactId}/export', {
      params: { path: { contactId: zed.contactId } },
    });
    const byStaff = await apiAs(firm.staff.token).GET('/contacts/{contactId}/export', {
      params: { path: { contactId: zed.contactId } },
    });

    // Assess 1: what the test wrote is there; no token or token hash is.
    expect(exported.response.status).toBe(200);
    expect(byStaff.response.status).toBe(403);
    const x = exported.data!;
    expect(x.contact).toMatchObject({
      contactId: zed.contactId,
      name: zed.name,
      email: zed.email,
      locale: 'es',
      portalLogin: true,
    });
    expect(x.grants.map((g) => [g.caseId, g.status, g.role]).sort()).toEqual(
      [
        [caseA, 'active', 'collaborator'],
        [caseB, 'active', 'collaborator'],
      ].sort(),
    );
    expect(x.invitations.map((i) => i.caseId).sort()).toEqual([caseA, caseB].sort());
    expect(x.invitations.filter((i) => i.acceptedAt)).toHaveLength(1);
    expect(JSON.stringify(x)).not.toMatch(/token/i);
    expect(x.documents).toEqual([
      expect.objectContaining({ caseId: caseA, documentId: ticket.uploadId, name: 'payslips-2026.pdf' }),
    ]);
    expect(x.preferences?.categories.discussions).toEqual({ inApp: true, email: false, push: false });
    expect(x.pushSubscriptions).toEqual([
      expect.objectContaining({ service: new URL(subscription.endpoint).host }),
    ]);
    expect(JSON.stringify(x)).not.toContain(subscription.endpoint);
    expect(x.inbox.count).toBe(portalInbox.length);
    expect(x.inbox.items.map((i) => i.itemId).sort()).toEqual(portalInbox.map((i) => i.itemId).sort());
    expect(x.truncated).toEqual([]);

    // The scan sees the contact before the erasure (so its silence afterwards means something).
    const needles = [zed.name, zed.email, hex(zed.email), zed.identityId];
    const before = await scanTable(needles);
    expect(before.hits.length).toBeGreaterThan(5);

    // Act 2: the erasure.
    const erased = await admin.POST('/contacts/{contactId}/erase', {
      params: { path: { contactId: zed.contactId } },
    });
    await settle();

    // Assess 2: no item of the table holds the name, the address (plain or hex) or the identity.
    expect(erased.response.status).toBe(200);
    expect(erased.data).toMatchObject({ contactId: zed.contactId, name: '' });
    expect(erased.data!.email).toBeUndefined();
    expect(erased.data!.erasedAt).toEqual(expect.any(String));
    expect(erased.data!.removedAt).toEqual(expect.any(String));
    const after = await scanTable(needles);
    console.log(
      `erasure scan: ${after.items} items scanned (${after.strings} string values, every attribute at any depth, keys included); ` +
        `looked for the name, the email, its hex form and the portal identity; found before the erasure in ${before.hits.length} places, after: ${after.hits.length}; ` +
        `the erasure rewrote ${erased.data!.erased.rewritten} items and deleted ${erased.data!.erased.deleted}`,
    );
    expect(after.hits).toEqual([]);
    // The document stays with the firm: listed, attributed to "Former contact", downloadable.
    const listed = await admin.GET('/cases/{caseId}/documents', { params: { path: { caseId: caseA } } });
    const doc = listed.data!.items.find((d) => d.documentId === ticket.uploadId);
    expect(doc?.uploadedBy).toEqual({ kind: 'contact', id: zed.contactId, name: 'Former contact' });
    const dl = await admin.GET('/cases/{caseId}/documents/{documentId}/download', {
      params: { path: { caseId: caseA, documentId: ticket.uploadId } },
    });
    expect(dl.response.status).toBe(200);
    expect(new Uint8Array(await (await fetch(dl.data!.url)).arrayBuffer())).toEqual(bytes);
    // The case's activity names a former contact.
    const activity = await admin.GET('/cases/{caseId}/activity', { params: { path: { caseId: caseA } } });
    const uploaded = activity.data!.items.find((e) => e.type === 'document.uploaded');
    expect(uploaded?.who.name).toBe('former contact');
    // The login is gone; the portal token answers nothing.
    expect(await loginOf(zed.identityId)).toBeUndefined();
    expect((await portal.GET('/portal/cases')).data!.items).toEqual([]);
    // One entry, without personal data; the repeat writes nothing and answers the erased contact.
    const again = await admin.POST('/contacts/{contactId}/erase', {
      params: { path: { contactId: zed.contactId } },
    });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual({ ...erased.data, erased: { rewritten: 0, deleted: 0 } });
    const trail = await partition(`${firmKey(firm.firmId).PK}#TRAIL`);
    expect(trail.filter((e) => e.type === 'contact.erased').map((e) => e.detail)).toEqual([
      { contactId: zed.contactId },
    ]);
    // An erased contact is not edited back into existence.
    const edited = await admin.PATCH('/contacts/{contactId}', {
      params: { path: { contactId: zed.contactId } },
      body: { name: zed.name },
    });
    expect(edited.response.status).toBe(409);
    expect(problem(edited).code).toBe('contact_erased');
  }, 120_000);

  it('answers 404 for an unknown contact, and 403 to a staff user who is not an admin', async () => {
    const firm = await newFirm('Erasure Refusals Firm');
    const c = await apiAs(firm.admin.token).POST('/contacts', { body: { name: 'Kept Person' } });

    const unknown = await apiAs(firm.admin.token).POST('/contacts/{contactId}/erase', {
      params: { path: { contactId: '01JAAAAAAAAAAAAAAAAAAAAAAA' } },
    });
    const notAdmin = await apiAs(firm.staff.token).POST('/contacts/{contactId}/erase', {
      params: { path: { contactId: c.data!.contactId } },
    });
    const unknownExport = await apiAs(firm.admin.token).GET('/contacts/{contactId}/export', {
      params: { path: { contactId: '01JAAAAAAAAAAAAAAAAAAAAAAA' } },
    });

    expect(unknown.response.status).toBe(404);
    expect(problem(unknown).code).toBe('contact_not_found');
    expect(unknownExport.response.status).toBe(404);
    expect(notAdmin.response.status).toBe(403);
    const listed = await apiAs(firm.admin.token).GET('/contacts');
    expect(listed.data!.items.find((x) => x.contactId === c.data!.contactId)).toMatchObject({
      name: 'Kept Person',
    });
  });
});
