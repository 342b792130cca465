// Chat-thread fixtures shared by the threads and reminders suites: a firm, a case and a contact who
// accepted its invitation, and threads started through HTTP.
import { expect } from 'vitest';
import { invitationToken } from './mail';
import { call, mintToken, newFirm, newId, type TestFirm } from './stack';

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
  const created = await call('POST', '/cases', { token: firm.staff.token, body: { title: 'Year-end 2026' } });
  expect(created.status).toBe(201);
  const caseId = created.body.caseId as string;
  const email = `t-${newId().toLowerCase()}@client.test`;
  const c = await call('POST', '/contacts', {
    token: firm.staff.token,
    body: { name: 'Carla Client', email },
  });
  const contactId = c.body.contactId as string;
  // Granting access is an admin's job (firm Entity Administrator).
  const granted = await call('PUT', `/cases/${caseId}/grants/${contactId}`, {
    token: firm.admin.token,
    body: { role: 'viewer', canDownload: true },
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  const invitation = await invitationToken(email, 1);
  const contact = await mintToken({ sub: `identity-${newId()}`, email });
  expect(
    (await call('POST', '/portal/invitations/accept', { token: contact, body: { token: invitation } }))
      .status,
  ).toBe(200);
  return { firm, caseId, contactId, email, contact };
}

export const base = (s: Setup) => `/cases/${s.caseId}/threads`;
export const portal = (s: Setup) => `/portal/cases/${s.caseId}/threads`;

export async function newThread(s: Setup, body: Record<string, unknown> = {}) {
  const res = await call('POST', base(s), {
    token: s.firm.staff.token,
    body: { subject: 'Documents for your return', contactIds: [s.contactId], ...body },
  });
  expect(res.status).toBe(201);
  return res.body as { threadId: string; tasks: { taskId: string; text: string; position: string }[] };
}

/** Ticks (or unticks) a task as the contact (portal route) or as a staff user. */
export const tick = (s: Setup, threadId: string, taskId: string, token = s.contact, done = true) =>
  call(
    done ? 'PUT' : 'DELETE',
    `${token === s.contact ? portal(s) : base(s)}/${threadId}/tasks/${taskId}/done`,
    {
      token,
    },
  );

/** Another contact of the same case, invited and accepted: its id, email and portal token. */
export async function setupSecondContact(
  s: Setup,
): Promise<{ contactId: string; email: string; token: string }> {
  const email = `t2-${newId().toLowerCase()}@client.test`;
  const c = await call('POST', '/contacts', {
    token: s.firm.staff.token,
    body: { name: 'Other Client', email },
  });
  await call('PUT', `/cases/${s.caseId}/grants/${c.body.contactId}`, {
    token: s.firm.admin.token,
    body: { role: 'viewer', canDownload: true },
  });
  const invitation = await invitationToken(email, 1);
  const token = await mintToken({ sub: `identity-${newId()}`, email });
  await call('POST', '/portal/invitations/accept', { token, body: { token: invitation } });
  return { contactId: c.body.contactId as string, email, token };
}
