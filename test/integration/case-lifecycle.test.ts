// The case's lifecycle through HTTP on the local stack (issue 18, item 1; decision 0036): rename,
// reassign (the owner rule on saved recipients), close and reopen (a closed case is read-only in the
// portal: uploads, late objects, comments, messages and ticks refused), and the staff list's filters
// and title search, each paged with its cursor.
import { describe, expect, it } from 'vitest';
import { activityOfCasePattern } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { objectExists, PDF, pdfBytes, postToS3 } from './support/files';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { newFirm, partition, settle, type TestFirm } from './support/stack';

const collaborator = { role: 'collaborator', canDownload: true, canUpload: true } as const;

async function newCase(firm: TestFirm, title = 'Tax return 2025', ownerId?: string): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', {
    body: { title, ...(ownerId ? { ownerId } : {}) },
  });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

const activityTypes = async (firmId: string, caseId: string) =>
  (await partition(activityOfCasePattern(firmId, caseId).pk))
    .filter((i) => i.entity === 'activity')
    .map((i) => i.type as string);

const close = (firm: TestFirm, caseId: string) =>
  apiAs(firm.staff.token).POST('/cases/{caseId}/close', { params: { path: { caseId } } });
const reopen = (firm: TestFirm, caseId: string) =>
  apiAs(firm.staff.token).POST('/cases/{caseId}/reopen', { params: { path: { caseId } } });

describe('Routes: the case lifecycle', () => {
  it('renames a case: its activity entry says from what to what, the portal shows the new title, a retry writes nothing, a bad title is 400', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm, 'Tax return 2025');
    const carla = await portalContact(firm, caseId, 'Carla Client');
    const api = apiAs(firm.staff.token);
    // Act
    const renamed = await api.PATCH('/cases/{caseId}', {
      params: { path: { caseId } },
      body: { title: '  Tax return 2025 (amended) ' },
    });
    const again = await api.PATCH('/cases/{caseId}', {
      params: { path: { caseId } },
      body: { title: 'Tax return 2025 (amended)' },
    });
    const empty = await api.PATCH('/cases/{caseId}', { params: { path: { caseId } }, body: { title: ' ' } });
    const nothing = await api.PATCH('/cases/{caseId}', { params: { path: { caseId } }, body: {} });
    // Assess
    expect(renamed.response.status).toBe(200);
    expect(renamed.data).toMatchObject({ caseId, title: 'Tax return 2025 (amended)', status: 'open' });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual(renamed.data);
    expect(empty.response.status).toBe(400);
    expect(problem(empty).code).toBe('validation_failed');
    expect(nothing.response.status).toBe(400);
    const trail = (await partition(activityOfCasePattern(firm.firmId, caseId).pk)).filter(
      (i) => i.type === 'case.renamed',
    );
    expect(trail).toHaveLength(1);
    expect(trail[0]!.detail).toEqual({
      title: 'Tax return 2025 (amended)',
      previousTitle: 'Tax return 2025',
    });
    const got = await api.GET('/cases/{caseId}', { params: { path: { caseId } } });
    expect(got.data!.title).toBe('Tax return 2025 (amended)');
    // The grant's copy of the title follows: the portal's "my cases" shows the new one.
    const mine = await apiAs(carla.token).GET('/portal/cases');
    expect(mine.data!.items.map((c) => c.title)).toEqual(['Tax return 2025 (amended)']);
  });

  it('gives a case another owner: the default recipients follow the owner, a saved list gains them; a user of another firm is refused', async () => {
    // Prepare
    const firm = await newFirm();
    const other = await newFirm();
    const unsaved = await newCase(firm, 'Unsaved list', firm.staff.userId);
    const saved = await newCase(firm, 'Saved list', firm.staff.userId);
    const api = apiAs(firm.admin.token);
    const put = await api.PUT('/cases/{caseId}/recipients', {
      params: { path: { caseId: saved } },
      body: { recipients: [{ userId: firm.staff.userId, inApp: true, email: false }] },
    });
    expect(put.response.status).toBe(200);
    // Act
    const movedUnsaved = await api.PATCH('/cases/{caseId}', {
      params: { path: { caseId: unsaved } },
      body: { ownerId: firm.staff2.userId },
    });
    const movedSaved = await api.PATCH('/cases/{caseId}', {
      params: { path: { caseId: saved } },
      body: { ownerId: firm.staff2.userId, title: 'Saved list, new owner' },
    });
    const retried = await api.PATCH('/cases/{caseId}', {
      params: { path: { caseId: saved } },
      body: { ownerId: firm.staff2.userId, title: 'Saved list, new owner' },
    });
    const stranger = await api.PATCH('/cases/{caseId}', {
      params: { path: { caseId: unsaved } },
      body: { ownerId: other.staff.userId },
    });
    // Assess
    expect(movedUnsaved.data).toMatchObject({ ownerId: firm.staff2.userId });
    const unsavedList = await api.GET('/cases/{caseId}/recipients', {
      params: { path: { caseId: unsaved } },
    });
    expect(unsavedList.data).toMatchObject({
      ownerId: firm.staff2.userId,
      saved: false,
      recipients: [{ userId: firm.staff2.userId, inApp: true, email: true }],
    });
    expect(movedSaved.data).toMatchObject({ ownerId: firm.staff2.userId, title: 'Saved list, new owner' });
    expect(retried.data).toEqual(movedSaved.data);
    const savedList = await api.GET('/cases/{caseId}/recipients', { params: { path: { caseId: saved } } });
    expect(savedList.data!.recipients.map(({ userId, inApp, email }) => ({ userId, inApp, email }))).toEqual([
      { userId: firm.staff.userId, inApp: true, email: false },
      { userId: firm.staff2.userId, inApp: true, email: true },
    ]);
    expect(stranger.response.status).toBe(422);
    expect(problem(stranger).code).toBe('owner_not_staff');
    const types = await activityTypes(firm.firmId, saved);
    expect(types.filter((t) => t === 'case.reassigned')).toHaveLength(1);
    expect(types.filter((t) => t === 'case.renamed')).toHaveLength(1);
    const reassigned = (await partition(activityOfCasePattern(firm.firmId, saved).pk)).find(
      (i) => i.type === 'case.reassigned',
    );
    expect(reassigned!.detail).toEqual({
      ownerId: firm.staff2.userId,
      previousOwnerId: firm.staff.userId,
      ownerAddedToRecipients: true,
    });
  });

  it('closes a case: the contact is told, every portal write answers 403 case_closed, staff still read; reopened, the portal may write again', async () => {
    // Prepare: a collaborator with a thread task, a shared discussion and an upload ticket asked for before the close
    const firm = await newFirm();
    const caseId = await newCase(firm, 'Year-end 2026');
    const carla = await portalContact(firm, caseId, 'Carla Client', collaborator);
    const staff = apiAs(firm.staff.token);
    const portal = apiAs(carla.token);
    const thread = await staff.POST('/cases/{caseId}/threads', {
      params: { path: { caseId } },
      body: { subject: 'Documents', contactIds: [carla.contactId], tasks: ['Send W-2'] },
    });
    expect(thread.response.status).toBe(201);
    const threadId = thread.data!.threadId;
    const taskId = thread.data!.tasks[0]!.taskId;
    // Publishing a discussion is an admin's (Entity Administrator) right.
    const discussion = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
      params: { path: { caseId } },
      body: { subject: 'Questions', message: 'A few questions.', shareWith: 'all' },
    });
    expect(discussion.response.status, JSON.stringify(discussion.error)).toBe(201);
    const discussionId = discussion.data!.discussionId;
    const bytes = pdfBytes('late');
    const early = await portal.POST('/portal/cases/{caseId}/uploads', {
      params: { path: { caseId } },
      body: { fileName: 'late.pdf', contentType: PDF, size: bytes.length },
    });
    expect(early.response.status).toBe(201);
    await settle();
    const mailsBefore = (await mailTo(carla.email)).length;

    // Act: close (twice: the retry changes nothing)
    const closed = await close(firm, caseId);
    const closedAgain = await close(firm, caseId);
    await postToS3(early.data!, bytes, PDF);
    await settle();
    /** Every portal write of the case, in turn: upload ticket, comment, message, tick. */
    const portalWrites = async () => [
      await portal.POST('/portal/cases/{caseId}/uploads', {
        params: { path: { caseId } },
        body: { fileName: 'more.pdf', contentType: PDF, size: 10 },
      }),
      await portal.POST('/portal/cases/{caseId}/discussions/{discussionId}/comments', {
        params: { path: { caseId, discussionId } },
        body: { body: 'One more thing' },
      }),
      await portal.POST('/portal/cases/{caseId}/threads/{threadId}/messages', {
        params: { path: { caseId, threadId } },
        body: { text: 'Hello?' },
      }),
      await portal.PUT('/portal/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done', {
        params: { path: { caseId, threadId, taskId } },
      }),
    ];
    const whileClosed = await portalWrites();

    // Assess: closed once, told once; every portal write refused; reads still work
    expect(closed.response.status).toBe(200);
    expect(closed.data).toMatchObject({
      status: 'closed',
      closedBy: firm.staff.userId,
      closedAt: expect.any(String),
    });
    expect(closedAgain.data).toEqual(closed.data);
    expect(whileClosed).toHaveLength(4);
    for (const refused of whileClosed) {
      expect(refused.response.status).toBe(403);
      expect(problem(refused).code).toBe('case_closed');
    }
    expect(await objectExists(early.data!.key)).toBe(false);
    const intents = (await partition(activityOfCasePattern(firm.firmId, caseId).pk)).filter(
      (i) => i.entity === 'uploadIntent',
    );
    expect(intents.map((i) => [i.status, i.reason])).toEqual([['rejected', 'case_closed']]);
    const mails = (await mailTo(carla.email)).slice(mailsBefore);
    expect(mails.map((m) => m.subject)).toEqual([`${firm.name} closed Year-end 2026`]);
    const inbox = await portal.GET('/portal/inbox');
    expect(inbox.data!.items.filter((i) => i.type === 'case.closed')).toHaveLength(1);
    const types = await activityTypes(firm.firmId, caseId);
    expect(types.filter((t) => t === 'case.closed')).toHaveLength(1);
    expect(types).not.toContain('comment.added');
    const docs = await portal.GET('/portal/cases/{caseId}/documents', { params: { path: { caseId } } });
    expect(docs.response.status).toBe(200);
    const staffView = await staff.GET('/cases/{caseId}', { params: { path: { caseId } } });
    expect(staffView.data!.status).toBe('closed');

    // Act: reopen
    const reopened = await reopen(firm, caseId);
    const afterReopen = await portalWrites();
    // Assess: the portal writes again; a reopen tells nobody
    expect(reopened.data).toMatchObject({ status: 'open' });
    expect(afterReopen.map((r) => r.response.status)).toEqual([201, 201, 201, 200]);
    await settle();
    expect((await mailTo(carla.email)).slice(mailsBefore).map((m) => m.subject)).not.toContain(
      expect.stringContaining('reopen'),
    );
    expect((await activityTypes(firm.firmId, caseId)).filter((t) => t === 'case.reopened')).toHaveLength(1);
  });

  it('lists by status (by title), by owner (open first, newest first) and by title prefix (case and accents folded), each paged with its own cursor', async () => {
    // Prepare
    const firm = await newFirm();
    const mine = firm.staff.userId;
    const theirs = firm.staff2.userId;
    const müller = await newCase(firm, 'Müller GmbH audit', mine);
    const mullerTax = await newCase(firm, 'MULLER tax 2025', theirs);
    const acme = await newCase(firm, 'Acme payroll', mine);
    const zeta = await newCase(firm, 'Zeta closing', mine);
    const bravo = await newCase(firm, 'Bravo closed too', theirs);
    expect((await close(firm, zeta)).response.status).toBe(200);
    expect((await close(firm, bravo)).response.status).toBe(200);
    const api = apiAs(firm.admin.token);
    const all = async (query: Record<string, string | number>) => {
      const ids: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await api.GET('/cases', {
          params: { query: { limit: 1, ...query, ...(nextToken ? { nextToken } : {}) } },
        });
        expect(page.response.status, JSON.stringify(page.error)).toBe(200);
        expect(page.data!.items.length).toBeLessThanOrEqual(1);
        ids.push(...page.data!.items.map((c) => c.caseId));
        nextToken = page.data!.nextToken;
      } while (nextToken);
      return ids;
    };
    // Act & Assess
    expect(await all({ status: 'open' })).toEqual([acme, müller, mullerTax]);
    expect(await all({ status: 'closed' })).toEqual([bravo, zeta]);
    expect(await all({ ownerId: mine })).toEqual([acme, müller, zeta]);
    expect(await all({ ownerId: mine, status: 'closed' })).toEqual([zeta]);
    expect(await all({ ownerId: theirs, status: 'open' })).toEqual([mullerTax]);
    expect(await all({ q: 'mül' })).toEqual([müller, mullerTax]);
    expect(await all({ q: 'Muller G' })).toEqual([müller]);
    expect(await all({ q: 'b', status: 'closed' })).toEqual([bravo]);
    expect(await all({ q: 'zzz' })).toEqual([]);
    expect(await all({})).toEqual([bravo, zeta, acme, mullerTax, müller]);
    // A rename moves the case in the title order at once (its index keys change with it).
    await api.PATCH('/cases/{caseId}', {
      params: { path: { caseId: acme } },
      body: { title: 'Omega payroll' },
    });
    expect(await all({ status: 'open' })).toEqual([müller, mullerTax, acme]);
    // A cursor of one filter is refused by another; q with ownerId is refused.
    const first = await api.GET('/cases', { params: { query: { limit: 1, status: 'open' } } });
    const replayed = await api.GET('/cases', {
      params: { query: { limit: 1, status: 'closed', nextToken: first.data!.nextToken! } },
    });
    expect(replayed.response.status).toBe(400);
    const combined = await api.GET('/cases', { params: { query: { q: 'a', ownerId: mine } } });
    expect(combined.response.status).toBe(400);
    expect(problem(combined).code).toBe('filter_combination');
    const punctuation = await api.GET('/cases', { params: { query: { q: '--' } } });
    expect(problem(punctuation).code).toBe('search_empty');
  });
});
