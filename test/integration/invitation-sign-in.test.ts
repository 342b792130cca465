// Client sign-in through the invitation, end to end on the local stack: the invitation mail, the
// public open route (finds or creates the invited address's login in the contact pool), Cognito's
// email-code sign-in against the local identity service with the real SDK (code read from the mail
// viewer), accept, and the portal's case list; and every refusal of open with its code.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../client/src/index';
import { activityOfCasePattern, firmKey, invitationKey } from '../../functions/store/keys';
import { answerEmailCode, askEmailCode, localCognito } from '../support/cognito';
import { apiAs, problem } from './support/client';
import { invitationToken, mailTo, signInCode } from './support/mail';
import { newFirm, newId, partition, settle, type TestFirm, table, urls } from './support/stack';

const cognito = localCognito(urls.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER);
const CONTACT_POOL = urls.env.CONTACT_USER_POOL_ID!;

interface Invited {
  firm: TestFirm;
  caseId: string;
  contactId: string;
  email: string;
}

/** A firm's admin creates a case and a contact (with `email`) and grants access: the invitation is mailed. */
async function invite(
  email = `client.${newId().toLowerCase()}@client.test`,
  opts: { firmName?: string; title?: string; firm?: TestFirm } = {},
): Promise<Invited> {
  const firm = opts.firm ?? (await newFirm(opts.firmName ?? 'Lee & Partners'));
  const admin = apiAs(firm.admin.token);
  const created = await admin.POST('/cases', { body: { title: opts.title ?? 'Tax return 2026' } });
  expect(created.response.status).toBe(201);
  const contact = await admin.POST('/contacts', { body: { name: 'Jane Doe', email, locale: 'fr' } });
  expect(contact.response.status).toBe(201);
  const caseId = created.data!.caseId;
  const contactId = contact.data!.contactId;
  const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
    params: { path: { caseId, contactId } },
    body: { role: 'viewer', canDownload: true },
  });
  expect(granted.response.status).toBe(200);
  return { firm, caseId, contactId, email };
}

/** What the portal does with the link's token: no sign-in yet, so no bearer token. */
const open = (token: string) => apiAs().POST('/portal/invitations/open', { body: { token } });

/**
 * Cognito's choice-based sign-in with an emailed code, as the portal runs it: InitiateAuth
 * USER_AUTH preferring EMAIL_OTP, the code from the newest mail to the address, then
 * RespondToAuthChallenge. Answers the ID token.
 */
async function signInWithEmailCode(username: string, email: string): Promise<string> {
  const before = (await mailTo(email)).length;
  const started = await askEmailCode(cognito, username);
  expect(started.ChallengeName).toBe('EMAIL_OTP');
  const mails = await mailTo(email);
  expect(mails.length).toBe(before + 1);
  const code = await signInCode(email);
  const done = await answerEmailCode(cognito, started.Session, username, code);
  return done.AuthenticationResult!.IdToken!;
}

/** The contact pool's logins for `email` (there must never be more than one). */
async function loginsOf(email: string) {
  const res = await cognito.send(
    new ListUsersCommand({ UserPoolId: CONTACT_POOL, Filter: `email = "${email}"` }),
  );
  return res.Users ?? [];
}

const portalCaseIds = async (idToken: string) =>
  ((await apiAs(idToken).GET('/portal/cases')).data?.items ?? []).map((c) => c.caseId).sort();

describe('Flow: invitation → email code → accept → portal', () => {
  it('signs the invited client in without a password and shows the case', async () => {
    // Prepare: the invitation mail
    const s = await invite(undefined, { firmName: 'Lee & Partners', title: 'Tax return 2026' });
    const token = await invitationToken(s.email, 1);
    const tableNow = () =>
      Promise.all([
        partition(firmKey(s.firm.firmId).PK),
        partition(activityOfCasePattern(s.firm.firmId, s.caseId).pk),
      ]);
    const before = await tableNow();

    // Act: open the link (public), sign in with the mailed code, accept
    const opened = await open(token);
    expect(opened.response.status).toBe(200);
    // Opening wrote nothing in the table (contact, grant, invitation and trail are as they were).
    await settle();
    expect(await tableNow()).toEqual(before);
    const idToken = await signInWithEmailCode(opened.data!.username, s.email);
    const accepted = await apiAs(idToken).POST('/portal/invitations/accept', { body: { token } });

    // Assess
    expect(opened.data).toEqual({
      username: expect.any(String),
      emailHint: `c•••@client.test`,
      firmName: 'Lee & Partners',
      caseTitle: 'Tax return 2026',
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(JSON.stringify(opened.data)).not.toContain(s.email);
    // The login: the invited address, verified, passwordless, created without a Cognito mail.
    const login = await cognito.send(
      new AdminGetUserCommand({ UserPoolId: CONTACT_POOL, Username: s.email }),
    );
    expect(login.Username).toBe(opened.data!.username);
    const attributes = Object.fromEntries((login.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attributes).toMatchObject({
      email: s.email,
      email_verified: 'true',
      name: 'Jane Doe',
      locale: 'fr',
    });
    // Only the invitation and the sign-in code were mailed.
    expect((await mailTo(s.email)).length).toBe(2);
    expect(decodeJwt(idToken)).toMatchObject({ sub: login.Username, email: s.email, email_verified: true });

    expect(accepted.response.status).toBe(200);
    expect(accepted.data).toEqual({ caseId: s.caseId, contactId: s.contactId, firmId: s.firm.firmId });
    const portal = await apiAs(idToken).GET('/portal/cases');
    expect(portal.data!.items).toMatchObject([
      { caseId: s.caseId, firmId: s.firm.firmId, firmName: 'Lee & Partners', title: 'Tax return 2026' },
    ]);
  });

  it("one login sees both firms' cases: a second firm's invitation to the same address finds it", async () => {
    // Prepare: the client signed in through the first firm's invitation
    const email = `both.${newId().toLowerCase()}@client.test`;
    const first = await invite(email, { firmName: 'First Firm', title: 'Accounts' });
    const firstToken = await invitationToken(email, 1);
    const firstOpen = await open(firstToken);
    const firstId = await signInWithEmailCode(firstOpen.data!.username, email);
    expect(
      (await apiAs(firstId).POST('/portal/invitations/accept', { body: { token: firstToken } })).response
        .status,
    ).toBe(200);

    // Act: a second firm invites the same address
    const second = await invite(email, { firmName: 'Second Firm', title: 'Audit' });
    const secondToken = await invitationToken(email, 3);
    const secondOpen = await open(secondToken);
    const secondId = await signInWithEmailCode(secondOpen.data!.username, email);
    const accepted = await apiAs(secondId).POST('/portal/invitations/accept', {
      body: { token: secondToken },
    });

    // Assess
    expect(secondOpen.data!.username).toBe(firstOpen.data!.username);
    expect(secondOpen.data!.firmName).toBe('Second Firm');
    expect(await loginsOf(email)).toHaveLength(1);
    expect(accepted.response.status).toBe(200);
    expect(await portalCaseIds(secondId)).toEqual([first.caseId, second.caseId].sort());
    expect(await portalCaseIds(firstId)).toEqual([first.caseId, second.caseId].sort());
  });

  it('opening again, or several times at once, answers the same login and creates one', async () => {
    const s = await invite();
    const token = await invitationToken(s.email, 1);

    const [a, b, c] = await Promise.all([open(token), open(token), open(token)]);
    const again = await open(token);

    const answers = [a, b, c, again];
    expect(answers.map((r) => r.response.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((r) => r.data!.username)).size).toBe(1);
    expect(await loginsOf(s.email)).toHaveLength(1);
  });
});

describe('Flow: a forwarded invitation link', () => {
  it('binds nothing when someone signed in with another address accepts it', async () => {
    // Prepare: the invited client forwards the mail; a colleague with a portal login of their own opens it
    const s = await invite();
    const token = await invitationToken(s.email, 1);
    const colleague = `colleague.${newId().toLowerCase()}@client.test`;
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: CONTACT_POOL,
        Username: colleague,
        UserAttributes: [
          { Name: 'email', Value: colleague },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    const opened = await open(token);
    // The answer names the invited login and only a masked hint of its address.
    expect(opened.data!.emailHint).toBe('c•••@client.test');
    const colleagueId = await signInWithEmailCode(colleague, colleague);

    // Act
    const res = await apiAs(colleagueId).POST('/portal/invitations/accept', { body: { token } });

    // Assess
    expect(res.response.status).toBe(403);
    expect(problem(res).code).toBe('invitation_email_mismatch');
    const grants = await apiAs(s.firm.staff.token).GET('/cases/{caseId}/grants', {
      params: { path: { caseId: s.caseId } },
    });
    expect(grants.data!.items.map((g) => g.status)).toEqual(['invited']);
    expect(await portalCaseIds(colleagueId)).toEqual([]);
    // The invited client still signs in with the same link.
    const invitedId = await signInWithEmailCode(opened.data!.username, s.email);
    expect(
      (await apiAs(invitedId).POST('/portal/invitations/accept', { body: { token } })).response.status,
    ).toBe(200);
  });
});

describe('Route: open invitation refusals (no login created)', () => {
  async function expectNoLogin(email: string) {
    expect(await loginsOf(email)).toEqual([]);
  }

  async function refusedWith(res: { response: Response; error?: unknown }, status: number, code: string) {
    expect(res.response.status).toBe(status);
    expect(problem(res).code).toBe(code);
  }

  it('a used invitation: 409 invitation_used', async () => {
    const s = await invite();
    const token = await invitationToken(s.email, 1);
    const opened = await open(token);
    const idToken = await signInWithEmailCode(opened.data!.username, s.email);
    expect(
      (await apiAs(idToken).POST('/portal/invitations/accept', { body: { token } })).response.status,
    ).toBe(200);
    await refusedWith(await open(token), 409, 'invitation_used');
  });

  it('a revoked grant: 404 invitation_not_found', async () => {
    const s = await invite();
    const token = await invitationToken(s.email, 1);
    const revoked = await apiAs(s.firm.admin.token).DELETE('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId: s.caseId, contactId: s.contactId } },
    });
    expect(revoked.response.status).toBe(200);
    await refusedWith(await open(token), 404, 'invitation_not_found');
    await expectNoLogin(s.email);
  });

  it('an expired invitation: 410 invitation_expired', async () => {
    const s = await invite();
    const token = await invitationToken(s.email, 1);
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: invitationKey(s.firm.firmId, s.caseId, s.contactId),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 60 },
      }),
    );
    await refusedWith(await open(token), 410, 'invitation_expired');
    await expectNoLogin(s.email);
  });

  it('a resent (superseded) invitation: the old link 404 invitation_not_found, the new one opens', async () => {
    const s = await invite();
    const oldToken = await invitationToken(s.email, 1);
    const resent = await apiAs(s.firm.admin.token).POST('/cases/{caseId}/grants/{contactId}/invitation', {
      params: { path: { caseId: s.caseId, contactId: s.contactId } },
    });
    expect(resent.response.status).toBe(202);
    const newToken = await invitationToken(s.email, 2);
    await refusedWith(await open(oldToken), 404, 'invitation_not_found');
    await expectNoLogin(s.email);
    expect((await open(newToken)).response.status).toBe(200);
  });

  it('a login with the invited address that is not verified: 409 login_email_unverified, left as it is', async () => {
    // Prepare: a login holding the invited address, unverified (not one this API made)
    const s = await invite();
    const token = await invitationToken(s.email, 1);
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: CONTACT_POOL,
        Username: s.email,
        UserAttributes: [
          { Name: 'email', Value: s.email },
          { Name: 'email_verified', Value: 'false' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    // Act
    const res = await open(token);
    // Assess
    await refusedWith(res, 409, 'login_email_unverified');
    const [login] = await loginsOf(s.email);
    expect(login!.Attributes).toContainEqual({ Name: 'email_verified', Value: 'false' });
  });

  it('a forged secret: 404 invitation_not_found; a malformed token: 400 invalid_invitation_token', async () => {
    const s = await invite();
    const token = await invitationToken(s.email, 1);
    const forged = `${token.split('.')[0]}.${Buffer.alloc(32, 7).toString('base64url')}`;
    await refusedWith(await open(forged), 404, 'invitation_not_found');
    await refusedWith(await open('not-a-token-at-all-really'), 400, 'invalid_invitation_token');
    await expectNoLogin(s.email);
  });

  it('a body that is not {token}: 400 validation_failed', async () => {
    const res = await apiAs().POST('/portal/invitations/open', {
      body: { token: 'x'.repeat(40), email: 'me@example.com' } as unknown as Schemas['AcceptBody'],
    });
    await refusedWith(res, 400, 'validation_failed');
    await settle();
  });
});
