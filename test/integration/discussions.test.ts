// Discussions through HTTP on the local stack: an admin publishes and shares, contacts the
// discussion is shared with read and comment, notifications reach the right people (never the one
// who acted), and roles, other contacts and other firms are refused.
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../client/src/index';
import { apiAs, problem } from './support/client';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { newFirm, settle, type TestFirm } from './support/stack';

async function newCase(firm: TestFirm, title = 'Audit 2026'): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

const inboxTypes = async (token: string, portal: boolean) =>
  (portal ? await apiAs(token).GET('/portal/inbox') : await apiAs(token).GET('/inbox')).data!.items.map(
    (i) => i.type,
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
    const body: Schemas['NewDiscussionBody'] = {
      subject: 'Kick-off questions',
      message: 'Hello,\nplease **confirm** the year-end date.',
      shareWith: [carla.contactId, paulo.contactId],
    };
    const onCase = { path: { caseId } };
    const refused = await apiAs(firm.staff.token).POST('/cases/{caseId}/discussions', {
      params: onCase,
      body,
    });
    const published = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
      params: onCase,
      body,
    });
    await settle();

    // Assess
    expect(refused.response.status).toBe(403);
    expect(problem(refused).code).toBe('admin_only');
    expect(published.response.status).toBe(201);
    const discussionId = published.data!.discussionId;
    const onDiscussion = { path: { caseId, discussionId } };
    expect(published.data).toMatchObject({
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
      const listed = await apiAs(c.token).GET('/portal/cases/{caseId}/discussions', { params: onCase });
      expect(listed.data!.items.map((d) => d.discussionId)).toEqual([discussionId]);
      expect(listed.data!.items[0]).not.toHaveProperty('sharedWith');
    }
    // The contact it was not shared with neither hears of it nor sees it
    expect((await mailTo(nora.email)).filter((m) => m.subject.startsWith('New discussion'))).toEqual([]);
    expect(
      (await apiAs(nora.token).GET('/portal/cases/{caseId}/discussions', { params: onCase })).data!.items,
    ).toEqual([]);
    const hidden = await apiAs(nora.token).GET('/portal/cases/{caseId}/discussions/{discussionId}', {
      params: onDiscussion,
    });
    expect(hidden.response.status).toBe(404);
    const noComment = await apiAs(nora.token).POST(
      '/portal/cases/{caseId}/discussions/{discussionId}/comments',
      {
        params: onDiscussion,
        body: { body: 'Me too?' },
      },
    );
    expect(noComment.response.status).toBe(404);
    expect(problem(noComment).code).toBe('discussion_not_found');

    // Act: a viewer comments
    const ownerMailsBefore = (await mailTo(firm.staff.email)).length;
    const comment = await apiAs(carla.token).POST(
      '/portal/cases/{caseId}/discussions/{discussionId}/comments',
      {
        params: onDiscussion,
        body: { body: 'Year-end is 31 December.' },
      },
    );
    await settle();

    // Assess: the case owner (the default internal recipient) hears of it; the commenter does not
    expect(comment.response.status).toBe(201);
    expect(comment.data!.author).toEqual({ kind: 'contact', id: carla.contactId, name: 'Carla Viewer' });
    const ownerMails = (await mailTo(firm.staff.email)).slice(ownerMailsBefore);
    expect(ownerMails.map((m) => m.subject)).toEqual(['New comment on Kick-off questions']);
    expect(ownerMails[0]!.body.text).toContain(`/cases/${caseId}/discussions/${discussionId}`);
    expect(await inboxTypes(firm.staff.token, false)).toContain('comment.added');
    expect(await inboxTypes(carla.token, true)).not.toContain('comment.added');

    // Act: the admin replies; the contacts it is shared with hear of it, the admin does not
    const reply = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions/{discussionId}/comments', {
      params: onDiscussion,
      body: { body: 'Thank you!' },
    });
    await settle();
    expect(reply.response.status).toBe(201);
    expect(await inboxTypes(carla.token, true)).toContain('comment.added');
    expect(await inboxTypes(paulo.token, true)).toContain('comment.added');
    expect(await inboxTypes(nora.token, true)).not.toContain('comment.added');
    expect((await mailTo(firm.admin.email)).filter((m) => m.subject.startsWith('New comment'))).toEqual([]);

    // Comments are listed oldest first, a page at a time, for staff and for the contacts
    const first = await apiAs(firm.staff2.token).GET('/cases/{caseId}/discussions/{discussionId}/comments', {
      params: { ...onDiscussion, query: { limit: 1 } },
    });
    expect(first.data!.items.map((c) => c.body)).toEqual(['Year-end is 31 December.']);
    const second = await apiAs(paulo.token).GET(
      '/portal/cases/{caseId}/discussions/{discussionId}/comments',
      {
        params: { ...onDiscussion, query: { limit: 1, nextToken: first.data!.nextToken } },
      },
    );
    expect(second.data!.items.map((c) => c.body)).toEqual(['Thank you!']);
    const counted = await apiAs(firm.staff.token).GET('/cases/{caseId}/discussions/{discussionId}', {
      params: onDiscussion,
    });
    expect(counted.data).toMatchObject({ commentCount: 2 });
  });

  it('refuses contacts without access, unknown attachments, and another firm', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const carla = await portalContact(firm, caseId, 'Carla');
    const other = await newFirm('Other LLP');
    const otherCase = await newCase(other);
    const stranger = await portalContact(other, otherCase, 'Stranger');
    const publish = (body: Schemas['NewDiscussionBody'], token = firm.admin.token) =>
      apiAs(token).POST('/cases/{caseId}/discussions', { params: { path: { caseId } }, body });

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
    const foreignRead = await apiAs(other.staff.token).GET('/cases/{caseId}/discussions/{discussionId}', {
      params: { path: { caseId, discussionId: ok.data!.discussionId } },
    });
    const foreignPortal = await apiAs(stranger.token).GET('/portal/cases/{caseId}/discussions', {
      params: { path: { caseId } },
    });

    // Assess
    expect(noAccess.response.status).toBe(422);
    expect(noAccess.error).toMatchObject({
      code: 'contact_without_access',
      details: { contactIds: [stranger.contactId] },
    });
    expect(badAttachment.response.status).toBe(422);
    expect(problem(badAttachment).code).toBe('attachment_not_found');
    expect(foreign.response.status).toBe(404);
    expect(ok.response.status).toBe(201);
    expect(ok.data!.sharedWith).toEqual([carla.contactId]);
    expect(foreignRead.response.status).toBe(404);
    expect(foreignPortal.response.status).toBe(404);
  });
});
