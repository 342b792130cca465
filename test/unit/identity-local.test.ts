// The local identity service alone (no stack): the real Cognito SDK client against it, an
// injectable clock, and a mailer that keeps what it would send.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  LimitExceededException,
  ListUsersCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  UserNotFoundException,
  UsernameExistsException,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import fc from 'fast-check';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_CONTACT_CLIENT,
  LOCAL_CONTACT_POOL,
  LOCAL_STAFF_CLIENT,
  LOCAL_STAFF_POOL,
  loadSigningKey,
  localAuth,
  localPools,
  type SigningKey,
} from '../../local/auth';
import { base32Decode, base32Encode, totp, verifyTotp } from '../../local/identity/codes';
import type { Mailer } from '../../local/identity/mail';
import { type LocalIdentity, startIdentity } from '../../local/identity/server';
import { freePort } from '../../local/ports';
import { answerEmailCode, askEmailCode, localCognito } from '../support/cognito';

interface Sent {
  trigger: string;
  to: string;
  code: string | undefined;
}

let dir: string;
let key: SigningKey;
let port: number;
let identity: LocalIdentity;
let client: CognitoIdentityProviderClient;
const sent: Sent[] = [];
let clock = Date.now();
const logs: string[] = [];

const mailer: Mailer = {
  async send(trigger, _pool, user, code) {
    sent.push({ trigger, to: user.attributes.email!, code });
  },
};

async function start() {
  identity = await startIdentity({
    port,
    stateFile: join(dir, 'identity', 'pools.json'),
    key,
    sesEndpoint: 'http://127.0.0.1:1',
    sender: 'no-reply@portico.local',
    mailer,
    now: () => clock,
    onLog: (l) => logs.push(l),
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portico-identity-'));
  key = await loadSigningKey(join(dir, 'keys', 'jwk.json'));
  port = await freePort();
  await start();
  client = localCognito(identity.endpoint);
});

afterAll(async () => {
  client.destroy();
  await identity.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  clock += 60 * 60_000; // each test starts after every lock and code window of the previous one
});

let n = 0;
const email = (what: string) => `${what}.${Date.now().toString(36)}${n++}@example.test`;
const lastCode = (to: string) => sent.filter((s) => s.to === to).at(-1)?.code;

async function createContact(address: string) {
  const { User } = await client.send(
    new AdminCreateUserCommand({
      UserPoolId: LOCAL_CONTACT_POOL,
      Username: address,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: address },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
  return User!;
}

const askCode = (address: string) => askEmailCode(client, address);
const answer = (session: string | undefined, address: string, code: string) =>
  answerEmailCode(client, session, address, code);

async function contactSignIn(address: string) {
  const started = await askCode(address);
  const done = await answer(started.Session, address, lastCode(address)!);
  return done.AuthenticationResult!;
}

/** A staff user through the whole first sign-in: temporary password, new password, TOTP setup. */
async function staffFirstSignIn(address: string) {
  await client.send(
    new AdminCreateUserCommand({
      UserPoolId: LOCAL_STAFF_POOL,
      Username: address,
      UserAttributes: [
        { Name: 'email', Value: address },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:firmId', Value: '01HZX3K4M5N6P7Q8R9S0TVWXYA' },
        { Name: 'custom:role', Value: 'admin' },
      ],
    }),
  );
  const temporary = lastCode(address)!;
  const first = await client.send(
    new InitiateAuthCommand({
      ClientId: LOCAL_STAFF_CLIENT,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: address, PASSWORD: temporary },
    }),
  );
  const setup = await client.send(
    new RespondToAuthChallengeCommand({
      ClientId: LOCAL_STAFF_CLIENT,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: address, NEW_PASSWORD: 'A-long-new-password-1' },
    }),
  );
  const assoc = await client.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
  const verified = await client.send(
    new VerifySoftwareTokenCommand({
      Session: assoc.Session,
      UserCode: totp(assoc.SecretCode!, new Date(clock)),
    }),
  );
  const done = await client.send(
    new RespondToAuthChallengeCommand({
      ClientId: LOCAL_STAFF_CLIENT,
      ChallengeName: 'MFA_SETUP',
      Session: verified.Session,
      ChallengeResponses: { USERNAME: address },
    }),
  );
  return { first, setup, assoc, verified, done, secret: assoc.SecretCode!, temporary };
}

describe('Local identity: TOTP and base32', () => {
  it('computes RFC 6238 test vectors (SHA-1, 6 digits) and accepts one step either side', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits) → 287082.
    const secret = base32Encode(Buffer.from('12345678901234567890'));
    expect(base32Decode(secret).toString()).toBe('12345678901234567890');
    expect(totp(secret, new Date(59_000))).toBe('287082');
    expect(totp(secret, new Date(1_111_111_109_000))).toBe('081804');
    const at = new Date(1_111_111_109_000);
    expect(verifyTotp(secret, totp(secret, new Date(at.getTime() - 30_000)), at)).toBe(true);
    expect(verifyTotp(secret, totp(secret, new Date(at.getTime() + 30_000)), at)).toBe(true);
    expect(verifyTotp(secret, totp(secret, new Date(at.getTime() + 90_000)), at)).toBe(false);
  });
});

const ACTIONS = [
  'AdminCreateUser',
  'AdminGetUser',
  'ListUsers',
  'AdminUpdateUserAttributes',
  'AdminDisableUser',
  'AdminEnableUser',
  'AdminUserGlobalSignOut',
  'AdminDeleteUser',
  'InitiateAuth',
  'RespondToAuthChallenge',
  'AssociateSoftwareToken',
  'VerifySoftwareToken',
  'GetUser',
  'RevokeToken',
];

/** One raw protocol call, as the SDK sends it. */
async function raw(action: string, body: string) {
  const res = await fetch(identity.endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Local identity: protocol', () => {
  it('answers unknown operations and malformed bodies with 400 and a __type', async () => {
    expect(await raw('CreateUserPool', '{}')).toMatchObject({
      status: 400,
      body: { __type: 'UnknownOperationException' },
    });
    expect(await raw('AdminGetUser', '{not json')).toMatchObject({
      status: 400,
      body: { __type: 'SerializationException' },
    });
  });

  it('answers a browser from another origin (preflight and answers carry CORS headers, as Cognito does)', async () => {
    // Act
    const preflight = await fetch(identity.endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target',
      },
    });
    const answer = await fetch(identity.endpoint, {
      method: 'POST',
      headers: {
        origin: 'http://localhost:3000',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: '{}',
    });

    // Assert
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-target');
    expect(answer.status).toBe(400);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers any body of any action with 200 or a named 400, never a 500 (property)', async () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
    );
    const field = fc.constantFrom(
      'UserPoolId',
      'Username',
      'ClientId',
      'AuthFlow',
      'AuthParameters',
      'ChallengeName',
      'ChallengeResponses',
      'Session',
      'AccessToken',
      'UserAttributes',
      'Filter',
      'Limit',
      'PaginationToken',
      'MessageAction',
      'TemporaryPassword',
      'UserCode',
      'Token',
    );
    const known = fc.constantFrom(
      LOCAL_STAFF_POOL,
      LOCAL_CONTACT_POOL,
      LOCAL_STAFF_CLIENT,
      LOCAL_CONTACT_CLIENT,
      'USER_AUTH',
      'USER_PASSWORD_AUTH',
      'EMAIL_OTP',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ACTIONS),
        fc.dictionary(field, fc.oneof(value, known, fc.dictionary(fc.string(), value, { maxKeys: 3 }))),
        async (action, body) => {
          const res = await raw(action, JSON.stringify(body));
          if (res.status === 200) return;
          expect(res.status).toBe(400);
          expect(String(res.body.__type)).toMatch(/Exception$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Local identity: admin calls through the real SDK', () => {
  it('creates, reads, lists, updates, disables, enables and deletes users as Cognito answers', async () => {
    // Prepare
    const address = email('contact');
    // Act
    const user = await createContact(address);
    // Assess: email is a username attribute, so the username is the sub.
    const sub = user.Attributes!.find((a) => a.Name === 'sub')!.Value!;
    expect(user.Username).toBe(sub);
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserCreateDate).toBeInstanceOf(Date);
    await expect(createContact(address.toUpperCase())).rejects.toBeInstanceOf(UsernameExistsException);
    const got = await client.send(
      new AdminGetUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: address }),
    );
    expect(got.Username).toBe(sub);
    expect(got.Enabled).toBe(true);
    const listed = await client.send(
      new ListUsersCommand({ UserPoolId: LOCAL_CONTACT_POOL, Filter: `email = "${address}"` }),
    );
    expect(listed.Users?.map((u) => u.Username)).toEqual([sub]);
    // A new address is unverified unless the same call says otherwise.
    const moved = email('moved');
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: LOCAL_CONTACT_POOL,
        Username: sub,
        UserAttributes: [{ Name: 'email', Value: moved }],
      }),
    );
    const after = await client.send(
      new AdminGetUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: moved }),
    );
    expect(Object.fromEntries(after.UserAttributes!.map((a) => [a.Name, a.Value]))).toMatchObject({
      email: moved,
      email_verified: 'false',
    });
    await client.send(new AdminDisableUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: sub }));
    expect(
      (await client.send(new AdminGetUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: sub }))).Enabled,
    ).toBe(false);
    await client.send(new AdminEnableUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: sub }));
    await client.send(new AdminDeleteUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: sub }));
    await expect(
      client.send(new AdminGetUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: sub })),
    ).rejects.toBeInstanceOf(UserNotFoundException);
  });

  it('pages ListUsers with Limit and PaginationToken', async () => {
    // Prepare: three users sharing a prefix no other test uses.
    const prefix = `page${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) await createContact(`${prefix}${i}@example.test`);
    // Act
    const first = await client.send(
      new ListUsersCommand({ UserPoolId: LOCAL_CONTACT_POOL, Filter: `email ^= "${prefix}"`, Limit: 2 }),
    );
    const second = await client.send(
      new ListUsersCommand({
        UserPoolId: LOCAL_CONTACT_POOL,
        Filter: `email ^= "${prefix}"`,
        Limit: 2,
        PaginationToken: first.PaginationToken,
      }),
    );
    // Assess
    expect(first.Users).toHaveLength(2);
    expect(first.PaginationToken).toBeTruthy();
    expect(second.Users).toHaveLength(1);
    expect(second.PaginationToken).toBeUndefined();
    await expect(
      client.send(new ListUsersCommand({ UserPoolId: LOCAL_CONTACT_POOL, Limit: 61 })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('refuses unknown pools, attributes outside the schema and usernames that are not emails', async () => {
    await expect(
      client.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Nope', Username: 'x@example.test' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(
        new AdminCreateUserCommand({
          UserPoolId: LOCAL_CONTACT_POOL,
          Username: email('c'),
          UserAttributes: [{ Name: 'custom:role', Value: 'admin' }],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(
      client.send(new AdminCreateUserCommand({ UserPoolId: LOCAL_STAFF_POOL, Username: 'not-an-email' })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe('Local identity: staff sign-in (password + TOTP)', () => {
  it('mails a temporary password, then NEW_PASSWORD_REQUIRED → MFA_SETUP → tokens with Cognito claims', async () => {
    // Prepare
    const address = email('staff');
    // Act
    const { first, setup, assoc, verified, done, secret } = await staffFirstSignIn(address);
    // Assess
    expect(sent.find((s) => s.to === address)?.trigger).toBe('CustomMessage_AdminCreateUser');
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(assoc.SecretCode).toMatch(/^[A-Z2-7]{32}$/);
    expect(verified.Status).toBe('SUCCESS');
    const result = done.AuthenticationResult!;
    const pools = localPools(identity.endpoint);
    const id = decodeJwt(result.IdToken!);
    expect(decodeProtectedHeader(result.IdToken!)).toMatchObject({ alg: 'RS256', kid: key.kid });
    expect(id).toMatchObject({
      iss: pools.staff.issuer,
      aud: LOCAL_STAFF_CLIENT,
      token_use: 'id',
      email: address,
      email_verified: true,
      'custom:firmId': '01HZX3K4M5N6P7Q8R9S0TVWXYA',
      'custom:role': 'admin',
    });
    expect(id['cognito:username']).toBe(id.sub);
    expect(Number(id.exp) - Number(id.iat)).toBe(3600);
    expect(decodeJwt(result.AccessToken!)).toMatchObject({
      iss: pools.staff.issuer,
      client_id: LOCAL_STAFF_CLIENT,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: id.sub,
    });
    // The gateway's authorizers: the staff one accepts it, the contact one does not.
    const auth = await localAuth(key, pools);
    await expect(auth.verify(result.IdToken!, 'staff')).resolves.toMatchObject({ sub: id.sub });
    await expect(auth.verify(result.IdToken!, 'contact')).rejects.toThrow();

    // Later sign-ins: password, then SOFTWARE_TOKEN_MFA.
    const again = await client.send(
      new InitiateAuthCommand({
        ClientId: LOCAL_STAFF_CLIENT,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: address, PASSWORD: 'A-long-new-password-1' },
      }),
    );
    expect(again.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await expect(
      client.send(
        new RespondToAuthChallengeCommand({
          ClientId: LOCAL_STAFF_CLIENT,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: again.Session,
          ChallengeResponses: {
            USERNAME: address,
            SOFTWARE_TOKEN_MFA_CODE: '000000' === totp(secret, new Date(clock)) ? '111111' : '000000',
          },
        }),
      ),
    ).rejects.toBeInstanceOf(CodeMismatchException);
    const mfa = await client.send(
      new RespondToAuthChallengeCommand({
        ClientId: LOCAL_STAFF_CLIENT,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: again.Session,
        ChallengeResponses: { USERNAME: address, SOFTWARE_TOKEN_MFA_CODE: totp(secret, new Date(clock)) },
      }),
    );
    expect(mfa.AuthenticationResult?.IdToken).toBeTruthy();
    const me = await client.send(new GetUserCommand({ AccessToken: mfa.AuthenticationResult!.AccessToken }));
    expect(me.Username).toBe(id.sub);
  });

  it('locks a staff user out for 15 minutes after 5 wrong passwords', async () => {
    // Prepare
    const address = email('locked');
    await staffFirstSignIn(address);
    const signIn = (password: string) =>
      client.send(
        new InitiateAuthCommand({
          ClientId: LOCAL_STAFF_CLIENT,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: address, PASSWORD: password },
        }),
      );
    // Act
    for (let i = 0; i < 5; i++)
      await expect(signIn('wrong-password')).rejects.toBeInstanceOf(NotAuthorizedException);
    // Assess: even the right password is refused while locked, and accepted after 15 minutes.
    await expect(signIn('A-long-new-password-1')).rejects.toThrow('Password attempts exceeded');
    clock += 15 * 60_000 + 1;
    await expect(signIn('A-long-new-password-1')).resolves.toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
    });
  });

  it('refuses a flow the client does not allow and a client of another pool', async () => {
    await expect(
      client.send(
        new InitiateAuthCommand({
          ClientId: LOCAL_STAFF_CLIENT,
          AuthFlow: 'USER_AUTH',
          AuthParameters: { USERNAME: email('x'), PREFERRED_CHALLENGE: 'EMAIL_OTP' },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(
      client.send(
        new InitiateAuthCommand({
          ClientId: LOCAL_CONTACT_CLIENT,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email('x'), PASSWORD: 'whatever-1' },
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });
});

describe('Local identity: contact sign-in (email code)', () => {
  it('mails an 8-digit code, masks the address and issues contact-pool tokens', async () => {
    // Prepare
    const address = email('client');
    const user = await createContact(address);
    // Act
    const started = await askCode(address);
    // Assess
    expect(started.ChallengeName).toBe('EMAIL_OTP');
    expect(started.ChallengeParameters?.CODE_DELIVERY_DESTINATION).toMatch(/^c\*\*\*@e\*\*\*\.test$/);
    const mail = sent.at(-1)!;
    expect(mail).toMatchObject({ trigger: 'CustomMessage_Authentication', to: address });
    expect(mail.code).toMatch(/^\d{8}$/);
    const done = await answer(started.Session, address, mail.code!);
    const id = decodeJwt(done.AuthenticationResult!.IdToken!);
    expect(id).toMatchObject({
      sub: user.Username,
      iss: localPools(identity.endpoint).contact.issuer,
      aud: LOCAL_CONTACT_CLIENT,
      email: address,
      email_verified: true,
    });
    expect(id['custom:role']).toBeUndefined();
    // A code is used once.
    await expect(answer(started.Session, address, mail.code!)).rejects.toBeInstanceOf(NotAuthorizedException);
  });

  it('answers a wrong code with CodeMismatchException and locks for 15 minutes after 5', async () => {
    // Prepare
    const address = email('wrong');
    await createContact(address);
    const wrong = (code: string | undefined) => (code === '00000000' ? '11111111' : '00000000');
    // Act: 3 wrong answers end a session; 2 more in a second session make 5.
    const s1 = await askCode(address);
    for (let i = 0; i < 3; i++)
      await expect(answer(s1.Session, address, wrong(lastCode(address)))).rejects.toBeInstanceOf(
        CodeMismatchException,
      );
    await expect(answer(s1.Session, address, lastCode(address)!)).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
    const s2 = await askCode(address);
    for (let i = 0; i < 2; i++)
      await expect(answer(s2.Session, address, wrong(lastCode(address)))).rejects.toBeInstanceOf(
        CodeMismatchException,
      );
    // Assess: locked, even with the right code, and no new code is mailed.
    await expect(answer(s2.Session, address, lastCode(address)!)).rejects.toThrow(
      'Password attempts exceeded',
    );
    await expect(askCode(address)).rejects.toBeInstanceOf(NotAuthorizedException);
    clock += 15 * 60_000 + 1;
    await expect(contactSignIn(address)).resolves.toMatchObject({ TokenType: 'Bearer' });
  });

  it('limits codes to 5 per address per 15 minutes (LimitExceededException)', async () => {
    const address = email('flood');
    await createContact(address);
    for (let i = 0; i < 5; i++) await askCode(address);
    await expect(askCode(address)).rejects.toBeInstanceOf(LimitExceededException);
    clock += 15 * 60_000 + 1;
    await expect(askCode(address)).resolves.toMatchObject({ ChallengeName: 'EMAIL_OTP' });
  });

  it('expires a code after 3 minutes', async () => {
    const address = email('late');
    await createContact(address);
    const started = await askCode(address);
    clock += 3 * 60_000 + 1;
    await expect(answer(started.Session, address, lastCode(address)!)).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
  });

  it('answers an unknown address like a known one, without mail', async () => {
    const address = email('nobody');
    const before = sent.length;
    const started = await askCode(address);
    expect(started.ChallengeName).toBe('EMAIL_OTP');
    expect(sent.length).toBe(before);
    await expect(answer(started.Session, address, '12345678')).rejects.toBeInstanceOf(CodeMismatchException);
    // Locked after 5 wrong codes like a real user, asking for a code included.
    await expect(answer(started.Session, address, '12345678')).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(answer(started.Session, address, '12345678')).rejects.toBeInstanceOf(CodeMismatchException);
    const next = await askCode(address);
    await expect(answer(next.Session, address, '12345678')).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(answer(next.Session, address, '12345678')).rejects.toBeInstanceOf(CodeMismatchException);
    await expect(askCode(address)).rejects.toThrow('Password attempts exceeded');
  });

  it('refuses a disabled user, and refresh after a global sign-out or a revocation', async () => {
    // Prepare
    const address = email('gone');
    const user = await createContact(address);
    const tokens = await contactSignIn(address);
    const refresh = () =>
      client.send(
        new InitiateAuthCommand({
          ClientId: LOCAL_CONTACT_CLIENT,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! },
        }),
      );
    await expect(refresh()).resolves.toMatchObject({ AuthenticationResult: { TokenType: 'Bearer' } });
    // Act + Assess: disabled
    await client.send(
      new AdminDisableUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: user.Username }),
    );
    await expect(askCode(address)).rejects.toThrow('User is disabled.');
    await expect(refresh()).rejects.toThrow('User is disabled.');
    await client.send(
      new AdminEnableUserCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: user.Username }),
    );
    // Global sign-out
    await client.send(
      new AdminUserGlobalSignOutCommand({ UserPoolId: LOCAL_CONTACT_POOL, Username: user.Username }),
    );
    await expect(refresh()).rejects.toBeInstanceOf(NotAuthorizedException);
    await expect(client.send(new GetUserCommand({ AccessToken: tokens.AccessToken }))).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
    // RevokeToken ends that sign-in (its access token too), not another one, even in the same second.
    const fresh = await contactSignIn(address);
    const other = await contactSignIn(address);
    await expect(client.send(new GetUserCommand({ AccessToken: fresh.AccessToken }))).resolves.toMatchObject({
      Username: user.Username,
    });
    await client.send(new RevokeTokenCommand({ ClientId: LOCAL_CONTACT_CLIENT, Token: fresh.RefreshToken }));
    await expect(client.send(new GetUserCommand({ AccessToken: fresh.AccessToken }))).rejects.toBeInstanceOf(
      NotAuthorizedException,
    );
    await expect(client.send(new GetUserCommand({ AccessToken: other.AccessToken }))).resolves.toMatchObject({
      Username: user.Username,
    });
    await expect(
      client.send(
        new InitiateAuthCommand({
          ClientId: LOCAL_CONTACT_CLIENT,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: fresh.RefreshToken! },
        }),
      ),
    ).rejects.toBeInstanceOf(NotAuthorizedException);
  });
});

describe('Local identity: state', () => {
  it('keeps users across a restart and stores no secret in clear', async () => {
    // Prepare
    const address = email('durable');
    const { done, temporary } = await staffFirstSignIn(address);
    // Act
    await identity.stop();
    await start();
    // Assess
    const got = await client.send(
      new AdminGetUserCommand({ UserPoolId: LOCAL_STAFF_POOL, Username: address }),
    );
    expect(got.UserStatus).toBe('CONFIRMED');
    expect(got.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    const refreshed = await client.send(
      new InitiateAuthCommand({
        ClientId: LOCAL_STAFF_CLIENT,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: done.AuthenticationResult!.RefreshToken! },
      }),
    );
    expect(refreshed.AuthenticationResult?.IdToken).toBeTruthy();
    // A refreshed access token belongs to the same sign-in (origin_jti), so it works on GetUser.
    const me = await client.send(
      new GetUserCommand({ AccessToken: refreshed.AuthenticationResult!.AccessToken }),
    );
    expect(me.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe(address);
    const file = await readFile(join(dir, 'identity', 'pools.json'), 'utf8');
    expect(file).not.toContain('A-long-new-password-1');
    expect(file).not.toContain(temporary);
    expect(file).not.toContain(done.AuthenticationResult!.RefreshToken!);
    // Nothing was logged that carries a code or a password.
    for (const s of sent) if (s.code) expect(logs.join('\n')).not.toContain(s.code);
  });

  it('keeps every answered change when its process is killed with SIGKILL (write to a temp file, then rename)', async () => {
    // Prepare: the service in a process of its own, on the same data.
    const childPort = await freePort();
    const stateFile = join(dir, 'killed', 'pools.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'identity-child.ts')],
      {
        env: {
          ...process.env,
          IDENTITY_PORT: String(childPort),
          IDENTITY_STATE: stateFile,
          IDENTITY_KEY: join(dir, 'keys', 'jwk.json'),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = once(child, 'exit');
    let out = '';
    for await (const chunk of child.stdout!) {
      out += String(chunk);
      if (out.includes('listening')) break;
    }
    const childClient = new CognitoIdentityProviderClient({
      endpoint: `http://127.0.0.1:${childPort}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const addresses = Array.from({ length: 5 }, (_, i) => email(`killed${i}`));
    // Act: the kill comes right after the last answer.
    for (const a of addresses)
      await childClient.send(
        new AdminCreateUserCommand({
          UserPoolId: LOCAL_CONTACT_POOL,
          Username: a,
          MessageAction: 'SUPPRESS',
        }),
      );
    child.kill('SIGKILL');
    await exited;
    childClient.destroy();
    const again = await startIdentity({
      port: childPort,
      stateFile,
      key,
      sesEndpoint: 'http://127.0.0.1:1',
      sender: 'no-reply@portico.local',
      mailer,
    });
    const againClient = new CognitoIdentityProviderClient({
      endpoint: again.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Assess
    try {
      const listed = await againClient.send(new ListUsersCommand({ UserPoolId: LOCAL_CONTACT_POOL }));
      expect(listed.Users?.map((u) => u.Attributes?.find((x) => x.Name === 'email')?.Value)).toEqual(
        addresses,
      );
    } finally {
      againClient.destroy();
      await again.stop();
    }
  });
});
