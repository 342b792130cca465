// Chat-thread fixtures shared by the threads and reminders suites: a firm, a case and a contact who
// accepted its invitation, and threads started through HTTP (typed client).
import { expect } from 'vitest';
import type { operations } from '../../../client/src/index';
import { apiAs } from './client';
import { invitationToken } from './mail';
import { mintToken, newFirm, newId, type TestFirm } from './stack';

export interface Setup {
  firm: TestFirm;
  caseId: string;
  contactId: string;
  email: string;
  /** The contact's portal token (invitation accepted). */
  contact: string;
}

/** A firm, a case owned by `staff`, and a contact with an accepted invitation (unique email). */
export async function setup(firmName = 'Thread Firm'): Promise<Setup> {
  const firm = await newFirm(firmName);
  const staff = apiAs(firm.staff.token);
  const created = await staff.POST('/cases', { body: { title: 'Year-end 2026' } });
  expect(created.response.status).toBe(201);
  const caseId = created.data!.caseId;
  const email = `t-${newId().toLowerCase()}@client.test`;
  const c = await staff.POST('/contacts', { body: { name: 'Carla Client', email } });
  const contactId = c.data!.contactId;
  // Granting access is an admin's job (firm Entity Administrator).
  const granted = await apiAs(firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
    params: { path: { caseId, contactId } },
    body: { role: 'viewer', canDownload: true },
  });
  expect(granted.response.status, JSON.stringify(granted.error)).toBe(200);
  const invitation = await invitationToken(email, 1);
  const contact = await mintToken({ sub: `identity-${newId()}`, email, email_verified: true });
  const accepted = await apiAs(contact).POST('/portal/invitations/accept', { body: { token: invitation } });
  expect(accepted.response.status).toBe(200);
  return { firm, caseId, contactId, email, contact };
}

type NewThreadBody = operations['createThread']['requestBody']['content']['application/json'];

export async function newThread(s: Setup, body: Partial<NewThreadBody> = {}) {
  const res = await apiAs(s.firm.staff.token).POST('/cases/{caseId}/threads', {
    params: { path: { caseId: s.caseId } },
    body: { subject: 'Documents for your return', contactIds: [s.contactId], ...body },
  });
  expect(res.response.status).toBe(201);
  return res.data!;
}

/** Ticks (or unticks) a task as the contact (portal route) or as a staff user. */
export function tick(s: Setup, threadId: string, taskId: string, token = s.contact, done = true) {
  const api = apiAs(token);
  const params = { path: { caseId: s.caseId, threadId, taskId } };
  if (token === s.contact)
    return done
      ? api.PUT('/portal/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done', { params })
      : api.DELETE('/portal/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done', { params });
  return done
    ? api.PUT('/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done', { params })
    : api.DELETE('/cases/{caseId}/threads/{threadId}/tasks/{taskId}/done', { params });
}

/** Another contact of the same case, invited and accepted: its id, email and portal token. */
export async function setupSecondContact(
  s: Setup,
): Promise<{ contactId: string; email: string; token: string }> {
  const email = `t2-${newId().toLowerCase()}@client.test`;
  const c = await apiAs(s.firm.staff.token).POST('/contacts', { body: { name: 'Other Client', email } });
  const contactId = c.data!.contactId;
  await apiAs(s.firm.admin.token).PUT('/cases/{caseId}/grants/{contactId}', {
    params: { path: { caseId: s.caseId, contactId } },
    body: { role: 'viewer', canDownload: true },
  });
  const invitation = await invitationToken(email, 1);
  const token = await mintToken({ sub: `identity-${newId()}`, email, email_verified: true });
  await apiAs(token).POST('/portal/invitations/accept', { body: { token: invitation } });
  return { contactId, email, token };
}
