// Staff accounts through the typed client against the local stack and its local identity service:
// invite (login + invitation mail + record), list, role change, deactivation (tokens refused within
// the staff directory's window, shortened by the global setup), reactivation, the last-admin rule,
// bad inputs, assignment of deactivated users; and `npm run firm:create` run twice on the stack.
import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../functions/events/catalogue';
import { activityKey, firmKey, inboxItemKey } from '../../functions/store/keys';
import { toItem } from '../../functions/store/table';
import { localCognito } from '../support/cognito';
import { apiAs, problem } from './support/client';
import { mailTo, temporaryPassword } from './support/mail';
import { call, mintToken, newFirm, newId, partition, settle, table, urls } from './support/stack';

const windowMs = Number(urls.env.STAFF_DIRECTORY_TTL_SECONDS) * 1000;
const poolId = urls.env.STAFF_USER_POOL_ID!;
const cognito = localCognito(urls.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER);

async function loginOf(email: string) {
  const res = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
  const attr = Object.fromEntries((res.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
  return { enabled: res.Enabled, attr };
}

const uniqueEmail = (label: string) => `${label}.${newId().toLowerCase()}@firm.test`;
/** A token of the staff sign-in, as the local identity service would issue it after sign-in. */
const tokenOf = (firmId: string, userId: string, role: 'admin' | 'staff', email: string) =>
  mintToken({ sub: userId, 'custom:firmId': firmId, 'custom:role': role, email, email_verified: true });

const staffItems = async (firmId: string) =>
  (await partition(firmKey(firmId).PK)).filter((i) => i.entity === 'staff' || i.entity === 'firm');

describe('Staff accounts', () => {
  it('invite → listed → invitation mailed → role change → deactivate (token refused) → reactivate', async () => {
    // Prepare
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const email = uniqueEmail('zoe');

    // Act: invite, with the address in another case
    const invited = await admin.POST('/staff', {
      body: { email: email.toUpperCase(), name: 'Zoé Zed', role: 'staff', language: 'FR' },
    });

    // Assess: the record is keyed by the login's sub, which carries the firm and the role
    expect(invited.response.status).toBe(200);
    const user = invited.data!.user;
    expect(invited.data!.created).toBe(true);
    expect(user).toMatchObject({ email, name: 'Zoé Zed', role: 'staff', language: 'fr', status: 'active' });
    const login = await loginOf(email);
    expect(login.attr).toMatchObject({
      sub: user.userId,
      email,
      email_verified: 'true',
      'custom:firmId': firm.firmId,
      'custom:role': 'staff',
      locale: 'fr',
      name: 'Zoé Zed',
    });
    const mails = await mailTo(email);
    expect(mails).toHaveLength(1);
    // Cognito's invitation, in Portico's words: the firm that invites and the temporary password.
    expect(mails[0]!.subject).toBe(`${firm.name} invited you to its client portal`);
    expect(await temporaryPassword(email)).toMatch(/\S{8,}/);

    // The same email again: the same user, no second mail
    const again = await admin.POST('/staff', {
      body: { email, name: 'Other', role: 'admin', language: 'en' },
    });
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual({ user, created: false });
    expect(await mailTo(email)).toHaveLength(1);

    const listed = await apiAs(firm.staff.token).GET('/staff', { params: { query: { limit: 100 } } });
    expect(listed.data!.items).toContainEqual(user);

    // The invited user works with a token of the staff sign-in
    const zoe = await tokenOf(firm.firmId, user.userId, 'staff', email);
    expect((await apiAs(zoe).GET('/cases')).response.status).toBe(200);

    // Role change: record and login; the old token's role no longer matches
    const promoted = await admin.PATCH('/staff/{userId}', {
      params: { path: { userId: user.userId } },
      body: { role: 'admin' },
    });
    expect(promoted.data).toMatchObject({ role: 'admin', status: 'active' });
    expect((await loginOf(email)).attr['custom:role']).toBe('admin');
    await sleep(windowMs + 250);
    const stale = await apiAs(zoe).GET('/cases');
    expect(stale.response.status).toBe(403);
    expect(problem(stale).code).toBe('role_mismatch');
    const zoeAdmin = await tokenOf(firm.firmId, user.userId, 'admin', email);
    expect((await apiAs(zoeAdmin).GET('/cases')).response.status).toBe(200);

    // Deactivate: record, then login disabled; the token in hand is refused within the window
    const off = await admin.POST('/staff/{userId}/deactivate', { params: { path: { userId: user.userId } } });
    expect(off.data).toMatchObject({ status: 'inactive', deactivatedAt: expect.any(String) });
    expect((await loginOf(email)).enabled).toBe(false);
    const offAgain = await admin.POST('/staff/{userId}/deactivate', {
      params: { path: { userId: user.userId } },
    });
    expect(offAgain.data).toEqual(off.data);
    await sleep(windowMs + 250);
    const refused = await apiAs(zoeAdmin).GET('/cases');
    expect(refused.response.status).toBe(403);
    expect(problem(refused).code).toBe('staff_not_active');
    const inactive = await admin.GET('/staff', { params: { query: { status: 'inactive' } } });
    expect(inactive.data!.items.map((u) => u.userId)).toEqual([user.userId]);

    // Reactivate
    const on = await admin.POST('/staff/{userId}/reactivate', { params: { path: { userId: user.userId } } });
    expect(on.data).toMatchObject({ status: 'active', role: 'admin' });
    expect((await loginOf(email)).enabled).toBe(true);
    await sleep(windowMs + 250);
    expect((await apiAs(zoeAdmin).GET('/cases')).response.status).toBe(200);
  });

  it('keeps the last active admin: no demotion, no deactivation (themself included), nothing written', async () => {
    // Prepare: the firm's one admin, and a second one invited
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const email = uniqueEmail('second');
    const second = (
      await admin.POST('/staff', { body: { email, name: 'Second', role: 'admin', language: 'en' } })
    ).data!.user;

    // Act: the second admin goes; then the first tries to leave too
    expect(
      (await admin.POST('/staff/{userId}/deactivate', { params: { path: { userId: second.userId } } }))
        .response.status,
    ).toBe(200);
    const before = await staffItems(firm.firmId);
    const demote = await admin.PATCH('/staff/{userId}', {
      params: { path: { userId: firm.admin.userId } },
      body: { role: 'staff' },
    });
    const leave = await admin.POST('/staff/{userId}/deactivate', {
      params: { path: { userId: firm.admin.userId } },
    });

    // Assess
    expect(demote.response.status).toBe(409);
    expect(problem(demote).code).toBe('last_admin');
    expect(leave.response.status).toBe(409);
    expect(problem(leave).code).toBe('last_admin');
    expect(await staffItems(firm.firmId)).toEqual(before);
    expect(before.find((i) => i.entity === 'firm')?.activeAdmins).toBe(1);

    // Once the second admin is back, the first may step down
    await admin.POST('/staff/{userId}/reactivate', { params: { path: { userId: second.userId } } });
    const stepDown = await admin.PATCH('/staff/{userId}', {
      params: { path: { userId: firm.admin.userId } },
      body: { role: 'staff' },
    });
    expect(stepDown.data).toMatchObject({ role: 'staff' });
  });

  it('refuses concurrent demotions of the two last admins but one (race-safe counter)', async () => {
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const email = uniqueEmail('racer');
    const other = (
      await admin.POST('/staff', { body: { email, name: 'Racer', role: 'admin', language: 'en' } })
    ).data!.user;
    const results = await Promise.all(
      [firm.admin.userId, other.userId].map((userId) =>
        admin.POST('/staff/{userId}/deactivate', { params: { path: { userId } } }),
      ),
    );
    const statuses = results.map((r) => r.response.status).sort();
    expect(statuses).toEqual([200, 409]);
    const items = await staffItems(firm.firmId);
    expect(items.find((i) => i.entity === 'firm')?.activeAdmins).toBe(1);
    const activeAdmins = items.filter(
      (i) => i.entity === 'staff' && i.role === 'admin' && (i.status ?? 'active') === 'active',
    );
    expect(activeAdmins).toHaveLength(1);
  });

  it('answers a staff user recorded before logins existed, creating no login, record or mail', async () => {
    const firm = await newFirm();
    const before = await staffItems(firm.firmId);
    const res = await apiAs(firm.admin.token).POST('/staff', {
      body: { email: firm.staff.email.toUpperCase(), name: 'Someone else', role: 'admin', language: 'en' },
    });
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ created: false, user: { userId: firm.staff.userId, role: 'staff' } });
    expect(await staffItems(firm.firmId)).toEqual(before);
    await expect(loginOf(firm.staff.email)).rejects.toMatchObject({ name: 'UserNotFoundException' });
    expect(await mailTo(firm.staff.email)).toHaveLength(0);
  });

  it("refuses another firm's staff login, with a code, writing nothing", async () => {
    const [a, b] = await Promise.all([newFirm('A'), newFirm('B')]);
    const email = uniqueEmail('shared');
    await apiAs(a.admin.token).POST('/staff', {
      body: { email, name: 'Shared', role: 'staff', language: 'en' },
    });
    const before = await staffItems(b.firmId);
    const res = await apiAs(b.admin.token).POST('/staff', {
      body: { email, name: 'Shared', role: 'staff', language: 'en' },
    });
    expect(res.response.status).toBe(409);
    expect(problem(res).code).toBe('staff_email_in_other_firm');
    expect(await staffItems(b.firmId)).toEqual(before);
    expect(await mailTo(email)).toHaveLength(1);
  });

  it('pages the list one user at a time through every user, and filters by status', async () => {
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    for (const label of ['p1', 'p2'])
      await admin.POST('/staff', {
        body: { email: uniqueEmail(label), name: label, role: 'staff', language: 'en' },
      });
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await admin.GET('/staff', {
        params: { query: { limit: 1, ...(nextToken ? { nextToken } : {}) } },
      });
      expect(page.data!.items).toHaveLength(1);
      seen.push(page.data!.items[0]!.userId);
      nextToken = page.data!.nextToken;
    } while (nextToken);
    // Three seeded users (admin, staff, staff2) and the two invited
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const none = await admin.GET('/staff', { params: { query: { status: 'inactive' } } });
    expect(none.data).toEqual({ items: [] });
  });

  it.each([
    ['an invalid email', { email: 'not-an-email', name: 'X', role: 'staff', language: 'en' }],
    ['an unknown role', { email: 'x@firm.test', name: 'X', role: 'owner', language: 'en' }],
    ['a missing language', { email: 'x@firm.test', name: 'X', role: 'staff' }],
    ['an unknown field', { email: 'x@firm.test', name: 'X', role: 'staff', language: 'en', firmId: 'x' }],
  ])('answers 400 validation_failed to %s, creating no login', async (_name, body) => {
    const firm = await newFirm();
    const res = await call('POST', '/staff', { token: firm.admin.token, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(await mailTo('x@firm.test')).toHaveLength(0);
  });

  it('answers 400/404/422/403 to bad ids, unknown users, empty changes and non-admins', async () => {
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const badId = await call('PATCH', '/staff/not-an-id', {
      token: firm.admin.token,
      body: { role: 'staff' },
    });
    expect(badId.status).toBe(400);
    const unknown = await admin.POST('/staff/{userId}/deactivate', {
      params: { path: { userId: '00000000-0000-4000-8000-000000000000' } },
    });
    expect(unknown.response.status).toBe(404);
    expect(problem(unknown).code).toBe('staff_not_found');
    const other = await newFirm();
    const foreign = await admin.PATCH('/staff/{userId}', {
      params: { path: { userId: other.staff.userId } },
      body: { name: 'Mine now' },
    });
    expect(foreign.response.status).toBe(404);
    const empty = await admin.PATCH('/staff/{userId}', {
      params: { path: { userId: firm.staff.userId } },
      body: {},
    });
    expect(empty.response.status).toBe(422);
    expect(problem(empty).code).toBe('staff_change_empty');
    const notAdmin = await apiAs(firm.staff.token).POST('/staff', {
      body: { email: uniqueEmail('nope'), name: 'Nope', role: 'admin', language: 'en' },
    });
    expect(notAdmin.response.status).toBe(403);
    expect(problem(notAdmin).code).toBe('admin_only');
  });

  it('refuses a deactivated user as case owner (409) or recipient (409), and lists them by name', async () => {
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    await admin.POST('/staff/{userId}/deactivate', { params: { path: { userId: firm.staff2.userId } } });
    const owned = await admin.POST('/cases', {
      body: { title: 'Owned by nobody', ownerId: firm.staff2.userId },
    });
    expect(owned.response.status).toBe(409);
    expect(problem(owned).code).toBe('owner_inactive');
    const caseId = (await admin.POST('/cases', { body: { title: 'Mine' } })).data!.caseId;
    const saved = await admin.PUT('/cases/{caseId}/recipients', {
      params: { path: { caseId } },
      body: {
        recipients: [
          { userId: firm.admin.userId, inApp: true, email: true },
          { userId: firm.staff2.userId, inApp: true, email: false },
        ],
      },
    });
    expect(saved.response.status).toBe(409);
    expect(problem(saved)).toMatchObject({
      code: 'recipient_inactive',
      details: { userIds: [firm.staff2.userId] },
    });
  });
});

describe('Notices for a deactivated case owner', () => {
  /** A client upload of a case, recorded as ingest records it: an activity entry the stream carries to notify. */
  async function clientUpload(firmId: string, caseId: string, contactId: string) {
    const event = {
      type: 'document.uploaded',
      eventId: newId(),
      firmId,
      caseId,
      actor: { kind: 'contact', id: contactId },
      occurredAt: new Date().toISOString(),
      detail: {
        documentId: newId(),
        name: 'payslips.pdf',
        contentType: 'application/pdf',
        size: 1234,
        source: 'client',
        version: 1,
        contactId,
      },
    } satisfies DomainEvent;
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: toItem(activityKey(firmId, caseId, event.eventId), 'activity', event),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    await settle();
  }
  const inboxOf = async (firmId: string, userId: string) =>
    (await partition(inboxItemKey({ firmId, kind: 'staff', id: userId }, newId()).PK)).filter(
      (i) => i.entity === 'inboxItem',
    );

  it("go to the firm's active admins, and never to the deactivated owner", async () => {
    // Prepare: a case owned by a staff user (default recipients: the owner), who is then deactivated
    const firm = await newFirm();
    const admin = apiAs(firm.admin.token);
    const caseId = (await admin.POST('/cases', { body: { title: 'Payroll', ownerId: firm.staff.userId } }))
      .data!.caseId;
    const contactId = (await admin.POST('/contacts', { body: { name: 'Carla' } })).data!.contactId;
    await admin.POST('/staff/{userId}/deactivate', { params: { path: { userId: firm.staff.userId } } });

    // Act
    await clientUpload(firm.firmId, caseId, contactId);

    // Assess
    expect(await inboxOf(firm.firmId, firm.staff.userId)).toEqual([]);
    expect(await inboxOf(firm.firmId, firm.staff2.userId)).toEqual([]);
    const told = await inboxOf(firm.firmId, firm.admin.userId);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: 'New client upload' });

    // Reactivated, the owner hears again, and the admin no longer stands in
    await admin.POST('/staff/{userId}/reactivate', { params: { path: { userId: firm.staff.userId } } });
    await clientUpload(firm.firmId, caseId, contactId);
    expect(await inboxOf(firm.firmId, firm.staff.userId)).toHaveLength(1);
    expect(await inboxOf(firm.firmId, firm.admin.userId)).toHaveLength(1);
  });
});

describe('npm run firm:create (local stack)', () => {
  const run = (args: string[]) =>
    promisify(execFile)('npx', ['tsx', 'scripts/firm-create.ts', ...args, '--local', '--api', urls.api], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });

  it('creates the firm and its admin, mails the invitation, and changes nothing when run again', async () => {
    const email = uniqueEmail('boss');
    const args = ['--name', 'Acme LLP', '--admin-email', email, '--language', 'de', '--admin-name', 'Boss'];

    const first = await run(args);
    expect(first.stdout).toContain(`invitation mailed to ${email}`);
    const firmId = /firm\s+([0-9A-Z]{26})/.exec(first.stdout)?.[1];
    expect(firmId).toBeDefined();
    const login = await loginOf(email);
    expect(login.attr).toMatchObject({ 'custom:firmId': firmId, 'custom:role': 'admin', locale: 'de' });
    const after = await staffItems(firmId!);
    expect(after.find((i) => i.entity === 'firm')).toMatchObject({
      name: 'Acme LLP',
      locale: 'de',
      activeAdmins: 1,
    });
    expect(after.filter((i) => i.entity === 'staff')).toEqual([
      expect.objectContaining({ userId: login.attr.sub, role: 'admin', email, status: 'active' }),
    ]);
    expect(await mailTo(email)).toHaveLength(1);

    const second = await run([...args.slice(0, 1), 'Renamed', ...args.slice(2)]);
    expect(second.stdout).toContain('Nothing to do');
    expect(second.stdout).toContain(firmId);
    expect(await staffItems(firmId!)).toEqual(after);
    expect(await mailTo(email)).toHaveLength(1);

    // The admin it made can use the API with a token of the staff sign-in
    const token = await tokenOf(firmId!, login.attr.sub!, 'admin', email);
    expect((await apiAs(token).GET('/staff')).data!.items.map((u) => u.email)).toEqual([email]);
  });

  it('exits 1 naming the stack when it cannot be reached', async () => {
    const unreachable = promisify(execFile)('npx', [
      'tsx',
      'scripts/firm-create.ts',
      ...[
        '--name',
        'X',
        '--admin-email',
        uniqueEmail('x'),
        '--language',
        'en',
        '--local',
        '--api',
        'http://127.0.0.1:9',
      ],
    ]);
    await expect(unreachable).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('cannot reach the local stack at http://127.0.0.1:9'),
    });
  });

  it('exits 2 with the usage on missing flags or an unknown language', async () => {
    await expect(run(['--name', 'X'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing'),
    });
    await expect(
      run(['--name', 'X', '--admin-email', uniqueEmail('x'), '--language', '??']),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown language') });
  });
});
