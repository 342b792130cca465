// The typed client's sign-in helpers against the local identity service, configured by the file
// `npm run portal-config -- --local` writes: a contact signs in with the code mailed to them and
// accepts an invitation, a staff user walks the first sign-in (new password, TOTP set-up) and a later
// one, and each calls the API with its ID token through the typed client.

import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AdminCreateUserCommand, AdminDisableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  createPorticoClient,
  type PortalConfig,
  parsePortalConfig,
  refresh,
  signInWithPassword,
  signOut,
  startEmailSignIn,
  tokenSession,
} from '../../client/src/index';
import { firmAdminStore } from '../../functions/store/firm';
import { localCognito } from '../support/cognito';
import { expectStep, failure } from '../support/sign-in';
import { apiAs } from './support/client';
import { invitationToken, signInCode, temporaryPassword } from './support/mail';
import { newFirm, newId, table, urls } from './support/stack';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const env = urls.env;
const cognito = localCognito(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER);
let dir = '';
let config: PortalConfig;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portico-client-sign-in-'));
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/portal-config.ts',
      '--local',
      '--api',
      urls.api,
      '--out',
      join(dir, 'portal-config.json'),
    ],
    {
      cwd: root,
    },
  );
  config = parsePortalConfig(JSON.parse(readFileSync(join(dir, 'portal-config.json'), 'utf8')));
}, 60_000);
afterAll(() => {
  cognito.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const address = (what: string) => `${what}.${newId().toLowerCase()}@example.test`;

/** RFC 6238 (HMAC-SHA1, 30 s, 6 digits) from the base32 secret, as an authenticator app computes it. */
function authenticatorCode(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...secret.replace(/=+$/, '')]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A code that is certainly not `code` (each digit moved by one). */
const wrong = (code: string) => code.replace(/\d/g, (d) => String((Number(d) + 1) % 10));

describe('Client sign-in on the local stack', () => {
  it('npm run portal-config -- --local writes the local API, pools, clients and identity endpoint', () => {
    expect(config).toEqual({
      apiUrl: urls.api,
      region: env.AWS_REGION,
      identity: {
        endpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
        staff: { userPoolId: env.STAFF_USER_POOL_ID, clientId: 'portico-local-staff' },
        contact: { userPoolId: env.CONTACT_USER_POOL_ID, clientId: 'portico-local-contact' },
      },
    });
  });

  it('a contact: code mailed → a wrong code refused → the right one → invitation accepted → the case in the portal → signed out', async () => {
    // Prepare: a case, the contact granted access (invitation mailed) and their Cognito login.
    const firm = await newFirm();
    const email = address('carla');
    const created = await apiAs(firm.admin.token).POST('/contacts', { body: { name: 'Carla', email } });
    const contactId = created.data!.contactId;
    const opened = await apiAs(firm.staff.token).POST('/cases', { body: { title: 'Tax return 2026' } });
    const caseId = opened.data!.caseId;
    await apiAs(firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId, contactId } },
      body: { role: 'viewer', canDownload: true },
    });
    const invitation = await invitationToken(email);
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: config.identity.contact.userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );

    // Act
    const step = await startEmailSignIn(config, { email: email.toUpperCase() });
    const code = await signInCode(email);
    const mismatch = await failure(step.answer(wrong(code)));
    const tokens = await step.answer(code);
    const accepted = await acceptInvitation(config, invitation, tokens.idToken);
    const session = tokenSession(config, 'contact', tokens);
    const api = createPorticoClient({ baseUrl: config.apiUrl, token: session.idToken });
    const cases = await api.GET('/portal/cases');
    await signOut(config, 'contact', tokens.refreshToken);
    const afterSignOut = await failure(refresh(config, 'contact', tokens.refreshToken));

    // Assess
    expect(step.destination).toMatch(/^c\*\*\*@e\*\*\*/);
    expect(mismatch.code).toBe('wrong_code');
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    expect(accepted).toEqual({ caseId, contactId, firmId: firm.firmId });
    expect(cases.response.status).toBe(200);
    expect(cases.data!.items.map((c) => c.caseId)).toEqual([caseId]);
    expect(afterSignOut.code).toBe('not_authorized');
  });

  it('a staff user: temporary password → new password → TOTP set-up → staff route; later: password + TOTP, refresh', async () => {
    // Prepare: an admin of a new firm in the staff pool and directory (Cognito mails the temporary password).
    const firm = await newFirm();
    const email = address('ana');
    const { User } = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: config.identity.staff.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:firmId', Value: firm.firmId },
          { Name: 'custom:role', Value: 'admin' },
        ],
      }),
    );
    await firmAdminStore(table).putStaffUser({
      firmId: firm.firmId,
      userId: User!.Username!,
      name: 'Ana Admin',
      email,
      role: 'admin',
      createdAt: new Date().toISOString(),
    });
    const temporary = await temporaryPassword(email);

    // Act: the first sign-in.
    const first = await signInWithPassword(
      config,
      { email, password: temporary },
      { totpIssuer: 'Test Firm' },
    );
    const setup = expectStep(
      await expectStep(first, 'new_password_required').setNewPassword('Correct-horse-battery-9'),
      'mfa_setup',
    );
    const refused = await failure(setup.verifyTotp(wrong(authenticatorCode(setup.secret))));
    const done = expectStep(await setup.verifyTotp(authenticatorCode(setup.secret)), 'signed_in');
    const cases = await createPorticoClient({ baseUrl: config.apiUrl, token: done.tokens.idToken }).GET(
      '/cases',
    );

    // Assess
    expect(setup.otpauthUri).toBe(
      `otpauth://totp/Test%20Firm:${encodeURIComponent(email)}?secret=${setup.secret}&issuer=Test%20Firm`,
    );
    expect(refused.code).toBe('wrong_code');
    expect(cases.response.status).toBe(200);

    // Act: a later sign-in asks for the TOTP code; a wrong password is refused.
    const badPassword = await failure(signInWithPassword(config, { email, password: 'Not-the-password-1' }));
    const later = expectStep(
      await signInWithPassword(config, { email, password: 'Correct-horse-battery-9' }),
      'totp_required',
    );
    const badCode = await failure(later.answerTotp(wrong(authenticatorCode(setup.secret))));
    const again = expectStep(await later.answerTotp(authenticatorCode(setup.secret)), 'signed_in');
    const refreshed = await refresh(config, 'staff', again.tokens.refreshToken);
    const inbox = await createPorticoClient({ baseUrl: config.apiUrl, token: refreshed.idToken }).GET(
      '/inbox',
    );

    // Assess
    expect([badPassword.code, badCode.code]).toEqual(['not_authorized', 'wrong_code']);
    expect(refreshed.refreshToken).toBe(again.tokens.refreshToken);
    expect(inbox.response.status).toBe(200);
  });

  it('a disabled staff user cannot refresh: not_authorized', async () => {
    // Prepare
    const firm = await newFirm();
    const email = address('sam');
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: config.identity.staff.userPoolId,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:firmId', Value: firm.firmId },
          { Name: 'custom:role', Value: 'staff' },
        ],
      }),
    );
    const temporary = await temporaryPassword(email);
    const setup = expectStep(
      await expectStep(
        await signInWithPassword(config, { email, password: temporary }),
        'new_password_required',
      ).setNewPassword('Correct-horse-battery-9'),
      'mfa_setup',
    );
    const done = expectStep(await setup.verifyTotp(authenticatorCode(setup.secret)), 'signed_in');

    // Act
    await cognito.send(
      new AdminDisableUserCommand({ UserPoolId: config.identity.staff.userPoolId, Username: email }),
    );
    const err = await failure(refresh(config, 'staff', done.tokens.refreshToken));

    // Assess
    expect(err.code).toBe('not_authorized');
  });
});
