// Portal access through HTTP on the local stack: grants, invitations mailed through local SES,
// accepting them, the portal's case list, revoking and resending.
import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../client/src/index';
import type { AcceptWrite } from '../../functions/domain/access';
import { activity } from '../../functions/domain/activity';
import { systemClock } from '../../functions/domain/ports';
import { accessStore } from '../../functions/store/access';
import { activityOfCasePattern, firmKey, grantKey, invitationKey } from '../../functions/store/keys';
import { ulidIds } from '../../functions/wiring/ids';
import { apiAs, problem } from './support/client';
import { invitationToken, mailTo } from './support/mail';
import { mintToken, newFirm, newId, partition, settle, type TestFirm, table } from './support/stack';

interface Setup {
  firm: TestFirm;
  caseId: string;
  contactId: string;
  email: string;
}

/** A firm with one case and one contact (unique email, so its mail is told apart from others'). */
async function setup(
  opts: { title?: string; locale?: ContactLocale; firmName?: string } = {},
): Promise<Setup> {
  const firm = await newFirm(opts.firmName ?? 'Test Firm');
  const c = await apiAs(firm.staff.token).POST('/cases', { body: { title: opts.title ?? 'VAT return Q3' } });
  expect(c.response.status).toBe(201);
  const contact = await newContact(firm, opts.locale);
  return { firm, caseId: c.data!.caseId, ...contact };
}

async function newContact(firm: TestFirm, locale?: ContactLocale) {
  const email = `c-${newId().toLowerCase()}@client.test`;
  const res = await apiAs(firm.staff.token).POST('/contacts', {
    body: { name: 'Carla Client', email, ...(locale ? { locale } : {}) },
  });
  expect(res.response.status).toBe(201);
  return { contactId: res.data!.contactId, email };
}

async function newCase(firm: TestFirm, title = 'Another case'): Promise<string> {
  const res = await apiAs(firm.staff.token).POST('/cases', { body: { title } });
  expect(res.response.status).toBe(201);
  return res.data!.caseId;
}

type ContactLocale = Schemas['Locale'];

const viewer: Schemas['GrantBody'] = { role: 'viewer', canDownload: true };

const grant = (
  s: Pick<Setup, 'firm' | 'caseId' | 'contactId'>,
  body: Schemas['GrantBody'] = viewer,
  caseId = s.caseId,
) =>
  apiAs(s.firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
    params: { path: { caseId, contactId: s.contactId } },
    body,
  });

const grantsOf = (s: Pick<Setup, 'caseId'>, token: string) =>
  apiAs(token).GET('/cases/{caseId}/grants', { params: { path: { caseId: s.caseId } } });

const revoke = (s: Setup) =>
  apiAs(s.firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
    params: { path: { caseId: s.caseId, contactId: s.contactId } },
  });

const resend = (s: Setup) =>
  apiAs(s.firm.admin.token).POST('/cases/{caseId}/grants/{contactId}/invitation', {
    params: { path: { caseId: s.caseId, contactId: s.contactId } },
  });

const portalCases = (token: string) => apiAs(token).GET('/portal/cases');

/**
 * A portal login's ID token. Accepting binds only a login whose verified email is the invited
 * address, so the invited person's token carries it; without `email`, a login of nobody invited.
 */
const identityToken = (email?: string, verified: boolean | 'true' | 'false' = true) =>
  mintToken({ sub: `identity-${newId()}`, ...(email ? { email, email_verified: verified } : {}) });

const accept = (token: string, as: string) =>
  apiAs(as).POST('/portal/invitations/accept', { body: { token } });

/** The activity entries of a case (its partition also holds grants and invitations). */
const trail = async (firmId: string, caseId: string) =>
  (await partition(activityOfCasePattern(firmId, caseId).pk)).filter((e) => e.entity === 'activity');

const trailTypes = async (firmId: string, caseId: string) =>
  (await trail(firmId, caseId)).map((e) => e.type as string).sort();

describe('Routes: grants', () => {
  it('grants access: an invited grant, an invitation and both events in the trail, no token stored', async () => {
    // Prepare
    const s = await setup();
    // Act
    const res = await grant(s, { role: 'collaborator', canDownload: false, canUpload: true });
    // Assess
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({
      caseId: s.caseId,
      contactId: s.contactId,
      contactName: 'Carla Client',
      contactEmail: s.email,
      role: 'collaborator',
      canDownload: false,
      canUpload: true,
      status: 'invited',
      invitedAt: expect.any(String),
      sharedCount: 0,
    });
    const list = await grantsOf(s, s.firm.staff2.token);
    expect(list.response.status).toBe(200);
    expect(list.data!.items).toEqual([res.data]);
    expect(await trailTypes(s.firm.firmId, s.caseId)).toEqual([
      'access.granted',
      'case.created',
      'invitation.sent',
    ]);
    // Once the notify policy mailed the token, the invitation holds its hash and nothing else of it.
    const token = await invitationToken(s.email, 1);
    const invitation = (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: invitationKey(s.firm.firmId, s.caseId, s.contactId) }),
      )
    ).Item!;
    expect(Object.keys(invitation).filter((k) => /token/i.test(k) && k !== 'tokenHash')).toEqual([]);
    expect(invitation.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const ttl = invitation.expiresAt as number;
    expect(ttl * 1000 - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(ttl * 1000 - Date.now()).toBeLessThan(7.1 * 24 * 3600 * 1000);
  });

  it('mails the invitation; its token accepts it, binds the identity and the portal lists the case', async () => {
    // Prepare
    const s = await setup({ title: 'Annual accounts 2025', firmName: 'Bright & Co' });
    expect((await grant(s)).response.status).toBe(200);
    // Act
    const token = await invitationToken(s.email, 1);
    const me = await identityToken(s.email);
    const accepted = await accept(token, me);
    // Assess
    const [mail] = await mailTo(s.email);
    expect(mail!.subject).toBe('Bright & Co invited you to Annual accounts 2025');
    expect(mail!.body.html).toContain('Bright &amp; Co');
    expect(mail!.body.text).toContain(`http://localhost:5173/accept?token=`);
    // Only the hash of the token is stored.
    const invitation = (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: invitationKey(s.firm.firmId, s.caseId, s.contactId) }),
      )
    ).Item!;
    expect(invitation.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(await partition(invitation.PK as string))).not.toContain(token.split('.')[1]);

    expect(accepted.response.status).toBe(200);
    expect(accepted.data).toEqual({ caseId: s.caseId, contactId: s.contactId, firmId: s.firm.firmId });
    const portal = await portalCases(me);
    expect(portal.response.status).toBe(200);
    expect(portal.data!.items).toEqual([
      {
        caseId: s.caseId,
        firmId: s.firm.firmId,
        firmName: 'Bright & Co',
        title: 'Annual accounts 2025',
        role: 'viewer',
        canDownload: true,
        canUpload: false,
        sharedCount: 0,
      },
    ]);
    const list = await grantsOf(s, s.firm.staff.token);
    expect(list.data!.items[0]).toMatchObject({ status: 'active', acceptedAt: expect.any(String) });
    expect(list.data!.items[0]).not.toHaveProperty('identityId');
    expect(await trailTypes(s.firm.firmId, s.caseId)).toEqual([
      'access.accepted',
      'access.granted',
      'case.created',
      'invitation.sent',
    ]);
    // Another portal identity sees nothing of it.
    expect((await portalCases(await identityToken(s.email))).data!.items).toEqual([]);
  });

  it("answers 404 for another firm's case or contact, 422 for a contact without email, and writes nothing", async () => {
    const s = await setup();
    const other = await newFirm();
    const otherCase = await newCase(other);
    const otherContact = await newContact(other);
    const noEmail = await apiAs(s.firm.staff.token).POST('/contacts', { body: { name: 'Phone Only' } });
    const before = await partition(firmKey(s.firm.firmId).PK);

    const foreignCase = await grant(s, viewer, otherCase);
    expect(foreignCase.response.status).toBe(404);
    expect(problem(foreignCase).code).toBe('case_not_found');
    const foreignContact = await grant({ ...s, contactId: otherContact.contactId });
    expect(foreignContact.response.status).toBe(404);
    expect(problem(foreignContact).code).toBe('contact_not_found');
    const noEmailGrant = await grant({ ...s, contactId: noEmail.data!.contactId });
    expect(noEmailGrant.response.status).toBe(422);
    expect(problem(noEmailGrant).code).toBe('contact_has_no_email');

    const foreignList = await grantsOf(s, other.staff.token);
    expect(foreignList.response.status).toBe(404);
    expect(problem(foreignList).code).toBe('case_not_found');
    const foreignLink = await apiAs(other.staff.token).GET('/cases/{caseId}/portal-link', {
      params: { path: { caseId: s.caseId } },
    });
    expect(foreignLink.response.status).toBe(404);
    expect(await trailTypes(s.firm.firmId, s.caseId)).toEqual(['case.created']);
    expect(await trailTypes(other.firmId, otherCase)).toEqual(['case.created']);
    expect(await partition(firmKey(s.firm.firmId).PK)).toEqual(before);
  });

  it('refuses upload rights for a viewer with 400 and writes nothing', async () => {
    const s = await setup();
    const res = await grant(s, { role: 'viewer', canDownload: true, canUpload: true });
    expect(res.response.status).toBe(400);
    expect(problem(res).code).toBe('validation_failed');
    expect(problem(res).fields).toEqual([
      { path: 'body.canUpload', message: 'only collaborators may upload' },
    ]);
    expect((await grantsOf(s, s.firm.staff.token)).data!.items).toEqual([]);
  });

  it('saving identical rights again changes nothing; changed rights are saved with access.updated', async () => {
    const s = await setup();
    const first = await grant(s);
    // Act: the same explicit save twice
    const again = await grant(s, { ...viewer, canUpload: false });
    // Assess
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual(first.data);
    expect(await trailTypes(s.firm.firmId, s.caseId)).toEqual([
      'access.granted',
      'case.created',
      'invitation.sent',
    ]);
    const changed = await grant(s, { role: 'collaborator', canDownload: true, canUpload: true });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ role: 'collaborator', canUpload: true, status: 'invited' });
    expect(changed.data!.invitedAt).toBe(first.data!.invitedAt);
    expect(await trailTypes(s.firm.firmId, s.caseId)).toEqual([
      'access.granted',
      'access.updated',
      'case.created',
      'invitation.sent',
    ]);
    const updated = (await trail(s.firm.firmId, s.caseId)).find((e) => e.type === 'access.updated');
    expect(updated!.detail).toEqual({
      contactId: s.contactId,
      role: 'collaborator',
      canDownload: true,
      canUpload: true,
    });
  });

  it('gives the portal link of a case', async () => {
    const s = await setup();
    const res = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/portal-link', {
      params: { path: { caseId: s.caseId } },
    });
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({ caseId: s.caseId, url: `http://localhost:5173/cases/${s.caseId}` });
  });
});

describe('Routes: revoke and re-grant', () => {
  it('revoking removes the case from the portal at once; revoking again is idempotent', async () => {
    // Prepare: an accepted grant
    const s = await setup();
    await grant(s);
    const me = await identityToken(s.email);
    expect((await accept(await invitationToken(s.email), me)).response.status).toBe(200);
    expect((await portalCases(me)).data!.items).toHaveLength(1);
    // Act
    const revoked = await revoke(s);
    // Assess
    expect(revoked.response.status).toBe(200);
    expect(revoked.data!.status).toBe('revoked');
    expect((await portalCases(me)).data!.items).toEqual([]);
    const grantItem = (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: grantKey(s.firm.firmId, s.caseId, s.contactId) }),
      )
    ).Item!;
    expect(grantItem.GSI1PK).toBeUndefined();
    const again = await revoke(s);
    expect(again.response.status).toBe(200);
    expect(again.data!.status).toBe('revoked');
    const trail = await trailTypes(s.firm.firmId, s.caseId);
    expect(trail.filter((t) => t === 'access.revoked')).toHaveLength(1);
    // The access list still shows it, as revoked.
    const list = await grantsOf(s, s.firm.staff.token);
    expect(list.data!.items.map((g) => g.status)).toEqual(['revoked']);

    // Granting again to the bound contact is active at once, with no new invitation mail.
    const mailsBefore = (await mailTo(s.email)).length;
    const regrant = await grant(s, { role: 'collaborator', canDownload: false, canUpload: true });
    expect(regrant.response.status).toBe(200);
    expect(regrant.data).toMatchObject({
      status: 'active',
      role: 'collaborator',
      acceptedAt: expect.any(String),
    });
    expect((await portalCases(me)).data!.items).toMatchObject([
      { caseId: s.caseId, role: 'collaborator', canUpload: true },
    ]);
    await settle();
    expect(await mailTo(s.email)).toHaveLength(mailsBefore);
  });

  it('answers 404 grant_not_found when revoking a grant that does not exist', async () => {
    const s = await setup();
    const res = await revoke(s);
    expect(res.response.status).toBe(404);
    expect(problem(res).code).toBe('grant_not_found');
  });

  it('revoking an invited grant withdraws its invitation: the mailed token no longer works', async () => {
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    await revoke(s);
    const res = await accept(token, await identityToken(s.email));
    expect(res.response.status).toBe(404);
    expect(problem(res).code).toBe('invitation_not_found');

    // Granting again invites again: a new invitation, mailed, that works.
    const regrant = await grant(s);
    expect(regrant.data!.status).toBe('invited');
    const fresh = await invitationToken(s.email, 2);
    expect((await accept(fresh, await identityToken(s.email))).response.status).toBe(200);
    expect(await trailTypes(s.firm.firmId, s.caseId)).toEqual([
      'access.accepted',
      'access.granted',
      'access.granted',
      'access.revoked',
      'case.created',
      'invitation.sent',
      'invitation.sent',
    ]);
  });
});

describe('Routes: invitations', () => {
  it('resending replaces the invitation: the old token answers 404, the new one works', async () => {
    const s = await setup();
    await grant(s);
    const oldToken = await invitationToken(s.email, 1);
    // Act
    const resent = await resend(s);
    // Assess
    expect(resent.response.status).toBe(202);
    expect(resent.data).toEqual({
      caseId: s.caseId,
      contactId: s.contactId,
      invitationId: expect.stringMatching(/^[0-9A-Z]{26}$/),
      expiresAt: expect.any(String),
    });
    const newToken = await invitationToken(s.email, 2);
    expect(newToken).not.toBe(oldToken);
    const me = await identityToken(s.email);
    const stale = await accept(oldToken, me);
    expect(stale.response.status).toBe(404);
    expect(problem(stale).code).toBe('invitation_not_found');
    expect((await accept(newToken, me)).response.status).toBe(200);
    // Once accepted, there is nothing to resend.
    const late = await resend(s);
    expect(late.response.status).toBe(409);
    expect(problem(late).code).toBe('already_accepted');
  });

  it('answers 404 grant_not_found when resending for a contact without a grant', async () => {
    const s = await setup();
    const res = await resend(s);
    expect(res.response.status).toBe(404);
    expect(problem(res).code).toBe('grant_not_found');
  });

  it('answers 410 for an expired invitation and changes nothing', async () => {
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: invitationKey(s.firm.firmId, s.caseId, s.contactId),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 60 },
      }),
    );
    const res = await accept(token, await identityToken(s.email));
    expect(res.response.status).toBe(410);
    expect(problem(res).code).toBe('invitation_expired');
    const list = await grantsOf(s, s.firm.staff.token);
    expect(list.data!.items[0]!.status).toBe('invited');
  });

  it('is single use: a second accept answers 409, by the same or another identity', async () => {
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    const me = await identityToken(s.email);
    expect((await accept(token, me)).response.status).toBe(200);
    const twice = await accept(token, me);
    expect(twice.response.status).toBe(409);
    expect(problem(twice).code).toBe('invitation_used');
    const thief = await identityToken(s.email);
    const stolen = await accept(token, thief);
    expect(stolen.response.status).toBe(409);
    // The invitation's own answer, not the binding's: a used token says so whoever presents it.
    expect(problem(stolen).code).toBe('invitation_used');
    expect((await portalCases(thief)).data!.items).toEqual([]);
  });

  it('lets one of 8 simultaneous accepts of the same token through: one 200, one access.accepted', async () => {
    // Prepare: one token, presented 8 times at once by the same identity (a double-clicked link)
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    const me = await identityToken(s.email);
    // Act
    const answers = await Promise.all(Array.from({ length: 8 }, () => accept(token, me)));
    // Assess
    const statuses = answers.map((a) => a.response.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const refused = answers.filter((a) => a.response.status === 409).map((a) => problem(a).code);
    expect(refused).toEqual(Array(7).fill('invitation_used'));
    const accepted = (await trail(s.firm.firmId, s.caseId)).filter((e) => e.type === 'access.accepted');
    expect(accepted).toHaveLength(1);
  });

  it("binds every grant of the contact; another identity cannot use the contact's second invitation", async () => {
    // Prepare: one contact invited to two cases
    const s = await setup();
    const second = await newCase(s.firm, 'Payroll 2026');
    await grant(s);
    await grant(s, viewer, second);
    await settle();
    const mails = await mailTo(s.email);
    expect(mails).toHaveLength(2);
    const tokens = mails.map((m) => decodeURIComponent(/accept\?token=([^\s]+)/.exec(m.body.text!)![1]!));
    const first = tokens.find(
      (t) => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()).c === s.caseId,
    )!;
    const other = tokens.find((t) => t !== first)!;
    // Act
    const me = await identityToken(s.email);
    expect((await accept(first, me)).response.status).toBe(200);
    // Assess: both cases are in the portal
    const portal = await portalCases(me);
    expect(portal.data!.items.map((c) => c.caseId).sort()).toEqual([s.caseId, second].sort());
    const hijack = await accept(other, await identityToken(s.email));
    expect(hijack.response.status).toBe(409);
    expect(problem(hijack).code).toBe('contact_bound_to_other_identity');
    const mine = await accept(other, me);
    expect(mine.response.status).toBe(409);
    expect(problem(mine).code).toBe('invitation_used');
  });

  it('answers 400 for a malformed token and 404 for a forged secret', async () => {
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    const me = await identityToken(s.email);
    const malformed = await accept('not-a-token-at-all-really', me);
    expect(malformed.response.status).toBe(400);
    expect(problem(malformed).code).toBe('invalid_invitation_token');
    const forged = `${token.split('.')[0]}.${Buffer.alloc(32, 7).toString('base64url')}`;
    const res = await accept(forged, me);
    expect(res.response.status).toBe(404);
    expect(problem(res).code).toBe('invitation_not_found');
    expect((await accept(token, me)).response.status).toBe(200);
  });

  it("mails in the contact's language and escapes what it interpolates into HTML", async () => {
    const s = await setup({ title: 'Impuestos <2025> & más', locale: 'es', firmName: 'Estudio "Sur"' });
    await grant(s);
    await settle();
    const [mail] = await mailTo(s.email);
    expect(mail!.subject).toBe('Estudio "Sur" le invitó a Impuestos <2025> & más');
    expect(mail!.body.html).toContain('Impuestos &lt;2025&gt; &amp; más');
    expect(mail!.body.html).not.toContain('<2025>');
    expect(mail!.body.text).toContain('Aceptar la invitación');
  });

  it('refuses staff on the accept route and contacts on staff routes (at the gateway: the other pool)', async () => {
    const s = await setup();
    const staffAccept = await apiAs(s.firm.staff.token).POST('/portal/invitations/accept', {
      body: { token: 'x'.repeat(40) },
    });
    expect(staffAccept.response.status).toBe(401);
    const contactGrant = await grant({
      ...s,
      firm: { ...s.firm, admin: { ...s.firm.admin, token: await identityToken(s.email) } },
    });
    expect(contactGrant.response.status).toBe(401);
  });
});

describe('Routes: accepting binds only the invited, verified address', () => {
  const invitationItem = async (s: Setup) =>
    (
      await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: invitationKey(s.firm.firmId, s.caseId, s.contactId),
          ConsistentRead: true,
        }),
      )
    ).Item!;

  /** The grant is still invited, the invitation unused, no access.accepted: nothing was bound. */
  async function expectNothingBound(s: Setup) {
    expect((await grantsOf(s, s.firm.staff.token)).data!.items.map((g) => g.status)).toEqual(['invited']);
    expect(await invitationItem(s)).not.toHaveProperty('acceptedAt');
    expect(await trailTypes(s.firm.firmId, s.caseId)).not.toContain('access.accepted');
  }

  it('refuses a forwarded link opened by someone signed in with another address; the invited person still can', async () => {
    // Prepare
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    const colleague = await identityToken(`colleague-${newId().toLowerCase()}@client.test`);
    // Act
    const res = await accept(token, colleague);
    // Assess
    expect(res.response.status).toBe(403);
    expect(problem(res)).toMatchObject({
      code: 'invitation_email_mismatch',
      message: expect.stringContaining('sign in with that address'),
    });
    expect(problem(res).message).not.toContain(s.email);
    await expectNothingBound(s);
    expect((await portalCases(colleague)).data!.items).toEqual([]);
    const invited = await identityToken(s.email.toUpperCase());
    expect((await accept(token, invited)).response.status).toBe(200);
  });

  it.each([
    ['email_verified false', (email: string) => identityToken(email, false)],
    ["email_verified 'false'", (email: string) => identityToken(email, 'false')],
    ['no email_verified claim', (email: string) => mintToken({ sub: `identity-${newId()}`, email })],
    ['no email at all', () => mintToken({ sub: `identity-${newId()}` })],
  ])('refuses a login whose address is not verified (%s) and binds nothing', async (_name, login) => {
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    const res = await accept(token, await login(s.email));
    expect(res.response.status).toBe(403);
    expect(problem(res).code).toBe('invitation_email_mismatch');
    await expectNothingBound(s);
  });

  it('answers a used link with invitation_used, whoever presents it', async () => {
    const s = await setup();
    await grant(s);
    const token = await invitationToken(s.email);
    expect((await accept(token, await identityToken(s.email))).response.status).toBe(200);
    const other = await accept(token, await identityToken(`other-${newId().toLowerCase()}@client.test`));
    expect(other.response.status).toBe(409);
    expect(problem(other).code).toBe('invitation_used');
  });
});

describe('Store: accepting an invitation', () => {
  it('refuses the second accept of the same (now stale) invitation with invitation_used and writes it once', async () => {
    // Prepare: an invited grant whose mailed token's hash is stored, read as the accept route reads it
    const s = await setup();
    await grant(s);
    await invitationToken(s.email);
    const store = accessStore(table);
    const invitation = (await store.getInvitation(s.firm.firmId, s.caseId, s.contactId))!;
    const invited = (await store.getGrant(s.firm.firmId, s.caseId, s.contactId))!;
    const identityId = `identity-${newId()}`;
    const write = (): AcceptWrite => ({
      invitation,
      tokenHash: invitation.tokenHash!,
      identityId,
      acceptedAt: new Date().toISOString(),
      grants: [invited],
      event: activity(
        { clock: systemClock, ids: ulidIds },
        'access.accepted',
        { firmId: s.firm.firmId, caseId: s.caseId },
        { kind: 'contact', id: s.contactId },
        { contactId: s.contactId },
      ),
    });
    // Act: the same identity, the same invitation as read before the first accept
    await store.accept(write());
    const second = store.accept(write());
    // Assess
    await expect(second).rejects.toMatchObject({ code: 'invitation_used' });
    const accepted = (await trail(s.firm.firmId, s.caseId)).filter((e) => e.type === 'access.accepted');
    expect(accepted).toHaveLength(1);
  });
});
