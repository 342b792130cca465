// Internal recipients of a case and the inbox API (staff and portal) through HTTP on the local stack.
import { describe, expect, it } from 'vitest';
import type { InboxOwner } from '../../functions/domain/inbox';
import type { DeliveryKey } from '../../functions/notify/core';
import { deliveryStore } from '../../functions/store/deliveries';
import { inboxWriter } from '../../functions/store/inbox';
import { keys, patterns } from '../../functions/store/keys';
import { call, mintToken, newFirm, newId, partition, type TestFirm, table } from './support/stack';

async function newCase(firm: TestFirm, ownerId = firm.staff.userId): Promise<string> {
  const res = await call('POST', '/cases', {
    token: firm.admin.token,
    body: { title: 'Audit 2025', ownerId },
  });
  expect(res.status).toBe(201);
  return res.body.caseId as string;
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
  const res = await call('GET', `${portal ? '/portal' : ''}/inbox/unread-count`, { token });
  expect(res.status).toBe(200);
  return res.body.unread as number;
};

const titles = async (token: string, portal = false) => {
  const res = await call('GET', `${portal ? '/portal' : ''}/inbox`, { token });
  expect(res.status).toBe(200);
  return (res.body.items as { title: string }[]).map((i) => i.title);
};

describe('Routes: internal recipients', () => {
  it('answers the default (the owner, in-app and email, not saved) until a list is saved', async () => {
    const firm = await newFirm();
    const caseId = await newCase(firm);
    const res = await call('GET', `/cases/${caseId}/recipients`, { token: firm.staff2.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
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
    const before = await partition(keys.recipients(firm.firmId, caseId).PK);
    const put = (recipients: unknown[]) =>
      call('PUT', `/cases/${caseId}/recipients`, { token: firm.admin.token, body: { recipients } });

    // Act + Assess: the owner switched off with nobody else on
    const ownerOff = await put([
      { userId: owner, inApp: false, email: false },
      { userId: firm.staff2.userId, inApp: false, email: false },
    ]);
    expect(ownerOff.status).toBe(422);
    expect(ownerOff.body.code).toBe('owner_required_without_other_recipient');
    expect(ownerOff.body.message).toMatch(/owner/i);
    // the owner removed, and an empty list
    expect((await put([{ userId: firm.staff2.userId, inApp: false, email: false }])).body.code).toBe(
      'owner_required_without_other_recipient',
    );
    expect((await put([])).body.code).toBe('owner_required_without_other_recipient');
    // someone who is not a staff user of this firm
    const stranger = newId();
    const notStaff = await put([
      { userId: owner, inApp: true, email: true },
      { userId: other.staff.userId, inApp: true, email: false },
      { userId: stranger, inApp: false, email: true },
    ]);
    expect(notStaff.status).toBe(422);
    expect(notStaff.body.code).toBe('recipient_not_staff');
    expect(notStaff.body.details.userIds.sort()).toEqual([other.staff.userId, stranger].sort());
    // the same user twice
    const twice = await put([
      { userId: owner, inApp: true, email: true },
      { userId: owner, inApp: false, email: true },
    ]);
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('duplicate_recipient');
    // a malformed body
    expect((await put([{ userId: owner, inApp: 'yes', email: true }])).status).toBe(400);

    expect(await partition(keys.recipients(firm.firmId, caseId).PK)).toEqual(before);
  });

  it("answers 404 for another firm's case, on GET and PUT", async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const caseId = await newCase(firm);
    const get = await call('GET', `/cases/${caseId}/recipients`, { token: other.admin.token });
    expect(get.status).toBe(404);
    expect(get.body.code).toBe('case_not_found');
    const put = await call('PUT', `/cases/${caseId}/recipients`, {
      token: other.admin.token,
      body: { recipients: [{ userId: other.admin.userId, inApp: true, email: true }] },
    });
    expect(put.status).toBe(404);
    expect(await call('GET', `/cases/${newId()}/recipients`, { token: firm.admin.token })).toMatchObject({
      status: 404,
    });
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
    const put = await call('PUT', `/cases/${caseId}/recipients`, {
      token: firm.staff2.token,
      body: { recipients: list },
    });
    // Assess
    expect(put.status).toBe(200);
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
    expect(put.body).toEqual(expected);
    expect((await call('GET', `/cases/${caseId}/recipients`, { token: firm.admin.token })).body).toEqual(
      expected,
    );
    const trail = (await partition(patterns.activityOfCase(firm.firmId, caseId).pk)).filter(
      (i) => i.entity === 'activity' && i.type === 'recipients.updated',
    );
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actor: { kind: 'staff', id: firm.staff2.userId },
      detail: { recipients: list },
    });

    // The owner removed entirely while the admin stays on; the last save wins.
    const second = await call('PUT', `/cases/${caseId}/recipients`, {
      token: firm.admin.token,
      body: { recipients: [{ userId: firm.admin.userId, inApp: true, email: true }] },
    });
    expect(second.status).toBe(200);
    const got = await call('GET', `/cases/${caseId}/recipients`, { token: firm.staff.token });
    expect(got.body.recipients).toEqual([
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
    const page = await call('GET', '/inbox?limit=2', { token });
    expect(page.body.items).toHaveLength(2);
    const rest = await call('GET', `/inbox?limit=2&nextToken=${encodeURIComponent(page.body.nextToken)}`, {
      token,
    });
    expect(rest.body.items.map((i: { itemId: string }) => i.itemId)).toEqual([first]);

    // Act: read one, twice
    const read = await call('POST', `/inbox/${second}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ itemId: second, title: 'second', firmId: firm.firmId });
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await call('POST', `/inbox/${second}/read`, { token });
    expect(again.body).toEqual(read.body);
    expect(await unread(token)).toBe(2);

    // Act: archive an unread item (it is read too) and an already read one
    const archived = await call('POST', `/inbox/${third}/archive`, { token });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(archived.body.readAt).toEqual(expect.any(String));
    expect((await call('POST', `/inbox/${third}/archive`, { token })).body).toEqual(archived.body);
    expect(await unread(token)).toBe(1);
    expect((await call('POST', `/inbox/${second}/archive`, { token })).status).toBe(200);
    expect(await titles(token)).toEqual(['first']);
    expect(await unread(token)).toBe(1);

    // Act: read all
    const all = await call('POST', '/inbox/read-all', { token });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ marked: 1 });
    expect(await unread(token)).toBe(0);
    expect((await call('POST', '/inbox/read-all', { token })).body).toEqual({ marked: 0 });
    // Reading an item already read never takes the counter below zero.
    await call('POST', `/inbox/${first}/read`, { token });
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
      for (const action of ['read', 'archive']) {
        const res = await call('POST', `/inbox/${itemId}/${action}`, { token });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('inbox_item_not_found');
      }
    }
    expect(await unread(firm.staff.token)).toBe(1);
    expect((await call('POST', '/inbox/not-an-id/read', { token: firm.staff.token })).status).toBe(400);
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
    const read = await call('POST', `/portal/inbox/${b1}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ itemId: b1, firmId: firmB.firmId, readAt: expect.any(String) });
    expect(await unread(token, true)).toBe(2);
    const archived = await call('POST', `/portal/inbox/${a1}/archive`, { token });
    expect(archived.status).toBe(200);
    expect(await titles(token, true)).toEqual(['A2', 'B1']);
    expect(await unread(token, true)).toBe(1);
    // Another identity cannot touch them; staff routes refuse contact tokens.
    expect((await call('POST', `/portal/inbox/${a2}/read`, { token: stranger })).status).toBe(404);
    expect((await call('GET', '/inbox', { token })).status).toBe(403);
    expect((await call('GET', '/portal/inbox', { token: firmA.staff.token })).status).toBe(403);

    const all = await call('POST', '/portal/inbox/read-all', { token });
    expect(all.body).toEqual({ marked: 1 });
    expect(await unread(token, true)).toBe(0);
    const counters = [
      ...(await partition(keys.inboxCounter(inA).PK)),
      ...(await partition(keys.inboxCounter(inB).PK)),
    ];
    expect(counters.filter((i) => i.SK === 'COUNTER').map((c) => c.unread)).toEqual([0, 0]);
  });
});
