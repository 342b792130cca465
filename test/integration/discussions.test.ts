// Discussions through HTTP on the local stack: an admin publishes and shares, contacts the
// discussion is shared with read and comment, notifications reach the right people (never the one
// who acted), and roles, other contacts and other firms are refused.
import { describe, expect, it } from 'vitest';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { call, newFirm, settle, type TestFirm } from './support/stack';

async function newCase(firm: TestFirm, title = 'Audit 2026'): Promise<string> {
  const res = await call('POST', '/cases', { token: firm.staff.token, body: { title } });
  expect(res.status).toBe(201);
  return res.body.caseId;
}

const inboxTypes = async (token: string, portal: boolean) =>
  (await call('GET', `${portal ? '/portal' : ''}/inbox`, { token })).body.items.map(
    (i: { type: string }) => i.type,
  );

describe('Routes: discussions', () => {
  it('publishes and shares a discussion; a contact comments; notifications reach the others, never the actor', async () => {
    // Prepare: a case owned by staff, three contacts, two of whom the discussion is shared with
    const firm = await newFirm('Discuss LLP');
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla Viewer');
    const paulo = await portalContact(firm, caseId, 'Paulo Collab', {
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
    const nora = await portalContact(firm, caseId, 'Nora Notshared');
    await settle();

    // Act: staff (not admin) may not publish; the admin publishes and shares with two contacts
    const body = {
      subject: 'Kick-off questions',
      message: 'Hello,\nplease **confirm** the year-end date.',
      shareWith: [carla.contactId, paulo.contactId],
    };
    const refused = await call('POST', `/cases/${caseId}/discussions`, { token: firm.staff.token, body });
    const published = await call('POST', `/cases/${caseId}/discussions`, { token: firm.admin.token, body });
    await settle();

    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('admin_only');
    expect(published.status).toBe(201);
    const discussionId = published.body.discussionId as string;
    expect(published.body).toMatchObject({
      subject: 'Kick-off questions',
      sharedWith: [carla.contactId, paulo.contactId],
      commentCount: 0,
      createdBy: { kind: 'staff', id: firm.admin.userId },
    });
    for (const c of [carla, paulo]) {
      const mails = (await mailTo(c.email)).filter((m) => m.subject.startsWith('New discussion'));
      expect(mails).toHaveLength(1);
      expect(mails[0]!.body.text).toContain(`/cases/${caseId}/discussions/${discussionId}`);
      // Detailed notifications are off by default: the message itself stays out of the mail.
      expect(mails[0]!.body.text).not.toContain('year-end');
      expect(await inboxTypes(c.token, true)).toContain('discussion.published');
      const listed = await call('GET', `/portal/cases/${caseId}/discussions`, { token: c.token });
      expect(listed.body.items.map((d: { discussionId: string }) => d.discussionId)).toEqual([discussionId]);
      expect(listed.body.items[0].sharedWith).toBeUndefined();
    }
    // The contact it was not shared with neither hears of it nor sees it
    expect((await mailTo(nora.email)).filter((m) => m.subject.startsWith('New discussion'))).toEqual([]);
    expect(
      (await call('GET', `/portal/cases/${caseId}/discussions`, { token: nora.token })).body.items,
    ).toEqual([]);
    const hidden = await call('GET', `/portal/cases/${caseId}/discussions/${discussionId}`, {
      token: nora.token,
    });
    expect(hidden.status).toBe(404);
    const noComment = await call('POST', `/portal/cases/${caseId}/discussions/${discussionId}/comments`, {
      token: nora.token,
      body: { body: 'Me too?' },
    });
    expect(noComment.status).toBe(404);
    expect(noComment.body.code).toBe('discussion_not_found');

    // Act: a viewer comments
    const ownerMailsBefore = (await mailTo(firm.staff.email)).length;
    const comment = await call('POST', `/portal/cases/${caseId}/discussions/${discussionId}/comments`, {
      token: carla.token,
      body: { body: 'Year-end is 31 December.' },
    });
    await settle();

    // Assess: the case owner (the default internal recipient) hears of it; the commenter does not
    expect(comment.status).toBe(201);
    expect(comment.body.author).toEqual({ kind: 'contact', id: carla.contactId, name: 'Carla Viewer' });
    const ownerMails = (await mailTo(firm.staff.email)).slice(ownerMailsBefore);
    expect(ownerMails.map((m) => m.subject)).toEqual(['New comment on Kick-off questions']);
    expect(ownerMails[0]!.body.text).toContain(`/cases/${caseId}/discussions/${discussionId}`);
    expect(await inboxTypes(firm.staff.token, false)).toContain('comment.added');
    expect(await inboxTypes(carla.token, true)).not.toContain('comment.added');

    // Act: the admin replies; the contacts it is shared with hear of it, the admin does not
    const reply = await call('POST', `/cases/${caseId}/discussions/${discussionId}/comments`, {
      token: firm.admin.token,
      body: { body: 'Thank you!' },
    });
    await settle();
    expect(reply.status).toBe(201);
    expect(await inboxTypes(carla.token, true)).toContain('comment.added');
    expect(await inboxTypes(paulo.token, true)).toContain('comment.added');
    expect(await inboxTypes(nora.token, true)).not.toContain('comment.added');
    expect((await mailTo(firm.admin.email)).filter((m) => m.subject.startsWith('New comment'))).toEqual([]);

    // Comments are listed oldest first, a page at a time, for staff and for the contacts
    const first = await call('GET', `/cases/${caseId}/discussions/${discussionId}/comments?limit=1`, {
      token: firm.staff2.token,
    });
    expect(first.body.items.map((c: { body: string }) => c.body)).toEqual(['Year-end is 31 December.']);
    const second = await call(
      'GET',
      `/portal/cases/${caseId}/discussions/${discussionId}/comments?limit=1&nextToken=${encodeURIComponent(first.body.nextToken)}`,
      { token: paulo.token },
    );
    expect(second.body.items.map((c: { body: string }) => c.body)).toEqual(['Thank you!']);
    const counted = await call('GET', `/cases/${caseId}/discussions/${discussionId}`, {
      token: firm.staff.token,
    });
    expect(counted.body).toMatchObject({ commentCount: 2 });
  });

  it('refuses contacts without access, unknown attachments, and another firm', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla');
    const other = await newFirm('Other LLP');
    const otherCase = await newCase(other);
    const stranger = await portalContact(other, otherCase, 'Stranger');
    const publish = (body: unknown, token = firm.admin.token) =>
      call('POST', `/cases/${caseId}/discussions`, { token, body });

    // Act
    const noAccess = await publish({ subject: 'S', message: 'M', shareWith: [stranger.contactId] });
    const badAttachment = await publish({
      subject: 'S',
      message: 'M',
      shareWith: 'all',
      attachmentDocumentId: stranger.contactId,
    });
    const foreign = await publish({ subject: 'S', message: 'M', shareWith: 'all' }, other.admin.token);
    const ok = await publish({ subject: 'To all', message: 'M', shareWith: 'all' });
    const foreignRead = await call('GET', `/cases/${caseId}/discussions/${ok.body.discussionId}`, {
      token: other.staff.token,
    });
    const foreignPortal = await call('GET', `/portal/cases/${caseId}/discussions`, { token: stranger.token });

    // Assess
    expect(noAccess.status).toBe(422);
    expect(noAccess.body).toMatchObject({
      code: 'contact_without_access',
      details: { contactIds: [stranger.contactId] },
    });
    expect(badAttachment.status).toBe(422);
    expect(badAttachment.body.code).toBe('attachment_not_found');
    expect(foreign.status).toBe(404);
    expect(ok.status).toBe(201);
    expect(ok.body.sharedWith).toEqual([carla.contactId]);
    expect(foreignRead.status).toBe(404);
    expect(foreignPortal.status).toBe(404);
  });
});
