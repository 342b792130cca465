// Contacts with portal access, made the way a firm does it through HTTP: an admin creates the
// contact and grants access, the invitation arrives by mail, the contact accepts it.
import { expect } from 'vitest';
import { invitationToken } from './mail';
import { call, mintToken, newId, type TestFirm } from './stack';

export interface PortalContact {
  contactId: string;
  name: string;
  email: string;
  /** A portal token of the identity that accepted the invitation. */
  token: string;
}

export type ContactRights =
  | { role: 'viewer'; canDownload: boolean }
  | { role: 'collaborator'; canDownload: boolean; canUpload: boolean };

export async function portalContact(
  firm: TestFirm,
  caseId: string,
  name: string,
  rights: ContactRights = { role: 'viewer', canDownload: true },
): Promise<PortalContact> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${newId().toLowerCase()}@client.test`;
  const created = await call('POST', '/contacts', { token: firm.admin.token, body: { name, email } });
  expect(created.status).toBe(201);
  const contactId = created.body.contactId as string;
  const granted = await call('PUT', `/cases/${caseId}/grants/${contactId}`, {
    token: firm.admin.token,
    body: rights,
  });
  expect(granted.status).toBe(200);
  const invitation = await invitationToken(email);
  const token = await mintToken({ sub: `identity-${newId()}`, email });
  const accepted = await call('POST', '/portal/invitations/accept', { token, body: { token: invitation } });
  expect(accepted.status).toBe(200);
  return { contactId, name, email, token };
}
