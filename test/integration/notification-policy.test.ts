import { describe, expect, it } from 'vitest';
import { NOTIFICATION_CATEGORIES, NOTIFYING_EVENT_TYPES } from '../../functions/domain/notification-matrix';
import { deliveryStore } from '../../functions/store/deliveries';
import { recordClientUpload } from './support/events';
import { mailTo } from './support/mail';
import { portalContact } from './support/portal';
import { call, newFirm, newId, settle, type TestFirm, table } from './support/stack';

const allCategoriesOn = () =>
  Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((c) => [c, { inApp: true, email: true, push: true }]),
  ) as Record<string, { inApp: boolean; email: boolean; push: boolean }>;

const allOn = () =>
  Object.fromEntries(NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]));

async function newCase(firm: TestFirm) {
  const created = await call('POST', '/cases', {
    token: firm.admin.token,
    body: { title: 'Payroll 2026', ownerId: firm.staff.userId },
  });
  const contact = await call('POST', '/contacts', {
    token: firm.admin.token,
    body: { name: 'Dora', email: `dora.${newId().toLowerCase()}@client.test` },
  });
  return { caseId: created.body.caseId as string, contactId: contact.body.contactId as string };
}

const summary = (items: Record<string, unknown>[]) =>
  items
    .map((d) => [(d.recipient as { id: string }).id, d.channel, d.status, d.reason ?? null])
    .sort((a, b) => String(a).localeCompare(String(b)));

describe('Route: /settings/notifications', () => {
  it('starts with every cell on and access notices locked, and saves the whole matrix explicitly', async () => {
    const firm = await newFirm();

    const first = await call('GET', '/settings/notifications', { token: firm.admin.token });
    expect(first.status).toBe(200);
    expect(first.body.matrix).toEqual(allOn());
    expect(first.body.locked).toEqual(['invitation.sent']);
    expect(first.body.events).toContainEqual({
      type: 'document.uploaded',
      category: 'documents',
      label: 'A client uploads a file',
      locked: false,
    });
    expect(first.body.updatedAt).toBeUndefined();

    const matrix = allOn();
    matrix['comment.added'] = { inApp: true, email: false, push: true };
    const put = await call('PUT', '/settings/notifications', {
      token: firm.admin.token,
      body: { matrix, mandatory: [] },
    });
    expect(put.status).toBe(200);
    expect(put.body.matrix['comment.added']).toEqual({ inApp: true, email: false, push: true });
    expect(put.body.updatedBy).toBe(firm.admin.userId);

    const again = await call('GET', '/settings/notifications', { token: firm.admin.token });
    expect(again.body.matrix).toEqual(matrix);
  });

  it('refuses to switch a locked access notice off (422) or to save part of the matrix (400), writing nothing', async () => {
    const firm = await newFirm();
    const locked = allOn();
    locked['invitation.sent'] = { inApp: true, email: false, push: true };
    locked['comment.added'] = { inApp: false, email: false, push: true };

    const refused = await call('PUT', '/settings/notifications', {
      token: firm.admin.token,
      body: { matrix: locked, mandatory: [] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('notification_locked');

    const { 'comment.added': _, ...partial } = allOn();
    const bad = await call('PUT', '/settings/notifications', {
      token: firm.admin.token,
      body: { matrix: partial, mandatory: [] },
    });
    expect(bad.status).toBe(400);

    const unknown = await call('PUT', '/settings/notifications', {
      token: firm.admin.token,
      body: { matrix: { ...allOn(), 'case.created': { inApp: true, email: true, push: true } } },
    });
    expect(unknown.status).toBe(400);

    const staff = await call('PUT', '/settings/notifications', {
      token: firm.staff.token,
      body: { matrix: allOn(), mandatory: [] },
    });
    expect(staff.status).toBe(403);

    const after = await call('GET', '/settings/notifications', { token: firm.admin.token });
    expect(after.body.matrix).toEqual(allOn());
    expect(after.body.updatedAt).toBeUndefined();
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
      (
        await call('PUT', '/settings/notifications', {
          token: firm.admin.token,
          body: { matrix, mandatory: [] },
        })
      ).status,
    ).toBe(200);

    // Act
    const event = await recordClientUpload(firm, caseId, contactId);

    // Assess: the owner (default recipient) got the in-app item, no mail
    const inbox = await call('GET', '/inbox', { token: firm.staff.token });
    expect(inbox.body.items.map((i: { eventId: string }) => i.eventId)).toEqual([event.eventId]);
    expect(await mailTo(firm.staff.email)).toHaveLength(0);

    // Assess: delivery status of the event explains the mail not sent
    const byEvent = await call('GET', `/deliveries/${event.eventId}`, { token: firm.staff2.token });
    expect(byEvent.status).toBe(200);
    expect(summary(byEvent.body.items)).toEqual(
      summary([
        { recipient: { id: firm.staff.userId }, channel: 'email', status: 'suppressed', reason: 'policy' },
        { recipient: { id: firm.staff.userId }, channel: 'inApp', status: 'sent' },
      ]),
    );
    for (const d of byEvent.body.items)
      expect(d).toMatchObject({ eventId: event.eventId, caseId, type: 'document.uploaded' });
    expect(byEvent.body.items.find((d: { status: string }) => d.status === 'sent').at).toEqual(
      expect.any(String),
    );

    // Act: switch email back on; a second upload is mailed
    expect(
      (
        await call('PUT', '/settings/notifications', {
          token: firm.admin.token,
          body: { matrix: allOn(), mandatory: [] },
        })
      ).status,
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
    const page1 = await call('GET', `/cases/${caseId}/deliveries?limit=2`, { token: firm.staff.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((d: { eventId: string }) => d.eventId)).toEqual([
      second.eventId,
      second.eventId,
    ]);
    expect(page1.body.nextToken).toEqual(expect.any(String));
    const page2 = await call(
      'GET',
      `/cases/${caseId}/deliveries?limit=2&nextToken=${encodeURIComponent(page1.body.nextToken)}`,
      {
        token: firm.staff.token,
      },
    );
    expect(page2.body.items.map((d: { eventId: string }) => d.eventId)).toEqual([
      event.eventId,
      event.eventId,
    ]);
    expect(summary(page1.body.items).map((r) => r[2])).toEqual(['sent', 'sent']);

    // Assess: another firm sees nothing of it
    const foreignEvent = await call('GET', `/deliveries/${event.eventId}`, { token: other.staff.token });
    expect(foreignEvent.body.items).toEqual([]);
    const foreignCase = await call('GET', `/cases/${caseId}/deliveries`, { token: other.staff.token });
    expect(foreignCase.status).toBe(404);
  });
});

describe('Route: /me/preferences and /portal/me/preferences', () => {
  it('lets staff switch a category off for themselves, except what the firm made mandatory, and notify honours it', async () => {
    // Prepare: the firm makes discussions mandatory
    const firm = await newFirm();
    const { caseId, contactId } = await newCase(firm);
    const marked = await call('PUT', '/settings/notifications', {
      token: firm.admin.token,
      body: { matrix: allOn(), mandatory: ['discussions'] },
    });
    expect(marked.body.mandatory).toEqual(['discussions', 'access']);

    const first = await call('GET', '/me/preferences', { token: firm.staff.token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ preferences: allCategoriesOn(), mandatory: ['discussions', 'access'] });

    // Act: a mandatory category refused, whole save otherwise
    const refused = allCategoriesOn();
    refused.discussions = { inApp: true, email: false, push: true };
    const no = await call('PUT', '/me/preferences', {
      token: firm.staff.token,
      body: { preferences: refused },
    });
    expect(no.status).toBe(422);
    expect(no.body.code).toBe('category_mandatory');
    const prefs = allCategoriesOn();
    prefs.documents = { inApp: true, email: false, push: true };
    const yes = await call('PUT', '/me/preferences', {
      token: firm.staff.token,
      body: { preferences: prefs },
    });
    expect(yes.status).toBe(200);
    expect((await call('GET', '/me/preferences', { token: firm.staff.token })).body.preferences).toEqual(
      prefs,
    );
    // Another staff user's preferences are their own
    expect((await call('GET', '/me/preferences', { token: firm.staff2.token })).body.preferences).toEqual(
      allCategoriesOn(),
    );

    // Act: a client upload tells the owner in-app only
    const event = await recordClientUpload(firm, caseId, contactId);

    // Assess
    expect(await mailTo(firm.staff.email)).toHaveLength(0);
    const byEvent = await call('GET', `/deliveries/${event.eventId}`, { token: firm.staff.token });
    expect(summary(byEvent.body.items)).toEqual(
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
    const initial = await call('GET', '/portal/me/preferences', { token: dora.token });
    expect(initial.body).toEqual({ preferences: allCategoriesOn(), mandatory: ['access'] });

    const access = allCategoriesOn();
    access.access = { inApp: false, email: true, push: true };
    const no = await call('PUT', '/portal/me/preferences', {
      token: dora.token,
      body: { preferences: access },
    });
    expect(no.status).toBe(422);
    expect(no.body.code).toBe('category_mandatory');
    const partial = await call('PUT', '/portal/me/preferences', {
      token: dora.token,
      body: { preferences: { documents: { inApp: true, email: true, push: true } } },
    });
    expect(partial.status).toBe(400);

    const prefs = allCategoriesOn();
    prefs.discussions = { inApp: true, email: false, push: true };
    const yes = await call('PUT', '/portal/me/preferences', {
      token: dora.token,
      body: { preferences: prefs },
    });
    expect(yes.status).toBe(200);
    const mailsBefore = (await mailTo(dora.email)).length;

    // Act: the firm (an admin: publishing is theirs) shares a discussion with Dora
    const published = await call('POST', `/cases/${caseId}/discussions`, {
      token: firm.admin.token,
      body: { subject: 'Your payslips', message: 'Please review.', shareWith: [dora.contactId] },
    });
    expect(published.status).toBe(201);
    await settle();

    // Assess: in-app item, no mail, and the case's delivery status says why
    expect(await mailTo(dora.email)).toHaveLength(mailsBefore);
    const inbox = await call('GET', '/portal/inbox', { token: dora.token });
    expect(inbox.body.items.map((i: { type: string }) => i.type)).toContain('discussion.published');
    const byCase = await call('GET', `/cases/${caseId}/deliveries`, { token: firm.staff.token });
    const toDora = byCase.body.items.filter(
      (d: { type: string; recipient: { id: string } }) =>
        d.type === 'discussion.published' && d.recipient.id === dora.contactId,
    );
    expect(summary(toDora)).toEqual(
      summary([
        { recipient: { id: dora.contactId }, channel: 'email', status: 'suppressed', reason: 'preference' },
        { recipient: { id: dora.contactId }, channel: 'inApp', status: 'sent' },
      ]),
    );
  });
});
