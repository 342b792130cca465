// Contacts with portal access, made the way a firm does it through HTTP (typed client): an admin
// creates the contact and grants access, the invitation arrives by mail, the contact accepts it.
import { expect } from 'vitest';
import { apiAs } from './client';
import { invitationToken } from './mail';
import { mintToken, newId, type TestFirm } from './stack';

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
  const admin = apiAs(firm.admin.token);
  const created = await admin.POST('/contacts', { body: { name, email } });
  expect(created.response.status).toBe(201);
  const contactId = created.data!.contactId;
  const granted = await admin.PUT('/cases/{caseId}/grants/{contactId}', {
    params: { path: { caseId, contactId } },
    body: rights,
  });
  expect(granted.response.status).toBe(200);
  const invitation = await invitationToken(email);
  const token = await mintToken({ sub: `identity-${newId()}`, email, email_verified: true });
  const accepted = await apiAs(token).POST('/portal/invitations/accept', { body: { token: invitation } });
  expect(accepted.response.status).toBe(200);
  return { contactId, name, email, token };
}
