// Cognito adapter of the StaffLogins port: staff-pool users (email is the username) created,
// found, re-roled, disabled and enabled through the admin API. Every call is idempotent.
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffRole } from '../domain/principal';
import type { StaffLogin, StaffLogins } from '../domain/staff';

const ROLES: ReadonlySet<string> = new Set<StaffRole>(['admin', 'staff']);

function loginOf(attributes: AttributeType[] | undefined, fallbackEmail: string): StaffLogin | undefined {
  const attr = new Map((attributes ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));
  const sub = attr.get('sub');
  if (!sub) return undefined;
  const role = attr.get('custom:role');
  const firmId = attr.get('custom:firmId');
  return {
    sub,
    email: attr.get('email') || fallbackEmail,
    ...(firmId ? { firmId } : {}),
    ...(role && ROLES.has(role) ? { role: role as StaffRole } : {}),
  };
}

const named = (err: unknown, name: string) => (err as Error).name === name;

/**
 * Runs a change to a login that may not exist: staff seeded into the table before staff logins
 * existed have none, and one deleted in the console has nothing left to change. The record is
 * the authority (the directory check), so there is nothing more to do.
 */
async function ifLoginExists(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (!named(err, 'UserNotFoundException')) throw err;
  }
}

export function staffLogins(cognito: CognitoIdentityProviderClient, userPoolId: string): StaffLogins {
  const find = async (email: string) => {
    try {
      const res = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
      return loginOf(res.UserAttributes, email);
    } catch (err) {
      if (named(err, 'UserNotFoundException')) return undefined;
      throw err;
    }
  };
  return {
    async create(login) {
      try {
        // No MessageAction: Cognito mails the invitation (temporary password) through the
        // custom-message trigger on AWS, the local identity service's renderer locally.
        const res = await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: login.email,
            DesiredDeliveryMediums: ['EMAIL'],
            // Cognito hands it to the CustomMessage trigger: the invitation names the firm.
            ...(login.firmName ? { ClientMetadata: { firmName: login.firmName } } : {}),
            UserAttributes: [
              { Name: 'email', Value: login.email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: login.name },
              { Name: 'locale', Value: login.locale },
              { Name: 'custom:firmId', Value: login.firmId },
              { Name: 'custom:role', Value: login.role },
            ],
          }),
        );
        return loginOf(res.User?.Attributes, login.email) ?? (await find(login.email)) ?? 'exists';
      } catch (err) {
        if (named(err, 'UsernameExistsException')) return 'exists';
        throw err;
      }
    },
    find,
    async setRole(email, role) {
      await ifLoginExists(() =>
        cognito.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [{ Name: 'custom:role', Value: role }],
          }),
        ),
      );
    },
    async disable(email) {
      // Revokes the refresh tokens (no new ID token after the one in hand expires), before the
      // disable: Cognito may refuse admin calls on a disabled user, and a retry redoes both.
      await ifLoginExists(async () => {
        await cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: email }));
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: email }));
      });
    },
    async enable(email) {
      await ifLoginExists(() =>
        cognito.send(new AdminEnableUserCommand({ UserPoolId: userPoolId, Username: email })),
      );
    },
  };
}
