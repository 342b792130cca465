// The ContactLogins port over Cognito's contact (portal) user pool: finds the login of an invited
// address, or creates it verified and passwordless without Cognito mailing anything; and the
// PortalLoginAdmin port a contact's removal and erasure act through.
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PortalLoginAdmin } from '../domain/contact-removal';
import type { ContactLogin, ContactLogins } from '../domain/invitation-sign-in';

const isNamed = (err: unknown, name: string) =>
  typeof err === 'object' && err !== null && (err as { name?: unknown }).name === name;

export function cognitoContactLogins(
  client: Pick<CognitoIdentityProviderClient, 'send'>,
  userPoolId: string,
): ContactLogins {
  // The pool signs in by email, so the address works as the Username of the admin calls; Cognito
  // answers with the login's own username (its `sub` on AWS), which is what the portal is given.
  const read = async (email: string): Promise<AdminGetUserCommandOutput | undefined> => {
    try {
      return await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    } catch (err) {
      if (isNamed(err, 'UserNotFoundException')) return undefined;
      throw err;
    }
  };

  const existing = (user: AdminGetUserCommandOutput): ContactLogin => ({
    username: user.Username!,
    emailVerified: user.UserAttributes?.find((a) => a.Name === 'email_verified')?.Value === 'true',
  });

  return {
    async findOrCreate({ email, name, locale }) {
      const found = await read(email);
      if (found) return existing(found);
      try {
        const created = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: name },
              ...(locale ? [{ Name: 'locale', Value: locale }] : []),
            ],
            // Portico mailed the invitation; Cognito's own welcome mail would be a second one with
            // a temporary password the passwordless pool never asks for.
            MessageAction: 'SUPPRESS',
          }),
        );
        return { username: created.User!.Username!, emailVerified: true };
      } catch (err) {
        // Another open of an invitation to the same address created it first: answer that login.
        if (!isNamed(err, 'UsernameExistsException')) throw err;
        const raced = await read(email);
        if (!raced) throw err;
        return existing(raced);
      }
    },
  };
}

/**
 * The admin side of portal logins, by portal identity: the `sub` a contact is bound to is the login's
 * username in a pool that signs in by email (so the login that holds the access is the one acted
 * on, whatever address it has now). A login that is gone already is nothing to do.
 */
export function cognitoPortalLoginAdmin(
  client: Pick<CognitoIdentityProviderClient, 'send'>,
  userPoolId: string,
): PortalLoginAdmin {
  const ifExists = async (send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (err) {
      if (!isNamed(err, 'UserNotFoundException')) throw err;
    }
  };
  return {
    // As a staff deactivation: refresh tokens revoked first, so no session outlives the disable.
    signOutAndDisable: (identityId) =>
      ifExists(async () => {
        await client.send(
          new AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: identityId }),
        );
        await client.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: identityId }));
      }),
    remove: (identityId) =>
      ifExists(() =>
        client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: identityId })),
      ),
  };
}
