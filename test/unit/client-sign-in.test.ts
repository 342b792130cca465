import { describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  openInvitation,
  type PortalConfig,
  refresh,
  signInErrorCode,
  signInWithPassword,
  signOut,
  startEmailSignIn,
  tokenSession,
} from '../../client/src/index';
import { expectStep, failure } from '../support/sign-in';

const config: PortalConfig = {
  apiUrl: 'https://api.test/',
  region: 'eu-west-1',
  identity: {
    endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
    staff: { userPoolId: 'eu-west-1_Staff', clientId: 'staff-client' },
    contact: { userPoolId: 'eu-west-1_Contact', clientId: 'contact-client' },
  },
};
const NOW = 1_800_000_000_000;
const now = () => NOW;
const RESULT = {
  IdToken: 'id1',
  AccessToken: 'acc1',
  RefreshToken: 'ref1',
  ExpiresIn: 3600,
  TokenType: 'Bearer',
};
const TOKENS = { idToken: 'id1', accessToken: 'acc1', refreshToken: 'ref1', expiresAt: NOW + 3_600_000 };

interface Seen {
  url: string;
  action: string | null;
  contentType: string | null;
  authorization: string | null;
  body: Record<string, unknown>;
}

/** A fake Cognito (and API): answers each call with the next of `answers`, records what it got. */
function fakeService(...answers: Array<[status: number, body: unknown]>) {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const target = headers.get('x-amz-target');
    seen.push({
      url: String(input),
      action: target ? target.replace('AWSCognitoIdentityProviderService.', '') : null,
      contentType: headers.get('content-type'),
      authorization: headers.get('authorization'),
      body: JSON.parse(String(init?.body)),
    });
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call ${target ?? input}`);
    return new Response(JSON.stringify(answer[1]), { status: answer[0] });
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

describe('Module: client sign-in (contact, email code)', () => {
  it('starts choice-based sign-in with EMAIL_OTP and answers the code for tokens', async () => {
    // Prepare
    const cognito = fakeService(
      [
        200,
        {
          ChallengeName: 'EMAIL_OTP',
          Session: 's1',
          ChallengeParameters: {
            CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
            CODE_DELIVERY_DESTINATION: 'c***@e***',
          },
        },
      ],
      [200, { AuthenticationResult: RESULT }],
    );

    // Act
    const step = await startEmailSignIn(
      config,
      { email: ' Carla@Example.com ' },
      { fetch: cognito.fetch, now },
    );
    const tokens = await step.answer(' 123456 ');

    // Assess
    expect(step.destination).toBe('c***@e***');
    expect(tokens).toEqual(TOKENS);
    expect(cognito.seen.map((s) => [s.url, s.action, s.contentType])).toEqual([
      ['https://cognito-idp.eu-west-1.amazonaws.com/', 'InitiateAuth', 'application/x-amz-json-1.1'],
      [
        'https://cognito-idp.eu-west-1.amazonaws.com/',
        'RespondToAuthChallenge',
        'application/x-amz-json-1.1',
      ],
    ]);
    expect(cognito.seen[0]!.body).toEqual({
      AuthFlow: 'USER_AUTH',
      ClientId: 'contact-client',
      AuthParameters: { USERNAME: 'carla@example.com', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    });
    expect(cognito.seen[1]!.body).toEqual({
      ChallengeName: 'EMAIL_OTP',
      ClientId: 'contact-client',
      Session: 's1',
      ChallengeResponses: { USERNAME: 'carla@example.com', EMAIL_OTP_CODE: '123456' },
    });
  });

  it('signs in with the username an invitation gave, choosing EMAIL_OTP when Cognito offers a choice', async () => {
    const cognito = fakeService(
      [
        200,
        { ChallengeName: 'SELECT_CHALLENGE', Session: 's0', AvailableChallenges: ['EMAIL_OTP', 'PASSWORD'] },
      ],
      [200, { ChallengeName: 'EMAIL_OTP', Session: 's1', ChallengeParameters: {} }],
    );

    const step = await startEmailSignIn(config, { username: 'a1b2-uuid' }, { fetch: cognito.fetch });

    expect(step.kind).toBe('email_code');
    expect(cognito.seen[0]!.body.AuthParameters).toEqual({
      USERNAME: 'a1b2-uuid',
      PREFERRED_CHALLENGE: 'EMAIL_OTP',
    });
    expect(cognito.seen[1]!.body).toEqual({
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: 'contact-client',
      Session: 's0',
      ChallengeResponses: { USERNAME: 'a1b2-uuid', ANSWER: 'EMAIL_OTP' },
    });
  });

  it('keeps the step usable after a wrong code, so the contact can type it again', async () => {
    const cognito = fakeService(
      [200, { ChallengeName: 'EMAIL_OTP', Session: 's1', ChallengeParameters: {} }],
      [400, { __type: 'CodeMismatchException', message: 'Invalid code received for user' }],
      [200, { AuthenticationResult: RESULT }],
    );
    const step = await startEmailSignIn(config, { email: 'c@example.com' }, { fetch: cognito.fetch, now });

    const wrong = await failure(step.answer('000000'));
    const tokens = await step.answer('123456');

    expect([wrong.code, wrong.detail]).toEqual(['wrong_code', 'CodeMismatchException']);
    expect(tokens).toEqual(TOKENS);
    expect(cognito.seen[2]!.body.Session).toBe('s1');
  });

  it('refuses a challenge it does not handle instead of waiting for a code that never comes', async () => {
    const cognito = fakeService([200, { ChallengeName: 'PASSWORD', Session: 's', ChallengeParameters: {} }]);

    const err = await failure(startEmailSignIn(config, { email: 'c@example.com' }, { fetch: cognito.fetch }));

    expect(err.code).toBe('unexpected_challenge');
  });
});

describe('Module: client sign-in (staff, password + TOTP)', () => {
  it('walks a first sign-in: new password, TOTP set-up with its otpauth URI, then tokens', async () => {
    // Prepare
    const cognito = fakeService(
      [
        200,
        {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: 's1',
          ChallengeParameters: { USER_ID_FOR_SRP: 'uuid-ana', requiredAttributes: '[]' },
        },
      ],
      [
        200,
        { ChallengeName: 'MFA_SETUP', Session: 's2', ChallengeParameters: { USER_ID_FOR_SRP: 'uuid-ana' } },
      ],
      [200, { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 's3' }],
      [200, { Status: 'SUCCESS', Session: 's4' }],
      [200, { AuthenticationResult: RESULT }],
    );

    // Act
    const first = await signInWithPassword(
      config,
      { email: 'Ana@Firm.example', password: 'Temp-Pa55!' },
      { fetch: cognito.fetch, now, totpIssuer: 'Acme Tax' },
    );
    const setup = expectStep(
      await expectStep(first, 'new_password_required').setNewPassword('N3w-Pa55!'),
      'mfa_setup',
    );
    const done = expectStep(await setup.verifyTotp('654321'), 'signed_in');

    // Assess
    expect(setup.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(setup.otpauthUri).toBe(
      'otpauth://totp/Acme%20Tax:ana%40firm.example?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Tax',
    );
    expect(done.tokens).toEqual(TOKENS);
    expect(cognito.seen.map((s) => [s.action, s.body])).toEqual([
      [
        'InitiateAuth',
        {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: 'staff-client',
          AuthParameters: { USERNAME: 'ana@firm.example', PASSWORD: 'Temp-Pa55!' },
        },
      ],
      [
        'RespondToAuthChallenge',
        {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ClientId: 'staff-client',
          Session: 's1',
          ChallengeResponses: { USERNAME: 'uuid-ana', NEW_PASSWORD: 'N3w-Pa55!' },
        },
      ],
      ['AssociateSoftwareToken', { Session: 's2' }],
      ['VerifySoftwareToken', { Session: 's3', UserCode: '654321', FriendlyDeviceName: 'Acme Tax' }],
      [
        'RespondToAuthChallenge',
        {
          ChallengeName: 'MFA_SETUP',
          ClientId: 'staff-client',
          Session: 's4',
          ChallengeResponses: { USERNAME: 'uuid-ana' },
        },
      ],
    ]);
  });

  it('asks for the TOTP code on a later sign-in and lets a wrong one be typed again', async () => {
    const cognito = fakeService(
      [200, { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's1', ChallengeParameters: {} }],
      [400, { __type: 'CodeMismatchException', message: 'Invalid code received for user' }],
      [200, { AuthenticationResult: RESULT }],
    );
    const step = expectStep(
      await signInWithPassword(
        config,
        { email: 'ana@firm.example', password: 'pw' },
        { fetch: cognito.fetch, now },
      ),
      'totp_required',
    );

    const wrong = await failure(step.answerTotp('111111'));
    const done = expectStep(await step.answerTotp('222222'), 'signed_in');

    expect(wrong.code).toBe('wrong_code');
    expect(done.tokens).toEqual(TOKENS);
    expect(cognito.seen[2]!.body).toEqual({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: 'staff-client',
      Session: 's1',
      ChallengeResponses: { USERNAME: 'ana@firm.example', SOFTWARE_TOKEN_MFA_CODE: '222222' },
    });
  });

  it('says wrong_code when the authenticator code of the set-up is refused', async () => {
    const cognito = fakeService(
      [200, { ChallengeName: 'MFA_SETUP', Session: 's1', ChallengeParameters: {} }],
      [200, { SecretCode: 'SECRET', Session: 's2' }],
      [400, { __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch' }],
      [200, { Status: 'ERROR' }],
    );
    const setup = expectStep(
      await signInWithPassword(
        config,
        { email: 'ana@firm.example', password: 'pw' },
        { fetch: cognito.fetch },
      ),
      'mfa_setup',
    );

    const mismatch = await failure(setup.verifyTotp('1'));
    const status = await failure(setup.verifyTotp('2'));

    expect([mismatch.code, status.code]).toEqual(['wrong_code', 'wrong_code']);
    expect(cognito.seen).toHaveLength(4);
  });

  it('maps a wrong password to not_authorized', async () => {
    const cognito = fakeService([
      400,
      { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    ]);

    const err = await failure(
      signInWithPassword(config, { email: 'ana@firm.example', password: 'nope' }, { fetch: cognito.fetch }),
    );

    expect([err.code, err.message]).toEqual(['not_authorized', 'Incorrect username or password.']);
  });
});

describe('Module: client sign-in errors', () => {
  it.each([
    ['CodeMismatchException', 'Invalid code received for user', 'wrong_code'],
    ['ExpiredCodeException', 'Invalid code provided, please request a code again.', 'code_expired'],
    ['NotAuthorizedException', 'Incorrect username or password.', 'not_authorized'],
    ['NotAuthorizedException', 'Invalid session for the user, session is expired.', 'session_expired'],
    ['NotAuthorizedException', 'Password attempts exceeded', 'too_many_attempts'],
    ['LimitExceededException', 'Attempt limit exceeded, please try after some time.', 'too_many_attempts'],
    ['TooManyRequestsException', 'Too many requests', 'too_many_attempts'],
    ['TooManyFailedAttemptsException', 'Too many failed attempts', 'too_many_attempts'],
    ['UserNotFoundException', 'User does not exist.', 'user_not_found'],
    ['PasswordResetRequiredException', 'Password reset required', 'password_reset_required'],
    ['InvalidPasswordException', 'Password does not conform to policy', 'weak_password'],
    ['InvalidParameterException', 'Missing required parameter USERNAME', 'invalid_request'],
    ['com.amazonaws.cognito.identity.idp.model#CodeMismatchException', 'x', 'wrong_code'],
    ['SomethingNewException', 'x', 'sign_in_failed'],
  ])('maps %s (%s) to %s', async (type, message, code) => {
    const cognito = fakeService([400, { __type: type, message }]);

    const err = await failure(refresh(config, 'staff', 'ref', { fetch: cognito.fetch }));

    expect(err.code).toBe(code);
    expect(signInErrorCode(type, message)).toBe(code);
  });

  it('says network_error when Cognito cannot be reached, service_error when it answers no JSON error', async () => {
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const html = (async () => new Response('<html>502</html>', { status: 502 })) as typeof fetch;

    const unreachable = await failure(refresh(config, 'staff', 'ref', { fetch: down }));
    const broken = await failure(refresh(config, 'staff', 'ref', { fetch: html }));

    expect(unreachable.code).toBe('network_error');
    expect([broken.code, broken.detail]).toEqual(['service_error', 502]);
  });
});

describe('Module: client tokens', () => {
  it('refreshes with REFRESH_TOKEN_AUTH of the pool and keeps the refresh token Cognito does not resend', async () => {
    const cognito = fakeService([
      200,
      { AuthenticationResult: { IdToken: 'id2', AccessToken: 'acc2', ExpiresIn: 60 } },
    ]);

    const tokens = await refresh(config, 'contact', 'ref1', { fetch: cognito.fetch, now });

    expect(tokens).toEqual({
      idToken: 'id2',
      accessToken: 'acc2',
      refreshToken: 'ref1',
      expiresAt: NOW + 60_000,
    });
    expect(cognito.seen[0]!.body).toEqual({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: 'contact-client',
      AuthParameters: { REFRESH_TOKEN: 'ref1' },
    });
  });

  it('signs out by revoking the refresh token with the pool client', async () => {
    const cognito = fakeService([200, {}]);

    await signOut(config, 'contact', 'ref1', { fetch: cognito.fetch });

    expect(cognito.seen.map((s) => [s.action, s.body])).toEqual([
      ['RevokeToken', { Token: 'ref1', ClientId: 'contact-client' }],
    ]);
  });

  it('hands out the ID token and refreshes it once, shortly before it expires, for every waiting call', async () => {
    // Prepare
    let clock = NOW;
    const cognito = fakeService([
      200,
      { AuthenticationResult: { IdToken: 'id2', AccessToken: 'acc2', ExpiresIn: 3600 } },
    ]);
    const stored: string[] = [];
    const session = tokenSession(config, 'staff', TOKENS, {
      fetch: cognito.fetch,
      now: () => clock,
      marginMs: 60_000,
      onTokens: (t) => stored.push(t.idToken),
    });

    // Act
    const early = await session.idToken();
    clock = TOKENS.expiresAt - 59_000;
    const late = await Promise.all([session.idToken(), session.idToken(), session.idToken()]);
    const after = await session.idToken();

    // Assess
    expect(early).toBe('id1');
    expect(late).toEqual(['id2', 'id2', 'id2']);
    expect(after).toBe('id2');
    expect(cognito.seen).toHaveLength(1);
    expect(stored).toEqual(['id2']);
    expect(session.tokens().refreshToken).toBe('ref1');
  });
});

describe('Module: client invitations', () => {
  it('opens an invitation anonymously and accepts it with the ID token as bearer', async () => {
    const opened = {
      username: 'u1',
      emailHint: 'c***@e***',
      firmName: 'Acme',
      caseTitle: 'Tax',
      expiresAt: 'x',
    };
    const accepted = { caseId: 'c1', contactId: 'k1', firmId: 'f1' };
    const api = fakeService([200, opened], [200, accepted]);

    const seenOpen = await openInvitation(config, 'tok', { fetch: api.fetch });
    const seenAccept = await acceptInvitation(config, 'tok', 'id1', { fetch: api.fetch });

    expect([seenOpen, seenAccept]).toEqual([opened, accepted]);
    expect(api.seen.map((s) => [s.url, s.authorization, s.body])).toEqual([
      ['https://api.test/portal/invitations/open', null, { token: 'tok' }],
      ['https://api.test/portal/invitations/accept', 'Bearer id1', { token: 'tok' }],
    ]);
  });

  it("throws the API's code for a link that can no longer be used, not_authorized for a refused token", async () => {
    const api = fakeService(
      [410, { code: 'invitation_expired', message: 'The invitation has expired.' }],
      [401, { message: 'Unauthorized' }],
    );

    const gone = await failure(openInvitation(config, 'tok', { fetch: api.fetch }));
    const refused = await failure(acceptInvitation(config, 'tok', 'bad', { fetch: api.fetch }));

    expect([gone.code, gone.detail, gone.message]).toEqual([
      'invitation_expired',
      410,
      'The invitation has expired.',
    ]);
    expect([refused.code, refused.detail]).toEqual(['not_authorized', 401]);
  });
});
