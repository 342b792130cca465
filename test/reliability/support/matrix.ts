// The authorization matrix: principals, targets, the expected outcome of each cell (derived from the
// route's declared auth kind, scope and contactNeed), and a VALID request per route, so an allowed
// cell proves a 2xx and a denied one proves the denial came from authorization, not from bad input.
import { randomBytes } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import {
  NOTIFICATION_CATEGORIES,
  NOTIFYING_EVENT_TYPES,
} from '../../../functions/domain/notification-matrix';
import type { RouteDef } from '../../../functions/http/route';
import type { RouteId } from '../../../functions/http/routes';
import { firmAdminStore } from '../../../functions/store/firm';
import { LOCAL_CONTACT_CLIENT, LOCAL_STAFF_CLIENT } from '../../../local/auth';
import { localPushClient } from '../../../local/push';
import type { Harness } from './stack';
import { newId } from './stack';
import {
  type FirmWorld,
  freshInvitation,
  grant,
  newCase,
  newContact,
  newDiscussion,
  newEmail,
  newFileRequest,
  newTask,
  newThread,
  PDF,
  pdfBytes,
  portalToken,
  postToS3,
  startUpload,
} from './world';

export type PrincipalName =
  | 'anonymous'
  | 'expired'
  | 'foreignKey'
  | 'otherFirmStaff'
  | 'staff'
  | 'admin'
  | 'noGrant'
  | 'viewer'
  | 'collaborator'
  | 'revoked'
  | 'contactWithStaffClaims'
  | 'inactiveStaff'
  | 'removedStaff'
  | 'staleRole'
  | 'unknownRole';

export interface Principal {
  name: PrincipalName;
  token?: string;
  kind: 'none' | 'staff' | 'contact';
  firm?: 'A' | 'B';
  role?: 'admin' | 'staff';
  /** Active grant on case1 of firm A (viewer, collaborator). */
  rights?: { canDownload: boolean; canUpload: boolean };
  /** Staff user id or contact id: whose inbox items are its own. */
  personId?: string;
  /** Contacts: the verified email their token carries (accepting binds only the invited address). */
  email?: string;
  /**
   * Refused on every route but public ones, with this code, whatever its claims say: the staff
   * directory or the role check says no (decision 0023).
   */
  refusedWith?: 'staff_not_active' | 'role_mismatch' | 'unknown_role';
}

/** `own`: firm A's case1 (the principal's own item in an inbox); `otherCase`: firm A's case2 (another person's item); `otherFirm`: firm B's. */
export type Target = 'own' | 'otherCase' | 'otherFirm';

export type Outcome = 401 | 403 | 404 | '2xx';

export interface World {
  A: FirmWorld;
  B: FirmWorld;
}

export async function principals(h: Harness, w: World): Promise<Principal[]> {
  const A = w.A;
  // A token signed by a key the gateway does not trust, with the right issuer and audience.
  const { privateKey } = await generateKeyPair('RS256');
  const foreignKey = await new SignJWT({ firmId: A.firm.firmId, role: 'admin' })
    .setProtectedHeader({ alg: 'RS256', kid: h.stack.auth.jwks.keys[0]!.kid! })
    .setSubject(A.firm.admin.userId)
    .setIssuer(h.stack.auth.pools.staff.issuer)
    .setAudience(LOCAL_STAFF_CLIENT)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  const expired = await h.mint({ sub: A.firm.admin.userId, firmId: A.firm.firmId, role: 'admin' }, -60);
  // Staff users the directory does not back: one set inactive, one never stored (removed).
  const inactive = {
    ...A.firm.staff2,
    role: 'admin' as const,
    userId: newId(),
    email: `inactive.${newId().toLowerCase()}@firm.test`,
    status: 'inactive' as const,
  };
  const { token: _t, ...inactiveRecord } = inactive;
  await firmAdminStore(h.table).putStaffUser(inactiveRecord);
  const staffToken = (sub: string, role: string) => h.mint({ sub, firmId: A.firm.firmId, role });
  const noGrantEmail = newEmail('No Grant');
  const staffClaimsEmail = newEmail('Staff Claims');
  return [
    { name: 'anonymous', kind: 'none' },
    { name: 'expired', kind: 'none', token: expired },
    { name: 'foreignKey', kind: 'none', token: foreignKey },
    {
      name: 'otherFirmStaff',
      kind: 'staff',
      firm: 'B',
      role: 'staff',
      token: w.B.firm.staff.token,
      personId: w.B.firm.staff.userId,
    },
    {
      name: 'staff',
      kind: 'staff',
      firm: 'A',
      role: 'staff',
      token: A.firm.staff.token,
      personId: A.firm.staff.userId,
    },
    {
      name: 'admin',
      kind: 'staff',
      firm: 'A',
      role: 'admin',
      token: A.firm.admin.token,
      personId: A.firm.admin.userId,
    },
    {
      name: 'noGrant',
      kind: 'contact',
      email: noGrantEmail,
      token: await portalToken(h, `identity-${newId()}`, noGrantEmail),
    },
    {
      name: 'viewer',
      kind: 'contact',
      email: A.viewer.email,
      token: A.viewer.token,
      rights: { canDownload: false, canUpload: false },
      personId: A.viewer.contactId,
    },
    {
      name: 'collaborator',
      kind: 'contact',
      email: A.collaborator.email,
      token: A.collaborator.token,
      rights: { canDownload: true, canUpload: true },
      personId: A.collaborator.contactId,
    },
    {
      name: 'revoked',
      kind: 'contact',
      email: A.revoked.email,
      token: A.revoked.token,
      personId: A.revoked.contactId,
    },
    {
      // The firm admin's own sub with admin claims, but issued to the portal sign-in: a contact.
      name: 'contactWithStaffClaims',
      kind: 'contact',
      email: staffClaimsEmail,
      token: await h.mint({
        sub: A.firm.admin.userId,
        aud: LOCAL_CONTACT_CLIENT,
        firmId: A.firm.firmId,
        role: 'admin',
        email: staffClaimsEmail,
        email_verified: true,
      }),
    },
    {
      name: 'inactiveStaff',
      kind: 'staff',
      firm: 'A',
      role: 'admin',
      token: await staffToken(inactive.userId, 'admin'),
      refusedWith: 'staff_not_active',
    },
    {
      name: 'removedStaff',
      kind: 'staff',
      firm: 'A',
      role: 'admin',
      token: await staffToken(newId(), 'admin'),
      refusedWith: 'staff_not_active',
    },
    {
      // A staff user whose token claims admin: the directory says staff.
      name: 'staleRole',
      kind: 'staff',
      firm: 'A',
      role: 'admin',
      token: await staffToken(A.firm.staff2.userId, 'admin'),
      refusedWith: 'role_mismatch',
    },
    {
      name: 'unknownRole',
      kind: 'staff',
      firm: 'A',
      token: await staffToken(A.firm.staff2.userId, 'owner'),
      refusedWith: 'unknown_role',
    },
  ];
}

/** Routes naming no resource are asked once; the others once per target. */
export const targetsOf = (route: RouteDef): Target[] =>
  route.params ? ['own', 'otherCase', 'otherFirm'] : ['own'];

export class UndeclaredRoute extends Error {}

/** What a cell must answer, from the route's declaration alone. `undefined`: the cell does not exist. */
export function expected(id: string, route: RouteDef, p: Principal, target: Target): Outcome | undefined {
  if (!route.scope)
    throw new UndeclaredRoute(
      `route ${id} (${route.method} ${route.path}) declares no \`scope\`: add scope: 'firm' | 'case' | 'portalCase' | 'inbox' | 'none' to it in functions/http/routes/<group>.ts (and contactNeed for portalCase routes), and a valid request for it in test/reliability/support/matrix.ts`,
    );
  if (route.auth === 'public') return '2xx';
  if (p.kind === 'none') return 401;
  // One JWT authorizer per user pool, as on AWS: a token of the other pool never reaches the function.
  if (route.auth === 'contact' ? p.kind !== 'contact' : p.kind !== 'staff') return 401;
  if (p.refusedWith) return 403;
  if (route.auth === 'admin' && p.role !== 'admin') return 403;
  switch (route.scope) {
    case 'firm':
    case 'none':
      return '2xx';
    case 'case':
      return p.firm === (target === 'otherFirm' ? 'B' : 'A') ? '2xx' : 404;
    case 'portalCase': {
      if (target !== 'own' || !p.rights) return 404;
      const need = route.contactNeed ?? 'view';
      if (need === 'download' && !p.rights.canDownload) return 403;
      if (need === 'upload' && !p.rights.canUpload) return 403;
      return '2xx';
    }
    case 'inbox':
      if (!route.params) return '2xx';
      if (target !== 'own') return 404;
      return p.personId ? '2xx' : undefined; // a portal identity bound to no contact has no item to name
  }
}

/**
 * The `code` a refused principal must get: the directory's on staff and admin routes, where the
 * authorize step gets that far; an unknown role is refused before anything else. Portal routes
 * never see these (staff-pool) tokens: the contact pool's authorizer answers 401 without a code.
 */
export function expectedCode(route: RouteDef, p: Principal): string | undefined {
  if (!p.refusedWith || route.auth === 'public' || route.auth === 'contact') return undefined;
  if (p.refusedWith === 'unknown_role') return 'unknown_role';
  if (route.auth === 'admin' && p.role !== 'admin') return 'admin_only';
  return p.refusedWith;
}

export interface Req {
  method: string;
  path: string;
  body?: unknown;
}

interface Ctx {
  h: Harness;
  w: World;
  p: Principal;
  target: Target;
  /** The cell expects 2xx: build fresh resources when the call changes them. */
  allowed: boolean;
}

const worldOf = (c: Ctx) => (c.target === 'otherFirm' ? c.w.B : c.w.A);
const caseOf = (c: Ctx) =>
  c.target === 'own' ? c.w.A.case1 : c.target === 'otherCase' ? c.w.A.case2 : c.w.B.case1;
/** The case a lifecycle route changes: a fresh one of the caller's firm when allowed, else the target. */
const caseToChange = async (c: Ctx, title: string) =>
  c.allowed ? newCase(c.h, (c.p.firm === 'B' ? c.w.B : c.w.A).firm, title) : caseOf(c);
const docOf = (c: Ctx) =>
  c.target === 'own' ? c.w.A.doc1 : c.target === 'otherCase' ? c.w.A.doc2 : c.w.B.doc1;
/** A fresh firm document of the target case for an allowed cell (recorded by ingest); else the case's doc. */
async function ownDocument(c: Ctx, fileName: string): Promise<string> {
  if (!c.allowed) return docOf(c);
  const ticket = await startUpload(c.h, `/cases/${caseOf(c)}/uploads`, worldOf(c).firm.staff.token, {
    fileName,
  });
  await c.h.settle();
  return ticket.uploadId;
}
/** A contact with a grant that is still only invited, on the target case. */
const invitedOf = (c: Ctx) =>
  c.target === 'own' ? c.w.A.invited1 : c.target === 'otherCase' ? c.w.A.invited2 : c.w.B.invited1;
const itemOf = (c: Ctx) => {
  if (c.target === 'otherCase') return c.w.A.inboxItems.get(c.w.A.firm.staff2.userId)!;
  if (c.target === 'otherFirm') return c.w.B.inboxItems.get(c.w.B.firm.staff2.userId)!;
  const own = c.p.personId && (c.p.firm === 'B' ? c.w.B : c.w.A).inboxItems.get(c.p.personId);
  return own || c.w.A.inboxItems.get(c.w.A.firm.staff.userId)!;
};
const upload = { fileName: 'matrix.pdf', contentType: PDF, size: 1000 };
const bogusInvitation = `${'A'.repeat(26)}.${'b'.repeat(43)}`;

const openable = new WeakMap<World, Promise<string>>();
/** One fresh invitation of firm A per world, for the cells of the open route (which uses nothing up). */
function openableInvitation(c: Ctx): Promise<string> {
  let token = openable.get(c.w);
  if (!token) {
    token = newCase(c.h, c.w.A.firm, 'Matrix open').then((caseId) =>
      freshInvitation(c.h, c.w.A.firm, caseId),
    );
    openable.set(c.w, token);
  }
  return token;
}

/** A browser subscription on the local push service, for the deployment's VAPID key. */
async function localPushSubscription(c: Ctx) {
  // The deployment's key as browsers get it: from the API (it lives in Secrets Manager).
  const res = await c.h.call('GET', '/me/push/public-key', { token: c.w.A.firm.staff.token });
  const { publicKey } = res.body as { publicKey: string };
  return (await localPushClient(c.h.stack.urls.push).subscribe(publicKey)).subscription;
}
const randomPushId = () => randomBytes(16).toString('hex');

/** A staff user to name: a freshly invited one of the caller's firm where the call is allowed. */
async function staffUserFor(c: Ctx): Promise<string> {
  if (!c.allowed) return c.w.A.firm.staff2.userId;
  const firm = (c.p.firm === 'B' ? c.w.B : c.w.A).firm;
  const res = await c.h.call('POST', '/staff', {
    token: firm.admin.token,
    body: {
      email: `s.${newId().toLowerCase()}@firm.test`,
      name: 'Matrix Staff',
      role: 'staff',
      language: 'en',
    },
  });
  if (res.status !== 200) throw new Error(`could not invite a staff user: ${res.status} ${res.text}`);
  return (res.body as { user: { userId: string } }).user.userId;
}

/** A valid request per route. A route missing here fails the matrix with a message saying so. */
export const requests: Partial<Record<RouteId, (c: Ctx) => Promise<Req> | Req>> = {
  createCase: () => ({ method: 'POST', path: '/cases', body: { title: 'Matrix case' } }),
  listCases: () => ({ method: 'GET', path: '/cases' }),
  getCase: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}` }),
  // Lifecycle changes: a fresh case of the caller's firm where the change is allowed, so the world's
  // shared cases keep their title and stay open for every other route.
  updateCase: async (c) => ({
    method: 'PATCH',
    path: `/cases/${await caseToChange(c, 'Matrix to rename')}`,
    body: { title: 'Matrix renamed case' },
  }),
  closeCase: async (c) => ({
    method: 'POST',
    path: `/cases/${await caseToChange(c, 'Matrix to close')}/close`,
  }),
  reopenCase: async (c) => ({
    method: 'POST',
    path: `/cases/${await caseToChange(c, 'Matrix to reopen')}/reopen`,
  }),
  createContact: () => ({
    method: 'POST',
    path: '/contacts',
    body: { name: 'Matrix Contact', email: `m.${newId().toLowerCase()}@client.test` },
  }),
  listContacts: () => ({ method: 'GET', path: '/contacts' }),
  listCaseActivity: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/activity` }),
  listPortalActivity: (c) => ({ method: 'GET', path: `/portal/cases/${caseOf(c)}/activity` }),
  // Firm-scoped: the contact is always one of the caller's own firm (the firm comes from the token;
  // another firm's contact id answers 404, which test/integration/bounces.test.ts checks). A fresh
  // one where the change is allowed, so no shared contact of the world is renamed.
  updateContact: async (c) => {
    const contact = c.allowed
      ? await newContact(c.h, (c.p.firm === 'B' ? c.w.B : c.w.A).firm, 'Matrix Renamed')
      : c.w.A.invited1;
    return {
      method: 'PATCH',
      path: `/contacts/${contact.contactId}`,
      body: { name: 'Matrix Renamed Again' },
    };
  },
  // A contact's removal, export and erasure (decision 0042): admin only, firm-scoped like the edit;
  // a fresh contact of the caller's firm where allowed, so no shared contact of the world is removed.
  removeContact: async (c) => ({
    method: 'POST',
    path: `/contacts/${(c.allowed ? await newContact(c.h, (c.p.firm === 'B' ? c.w.B : c.w.A).firm, 'Matrix Removed') : c.w.A.invited1).contactId}/remove`,
  }),
  exportContact: async (c) => ({
    method: 'GET',
    path: `/contacts/${(c.allowed ? await newContact(c.h, (c.p.firm === 'B' ? c.w.B : c.w.A).firm, 'Matrix Exported') : c.w.A.invited1).contactId}/export`,
  }),
  eraseContact: async (c) => ({
    method: 'POST',
    path: `/contacts/${(c.allowed ? await newContact(c.h, (c.p.firm === 'B' ? c.w.B : c.w.A).firm, 'Matrix Erased') : c.w.A.invited1).contactId}/erase`,
  }),
  // Staff accounts (firm-scoped: the user named is looked up in the caller's firm). A fresh invited
  // user where the change is allowed, so no principal of the world is changed or deactivated.
  inviteStaff: () => ({
    method: 'POST',
    path: '/staff',
    body: {
      email: `s.${newId().toLowerCase()}@firm.test`,
      name: 'Matrix Staff',
      role: 'staff',
      language: 'en',
    },
  }),
  listStaff: () => ({ method: 'GET', path: '/staff' }),
  updateStaff: async (c) => ({
    method: 'PATCH',
    path: `/staff/${await staffUserFor(c)}`,
    body: { name: 'Matrix Renamed Staff' },
  }),
  deactivateStaff: async (c) => ({ method: 'POST', path: `/staff/${await staffUserFor(c)}/deactivate` }),
  reactivateStaff: async (c) => ({ method: 'POST', path: `/staff/${await staffUserFor(c)}/reactivate` }),
  putGrant: async (c) => {
    const contact = c.allowed ? await newContact(c.h, worldOf(c).firm, 'Matrix Grantee') : invitedOf(c);
    return {
      method: 'PUT',
      path: `/cases/${caseOf(c)}/grants/${contact.contactId}`,
      body: { role: 'viewer', canDownload: true },
    };
  },
  revokeGrant: async (c) => {
    let contact = invitedOf(c);
    if (c.allowed) {
      contact = await newContact(c.h, worldOf(c).firm, 'Matrix Revokee');
      await grant(c.h, worldOf(c).firm, caseOf(c), contact, { role: 'viewer', canDownload: false });
    }
    return { method: 'DELETE', path: `/cases/${caseOf(c)}/grants/${contact.contactId}` };
  },
  listGrants: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/grants` }),
  resendInvitation: (c) => ({
    method: 'POST',
    path: `/cases/${caseOf(c)}/grants/${invitedOf(c).contactId}/invitation`,
  }),
  getPortalLink: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/portal-link` }),
  openInvitation: async (c) => ({
    method: 'POST',
    path: '/portal/invitations/open',
    // Opening writes nothing, so one invitation serves every cell (each answer names the same login).
    body: { token: c.allowed ? await openableInvitation(c) : bogusInvitation },
  }),
  acceptInvitation: async (c) => ({
    method: 'POST',
    path: '/portal/invitations/accept',
    // A case of its own: accepting binds the caller to it, and the other cells must still find the
    // principal as declared (no grant on case1 for noGrant and revoked, the same rights for the others).
    // In firm B, to the principal's own address: accepting binds only the invited address, and firm A
    // already has a contact with it (emails are unique within a firm).
    body: {
      token: c.allowed
        ? await freshInvitation(
            c.h,
            c.w.B.firm,
            await newCase(c.h, c.w.B.firm, 'Matrix invitation'),
            c.p.email ?? newEmail('Matrix Invitee'),
          )
        : bogusInvitation,
    },
  }),
  listPortalCases: () => ({ method: 'GET', path: '/portal/cases' }),
  createUpload: (c) => ({ method: 'POST', path: `/cases/${caseOf(c)}/uploads`, body: upload }),
  listDocuments: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/documents` }),
  downloadDocument: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/documents/${docOf(c)}/download` }),
  putDocumentShares: (c) => {
    const w = worldOf(c);
    const contactIds = c.target === 'otherCase' ? [] : [w.viewer.contactId, w.collaborator.contactId];
    return { method: 'PUT', path: `/cases/${caseOf(c)}/documents/${docOf(c)}/shares`, body: { contactIds } };
  },
  putContactShares: (c) => {
    const w = worldOf(c);
    const [contactId, documentIds] =
      c.target === 'otherCase' ? [w.invited2.contactId, []] : [w.viewer.contactId, [w.doc1]];
    return { method: 'PUT', path: `/cases/${caseOf(c)}/contacts/${contactId}/shares`, body: { documentIds } };
  },
  listShares: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/shares` }),
  // An allowed cell renames or trashes a document of its own: doc1 stays as the other cells know it.
  renameDocument: async (c) => ({
    method: 'PATCH',
    path: `/cases/${caseOf(c)}/documents/${await ownDocument(c, 'matrix-rename.pdf')}`,
    body: { name: 'Matrix renamed.pdf' },
  }),
  trashDocument: async (c) => ({
    method: 'DELETE',
    path: `/cases/${caseOf(c)}/documents/${await ownDocument(c, 'matrix-trash.pdf')}`,
  }),
  // Restoring a document that is not in the trash changes nothing and answers it as it is.
  restoreDocument: (c) => ({ method: 'POST', path: `/cases/${caseOf(c)}/documents/${docOf(c)}/restore` }),
  listTrash: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/trash` }),
  createPortalUpload: (c) => ({ method: 'POST', path: `/portal/cases/${caseOf(c)}/uploads`, body: upload }),
  listPortalDocuments: (c) => ({ method: 'GET', path: `/portal/cases/${caseOf(c)}/documents` }),
  downloadPortalDocument: (c) => ({
    method: 'GET',
    path: `/portal/cases/${caseOf(c)}/documents/${docOf(c)}/download`,
  }),
  getRecipients: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/recipients` }),
  putRecipients: (c) => {
    const f = worldOf(c).firm;
    const recipients =
      c.target === 'otherCase'
        ? [{ userId: f.staff.userId, inApp: true, email: true }]
        : [
            { userId: f.staff.userId, inApp: true, email: true },
            { userId: f.admin.userId, inApp: true, email: false },
            { userId: f.staff2.userId, inApp: true, email: false },
          ];
    return { method: 'PUT', path: `/cases/${caseOf(c)}/recipients`, body: { recipients } };
  },
  listStaffInbox: () => ({ method: 'GET', path: '/inbox' }),
  countStaffUnread: () => ({ method: 'GET', path: '/inbox/unread-count' }),
  readStaffInboxItem: (c) => ({ method: 'POST', path: `/inbox/${itemOf(c)}/read` }),
  readAllStaffInbox: () => ({ method: 'POST', path: '/inbox/read-all' }),
  archiveStaffInboxItem: (c) => ({ method: 'POST', path: `/inbox/${itemOf(c)}/archive` }),
  listPortalInbox: () => ({ method: 'GET', path: '/portal/inbox' }),
  countPortalUnread: () => ({ method: 'GET', path: '/portal/inbox/unread-count' }),
  readPortalInboxItem: (c) => ({ method: 'POST', path: `/portal/inbox/${itemOf(c)}/read` }),
  readAllPortalInbox: () => ({ method: 'POST', path: '/portal/inbox/read-all' }),
  archivePortalInboxItem: (c) => ({ method: 'POST', path: `/portal/inbox/${itemOf(c)}/archive` }),

  // ── threads and tasks ──
  createThread: (c) => ({
    method: 'POST',
    path: `/cases/${caseOf(c)}/threads`,
    body: {
      subject: 'Matrix thread',
      contactIds: [c.target === 'otherCase' ? c.w.A.invited2.contactId : worldOf(c).viewer.contactId],
    },
  }),
  listThreads: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/threads` }),
  getThread: (c) => ({ method: 'GET', path: threadPath(c) }),
  listThreadMessages: (c) => ({ method: 'GET', path: `${threadPath(c)}/messages` }),
  postThreadMessage: (c) => ({
    method: 'POST',
    path: `${threadPath(c)}/messages`,
    body: { text: 'Matrix message' },
  }),
  listThreadTasks: (c) => ({ method: 'GET', path: `${threadPath(c)}/tasks` }),
  addThreadTasks: (c) => ({
    method: 'POST',
    path: `${threadPath(c)}/tasks`,
    body: { tasks: ['Matrix task'] },
  }),
  editThreadTask: async (c) => ({ method: 'PATCH', path: await taskPath(c), body: { text: 'Edited task' } }),
  deleteThreadTask: async (c) => ({ method: 'DELETE', path: await taskPath(c) }),
  moveThreadTask: async (c) => ({
    method: 'POST',
    path: `${await taskPath(c)}/move`,
    body: { beforeTaskId: threadOf(c).taskIds[0] },
  }),
  completeThreadTask: async (c) => ({ method: 'PUT', path: `${await taskPath(c)}/done` }),
  reopenThreadTask: async (c) => ({ method: 'DELETE', path: `${await taskPath(c, { done: true })}/done` }),
  resendThreadTasks: (c) => ({ method: 'POST', path: `${threadPath(c)}/resend-tasks` }),
  putThreadReminders: (c) => ({
    method: 'PUT',
    path: `${threadPath(c)}/reminders`,
    body: { everyDays: 3, maxCount: 2 },
  }),
  // Closing is for good until a reopen: an allowed cell closes a thread of its own; a reopen of the
  // shared (open) thread changes nothing (idempotent), so no other cell's thread is ever closed.
  closeThread: async (c) => {
    if (!c.allowed) return { method: 'POST', path: `${threadPath(c)}/close` };
    const own = await newThread(c.h, worldOf(c).firm, caseOf(c), [fileRequestRecipient(c)]);
    return { method: 'POST', path: `/cases/${caseOf(c)}/threads/${own.threadId}/close` };
  },
  reopenThread: (c) => ({ method: 'POST', path: `${threadPath(c)}/reopen` }),
  listPortalThreads: (c) => ({ method: 'GET', path: `/portal/cases/${caseOf(c)}/threads` }),
  getPortalThread: (c) => ({ method: 'GET', path: `/portal${threadPath(c)}` }),
  listPortalThreadMessages: (c) => ({ method: 'GET', path: `/portal${threadPath(c)}/messages` }),
  postPortalThreadMessage: (c) => ({
    method: 'POST',
    path: `/portal${threadPath(c)}/messages`,
    body: { text: 'Matrix reply' },
  }),
  listPortalThreadTasks: (c) => ({ method: 'GET', path: `/portal${threadPath(c)}/tasks` }),
  completePortalThreadTask: async (c) => ({ method: 'PUT', path: `/portal${await taskPath(c)}/done` }),
  reopenPortalThreadTask: async (c) => ({
    method: 'DELETE',
    path: `/portal${await taskPath(c, { done: true })}/done`,
  }),

  // ── discussions ──
  publishDiscussion: (c) => ({
    method: 'POST',
    path: `/cases/${caseOf(c)}/discussions`,
    body: { subject: 'Matrix discussion', message: 'Shared with every contact.', shareWith: 'all' },
  }),
  listDiscussions: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/discussions` }),
  getDiscussion: (c) => ({ method: 'GET', path: discussionPath(c) }),
  addComment: (c) => ({
    method: 'POST',
    path: `${discussionPath(c)}/comments`,
    body: { body: 'Matrix comment' },
  }),
  listComments: (c) => ({ method: 'GET', path: `${discussionPath(c)}/comments` }),
  closeDiscussion: async (c) => {
    if (!c.allowed) return { method: 'POST', path: `${discussionPath(c)}/close` };
    const own = await newDiscussion(c.h, worldOf(c).firm, caseOf(c));
    return { method: 'POST', path: `/cases/${caseOf(c)}/discussions/${own}/close` };
  },
  reopenDiscussion: (c) => ({ method: 'POST', path: `${discussionPath(c)}/reopen` }),
  listPortalDiscussions: (c) => ({ method: 'GET', path: `/portal/cases/${caseOf(c)}/discussions` }),
  getPortalDiscussion: (c) => ({ method: 'GET', path: `/portal${discussionPath(c)}` }),
  addPortalComment: (c) => ({
    method: 'POST',
    path: `/portal${discussionPath(c)}/comments`,
    body: { body: 'Matrix reply' },
  }),
  listPortalComments: (c) => ({ method: 'GET', path: `/portal${discussionPath(c)}/comments` }),

  // ── file requests, versions, settings ──
  createFileRequest: (c) => ({
    method: 'POST',
    path: `/cases/${caseOf(c)}/file-requests`,
    body: {
      recipients: [fileRequestRecipient(c)],
      subject: 'Matrix request',
      description: 'Please upload it.',
    },
  }),
  listFileRequests: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/file-requests` }),
  getFileRequest: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/file-requests/${fileRequestOf(c)}` }),
  cancelFileRequest: async (c) => {
    // Cancelling is once only: an allowed cell cancels a request of its own.
    const id = c.allowed
      ? await newFileRequest(c.h, worldOf(c).firm, caseOf(c), [fileRequestRecipient(c)])
      : fileRequestOf(c);
    return { method: 'POST', path: `/cases/${caseOf(c)}/file-requests/${id}/cancel` };
  },
  listPortalFileRequests: (c) => ({ method: 'GET', path: `/portal/cases/${caseOf(c)}/file-requests` }),
  // ── request lists (issue 18) ──
  acceptFileRequestItem: async (c) => ({ method: 'POST', path: await reviewPath(c, 'accept') }),
  returnFileRequestItem: async (c) => ({
    method: 'POST',
    path: await reviewPath(c, 'return'),
    body: { reason: 'Page 2 is missing.' },
  }),
  getPortalFileRequest: async (c) => {
    // A contact reads only a request addressed to it: an allowed cell reads one sent to itself.
    const id =
      c.allowed && c.p.personId
        ? await newFileRequest(c.h, worldOf(c).firm, caseOf(c), [c.p.personId])
        : fileRequestOf(c);
    return { method: 'GET', path: `/portal/cases/${caseOf(c)}/file-requests/${id}` };
  },
  putFileRequestTemplate: () => ({
    method: 'PUT',
    path: `/file-request-templates/${MATRIX_TEMPLATE}`,
    body: TEMPLATE_BODY,
  }),
  listFileRequestTemplates: () => ({ method: 'GET', path: '/file-request-templates' }),
  getFileRequestTemplate: async (c) => {
    // Firm-level: an allowed caller reads a template of its own firm, which that firm's admin saves first.
    if (c.allowed && c.p.firm) await saveMatrixTemplate(c, c.p.firm === 'B' ? c.w.B : c.w.A);
    return { method: 'GET', path: `/file-request-templates/${MATRIX_TEMPLATE}` };
  },
  deleteFileRequestTemplate: async (c) => {
    if (c.allowed && c.p.firm)
      await saveMatrixTemplate(c, c.p.firm === 'B' ? c.w.B : c.w.A, DELETED_TEMPLATE);
    return { method: 'DELETE', path: `/file-request-templates/${DELETED_TEMPLATE}` };
  },
  listDocumentVersions: (c) => ({
    method: 'GET',
    path: `/cases/${caseOf(c)}/documents/${docOf(c)}/versions`,
  }),
  getSettings: () => ({ method: 'GET', path: '/settings' }),
  // The default limit again: the other scenarios' uploads keep working.
  putSettings: () => ({
    method: 'PUT',
    path: '/settings',
    body: { detailedNotifications: false, uploadMaxBytes: 25 * 1024 * 1024 },
  }),
  getClientNotifications: () => ({ method: 'GET', path: '/settings/client-notifications' }),
  putClientNotifications: () => ({
    method: 'PUT',
    path: '/settings/client-notifications',
    body: { showMessageContext: false, taskReminders: { everyDays: 3, maxCount: 2 } },
  }),
  getNotificationMatrix: () => ({ method: 'GET', path: '/settings/notifications' }),
  // Everything on (the default): the other scenarios' notifications keep flowing.
  putNotificationMatrix: () => ({
    method: 'PUT',
    path: '/settings/notifications',
    body: {
      matrix: Object.fromEntries(
        NOTIFYING_EVENT_TYPES.map((t) => [t, { inApp: true, email: true, push: true }]),
      ),
      mandatory: ['access'],
    },
  }),
  getMyPreferences: () => ({ method: 'GET', path: '/me/preferences' }),
  putMyPreferences: () => ({
    method: 'PUT',
    path: '/me/preferences',
    body: {
      preferences: Object.fromEntries(
        NOTIFICATION_CATEGORIES.map((c) => [c, { inApp: true, email: true, push: true }]),
      ),
    },
  }),
  getPortalPreferences: () => ({ method: 'GET', path: '/portal/me/preferences' }),
  putPortalPreferences: () => ({
    method: 'PUT',
    path: '/portal/me/preferences',
    body: {
      preferences: Object.fromEntries(
        NOTIFICATION_CATEGORIES.map((c) => [c, { inApp: true, email: true, push: true }]),
      ),
    },
  }),
  listCaseDeliveries: (c) => ({ method: 'GET', path: `/cases/${caseOf(c)}/deliveries` }),
  // Keyed under the caller's firm: another firm's event id lists nothing, so every target answers 2xx.
  listEventDeliveries: () => ({ method: 'GET', path: `/deliveries/${newId()}` }),
  listNotificationTemplates: () => ({ method: 'GET', path: '/settings/notifications/templates?locale=es' }),
  // The firm's own email text of client uploads, in Spanish (other scenarios' mails stay English).
  putNotificationTemplate: () => ({
    method: 'PUT',
    path: '/settings/notifications/templates/document.uploaded/es/email',
    body: {
      subject: '{contactName} subió {fileName}',
      body: '{contactName} subió {fileName} a {caseTitle}.',
    },
  }),
  deleteNotificationTemplate: () => ({
    method: 'DELETE',
    path: '/settings/notifications/templates/document.uploaded/es/email',
  }),
  // Web push: subscriptions are made on the local push service, so later notices to these people
  // are really pushed (and accepted) instead of failing against a made-up endpoint.
  getPushPublicKey: () => ({ method: 'GET', path: '/me/push/public-key' }),
  createPushSubscription: async (c) => ({
    method: 'POST',
    path: '/me/push-subscriptions',
    body: await localPushSubscription(c),
  }),
  listPushSubscriptions: () => ({ method: 'GET', path: '/me/push-subscriptions' }),
  // Idempotent: an id nobody registered answers 200 `removed: false` for every target.
  deletePushSubscription: () => ({ method: 'DELETE', path: `/me/push-subscriptions/${randomPushId()}` }),
  getPortalPushPublicKey: () => ({ method: 'GET', path: '/portal/me/push/public-key' }),
  createPortalPushSubscription: async (c) => ({
    method: 'POST',
    path: '/portal/me/push-subscriptions',
    body: await localPushSubscription(c),
  }),
  listPortalPushSubscriptions: () => ({ method: 'GET', path: '/portal/me/push-subscriptions' }),
  deletePortalPushSubscription: () => ({
    method: 'DELETE',
    path: `/portal/me/push-subscriptions/${randomPushId()}`,
  }),

  // ── document paths: recurring tasks, notify-client flags, the process path (issue 7) ──
  putRecurringTask: () => ({
    method: 'PUT',
    path: `/recurring-tasks/${MATRIX_TASK}`,
    body: { name: 'Matrix payroll', notifyClient: true },
  }),
  listRecurringTasks: () => ({ method: 'GET', path: '/recurring-tasks' }),
  getRecurringTask: async (c) => {
    // Firm-level: an allowed caller reads the task of its own firm, which that firm's admin saves first.
    if (c.allowed && c.p.firm) await saveMatrixTask(c, c.p.firm === 'B' ? c.w.B : c.w.A);
    return { method: 'GET', path: `/recurring-tasks/${MATRIX_TASK}` };
  },
  deleteRecurringTask: async (c) => {
    // A task of its own (MATRIX_TASK stays for the publish cells), saved first by an allowed caller's firm.
    if (c.allowed && c.p.firm) await saveMatrixTask(c, c.p.firm === 'B' ? c.w.B : c.w.A, DELETED_TASK);
    return { method: 'DELETE', path: `/recurring-tasks/${DELETED_TASK}` };
  },
  // On (the default): the other scenarios' notifications keep flowing.
  putCaseNotifyClient: (c) => ({
    method: 'PUT',
    path: `/cases/${caseOf(c)}/notify-client`,
    body: { notifyClient: true },
  }),
  publishDocument: async (c) => {
    if (c.allowed) await saveMatrixTask(c, worldOf(c));
    // Contacts the document is shared with already (own) or may be (otherCase): no other cell's shares move.
    const contactId = c.target === 'otherCase' ? c.w.A.invited2.contactId : worldOf(c).viewer.contactId;
    return {
      method: 'POST',
      path: `/cases/${caseOf(c)}/documents/${docOf(c)}/publish`,
      body: { recurringTaskId: MATRIX_TASK, contactIds: [contactId] },
    };
  },

  // ── the live channel (issue 19): a ticket for the caller itself, nothing named ──
  issueLiveTicket: () => ({ method: 'POST', path: '/live/ticket' }),
  issuePortalLiveTicket: () => ({ method: 'POST', path: '/portal/live/ticket' }),
};

const threadOf = (c: Ctx) =>
  c.target === 'own'
    ? c.w.A.threads.case1
    : c.target === 'otherCase'
      ? c.w.A.threads.case2
      : c.w.B.threads.case1;
const threadPath = (c: Ctx) => `/cases/${caseOf(c)}/threads/${threadOf(c).threadId}`;
/** A task of the target thread: a fresh one (done first when asked) for an allowed cell, which may change or delete it. */
async function taskPath(c: Ctx, opts: { done?: boolean } = {}): Promise<string> {
  let taskId = threadOf(c).taskIds[1]!;
  if (c.allowed) {
    taskId = await newTask(c.h, worldOf(c).firm, caseOf(c), threadOf(c).threadId);
    if (opts.done) {
      const done = await c.h.call('PUT', `${threadPath(c)}/tasks/${taskId}/done`, {
        token: worldOf(c).firm.staff.token,
      });
      if (done.status >= 300) throw new Error(`could not complete a task: ${done.text}`);
    }
  }
  return `${threadPath(c)}/tasks/${taskId}`;
}
const discussionOf = (c: Ctx) =>
  c.target === 'own'
    ? c.w.A.discussions.case1
    : c.target === 'otherCase'
      ? c.w.A.discussions.case2
      : c.w.B.discussions.case1;
const discussionPath = (c: Ctx) => `/cases/${caseOf(c)}/discussions/${discussionOf(c)}`;
const fileRequestOf = (c: Ctx) =>
  c.target === 'own'
    ? c.w.A.fileRequests.case1
    : c.target === 'otherCase'
      ? c.w.A.fileRequests.case2
      : c.w.B.fileRequests.case1;
const fileRequestRecipient = (c: Ctx) =>
  c.target === 'otherCase' ? c.w.A.invited2.contactId : worldOf(c).collaborator.contactId;

/** The recurring task the process-path cells publish for. */
const MATRIX_TASK = 'matrix-payroll';
/** The recurring task the delete cells save and delete. */
const DELETED_TASK = 'matrix-deleted';

/** Saves MATRIX_TASK (or `id`) in a firm (idempotent: a create-or-replace by its admin). */
async function saveMatrixTask(c: Ctx, w: World['A'], id = MATRIX_TASK) {
  const res = await c.h.call('PUT', `/recurring-tasks/${id}`, {
    token: w.firm.admin.token,
    body: { name: 'Matrix payroll', notifyClient: true },
  });
  if (res.status !== 200) throw new Error(`could not save the matrix recurring task: ${res.text}`);
}

/** The request-list template the read cells save (kept), and the one the delete cells save and delete. */
const MATRIX_TEMPLATE = 'matrix-year-end';
const DELETED_TEMPLATE = 'matrix-deleted';
const TEMPLATE_BODY = { name: 'Matrix year end', items: [{ subject: 'Bank statements', dueInDays: 7 }] };

async function saveMatrixTemplate(c: Ctx, w: World['A'], id = MATRIX_TEMPLATE) {
  const res = await c.h.call('PUT', `/file-request-templates/${id}`, {
    token: w.firm.admin.token,
    body: TEMPLATE_BODY,
  });
  if (res.status !== 200) throw new Error(`could not save the matrix template: ${res.text}`);
}

/**
 * The review path of a request-list item. An allowed cell reviews an item of its own: a one-item
 * request of the caller's firm to its case1 collaborator, who submits it (upload recorded by ingest);
 * a denied cell names the target case's request and an item it does not have.
 */
async function reviewPath(c: Ctx, action: 'accept' | 'return'): Promise<string> {
  if (!c.allowed) return `/cases/${caseOf(c)}/file-requests/${fileRequestOf(c)}/items/${newId()}/${action}`;
  const w = c.p.firm === 'B' ? c.w.B : c.w.A;
  const made = await c.h.call('POST', `/cases/${w.case1}/file-requests`, {
    token: w.firm.staff.token,
    body: {
      recipients: [w.collaborator.contactId],
      subject: 'Matrix list',
      description: 'Please upload.',
      items: [{ subject: 'Matrix item' }],
    },
  });
  if (made.status !== 201) throw new Error(`could not make the matrix request list: ${made.text}`);
  const requestId = made.body.requestId as string;
  const itemId = made.body.items[0].itemId as string;
  const bytes = pdfBytes('matrix item');
  const ticket = await c.h.call('POST', `/portal/cases/${w.case1}/uploads`, {
    token: w.collaborator.token,
    body: {
      fileName: 'matrix-item.pdf',
      contentType: PDF,
      size: bytes.length,
      fileRequestId: requestId,
      fileRequestItemId: itemId,
    },
  });
  if (ticket.status !== 201) throw new Error(`could not submit the matrix item: ${ticket.text}`);
  await postToS3(ticket.body, bytes, PDF);
  await c.h.settle();
  return `/cases/${w.case1}/file-requests/${requestId}/items/${itemId}/${action}`;
}

export type { Ctx };

/** Every id of a firm's fixtures: none may surface in an answer to someone not entitled to it. */
export function idsOf(w: FirmWorld): string[] {
  return [
    w.firm.firmId,
    w.case1,
    w.case2,
    w.doc1,
    w.doc2,
    w.clientDoc,
    ...[w.viewer, w.collaborator, w.revoked, w.invited1, w.invited2].map((c) => c.contactId),
    ...[w.firm.admin, w.firm.staff, w.firm.staff2].map((u) => u.userId),
    ...w.inboxItems.values(),
    ...[w.threads.case1, w.threads.case2].flatMap((t) => [t.threadId, ...t.taskIds]),
    ...Object.values(w.discussions),
    ...Object.values(w.fileRequests),
  ];
}
