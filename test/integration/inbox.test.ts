// Internal recipients of a case and the inbox API (staff and portal) through HTTP on the local stack.
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../client/src/index';
import type { InboxOwner } from '../../functions/domain/inbox';
import type { DeliveryKey } from '../../functions/notify/core';
import { deliveryStore } from '../../functions/store/deliveries';
import { inboxWriter } from '../../functions/store/inbox';
import { activityOfCasePattern, inboxCounterKey, recipientsKey } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { call, mintToken, newFirm, newId, partition, type TestFirm, table } from './support/stack';

async function newCase(firm: TestFirm, ownerId = firm.staff.userId): Promise<string> {
  const res = await apiAs(firm.admin.token).POST('/cases', { body: { title: 'Audit 2025', ownerId } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

/** Puts an item in an inbox the way the notify core does: claim the delivery, then the in-app transaction. */
async function deliver(owner: InboxOwner, title: string, identityId?: string): Promise<string> {
  const eventId = newId();
  const itemId = newId();
  const key: DeliveryKey = {
    firmId: owner.firmId,
    eventId,
    recipient: `${owner.kind}-${owner.id}`,
    channel: 'inApp',
  };
  expect(
    await deliveryStore(table).claim(key, { type: 'document.uploaded', now: new Date(), leaseMs: 30_000 }),
  ).toBe('claimed');
  const at = new Date().toISOString();
  const done = await inboxWriter(table).deliverInApp({
    key,
    owner,
    ...(identityId ? { identityId } : {}),
    item: {
      itemId,
      firmId: owner.firmId,
      eventId,
      type: 'document.uploaded',
      title,
      body: `${title} body`,
      createdAt: at,
    },
    at,
  });
  expect(done).toBe(true);
  return itemId;
}

const unread = async (token: string, portal = false) => {
  const api = apiAs(token);
  const res = portal ? await api.GET('/portal/inbox/unread-count') : await api.GET('/inbox/unread-count');
  expect(res.response.status).toBe(200);
  return res.data!.unread;
};

const titles = async (token: string, portal = false) => {
  const api = apiAs(token);
  const res = portal ? await api.GET('/portal/inbox') : await api.GET('/inbox');
  expect(res.response.status).toBe(200);
  return res.data!.items.map((i) => i.title);
};

const recipientsOf = (caseId: string, token: string) =>
  apiAs(token).GET('/cases/{caseId}/recipients', { params: { path: { caseId } } });

type RecipientsBody = Schemas['RecipientsBody'];

const saveRecipients = (caseId: string, token: string, recipients: RecipientsBody['recipients']) =>
  apiAs(token).PUT('/cases/{caseId}/recipients', { params: { path: { caseId } }, body: { recipients } });

/** Reads or archives an item of the staff inbox. */
const act = (token: string, itemId: string, action: 'read' | 'archive') =>
  action === 'read'
    ? apiAs(token).POST('/inbox/{itemId}/read', { params: { path: { itemId } } })
    : apiAs(token).POST('/inbox/{itemId}/archive', { params: { path: { itemId } } });

describe('Routes: internal recipients', () => {
  it('answers the default (the owner, in-app and email, not saved) until a list is saved', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const res = await recipientsOf(caseId, firm.staff2.token);
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({
      caseId,
      ownerId: firm.staff.userId,
      recipients: [{ userId: firm.staff.userId, name: firm.staff.name, inApp: true, email: true }],
      saved: false,
    });
  });

  it('refuses a list that breaks a rule with 422 and a clear code, and writes nothing', async () => {
    // Prepare
    const firm = await newFirm();
    const other = await newFirm();
    const caseId = await newCase(firm);
    const owner = firm.staff.userId;
    const before = await partition(recipientsKey(firm.firmId, caseId).PK);
    const put = (recipients: RecipientsBody['recipients']) =>
      saveRecipients(caseId, firm.admin.token, recipients);

    // Act + Assess: the owner switched off with nobody else on
    const ownerOff = await put([
      { userId: owner, inApp: false, email: false },
      { userId: firm.staff2.userId, inApp: false, email: false },
    ]);
    expect(ownerOff.response.status).toBe(422);
    expect(problem(ownerOff).code).toBe('owner_required_without_other_recipient');
    expect(ownerOff.error!.message).toMatch(/owner/i);
    // the owner removed, and an empty list
    expect(problem(await put([{ userId: firm.staff2.userId, inApp: false, email: false }])).code).toBe(
      'owner_required_without_other_recipient',
    );
    expect(problem(await put([])).code).toBe('owner_required_without_other_recipient');
    // someone who is not a staff user of this firm
    const stranger = newId();
    const notStaff = await put([
      { userId: owner, inApp: true, email: true },
      { userId: other.staff.userId, inApp: true, email: false },
      { userId: stranger, inApp: false, email: true },
    ]);
    expect(notStaff.response.status).toBe(422);
    expect(problem(notStaff).code).toBe('recipient_not_staff');
    expect((problem(notStaff).details!.userIds as string[]).sort()).toEqual(
      [other.staff.userId, stranger].sort(),
    );
    // the same user twice
    const twice = await put([
      { userId: owner, inApp: true, email: true },
      { userId: owner, inApp: false, email: true },
    ]);
    expect(twice.response.status).toBe(422);
    expect(problem(twice).code).toBe('duplicate_recipient');
    // a malformed body; invalid on purpose: the typed client cannot send it
    const malformed = await call('PUT', `/cases/${caseId}/recipients`, {
      token: firm.admin.token,
      body: { recipients: [{ userId: owner, inApp: 'yes', email: true }] },
    });
    expect(malformed.status).toBe(400);

    expect(await partition(recipientsKey(firm.firmId, caseId).PK)).toEqual(before);
  });

  it("answers 404 for another firm's case, on GET and PUT", async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const caseId = await newCase(firm);
    const get = await recipientsOf(caseId, other.admin.token);
    expect(get.response.status).toBe(404);
    expect(problem(get).code).toBe('case_not_found');
    const put = await saveRecipients(caseId, other.admin.token, [
      { userId: other.admin.userId, inApp: true, email: true },
    ]);
    expect(put.response.status).toBe(404);
    expect((await recipientsOf(newId(), firm.admin.token)).response.status).toBe(404);
  });

  it('saves the whole list with its activity entry; the owner may go off once another recipient is on', async () => {
    // Prepare
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const list = [
      { userId: firm.staff.userId, inApp: false, email: false },
      { userId: firm.staff2.userId, inApp: false, email: true },
      { userId: firm.admin.userId, inApp: true, email: false },
    ];
    // Act
    const put = await saveRecipients(caseId, firm.staff2.token, list);
    // Assess
    expect(put.response.status).toBe(200);
    const expected = {
      caseId,
      ownerId: firm.staff.userId,
      recipients: [
        { ...list[0], name: firm.staff.name },
        { ...list[1], name: firm.staff2.name },
        { ...list[2], name: firm.admin.name },
      ],
      saved: true,
    };
    expect(put.data).toEqual(expected);
    expect((await recipientsOf(caseId, firm.admin.token)).data).toEqual(expected);
    const trail = (await partition(activityOfCasePattern(firm.firmId, caseId).pk)).filter(
      (i) => i.entity === 'activity' && i.type === 'recipients.updated',
    );
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actor: { kind: 'staff', id: firm.staff2.userId },
      detail: { recipients: list },
    });

    // The owner removed entirely while the admin stays on; the last save wins.
    const second = await saveRecipients(caseId, firm.admin.token, [
      { userId: firm.admin.userId, inApp: true, email: true },
    ]);
    expect(second.response.status).toBe(200);
    const got = await recipientsOf(caseId, firm.staff.token);
    expect(got.data!.recipients).toEqual([
      { userId: firm.admin.userId, name: firm.admin.name, inApp: true, email: true },
    ]);
  });
});

describe('Routes: staff inbox', () => {
  it('lists newest first, counts unread exactly, reads idempotently, archives, and reads all', async () => {
    // Prepare
    const firm = await newFirm();
    const owner: InboxOwner = { firmId: firm.firmId, kind: 'staff', id: firm.staff.userId };
    const first = await deliver(owner, 'first');
    const second = await deliver(owner, 'second');
    const third = await deliver(owner, 'third');
    await deliver({ ...owner, id: firm.staff2.userId }, 'for someone else');
    const token = firm.staff.token;

    // Assess: list and count
    expect(await titles(token)).toEqual(['third', 'second', 'first']);
    expect(await unread(token)).toBe(3);
    const api = apiAs(token);
    const page = await api.GET('/inbox', { params: { query: { limit: 2 } } });
    expect(page.data!.items).toHaveLength(2);
    const rest = await api.GET('/inbox', {
      params: { query: { limit: 2, nextToken: page.data!.nextToken } },
    });
    expect(rest.data!.items.map((i) => i.itemId)).toEqual([first]);

    // Act: read one, twice
    const read = await act(token, second, 'read');
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({ itemId: second, title: 'second', firmId: firm.firmId });
    expect(read.data!.readAt).toEqual(expect.any(String));
    const again = await act(token, second, 'read');
    expect(again.data).toEqual(read.data);
    expect(await unread(token)).toBe(2);

    // Act: archive an unread item (it is read too) and an already read one
    const archived = await act(token, third, 'archive');
    expect(archived.response.status).toBe(200);
    expect(archived.data!.archivedAt).toEqual(expect.any(String));
    expect(archived.data!.readAt).toEqual(expect.any(String));
    expect((await act(token, third, 'archive')).data).toEqual(archived.data);
    expect(await unread(token)).toBe(1);
    expect((await act(token, second, 'archive')).response.status).toBe(200);
    expect(await titles(token)).toEqual(['first']);
    expect(await unread(token)).toBe(1);

    // Act: read all
    const all = await api.POST('/inbox/read-all');
    expect(all.response.status).toBe(200);
    expect(all.data).toEqual({ marked: 1 });
    expect(await unread(token)).toBe(0);
    expect((await api.POST('/inbox/read-all')).data).toEqual({ marked: 0 });
    // Reading an item already read never takes the counter below zero.
    await act(token, first, 'read');
    expect(await unread(token)).toBe(0);
    // The other user's inbox is untouched.
    expect(await unread(firm.staff2.token)).toBe(1);
  });

  it("answers 404 for an unknown item and for another user's item", async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const mine = await deliver({ firmId: firm.firmId, kind: 'staff', id: firm.staff.userId }, 'mine');
    for (const [token, itemId] of [
      [firm.staff.token, newId()],
      [firm.staff2.token, mine],
      [other.staff.token, mine],
    ] as const) {
      for (const action of ['read', 'archive'] as const) {
        const res = await act(token, itemId, action);
        expect(res.response.status).toBe(404);
        expect(problem(res).code).toBe('inbox_item_not_found');
      }
    }
    expect(await unread(firm.staff.token)).toBe(1);
    // A path id that is no ULID: the typed client sends any string, the route refuses it.
    expect((await act(firm.staff.token, 'not-an-id', 'read')).response.status).toBe(400);
  });
});

describe('Routes: portal inbox', () => {
  it("lists a contact's items across firms by identity, sums unread, reads and archives", async () => {
    // Prepare: one person, contact of two firms
    const firmA = await newFirm('Firm A');
    const firmB = await newFirm('Firm B');
    const identityId = `identity-${newId()}`;
    const inA: InboxOwner = { firmId: firmA.firmId, kind: 'contact', id: newId() };
    const inB: InboxOwner = { firmId: firmB.firmId, kind: 'contact', id: newId() };
    const a1 = await deliver(inA, 'A1', identityId);
    const b1 = await deliver(inB, 'B1', identityId);
    const a2 = await deliver(inA, 'A2', identityId);
    const token = await mintToken({ sub: identityId });
    const stranger = await mintToken({ sub: `identity-${newId()}` });

    // Assess
    expect(await titles(token, true)).toEqual(['A2', 'B1', 'A1']);
    expect(await unread(token, true)).toBe(3);
    expect(await titles(stranger, true)).toEqual([]);
    expect(await unread(stranger, true)).toBe(0);

    // Act: read and archive through the portal
    const portal = apiAs(token);
    const read = await portal.POST('/portal/inbox/{itemId}/read', { params: { path: { itemId: b1 } } });
    expect(read.response.status).toBe(200);
    expect(read.data).toMatchObject({ itemId: b1, firmId: firmB.firmId, readAt: expect.any(String) });
    expect(await unread(token, true)).toBe(2);
    const archived = await portal.POST('/portal/inbox/{itemId}/archive', {
      params: { path: { itemId: a1 } },
    });
    expect(archived.response.status).toBe(200);
    expect(await titles(token, true)).toEqual(['A2', 'B1']);
    expect(await unread(token, true)).toBe(1);
    // Another identity cannot touch them; each pool's authorizer refuses the other pool's tokens.
    expect(
      (await apiAs(stranger).POST('/portal/inbox/{itemId}/read', { params: { path: { itemId: a2 } } }))
        .response.status,
    ).toBe(404);
    expect((await portal.GET('/inbox')).response.status).toBe(401);
    expect((await apiAs(firmA.staff.token).GET('/portal/inbox')).response.status).toBe(401);

    const all = await portal.POST('/portal/inbox/read-all');
    expect(all.data).toEqual({ marked: 1 });
    expect(await unread(token, true)).toBe(0);
    const counters = [
      ...(await partition(inboxCounterKey(inA).PK)),
      ...(await partition(inboxCounterKey(inB).PK)),
    ];
    expect(counters.filter((i) => i.SK === 'COUNTER').map((c) => c.unread)).toEqual([0, 0]);
  });
});
