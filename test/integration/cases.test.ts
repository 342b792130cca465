// Cases and contacts through HTTP on the local stack: real tokens, real handlers, real table. Every
// documented route is called through the typed client (client/), so the OpenAPI document is checked
// against what the API really answers.
import { describe, expect, it } from 'vitest';
import { activityKey, activityOfCasePattern, firmKey } from '../../functions/store/keys';
import { apiAs, problem } from './support/client';
import { call, mintToken, newFirm, newId, partition, settle } from './support/stack';

describe('Routes: cases', () => {
  it('creates a case owned by the caller, lists it and gets it; the activity trail records it', async () => {
    // Prepare
    const firm = await newFirm();
    // Act
    const created = await apiAs(firm.staff.token).POST('/cases', {
      body: { title: 'VAT return Q3', reference: 'VAT-Q3', clientName: 'Acme' },
    });
    // Assess
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({
      title: 'VAT return Q3',
      ownerId: firm.staff.userId,
      status: 'open',
    });
    const caseId = created.data!.caseId;
    const got = await apiAs(firm.admin.token).GET('/cases/{caseId}', { params: { path: { caseId } } });
    expect(got.response.status).toBe(200);
    expect(got.data).toEqual(created.data);
    const list = await apiAs(firm.staff2.token).GET('/cases');
    expect(list.data!.items.map((c) => c.caseId)).toEqual([caseId]);
    const trail = await partition(activityOfCasePattern(firm.firmId, caseId).pk);
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
    const api = apiAs(firm.admin.token);
    const ok = await api.POST('/cases', { body: { title: 'A', ownerId: firm.staff.userId } });
    expect(ok.response.status).toBe(201);
    expect(ok.data!.ownerId).toBe(firm.staff.userId);
    const bad = await api.POST('/cases', { body: { title: 'B', ownerId: other.staff.userId } });
    expect(bad.response.status).toBe(422);
    expect(problem(bad).code).toBe('owner_not_staff');
  });

  it('pages through cases newest first with an opaque nextToken that is bound to the firm', async () => {
    const firm = await newFirm();
    const api = apiAs(firm.staff.token);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await api.POST('/cases', { body: { title: `Case ${i}` } });
      ids.push(r.data!.caseId);
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await api.GET('/cases', { params: { query: { limit: 2, nextToken } } });
      expect(page.response.status).toBe(200);
      seen.push(...page.data!.items.map((c) => c.caseId));
      nextToken = page.data!.nextToken;
      pages++;
    } while (nextToken && pages < 10);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(3);

    // A token of this firm's list, replayed by another firm, is refused: it cannot read across tenants.
    const first = await api.GET('/cases', { params: { query: { limit: 2 } } });
    const other = await newFirm();
    const replay = await apiAs(other.staff.token).GET('/cases', {
      params: { query: { limit: 2, nextToken: first.data!.nextToken } },
    });
    expect(replay.response.status).toBe(400);
    expect(problem(replay).code).toBe('invalid_next_token');
  });

  it("answers 404 for another firm's case, without revealing it exists", async () => {
    const firm = await newFirm();
    const other = await newFirm();
    const created = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Secret matter' } });
    const res = await apiAs(other.admin.token).GET('/cases/{caseId}', {
      params: { path: { caseId: created.data!.caseId } },
    });
    expect(res.response.status).toBe(404);
    expect(problem(res).code).toBe('case_not_found');
    const list = await apiAs(other.admin.token).GET('/cases');
    expect(list.data!.items).toEqual([]);
  });

  it('answers 401 without a token, with an expired token and with a token signed by another key', async () => {
    const firm = await newFirm();
    expect((await apiAs().GET('/cases')).response.status).toBe(401);
    const expired = await mintToken({ sub: firm.staff.userId, firmId: firm.firmId, role: 'staff' }, -60);
    expect((await apiAs(expired).GET('/cases')).response.status).toBe(401);
    const [h, p] = firm.staff.token.split('.');
    const forged = `${h}.${p}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await apiAs(forged).GET('/cases')).response.status).toBe(401);
  });

  it("answers 401 to a contact token on a staff route (the staff pool's authorizer refuses it)", async () => {
    const token = await mintToken({ sub: `identity-${newId()}` });
    const res = await call('GET', '/cases', { token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Unauthorized' });
  });

  it('rejects a malformed body with 400 and field messages, and writes nothing', async () => {
    const firm = await newFirm();
    const api = apiAs(firm.staff.token);
    const before = await partition(firmKey(firm.firmId).PK);
    // Deliberately outside the documented body: the typed client would not let it through otherwise.
    const bad = await api.POST('/cases', {
      body: { title: '', notifyClient: 'yes', extra: 1 } as never,
    });
    expect(bad.response.status).toBe(400);
    expect(problem(bad).code).toBe('validation_failed');
    expect(
      problem(bad)
        .fields!.map((f) => f.path)
        .sort(),
    ).toEqual(['body', 'body.notifyClient', 'body.title']);
    const notJson = await api.POST('/cases', {
      body: { title: 'never sent' },
      bodySerializer: () => '{"title":',
    });
    expect(notJson.response.status).toBe(400);
    expect(problem(notJson).code).toBe('validation_failed');
    const badId = await api.GET('/cases/{caseId}', { params: { path: { caseId: 'not-an-id' } } });
    expect(badId.response.status).toBe(400);
    expect(problem(badId).fields![0]!.path).toBe('params.caseId');
    expect(await partition(firmKey(firm.firmId).PK)).toEqual(before);
  });
});

describe('Routes: contacts', () => {
  it('creates contacts, keeps emails unique per firm (case-insensitive) and lists them oldest first', async () => {
    const firm = await newFirm();
    const staff = apiAs(firm.staff.token);
    const a = await staff.POST('/contacts', {
      body: { name: 'Carla Client', email: 'Carla@Client.test', locale: 'es' },
    });
    expect(a.response.status).toBe(201);
    expect(a.data!.email).toBe('carla@client.test');
    const dup = await staff.POST('/contacts', { body: { name: 'Other', email: 'carla@client.TEST' } });
    expect(dup.response.status).toBe(409);
    expect(problem(dup).code).toBe('contact_email_taken');
    const b = await apiAs(firm.admin.token).POST('/contacts', { body: { name: 'No Email Person' } });
    expect(b.response.status).toBe(201);
    // Another firm may have a contact with the same email.
    const other = await newFirm();
    const same = await apiAs(other.staff.token).POST('/contacts', {
      body: { name: 'C', email: 'carla@client.test' },
    });
    expect(same.response.status).toBe(201);

    const list = await staff.GET('/contacts');
    expect(list.data!.items.map((c) => c.name)).toEqual(['Carla Client', 'No Email Person']);
    await settle();
    const trail = await partition(activityKey(firm.firmId, undefined, a.data!.contactId).PK);
    expect(trail.map((e) => e.type)).toEqual(['contact.created', 'contact.created']);
  });
});
