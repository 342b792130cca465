// The fixtures every scenario shares, built through the API as a client would: two firms, each
// with two cases, contacts whose grants were accepted through the real invitation mail (viewer,
// collaborator, revoked, invited-only), documents uploaded by presigned POST and ingested, shares,
// and inbox items. Only what no route creates is written with the store adapters themselves.
import { expect } from 'vitest';
import { deliveryStore } from '../../../functions/store/deliveries';
import { inboxWriter } from '../../../functions/store/inbox';
import { type Harness, mailsTo, newFirm, newId, type TestFirm } from './stack';

export const PDF = 'application/pdf';
export const pdfBytes = (text = 'hello') => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);

export interface Contact {
  contactId: string;
  name: string;
  email: string;
  /** The portal identity bound on accept (undefined while only invited). */
  identityId?: string;
  token?: string;
}

export interface FirmWorld {
  firm: TestFirm;
  case1: string;
  case2: string;
  viewer: Contact & { identityId: string; token: string };
  collaborator: Contact & { identityId: string; token: string };
  revoked: Contact & { identityId: string; token: string };
  /** Invited on case1 / case2, never accepted. */
  invited1: Contact;
  invited2: Contact;
  /** A firm document in each case; doc1 is shared with viewer, collaborator (and revoked, before it lost access). */
  doc1: string;
  doc2: string;
  /** The collaborator's upload into case1 (it made inbox items for the staff). */
  clientDoc: string;
  /** An inbox item of each person who has one (by staff user id or contact id). */
  inboxItems: Map<string, string>;
  /** Per case: a chat thread with the case's contacts (and its tasks), a discussion shared with all, a file request. */
  threads: { case1: CaseThread; case2: CaseThread };
  discussions: { case1: string; case2: string };
  fileRequests: { case1: string; case2: string };
}

export interface CaseThread {
  threadId: string;
  taskIds: string[];
}

/** A chat thread in a case with the given contacts and two tasks. */
export async function newThread(
  h: Harness,
  firm: TestFirm,
  caseId: string,
  contactIds: string[],
): Promise<CaseThread> {
  const res = await h.call('POST', `/cases/${caseId}/threads`, {
    token: firm.staff.token,
    body: {
      subject: 'Documents for the return',
      contactIds,
      message: 'Please send these.',
      tasks: ['Payslips', 'Bank statements'],
    },
  });
  expect(res.status, res.text).toBe(201);
  return { threadId: res.body.threadId, taskIds: res.body.tasks.map((t: { taskId: string }) => t.taskId) };
}

/** A new task in a thread (for cells that change or delete one). */
export async function newTask(h: Harness, firm: TestFirm, caseId: string, threadId: string): Promise<string> {
  const res = await h.call('POST', `/cases/${caseId}/threads/${threadId}/tasks`, {
    token: firm.staff.token,
    body: { tasks: ['Matrix task'] },
  });
  expect(res.status, res.text).toBeLessThan(300);
  const list = await h.call('GET', `/cases/${caseId}/threads/${threadId}/tasks`, { token: firm.staff.token });
  return list.body.items.at(-1).taskId;
}

export async function newFileRequest(
  h: Harness,
  firm: TestFirm,
  caseId: string,
  recipients: string[],
): Promise<string> {
  const res = await h.call('POST', `/cases/${caseId}/file-requests`, {
    token: firm.staff.token,
    body: { recipients, subject: 'Signed engagement letter', description: 'Please sign and upload it.' },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.requestId;
}

/** A discussion of a case shared with all its contacts (published by the firm's admin). */
export async function newDiscussion(h: Harness, firm: TestFirm, caseId: string): Promise<string> {
  const res = await h.call('POST', `/cases/${caseId}/discussions`, {
    token: firm.admin.token,
    body: { subject: 'Year-end planning', message: 'Our plan for the year end.', shareWith: 'all' },
  });
  expect(res.status, res.text).toBe(201);
  return res.body.discussionId;
}

export interface Ticket {
  uploadId: string;
  key: string;
  url: string;
  fields: Record<string, string>;
  maxBytes: number;
}

/** Posts bytes to a presigned POST as a browser does (fields first, the file last). */
export async function postToS3(ticket: Pick<Ticket, 'url' | 'fields'>, bytes: Uint8Array, type: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type }), 'upload.bin');
  const res = await fetch(ticket.url, { method: 'POST', body: form });
  if (res.status >= 300) throw new Error(`S3 POST answered ${res.status}`);
}

/** Asks for an upload URL and posts the bytes; does not wait for ingest. */
export async function startUpload(
  h: Harness,
  path: string,
  token: string,
  file: { fileName: string; contentType?: string; bytes?: Uint8Array },
): Promise<Ticket> {
  const bytes = file.bytes ?? pdfBytes(file.fileName);
  const res = await h.call('POST', path, {
    token,
    body: { fileName: file.fileName, contentType: file.contentType ?? PDF, size: bytes.length },
  });
  expect(res.status, `upload ticket: ${res.text}`).toBe(201);
  await postToS3(res.body, bytes, file.contentType ?? PDF);
  return res.body;
}

export async function newCase(h: Harness, firm: TestFirm, title: string): Promise<string> {
  const res = await h.call('POST', '/cases', { token: firm.staff.token, body: { title } });
  expect(res.status, res.text).toBe(201);
  return res.body.caseId;
}

export const newEmail = (name: string) =>
  `${name.toLowerCase().replace(/\W+/g, '.')}.${newId().toLowerCase()}@client.test`;

export async function newContact(
  h: Harness,
  firm: TestFirm,
  name: string,
  email = newEmail(name),
): Promise<Contact> {
  const res = await h.call('POST', '/contacts', { token: firm.staff.token, body: { name, email } });
  expect(res.status, res.text).toBe(201);
  return { contactId: res.body.contactId, name, email };
}

export type Rights = { role: 'viewer' | 'collaborator'; canDownload: boolean; canUpload?: boolean };

export async function grant(h: Harness, firm: TestFirm, caseId: string, c: Contact, rights: Rights) {
  // The admin: granting access may be an admin's right (the route table decides; admins hold every staff right).
  const res = await h.call('PUT', `/cases/${caseId}/grants/${c.contactId}`, {
    token: firm.admin.token,
    body: rights,
  });
  expect(res.status, res.text).toBe(200);
}

/** The accept token of the latest invitation mailed to `email` (call after settle). */
export async function invitationToken(h: Harness, email: string): Promise<string> {
  const last = (await mailsTo(h, email)).at(-1);
  const match = /\/accept\?token=([A-Za-z0-9_.%-]+)/.exec(last?.body.text ?? '');
  if (!match) throw new Error(`no invitation mailed to ${email}`);
  return decodeURIComponent(match[1]!);
}

/** A portal login's ID token: accepting binds only a login whose verified email is the invited one. */
export const portalToken = (h: Harness, identityId: string, email: string) =>
  h.mint({ sub: identityId, email, email_verified: true });

/** Accepts the contact's latest invitation as a new portal identity; returns the identity and its token. */
export async function acceptAs(h: Harness, c: Contact) {
  const identityId = `identity-${newId()}`;
  const token = await portalToken(h, identityId, c.email);
  const res = await h.call('POST', '/portal/invitations/accept', {
    token,
    body: { token: await invitationToken(h, c.email) },
  });
  expect(res.status, res.text).toBe(200);
  return { ...c, identityId, token };
}

/**
 * A fresh contact of the firm (with `email`, else a new address) with a fresh (unaccepted)
 * invitation to `caseId`: its accept token.
 */
export async function freshInvitation(
  h: Harness,
  firm: TestFirm,
  caseId: string,
  email?: string,
): Promise<string> {
  const c = await newContact(h, firm, 'Fresh Invitee', email);
  await grant(h, firm, caseId, c, { role: 'viewer', canDownload: false });
  await h.settle();
  return invitationToken(h, c.email);
}

/**
 * An inbox item for a contact, written with the real inbox writer (no notification policy
 * addresses a contact's in-app channel yet, so no route can make one).
 */
async function contactInboxItem(
  h: Harness,
  firmId: string,
  caseId: string,
  c: Contact & { identityId: string },
) {
  const eventId = newId();
  const itemId = newId();
  const key = { firmId, eventId, recipient: `contact-${c.contactId}`, channel: 'inApp' as const };
  const now = new Date();
  expect(
    await deliveryStore(h.table).claim(key, { type: 'document.published', caseId, now, leaseMs: 60_000 }),
  ).toBe('claimed');
  await inboxWriter(h.table).deliverInApp({
    key,
    owner: { firmId, kind: 'contact', id: c.contactId },
    identityId: c.identityId,
    item: {
      itemId,
      firmId,
      caseId,
      eventId,
      type: 'document.published',
      title: 'A document for you',
      body: 'See the portal.',
      createdAt: now.toISOString(),
    },
    at: now.toISOString(),
  });
  return itemId;
}

export async function buildFirmWorld(h: Harness, name: string): Promise<FirmWorld> {
  const firm = await newFirm(h, name);
  const case1 = await newCase(h, firm, `${name}: annual accounts`);
  const case2 = await newCase(h, firm, `${name}: payroll`);
  // Every staff user hears of client uploads in case1 in-app, so each has an inbox item to name.
  const saved = await h.call('PUT', `/cases/${case1}/recipients`, {
    token: firm.staff.token,
    body: {
      recipients: [
        { userId: firm.staff.userId, inApp: true, email: true },
        { userId: firm.admin.userId, inApp: true, email: false },
        { userId: firm.staff2.userId, inApp: true, email: false },
      ],
    },
  });
  expect(saved.status, saved.text).toBe(200);

  const [viewerC, collaboratorC, revokedC, invited1, invited2] = await Promise.all([
    newContact(h, firm, 'Vera Viewer'),
    newContact(h, firm, 'Colin Collaborator'),
    newContact(h, firm, 'Rita Revoked'),
    newContact(h, firm, 'Ivan Invited'),
    newContact(h, firm, 'Ines Invited'),
  ]);
  await grant(h, firm, case1, viewerC, { role: 'viewer', canDownload: false });
  await grant(h, firm, case1, collaboratorC, { role: 'collaborator', canDownload: true, canUpload: true });
  await grant(h, firm, case1, revokedC, { role: 'viewer', canDownload: true });
  await grant(h, firm, case1, invited1, { role: 'viewer', canDownload: true });
  await grant(h, firm, case2, invited2, { role: 'viewer', canDownload: true });
  await h.settle();
  const [viewer, collaborator, revoked] = await Promise.all([
    acceptAs(h, viewerC),
    acceptAs(h, collaboratorC),
    acceptAs(h, revokedC),
  ]);

  const t1 = await startUpload(h, `/cases/${case1}/uploads`, firm.staff.token, {
    fileName: 'engagement-letter.pdf',
  });
  const t2 = await startUpload(h, `/cases/${case2}/uploads`, firm.staff.token, { fileName: 'payslips.pdf' });
  const tc = await startUpload(h, `/portal/cases/${case1}/uploads`, collaborator.token, {
    fileName: 'signed-return.pdf',
  });
  await h.settle();
  const shared = await h.call('PUT', `/cases/${case1}/documents/${t1.uploadId}/shares`, {
    token: firm.staff.token,
    body: { contactIds: [viewer.contactId, collaborator.contactId, revoked.contactId] },
  });
  expect(shared.status, shared.text).toBe(200);
  const revoke = await h.call('DELETE', `/cases/${case1}/grants/${revoked.contactId}`, {
    token: firm.admin.token,
  });
  expect(revoke.status, revoke.text).toBe(200);
  await h.settle();

  const inboxItems = new Map<string, string>();
  for (const u of [firm.staff, firm.admin, firm.staff2]) {
    const list = await h.call('GET', '/inbox', { token: u.token });
    expect(list.status, list.text).toBe(200);
    expect(list.body.items.length, `${u.name} heard of the client upload`).toBeGreaterThan(0);
    inboxItems.set(u.userId, list.body.items[0].itemId);
  }
  for (const c of [viewer, collaborator, revoked])
    inboxItems.set(c.contactId, await contactInboxItem(h, firm.firmId, case1, c));

  const threads = {
    case1: await newThread(h, firm, case1, [viewer.contactId, collaborator.contactId]),
    case2: await newThread(h, firm, case2, [invited2.contactId]),
  };
  const discussions = {
    case1: await newDiscussion(h, firm, case1),
    case2: await newDiscussion(h, firm, case2),
  };
  const fileRequests = {
    case1: await newFileRequest(h, firm, case1, [collaborator.contactId]),
    case2: await newFileRequest(h, firm, case2, [invited2.contactId]),
  };
  await h.settle();

  return {
    threads,
    discussions,
    fileRequests,
    firm,
    case1,
    case2,
    viewer,
    collaborator,
    revoked,
    invited1,
    invited2,
    doc1: t1.uploadId,
    doc2: t2.uploadId,
    clientDoc: tc.uploadId,
    inboxItems,
  };
}
