// Staff rights come from the staff directory, not from claims alone (decision 0023): through HTTP on
// the local stack, whose gateway verifies tokens as the HttpJwtAuthorizer does and whose staff
// directory cache window is shortened by the global setup (STAFF_DIRECTORY_TTL_SECONDS).
import { setTimeout as sleep } from 'node:timers/promises';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { firmKey, staffKey } from '../../functions/store/keys';
import { LOCAL_CONTACT_CLIENT } from '../../local/auth';
import { apiAs, problem } from './support/client';
import { call, mintToken, newFirm, newId, partition, table, urls } from './support/stack';

const windowMs = Number(urls.env.STAFF_DIRECTORY_TTL_SECONDS) * 1000;

async function setStatus(firmId: string, userId: string, status: 'active' | 'inactive') {
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: staffKey(firmId, userId),
      UpdateExpression: 'SET #s = :s',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
    }),
  );
}

const casesOf = async (firmId: string) =>
  (await partition(firmKey(firmId).PK)).filter((item) => item.entity === 'case');

describe('Staff rights come from the staff directory', () => {
  it('runs with a short cache window (the global setup sets one)', () => {
    expect(windowMs).toBeGreaterThan(0);
    expect(windowMs).toBeLessThanOrEqual(5_000);
  });

  it.each([
    ['an ID token with plain claims', { aud: LOCAL_CONTACT_CLIENT, firmId: '', role: 'admin' }],
    [
      "an ID token with Cognito's custom: claims",
      { aud: LOCAL_CONTACT_CLIENT, 'custom:firmId': '', 'custom:role': 'admin' },
    ],
    ['an access token (client_id)', { client_id: LOCAL_CONTACT_CLIENT, firmId: '', role: 'staff' }],
  ])(
    "a portal identity's token with firmId/role claims added is refused at the gateway (%s)",
    async (_shape, shape) => {
      // Prepare: the firm admin's own sub, so only the sign-in it was issued to tells it apart.
      const firm = await newFirm();
      const claims = Object.fromEntries(
        Object.entries(shape).map(([k, v]) => [k, v === '' ? firm.firmId : v]),
      );
      const token = await mintToken({ sub: firm.admin.userId, ...claims });
      // Act
      const created = await call('POST', '/cases', { token, body: { title: 'Not yours' } });
      const listed = await call('GET', '/cases', { token });
      // Assess: the staff routes' authorizer trusts only the staff pool and client (API Gateway's 401).
      expect(created.status).toBe(401);
      expect(created.body).toEqual({ message: 'Unauthorized' });
      expect(listed.status).toBe(401);
      expect(await casesOf(firm.firmId)).toEqual([]);
    },
  );

  it("a staff token is refused on the portal's routes at the gateway (the contact pool's authorizer)", async () => {
    const firm = await newFirm();
    const res = await call('GET', '/portal/cases', { token: firm.admin.token });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Unauthorized' });
  });

  it('a staff token whose sub is not a staff user of the firm is refused with staff_not_active', async () => {
    const firm = await newFirm();
    const token = await mintToken({ sub: newId(), firmId: firm.firmId, role: 'admin' });
    const res = await apiAs(token).POST('/cases', { body: { title: 'Nobody' } });
    expect(res.response.status).toBe(403);
    expect(problem(res).code).toBe('staff_not_active');
    expect(await casesOf(firm.firmId)).toEqual([]);
  });

  it('a staff token claiming another role than the directory is refused with role_mismatch', async () => {
    const firm = await newFirm();
    const token = await mintToken({ sub: firm.staff.userId, firmId: firm.firmId, role: 'admin' });
    const res = await apiAs(token).POST('/cases', { body: { title: 'Promoted by a claim' } });
    expect(res.response.status).toBe(403);
    expect(problem(res).code).toBe('role_mismatch');
    expect(await casesOf(firm.firmId)).toEqual([]);
  });

  it('a staff user set inactive is refused once the cache window has passed, and back when reactivated', async () => {
    // Prepare: the user works (and the container caches the record).
    const firm = await newFirm();
    const api = apiAs(firm.staff.token);
    const before = await api.POST('/cases', { body: { title: 'Before' } });
    expect(before.response.status).toBe(201);

    // Act: deactivate by writing the record, wait out the window.
    await setStatus(firm.firmId, firm.staff.userId, 'inactive');
    await sleep(windowMs + 250);
    const write = await api.POST('/cases', { body: { title: 'After' } });
    const read = await api.GET('/cases');

    // Assess
    expect(write.response.status).toBe(403);
    expect(problem(write).code).toBe('staff_not_active');
    expect(read.response.status).toBe(403);
    expect(problem(read).code).toBe('staff_not_active');
    expect((await casesOf(firm.firmId)).map((c) => c.title)).toEqual(['Before']);

    // Reactivated: works again after the window.
    await setStatus(firm.firmId, firm.staff.userId, 'active');
    await sleep(windowMs + 250);
    expect((await api.GET('/cases')).response.status).toBe(200);
  });

  it('the gateway refuses a token issued to an app client the API does not serve (401), as the authorizer does', async () => {
    const firm = await newFirm();
    const token = await mintToken({
      sub: firm.admin.userId,
      aud: 'some-other-app',
      firmId: firm.firmId,
      role: 'admin',
    });
    const res = await call('POST', '/cases', { token, body: { title: 'Elsewhere' } });
    expect(res.status).toBe(401);
    expect(await casesOf(firm.firmId)).toEqual([]);
  });

  it.each([
    ['GET', '/portal/cases', 'contact'],
    ['GET', '/portal/inbox', 'contact'],
    ['GET', '/cases', 'staff'],
  ])(
    'a token with an unknown role is refused on %s %s (portal routes included)',
    async (method, path, pool) => {
      // Tokens of the pool the route's authorizer trusts, so the function's own check answers.
      const firm = await newFirm();
      const tokens =
        pool === 'contact'
          ? [
              await mintToken({ sub: `identity-${newId()}`, aud: LOCAL_CONTACT_CLIENT, role: 'owner' }),
              await mintToken({
                sub: `identity-${newId()}`,
                aud: LOCAL_CONTACT_CLIENT,
                'custom:role': 'Admin',
              }),
            ]
          : [
              await mintToken({ sub: firm.staff.userId, firmId: firm.firmId, role: 'superadmin' }),
              await mintToken({
                sub: firm.staff.userId,
                'custom:firmId': firm.firmId,
                'custom:role': 'Owner',
              }),
            ];
      for (const token of tokens) {
        const res = await call(method, path, { token });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('unknown_role');
      }
    },
  );
});
