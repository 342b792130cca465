// Both sign-ins end to end on the local stack: the real Cognito SDK client against the local
// identity service (endpoint from the functions' env), codes and temporary passwords read from the
// local SES viewer, and the tokens used on the API, whose gateway verifies them per pool.
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  CodeMismatchException,
  InitiateAuthCommand,
  LimitExceededException,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, describe, expect, it } from 'vitest';
import { firmAdminStore } from '../../functions/store/firm';
import { LOCAL_CONTACT_CLIENT, LOCAL_STAFF_CLIENT } from '../../local/auth';
import { totp } from '../../local/identity/codes';
import { answerEmailCode, askEmailCode, localCognito } from '../support/cognito';
import { mailTo, signInCode, temporaryPassword } from './support/mail';
import { call, newFirm, newId, table, urls } from './support/stack';

const env = urls.env;
const cognito = localCognito(env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER);
afterAll(() => cognito.destroy());

const address = (what: string) => `${what}.${newId().toLowerCase()}@example.test`;

async function createContact(email: string) {
  const { User } = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: env.CONTACT_USER_POOL_ID,
      Username: email,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  return User!;
}

const askCode = (email: string) => askEmailCode(cognito, email);
const answer = (session: string | undefined, email: string, code: string) =>
  answerEmailCode(cognito, session, email, code);

async function contactTokens(email: string) {
  const started = await askCode(email);
  const code = await signInCode(email);
  return (await answer(started.Session, email, code)).AuthenticationResult!;
}

describe('Local identity on the stack', () => {
  it('a staff user: temporary password mailed → new password → TOTP setup → tokens → a staff route answers 200', async () => {
    // Prepare: a firm, and its admin created in the staff pool (Cognito mails the temporary password).
    const firm = await newFirm();
    const email = address('admin');
    const { User } = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: env.STAFF_USER_POOL_ID,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'custom:firmId', Value: firm.firmId },
          { Name: 'custom:role', Value: 'admin' },
        ],
      }),
    );
    const sub = User!.Username!;
    await firmAdminStore(table).putStaffUser({
      firmId: firm.firmId,
      userId: sub,
      name: 'Signed-in Admin',
      email,
      role: 'admin',
      createdAt: new Date().toISOString(),
    });
    const temporary = await temporaryPassword(email);

    // Act: the first sign-in, as the staff app does it.
    const first = await cognito.send(
      new InitiateAuthCommand({
        ClientId: LOCAL_STAFF_CLIENT,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: temporary },
      }),
    );
    const setup = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: LOCAL_STAFF_CLIENT,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: email, NEW_PASSWORD: 'Correct-horse-battery-9' },
      }),
    );
    const assoc = await cognito.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    const verified = await cognito.send(
      new VerifySoftwareTokenCommand({
        Session: assoc.Session,
        UserCode: totp(assoc.SecretCode!, new Date()),
      }),
    );
    const done = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: LOCAL_STAFF_CLIENT,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session,
        ChallengeResponses: { USERNAME: email },
      }),
    );
    const token = done.AuthenticationResult!.IdToken!;

    // Assess
    expect([first.ChallengeName, setup.ChallengeName]).toEqual(['NEW_PASSWORD_REQUIRED', 'MFA_SETUP']);
    const cases = await call('GET', '/cases', { token });
    expect(cases.status).toBe(200);
    // The other pool's authorizer refuses it.
    const portal = await call('GET', '/portal/cases', { token });
    expect(portal.status).toBe(401);
    expect(portal.body).toEqual({ message: 'Unauthorized' });
  });

  it('a contact: code mailed to the viewer → tokens → GET /portal/cases 200, and refused on staff routes', async () => {
    // Prepare
    const email = address('client');
    await createContact(email);
    // Act
    const started = await askCode(email);
    const code = await signInCode(email);
    const done = await answer(started.Session, email, code);
    const token = done.AuthenticationResult!.IdToken!;
    // Assess
    expect(started.ChallengeName).toBe('EMAIL_OTP');
    const mail = (await mailTo(email)).at(-1)!;
    expect(mail.from).toContain(env.SENDER_EMAIL);
    expect((await call('GET', '/portal/cases', { token })).status).toBe(200);
    const staffRoute = await call('GET', '/cases', { token });
    expect(staffRoute.status).toBe(401);
    expect(staffRoute.body).toEqual({ message: 'Unauthorized' });
  });

  it('a wrong code is CodeMismatchException; 5 wrong codes lock the sign-in (NotAuthorizedException)', async () => {
    // Prepare
    const email = address('guess');
    await createContact(email);
    const s1 = await askCode(email);
    const right = await signInCode(email);
    const wrong = right === '00000000' ? '11111111' : '00000000';
    // Act: 3 wrong answers use up a session, 2 more in the next make 5.
    for (let i = 0; i < 3; i++)
      await expect(answer(s1.Session, email, wrong)).rejects.toBeInstanceOf(CodeMismatchException);
    const s2 = await askCode(email);
    const right2 = await signInCode(email);
    for (let i = 0; i < 2; i++)
      await expect(answer(s2.Session, email, right2 === wrong ? right : wrong)).rejects.toBeInstanceOf(
        CodeMismatchException,
      );
    // Assess: even the right code is refused now.
    await expect(answer(s2.Session, email, right2)).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it('a code flood ends in LimitExceededException', async () => {
    const email = address('flood');
    await createContact(email);
    for (let i = 0; i < 5; i++) await askCode(email);
    await expect(askCode(email)).rejects.toBeInstanceOf(LimitExceededException);
    expect(await mailTo(email)).toHaveLength(5);
  });

  it('a disabled user cannot sign in (NotAuthorizedException)', async () => {
    const email = address('disabled');
    const user = await createContact(email);
    await cognito.send(
      new AdminDisableUserCommand({ UserPoolId: env.CONTACT_USER_POOL_ID, Username: user.Username }),
    );
    await expect(askCode(email)).rejects.toBeInstanceOf(NotAuthorizedException);
    expect(await mailTo(email)).toEqual([]);
  });

  it('GET /local/outputs answers the stack outputs scripts/stack-outputs.ts reads', async () => {
    const res = await call('GET', '/local/outputs');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ApiUrl: urls.api,
      PortalUrl: env.PORTAL_URL,
      Region: 'us-east-1',
      TableName: env.TABLE_NAME,
      StaffUserPoolId: env.STAFF_USER_POOL_ID,
      StaffClientId: LOCAL_STAFF_CLIENT,
      ContactUserPoolId: env.CONTACT_USER_POOL_ID,
      ContactClientId: LOCAL_CONTACT_CLIENT,
      LocalDynamoDbEndpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      LocalIdentityEndpoint: env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER,
    });
    // The pools' keys, where an authorizer (or a portal) finds them.
    const jwks = await fetch(
      `${env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER}/${env.CONTACT_USER_POOL_ID}/.well-known/jwks.json`,
    );
    expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
  });

  it('a contact signs in, then its refresh token is refused after a global sign-out', async () => {
    const email = address('signout');
    const user = await createContact(email);
    const tokens = await contactTokens(email);
    await cognito.send(
      new AdminUserGlobalSignOutCommand({ UserPoolId: env.CONTACT_USER_POOL_ID, Username: user.Username }),
    );
    await expect(
      cognito.send(
        new InitiateAuthCommand({
          ClientId: LOCAL_CONTACT_CLIENT,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      ),
    ).rejects.toBeInstanceOf(NotAuthorizedException);
  });
});
