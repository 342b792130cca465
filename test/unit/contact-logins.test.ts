// The Cognito adapter of ContactLogins against a scripted client: which admin calls it makes, with
// what, and how it settles a race between two opens of invitations to one address.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { cognitoContactLogins } from '../../functions/identity/contact-logins';

const POOL = 'us-east-1_PorticoContact';
const PERSON = { email: 'jane@example.com', name: 'Jane Doe', locale: 'fr' };

type Sent = { command: string; input: Record<string, unknown> };

/** Answers each command with the next scripted reply for its type (a function may throw). */
function scripted(replies: Record<string, (() => unknown)[]>) {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      sent.push({ command: name, input: command.input });
      const next = replies[name]?.shift();
      if (!next) throw new Error(`unscripted ${name}`);
      return next();
    },
  };
  return { sent, client: client as never };
}

const user = (verified: string) => () => ({
  Username: 'sub-1',
  UserAttributes: [
    { Name: 'email', Value: PERSON.email },
    { Name: 'email_verified', Value: verified },
  ],
});
const notFound = () => {
  throw new UserNotFoundException({ message: 'User does not exist.', $metadata: {} });
};
const exists = () => {
  throw new UsernameExistsException({ message: 'User account already exists', $metadata: {} });
};

describe('Adapter: cognitoContactLogins', () => {
  it('answers the existing login of the address and creates nothing', async () => {
    // Prepare
    const { client, sent } = scripted({ [AdminGetUserCommand.name]: [user('true')] });

    // Act
    const login = await cognitoContactLogins(client, POOL).findOrCreate(PERSON);

    // Assess
    expect(login).toEqual({ username: 'sub-1', emailVerified: true });
    expect(sent).toEqual([
      { command: AdminGetUserCommand.name, input: { UserPoolId: POOL, Username: PERSON.email } },
    ]);
  });

  it('creates a missing login verified, passwordless and without Cognito mail', async () => {
    const { client, sent } = scripted({
      [AdminGetUserCommand.name]: [notFound],
      [AdminCreateUserCommand.name]: [() => ({ User: { Username: 'sub-2' } })],
    });

    const login = await cognitoContactLogins(client, POOL).findOrCreate(PERSON);

    expect(login).toEqual({ username: 'sub-2', emailVerified: true });
    expect(sent[1]).toEqual({
      command: AdminCreateUserCommand.name,
      input: {
        UserPoolId: POOL,
        Username: PERSON.email,
        UserAttributes: [
          { Name: 'email', Value: PERSON.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: 'Jane Doe' },
          { Name: 'locale', Value: 'fr' },
        ],
        MessageAction: 'SUPPRESS',
      },
    });
    expect(sent[1]!.input).not.toHaveProperty('TemporaryPassword');
  });

  it('answers the login a concurrent open created first', async () => {
    const { client, sent } = scripted({
      [AdminGetUserCommand.name]: [notFound, user('true')],
      [AdminCreateUserCommand.name]: [exists],
    });

    const login = await cognitoContactLogins(client, POOL).findOrCreate(PERSON);

    expect(login).toEqual({ username: 'sub-1', emailVerified: true });
    expect(sent.map((s) => s.command)).toEqual([
      AdminGetUserCommand.name,
      AdminCreateUserCommand.name,
      AdminGetUserCommand.name,
    ]);
  });

  it('reports an existing login with an unverified address as such, and changes nothing', async () => {
    const { client, sent } = scripted({ [AdminGetUserCommand.name]: [user('false')] });

    const login = await cognitoContactLogins(client, POOL).findOrCreate(PERSON);

    expect(login).toEqual({ username: 'sub-1', emailVerified: false });
    expect(sent.map((s) => s.command)).toEqual([AdminGetUserCommand.name]);
  });

  it('lets any other Cognito error through', async () => {
    const { client } = scripted({
      [AdminGetUserCommand.name]: [
        () => {
          throw Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' });
        },
      ],
    });
    await expect(cognitoContactLogins(client, POOL).findOrCreate(PERSON)).rejects.toThrow('Rate exceeded');
  });
});
