// A contact with a real portal login (a user of the local contact pool), invited to cases and
// accepted through HTTP (typed client): what removal and erasure act on, Cognito included.
import { AdminCreateUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { expect } from 'vitest';
import { localCognito } from '../../support/cognito';
import { apiAs } from './client';
import { invitationToken } from './mail';
import { mintToken, newId, type TestFirm, urls } from './stack';

export const cognito = localCognito(urls.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER);
export const CONTACT_POOL = urls.env.CONTACT_USER_POOL_ID!;

export interface LoggedInContact {
  contactId: string;
  name: string;
  email: string;
  /** The login's username in the contact pool: the portal identity (`sub`). */
  identityId: string;
  token: string;
}

/** Letters only, so a name made of it reads as one word and is unique to this run. */
export const uniqueWord = () =>
  newId()
    .slice(-10)
    .replace(/[^A-Z]/g, 'Q')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());

/**
 * A contact of `firm` with a portal login, granted `rights` on every case of `caseIds` and bound
 * by accepting the first invitation mailed (which activates every grant).
 */
export async function loggedInContact(
  firm: TestFirm,
  caseIds: string[],
  name: string,
  rights:
    | { role: 'viewer'; canDownload: boolean }
    | { role: 'collaborator'; canDownload: boolean; canUpload: boolean } = {
    role: 'collaborator',
    canDownload: true,
    canUpload: true,
  },
): Promise<LoggedInContact> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${newId().toLowerCase()}@client.test`;
  const admin = apiAs(firm.admin.token);
  const created = await admin.POST('/contacts', { body: { name, email, locale: 'es' } });
  expect(created.response.status).toBe(201);
  const contactId = created.data!.contactId;
  for (const caseId of caseIds) {
    const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
      params: { path: { caseId, contactId } },
      body: rights,
    });
    expect(granted.response.status).toBe(200);
  }
  const login = await cognito.send(
    new AdminCreateUserCommand({
      UserPoolId: CONTACT_POOL,
      Username: email,
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
      MessageAction: 'SUPPRESS',
    }),
  );
  const identityId = login.User!.Username!;
  const invitation = await invitationToken(email);
  const token = await mintToken({ sub: identityId, email, email_verified: true });
  const accepted = await apiAs(token).POST('/portal/invitations/accept', { body: { token: invitation } });
  expect(accepted.response.status).toBe(200);
  return { contactId, name, email, identityId, token };
}

/** The login as the contact pool has it now, or undefined when it is gone. */
export async function loginOf(identityId: string) {
  try {
    return await cognito.send(new AdminGetUserCommand({ UserPoolId: CONTACT_POOL, Username: identityId }));
  } catch (err) {
    if ((err as Error).name === 'UserNotFoundException') return undefined;
    throw err;
  }
}
