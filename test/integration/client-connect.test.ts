// The Client Connect scenario end to end, all through HTTP and the local emulators, as a firm and
// its client live it: internal recipients, invitation by mail, acceptance, sharing, downloads,
// a client upload notifying the firm exactly once, and a replayed S3 event changing nothing.
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { bus, PDF, pdfBytes, postToS3, type UploadTicket, upload } from './support/files';
import { invitationToken, mailTo } from './support/mail';
import { call, mintToken, newFirm, newId, settle, urls } from './support/stack';

describe('Scenario: Client Connect', () => {
  it('invites, shares, downloads, takes a client upload and notifies the firm exactly once', async () => {
    // Given a firm, a case owned by a staff user, and a second staff user who wants mail only
    const firm = await newFirm('Scenario LLP');
    const owner = firm.staff;
    const second = firm.staff2;
    const created = await call('POST', '/cases', { token: owner.token, body: { title: 'Tax return 2026' } });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    const recipients = await call('PUT', `/cases/${caseId}/recipients`, {
      token: owner.token,
      body: {
        recipients: [
          { userId: owner.userId, inApp: true, email: true },
          { userId: second.userId, inApp: false, email: true },
        ],
      },
    });
    expect(recipients.status).toBe(200);

    // When the firm admin grants a contact collaborator access, the invitation arrives by mail
    const email = `carla.${newId().toLowerCase()}@client.test`;
    const contact = await call('POST', '/contacts', {
      token: owner.token,
      body: { name: 'Carla Client', email },
    });
    const contactId = contact.body.contactId as string;
    const granted = await call('PUT', `/cases/${caseId}/grants/${contactId}`, {
      token: firm.admin.token,
      body: { role: 'collaborator', canDownload: true, canUpload: true },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.status).toBe('invited');
    const token = await invitationToken(email, 1);

    // And the contact accepts with the token from that mail
    const contactToken = await mintToken({ sub: `identity-${newId()}`, email });
    const accepted = await call('POST', '/portal/invitations/accept', {
      token: contactToken,
      body: { token },
    });
    expect(accepted.status).toBe(200);
    expect((await call('GET', '/portal/cases', { token: contactToken })).body.items).toMatchObject([
      { caseId, title: 'Tax return 2026', role: 'collaborator' },
    ]);

    // When staff uploads a document and shares it with the contact
    const bytes = pdfBytes('engagement letter');
    const staffTicket = await upload(`/cases/${caseId}/uploads`, owner.token, {
      fileName: 'Engagement letter.pdf',
      contentType: PDF,
      bytes,
    });
    const documentId = staffTicket.uploadId;
    const shared = await call('PUT', `/cases/${caseId}/documents/${documentId}/shares`, {
      token: owner.token,
      body: { contactIds: [contactId] },
    });
    expect(shared.body).toMatchObject({ added: [contactId], removed: [] });

    // Then the contact lists and downloads it
    const mine = await call('GET', `/portal/cases/${caseId}/documents`, { token: contactToken });
    expect(mine.body.items.map((d: { documentId: string }) => d.documentId)).toEqual([documentId]);
    const download = await call('GET', `/portal/cases/${caseId}/documents/${documentId}/download`, {
      token: contactToken,
    });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await (await fetch(download.body.url)).arrayBuffer())).toEqual(bytes);

    // And is refused while canDownload is off
    const rights = (canDownload: boolean) =>
      call('PUT', `/cases/${caseId}/grants/${contactId}`, {
        token: firm.admin.token,
        body: { role: 'collaborator', canDownload, canUpload: true },
      });
    expect((await rights(false)).status).toBe(200);
    const refused = await call('GET', `/portal/cases/${caseId}/documents/${documentId}/download`, {
      token: contactToken,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('download_not_allowed');
    expect((await rights(true)).status).toBe(200);
    await settle();
    const mailsBefore = {
      owner: (await mailTo(owner.email)).length,
      second: (await mailTo(second.email)).length,
    };

    // When the contact uploads through the presigned POST
    const clientBytes = pdfBytes('signed return');
    const ticket = await call('POST', `/portal/cases/${caseId}/uploads`, {
      token: contactToken,
      body: { fileName: 'Signed return.pdf', contentType: PDF, size: clientBytes.length },
    });
    expect(ticket.status).toBe(201);
    await postToS3(ticket.body, clientBytes, PDF);
    const posted = performance.now();
    const item = await waitForInboxItem(owner.token, (i) => i.type === 'document.uploaded');
    const postToInboxMs = performance.now() - posted;
    console.log(
      `client-connect: presigned POST completed → owner inbox item listable in ${postToInboxMs.toFixed(0)} ms`,
    );
    await settle();

    // Then it shows as a client upload, with who uploaded it, and the counts follow
    const clientDocs = await call('GET', `/cases/${caseId}/documents?source=client`, { token: owner.token });
    expect(clientDocs.body.items).toMatchObject([
      { documentId: ticket.body.uploadId, source: 'client', uploadedBy: { kind: 'contact', id: contactId } },
    ]);
    const all = await call('GET', `/cases/${caseId}/documents`, { token: owner.token });
    expect(all.body.items).toHaveLength(2);
    const access = await call('GET', `/cases/${caseId}/grants`, { token: owner.token });
    expect(access.body.items).toMatchObject([{ contactId, status: 'active', sharedCount: 2 }]);

    // And the owner has an inbox item and a mail; the second user a mail only
    expect(item.title).toBe('New client upload');
    expect(item.body).toContain('Signed return.pdf');
    expect((await call('GET', '/inbox/unread-count', { token: owner.token })).body.unread).toBe(1);
    expect((await call('GET', '/inbox', { token: second.token })).body.items).toEqual([]);
    const ownerMails = await mailTo(owner.email);
    const secondMails = await mailTo(second.email);
    expect(ownerMails).toHaveLength(mailsBefore.owner + 1);
    expect(secondMails).toHaveLength(mailsBefore.second + 1);
    expect(ownerMails.at(-1)!.subject).toContain('Signed return.pdf');

    // When the same S3 event is delivered again, nothing new happens
    await replayObjectCreated(ticket.body, clientBytes.length);
    await settle();
    expect((await call('GET', `/cases/${caseId}/documents`, { token: owner.token })).body.items).toHaveLength(
      2,
    );
    expect(
      (await call('GET', `/cases/${caseId}/grants`, { token: owner.token })).body.items[0].sharedCount,
    ).toBe(2);
    expect((await call('GET', '/inbox', { token: owner.token })).body.items).toHaveLength(1);
    expect(await mailTo(owner.email)).toHaveLength(mailsBefore.owner + 1);
    expect(await mailTo(second.email)).toHaveLength(mailsBefore.second + 1);
  });

  it('refuses to switch the owner off while nobody else is told (422)', async () => {
    const firm = await newFirm();
    const created = await call('POST', '/cases', { token: firm.staff.token, body: { title: 'Audit' } });
    const res = await call('PUT', `/cases/${created.body.caseId}/recipients`, {
      token: firm.staff.token,
      body: {
        recipients: [
          { userId: firm.staff.userId, inApp: false, email: false },
          { userId: firm.staff2.userId, inApp: false, email: false },
        ],
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('owner_required_without_other_recipient');
  });
});

interface InboxItem {
  itemId: string;
  type: string;
  title: string;
  body: string;
}

/** Polls the inbox (no settle: this measures how soon the item is listable) for up to 10 s. */
async function waitForInboxItem(token: string, match: (i: InboxItem) => boolean): Promise<InboxItem> {
  const until = Date.now() + 10_000;
  for (;;) {
    const res = await call<{ items: InboxItem[] }>('GET', '/inbox', { token });
    const hit = res.body.items?.find(match);
    if (hit) return hit;
    if (Date.now() > until) throw new Error('no inbox item within 10 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Sends the "Object Created" event of an upload again, as S3 may. */
async function replayObjectCreated(ticket: UploadTicket, size: number) {
  const res = await bus.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: 'default',
          Source: 'aws.s3',
          DetailType: 'Object Created',
          Detail: JSON.stringify({
            version: '0',
            bucket: { name: urls.env.BUCKET_NAME },
            object: { key: ticket.key, size },
            reason: 'PostObject',
          }),
        },
      ],
    }),
  );
  expect(res.FailedEntryCount).toBe(0);
}
