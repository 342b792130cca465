import { describe, expect, it } from 'vitest';
import type { operations } from '../../client/src/index';
import { NOTIFICATION_CATEGORIES, NOTIFYING_EVENT_TYPES } from '../../functions/domain/notification-matrix';
import { deliveryStore } from '../../functions/store/deliveries';
import { apiAs, problem } from './support/client';
import { recordClientUpload } from './support/events';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { call, newFirm, newId, settle, type TestFirm, table } from './support/stack';

type Matrix = operations['putNotificationMatrix']['requestBody']['content']['application/json']['matrix'];
type Preferences =
  operations['putMyPreferences']['requestBody']['content']['application/json']['preferences'];

// Built from the domain's lists, typed as the document says: a list the document does not match fails to compile.
const allCategoriesOn = () =>
  Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((c) => [c, { inApp: true, email: true, push: true }]),
  ) as Preferences;

const allOn = () =>
  Object.fromEntries(
    NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]),
  ) as Matrix;

async function newCase(firm: TestFirm) {
  const created = await apiAs(firm.admin.token).POST('/cases', {
    body: { title: 'Payroll 2026', ownerId: firm.staff.userId },
  });
  const contact = await apiAs(firm.admin.token).POST('/contacts', {
    body: { name: 'Dora', email: `dora.${newId().toLowerCase()}@client.test` },
  });
  return { caseId: created.data!.caseId, contactId: contact.data!.contactId };
}

const summary = (items: Record<string, unknown>[]) =>
  items
    .map((d) => [(d.recipient as { id: string }).id, d.channel, d.status, d.reason ?? null])
    .sort((a, b) => String(a).localeCompare(String(b)));

describe('Route: /settings/notifications', () => {
  it('starts with every cell on and access notices locked, and saves the whole matrix explicitly', async () => {
    const firm = await newFirm();

    const first = await apiAs(firm.admin.token).GET('/settings/notifications');
    expect(first.response.status).toBe(200);
    expect(first.data!.matrix).toEqual(allOn());
    // A case closed is an access notice too (decision 0036): the client learns what it may no longer do.
    expect(first.data!.locked).toEqual(['invitation.sent', 'case.closed']);
    expect(first.data!.events).toContainEqual({
      type: 'document.uploaded',
      category: 'documents',
      label: 'A client uploads a file',
      locked: false,
    });
    expect(first.data!.updatedAt).toBeUndefined();

    const matrix = allOn();
    matrix['comment.added'] = { inApp: true, email: false, push: true };
    const put = await apiAs(firm.admin.token).PUT('/settings/notifications', {
      body: { matrix, mandatory: [] },
    });
    expect(put.response.status).toBe(200);
    expect(put.data!.matrix['comment.added']).toEqual({ inApp: true, email: false, push: true });
    expect(put.data!.updatedBy).toBe(firm.admin.userId);

    const again = await apiAs(firm.admin.token).GET('/settings/notifications');
    expect(again.data!.matrix).toEqual(matrix);
  });

  it('refuses to switch a locked access notice off (422) or to name an event type that notifies nobody (400), writing nothing', async () => {
    const firm = await newFirm();
    const locked = allOn();
    locked['invitation.sent'] = { inApp: true, email: false, push: true };
    locked['comment.added'] = { inApp: false, email: false, push: true };

    const refused = await apiAs(firm.admin.token).PUT('/settings/notifications', {
      body: { matrix: locked, mandatory: [] },
    });
    expect(refused.response.status).toBe(422);
    expect(problem(refused).code).toBe('notification_locked');

    // invalid on purpose: the typed client cannot send it (an event type that notifies nobody)
    const unknown = await call('PUT', '/settings/notifications', {
      token: firm.admin.token,
      body: { matrix: { ...allOn(), 'case.created': { inApp: true, email: true, push: true } } },
    });
    expect(unknown.status).toBe(400);

    const staff = await apiAs(firm.staff.token).PUT('/settings/notifications', {
      body: { matrix: allOn(), mandatory: [] },
    });
    expect(staff.response.status).toBe(403);

    const after = await apiAs(firm.admin.token).GET('/settings/notifications');
    expect(after.data!.matrix).toEqual(allOn());
    expect(after.data!.updatedAt).toBeUndefined();
  });
});

describe('Route: PUT /settings/notifications with a matrix older than the event catalogue', () => {
  it('takes a body that leaves event types out: they keep the default, every channel on', async () => {
    const firm = await newFirm();
    const { 'comment.added': _, 'case.closed': __, ...older } = allOn();
    older['document.uploaded'] = { inApp: true, email: false, push: true };
    const saved = await apiAs(firm.admin.token).PUT('/settings/notifications', {
      body: { matrix: older, mandatory: [] },
    });
    expect(saved.response.status).toBe(200);
    const after = await apiAs(firm.admin.token).GET('/settings/notifications');
    expect(after.data!.matrix['document.uploaded']).toEqual({ inApp: true, email: false, push: true });
    expect(after.data!.matrix['comment.added']).toEqual({ inApp: true, email: true, push: true });
    expect(after.data!.matrix['case.closed']).toEqual({ inApp: true, email: true, push: true });
  });
});

describe('Function: notify with the firm matrix', () => {
  it('suppresses what the firm switched off, records why, and lists deliveries by event and by case', async () => {
    // Prepare: the firm keeps in-app but switches email off for added files
    const firm = await newFirm();
    const other = await newFirm();
    const { caseId, contactId } = await newCase(firm);
    const matrix = allOn();
    matrix['document.uploaded'] = { inApp: true, email: false, push: true };
    expect(
      (await apiAs(firm.admin.token).PUT('/settings/notifications', { body: { matrix, mandatory: [] } }))
        .response.status,
    ).toBe(200);

    // Act
    const event = await recordClientUpload(firm, caseId, contactId);

    // Assess: the owner (default recipient) got the in-app item, no mail
    const inbox = await apiAs(firm.staff.token).GET('/inbox');
    expect(inbox.data!.items.map((i) => i.eventId)).toEqual([event.eventId]);
    expect(await mailTo(firm.staff.email)).toHaveLength(0);

    // Assess: delivery status of the event explains the mail not sent
    const byEvent = await apiAs(firm.staff2.token).GET('/deliveries/{eventId}', {
      params: { path: { eventId: event.eventId } },
    });
    expect(byEvent.response.status).toBe(200);
    expect(summary(byEvent.data!.items)).toEqual(
      summary([
        { recipient: { id: firm.staff.userId }, channel: 'email', status: 'suppressed', reason: 'policy' },
        { recipient: { id: firm.staff.userId }, channel: 'inApp', status: 'sent' },
      ]),
    );
    for (const d of byEvent.data!.items)
      expect(d).toMatchObject({ eventId: event.eventId, caseId, type: 'document.uploaded' });
    expect(byEvent.data!.items.find((d) => d.status === 'sent')!.at).toEqual(expect.any(String));

    // Act: switch email back on; a second upload is mailed
    expect(
      (
        await apiAs(firm.admin.token).PUT('/settings/notifications', {
          body: { matrix: allOn(), mandatory: [] },
        })
      ).response.status,
    ).toBe(200);
    // A retry of the first event (once the channel is on again) finds its suppressed record final
    const retried = await deliveryStore(table).claim(
      {
        firmId: firm.firmId,
        eventId: event.eventId,
        recipient: `staff-${firm.staff.userId}`,
        channel: 'email',
      },
      { type: event.type, caseId, now: new Date(), leaseMs: 1000 },
    );
    expect(retried).toBe('sent');
    expect(await mailTo(firm.staff.email)).toHaveLength(0);
    const second = await recordClientUpload(firm, caseId, contactId);
    expect(await mailTo(firm.staff.email)).toHaveLength(1);

    // Assess: the case lists both events' deliveries, newest event first, one page after another
    const page1 = await apiAs(firm.staff.token).GET('/cases/{caseId}/deliveries', {
      params: { path: { caseId }, query: { limit: 2 } },
    });
    expect(page1.response.status).toBe(200);
    expect(page1.data!.items.map((d) => d.eventId)).toEqual([second.eventId, second.eventId]);
    expect(page1.data!.nextToken).toEqual(expect.any(String));
    const page2 = await apiAs(firm.staff.token).GET('/cases/{caseId}/deliveries', {
      params: { path: { caseId }, query: { limit: 2, nextToken: page1.data!.nextToken } },
    });
    expect(page2.data!.items.map((d) => d.eventId)).toEqual([event.eventId, event.eventId]);
    expect(summary(page1.data!.items).map((r) => r[2])).toEqual(['sent', 'sent']);

    // Assess: another firm sees nothing of it
    const foreignEvent = await apiAs(other.staff.token).GET('/deliveries/{eventId}', {
      params: { path: { eventId: event.eventId } },
    });
    expect(foreignEvent.data!.items).toEqual([]);
    const foreignCase = await apiAs(other.staff.token).GET('/cases/{caseId}/deliveries', {
      params: { path: { caseId } },
    });
    expect(foreignCase.response.status).toBe(404);
  });
});

describe('Route: /me/preferences and /portal/me/preferences', () => {
  it('lets staff switch a category off for themselves, except what the firm made mandatory, and notify honours it', async () => {
    // Prepare: the firm makes discussions mandatory
    const firm = await newFirm();
    const { caseId, contactId } = await newCase(firm);
    const marked = await apiAs(firm.admin.token).PUT('/settings/notifications', {
      body: { matrix: allOn(), mandatory: ['discussions'] },
    });
    expect(marked.data!.mandatory).toEqual(['discussions', 'access']);

    const first = await apiAs(firm.staff.token).GET('/me/preferences');
    expect(first.response.status).toBe(200);
    expect(first.data).toEqual({ preferences: allCategoriesOn(), mandatory: ['discussions', 'access'] });

    // Act: a mandatory category refused, whole save otherwise
    const refused = allCategoriesOn();
    refused.discussions = { inApp: true, email: false, push: true };
    const no = await apiAs(firm.staff.token).PUT('/me/preferences', { body: { preferences: refused } });
    expect(no.response.status).toBe(422);
    expect(problem(no).code).toBe('category_mandatory');
    const prefs = allCategoriesOn();
    prefs.documents = { inApp: true, email: false, push: true };
    const yes = await apiAs(firm.staff.token).PUT('/me/preferences', { body: { preferences: prefs } });
    expect(yes.response.status).toBe(200);
    expect((await apiAs(firm.staff.token).GET('/me/preferences')).data!.preferences).toEqual(prefs);
    // Another staff user's preferences are their own
    expect((await apiAs(firm.staff2.token).GET('/me/preferences')).data!.preferences).toEqual(
      allCategoriesOn(),
    );

    // Act: a client upload tells the owner in-app only
    const event = await recordClientUpload(firm, caseId, contactId);

    // Assess
    expect(await mailTo(firm.staff.email)).toHaveLength(0);
    const byEvent = await apiAs(firm.staff.token).GET('/deliveries/{eventId}', {
      params: { path: { eventId: event.eventId } },
    });
    expect(summary(byEvent.data!.items)).toEqual(
      summary([
        {
          recipient: { id: firm.staff.userId },
          channel: 'email',
          status: 'suppressed',
          reason: 'preference',
        },
        { recipient: { id: firm.staff.userId }, channel: 'inApp', status: 'sent' },
      ]),
    );
  });

  it("keeps a portal user's preferences by identity; access cannot be switched off; a discussion email is suppressed", async () => {
    // Prepare
    const firm = await newFirm();
    const { caseId } = await newCase(firm);
    const dora = await portalContact(firm, caseId, 'Dora Portal');
    const initial = await apiAs(dora.token).GET('/portal/me/preferences');
    expect(initial.data).toEqual({ preferences: allCategoriesOn(), mandatory: ['access'] });

    const access = allCategoriesOn();
    access.access = { inApp: false, email: true, push: true };
    const no = await apiAs(dora.token).PUT('/portal/me/preferences', { body: { preferences: access } });
    expect(no.response.status).toBe(422);
    expect(problem(no).code).toBe('category_mandatory');
    // invalid on purpose: the typed client cannot send it (one category instead of all)
    const partial = await call('PUT', '/portal/me/preferences', {
      token: dora.token,
      body: { preferences: { documents: { inApp: true, email: true, push: true } } },
    });
    expect(partial.status).toBe(400);

    const prefs = allCategoriesOn();
    prefs.discussions = { inApp: true, email: false, push: true };
    const yes = await apiAs(dora.token).PUT('/portal/me/preferences', { body: { preferences: prefs } });
    expect(yes.response.status).toBe(200);
    const mailsBefore = (await mailTo(dora.email)).length;

    // Act: the firm (an admin: publishing is theirs) shares a discussion with Dora
    const published = await apiAs(firm.admin.token).POST('/cases/{caseId}/discussions', {
      params: { path: { caseId } },
      body: { subject: 'Your payslips', message: 'Please review.', shareWith: [dora.contactId] },
    });
    expect(published.response.status).toBe(201);
    await settle();

    // Assess: in-app item, no mail, and the case's delivery status says why
    expect(await mailTo(dora.email)).toHaveLength(mailsBefore);
    const inbox = await apiAs(dora.token).GET('/portal/inbox');
    expect(inbox.data!.items.map((i) => i.type)).toContain('discussion.published');
    const byCase = await apiAs(firm.staff.token).GET('/cases/{caseId}/deliveries', {
      params: { path: { caseId } },
    });
    const toDora = byCase.data!.items.filter(
      (d) => d.type === 'discussion.published' && d.recipient.id === dora.contactId,
    );
    expect(summary(toDora)).toEqual(
      summary([
        { recipient: { id: dora.contactId }, channel: 'email', status: 'suppressed', reason: 'preference' },
        { recipient: { id: dora.contactId }, channel: 'inApp', status: 'sent' },
      ]),
    );
  });
});
