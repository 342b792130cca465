// Cases and contacts through HTTP on the local stack: real tokens, real handlers, real table.
import { describe, expect, it } from 'vitest';
import { keys, patterns } from '../../functions/store/keys';
import { call, mintToken, newFirm, newId, partition, settle } from './support/stack';

describe('Routes: cases', () => {
  it('creates a case owned by the caller, lists it and gets it; the activity trail records it', async () => {
    // Prepare
    const firm = await newFirm();
    // Act
    const created = await call('POST', '/cases', {
      token: firm.staff.token,
      body: { title: 'VAT return Q3', reference: 'VAT-Q3', clientName: 'Acme' },
    });
    // Assess
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'VAT return Q3',
      ownerId: firm.staff.userId,
      status: 'open',
    });
    const caseId = created.body.caseId as string;
    const got = await call('GET', `/cases/${caseId}`, { token: firm.admin.token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    const list = await call('GET', '/cases', { token: firm.staff2.token });
    expect(list.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    const trail = await partition(patterns.activityOfCase(firm.firmId, caseId).pk);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      entity: 'activity',
      type: 'case.created',
      firmId: firm.firmId,
      caseId,
      actor: { kind: 'staff', id: firm.staff.userId },
    });
  });

  it('accepts another staff user of the firm as owner and refuses anyone else with 422', async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const ok = await call('POST', '/cases', {
      token: firm.admin.token,
      body: { title: 'A', ownerId: firm.staff.userId },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.ownerId).toBe(firm.staff.userId);
    const bad = await call('POST', '/cases', {
      token: firm.admin.token,
      body: { title: 'B', ownerId: other.staff.userId },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('owner_not_staff');
  });

  it('pages through cases newest first with an opaque nextToken that is bound to the firm', async () => {
    const firm = await newFirm();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call('POST', '/cases', { token: firm.staff.token, body: { title: `Case ${i}` } });
      ids.push(r.body.caseId);
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const q = new URLSearchParams({ limit: '2', ...(nextToken ? { nextToken } : {}) });
      const page = await call('GET', `/cases?${q}`, { token: firm.staff.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { caseId: string }) => c.caseId));
      nextToken = page.body.nextToken;
      pages++;
    } while (nextToken && pages < 10);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);

    // A token of this firm's list, replayed by another firm, is refused: it cannot read across tenants.
    const first = await call('GET', '/cases?limit=2', { token: firm.staff.token });
    const other = await newFirm();
    const replay = await call('GET', `/cases?limit=2&nextToken=${encodeURIComponent(first.body.nextToken)}`, {
      token: other.staff.token,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('invalid_next_token');
  });

  it("answers 404 for another firm's case, without revealing it exists", async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const created = await call('POST', '/cases', {
      token: firm.staff.token,
      body: { title: 'Secret matter' },
    });
    const res = await call('GET', `/cases/${created.body.caseId}`, { token: other.admin.token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('case_not_found');
    const list = await call('GET', '/cases', { token: other.admin.token });
    expect(list.body.items).toEqual([]);
  });

  it('answers 401 without a token, with an expired token and with a token signed by another key', async () => {
    const firm = await newFirm();
    expect((await call('GET', '/cases')).status).toBe(401);
    const expired = await mintToken({ sub: firm.staff.userId, firmId: firm.firmId, role: 'staff' }, -60);
    expect((await call('GET', '/cases', { token: expired })).status).toBe(401);
    const [h, p] = firm.staff.token.split('.');
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await call('GET', '/cases', { token: forged })).status).toBe(401);
  });

  it('answers 403 to a contact token on a staff route', async () => {
    const token = await mintToken({ sub: `identity-${newId()}` });
    const res = await call('GET', '/cases', { token });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('staff_only');
  });

  it('rejects a malformed body with 400 and field messages, and writes nothing', async () => {
    const firm = await newFirm();
    const before = await partition(keys.firm(firm.firmId).PK);
    const bad = await call('POST', '/cases', {
      token: firm.staff.token,
      body: { title: '', notifyClient: 'yes', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'body',
      'body.notifyClient',
      'body.title',
    ]);
    const notJson = await call('POST', '/cases', { token: firm.staff.token, rawBody: '{"title":' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('validation_failed');
    const badId = await call('GET', '/cases/not-an-id', { token: firm.staff.token });
    expect(badId.status).toBe(400);
    expect(badId.body.fields[0].path).toBe('params.caseId');
    expect(await partition(keys.firm(firm.firmId).PK)).toEqual(before);
  });
});

describe('Routes: contacts', () => {
  it('creates contacts, keeps emails unique per firm (case-insensitive) and lists them oldest first', async () => {
    const firm = await newFirm();
    const a = await call('POST', '/contacts', {
      token: firm.staff.token,
      body: { name: 'Carla Client', email: 'Carla@Client.test', locale: 'es' },
    });
    expect(a.status).toBe(201);
    expect(a.body.email).toBe('carla@client.test');
    const dup = await call('POST', '/contacts', {
      token: firm.staff.token,
      body: { name: 'Other', email: 'carla@client.TEST' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('contact_email_taken');
    const b = await call('POST', '/contacts', { token: firm.admin.token, body: { name: 'No Email Person' } });
    expect(b.status).toBe(201);
    // Another firm may have a contact with the same email.
    const other = await newFirm();
    expect(
      (
        await call('POST', '/contacts', {
          token: other.staff.token,
          body: { name: 'C', email: 'carla@client.test' },
        })
      ).status,
    ).toBe(201);

    const list = await call('GET', '/contacts', { token: firm.staff.token });
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(['Carla Client', 'No Email Person']);
    await settle();
    const trail = await partition(keys.activity(firm.firmId, undefined, a.body.contactId).PK);
    expect(trail.map((e) => e.type)).toEqual(['contact.created', 'contact.created']);
  });
});
