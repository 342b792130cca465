// Portal access: granting a contact access to a case (explicit save of its rights), revoking it,
// invitations (send, resend, accept) and the cases a portal identity sees.
import type { DomainEvent } from '../events/catalogue';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { activity } from './activity';
import { type Case, pageOfCase } from './cases';
import type { Contact } from './contacts';
import { conflict, DomainError, forbidden, notFound, unprocessable } from './errors';
import type { Firm } from './firm';
import { type Grant, type GrantRole, mayUpload } from './grants';
import {
  type Invitation,
  invitationExpiry,
  invitationWithdrawn,
  parseInvitationToken,
  type TokenClaims,
  tokenMatches,
} from './invitations';
import type { Clock, Ids, Page, PageRequest } from './ports';
import { type ContactPrincipal, type StaffPrincipal, staffActor } from './principal';
import type { CancelReason } from './uploads';

/** A contact as access management sees it: with the portal identity it was bound to, if any. */
export type BoundContact = Contact & { identityId?: string };

export interface GrantRights {
  role: GrantRole;
  canDownload: boolean;
  canUpload: boolean;
}

/**
 * A DynamoDB transaction holds at most 100 items; accepting writes the invitation, the contact,
 * the activity entry and one update per grant of the contact. 90 leaves headroom.
 */
export const MAX_GRANTS_PER_ACCEPT = 90;

export interface AccessStore {
  getCase(firmId: string, caseId: string): Promise<Case | undefined>;
  /** Consistent: binding decisions rest on it. */
  getContact(firmId: string, contactId: string): Promise<BoundContact | undefined>;
  getFirm(firmId: string): Promise<Firm | undefined>;
  /** Consistent: a revoke or a save must see the latest state. */
  getGrant(firmId: string, caseId: string, contactId: string): Promise<Grant | undefined>;
  /** Consistent. */
  getInvitation(firmId: string, caseId: string, contactId: string): Promise<Invitation | undefined>;
  /** New grant (+ its invitation when the contact is not bound yet) and its events, in one transaction. */
  createGrant(grant: Grant, invitation: Invitation | undefined, events: DomainEvent[]): Promise<void>;
  /**
   * Saves `next` over `prev` (rights, status, binding) in one transaction with its events and, when
   * given, a new invitation; fails with 409 grant_changed if the grant is no longer `prev`. With
   * `cancelUploads`, the same transaction cancels the contact's pending upload intents on the case
   * (with that reason, at that time).
   */
  updateGrant(
    prev: Grant,
    next: Grant,
    invitation: Invitation | undefined,
    events: DomainEvent[],
    cancelUploads?: { reason: CancelReason; at: string },
  ): Promise<void>;
  /**
   * Reads the grant and, at the same time, the contact's pending upload intents on the case; when
   * `revoke` answers an event for the grant, marks it revoked (out of the portal's index) at the
   * event's time, deletes its invitation, cancels those intents (reason `revoked`) and records the
   * event: one transaction. Answers the grant as it was read (undefined: none, nothing written).
   */
  revokeGrant(
    firmId: string,
    caseId: string,
    contactId: string,
    revoke: (grant: Grant) => DomainEvent | undefined,
  ): Promise<Grant | undefined>;
  /** Overwrites the grant's invitation while the grant is still invited; records the event. */
  replaceInvitation(invitation: Invitation, event: DomainEvent): Promise<void>;
  /** Access list of a case (revoked grants included). */
  listGrants(firmId: string, caseId: string, page: PageRequest): Promise<Page<Grant>>;
  /** Every grant of a contact in its firm, at most `max + 1` (the caller refuses more than `max`). */
  grantsOfContact(firmId: string, contactId: string, max: number): Promise<Grant[]>;
  /**
   * One transaction: the invitation marked used (409 invitation_used if it was meanwhile), the
   * contact bound to the identity (409 contact_bound_to_other_identity), every grant activated.
   */
  accept(input: AcceptWrite): Promise<void>;
  /** Grants indexed under a portal identity (only active ones are), newest case first. */
  grantsOfIdentity(identityId: string, page: PageRequest): Promise<Page<Grant>>;
}

export interface AcceptWrite {
  invitation: Invitation;
  tokenHash: string;
  identityId: string;
  acceptedAt: string;
  /** Grants to activate (each still not revoked when written). */
  grants: Grant[];
  event: DomainEvent;
}

export interface AccessDeps {
  access: AccessStore;
  clock: Clock;
  ids: Ids;
  /** Default portal base URL, for firms that set none. */
  portalUrl: string;
}

/** A grant's rights, as both the access list and the portal show them. */
const rights = () => ({
  role: z.enum(['viewer', 'collaborator']),
  canDownload: z.boolean(),
  canUpload: z.boolean(),
});

export const GrantView = lazySchema(() =>
  z.object({
    caseId: z.string(),
    contactId: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    ...rights(),
    status: z.enum(['invited', 'active', 'revoked']),
    invitedAt: z.string(),
    acceptedAt: z.optional(z.string()),
    /** Documents shared with this contact in the case, its own uploads included. */
    sharedCount: z.number().check(z.int()),
  }),
);
export type GrantView = z.output<typeof GrantView>;

/** What staff see of a grant: never the identity it is bound to. */
export const grantView = (g: Grant): GrantView => ({
  caseId: g.caseId,
  contactId: g.contactId,
  contactName: g.contactName,
  contactEmail: g.contactEmail,
  role: g.role,
  canDownload: g.canDownload,
  canUpload: g.canUpload,
  status: g.status,
  invitedAt: g.invitedAt,
  ...(g.acceptedAt ? { acceptedAt: g.acceptedAt } : {}),
  sharedCount: g.sharedCount ?? 0,
});

const sameRights = (g: GrantRights, r: GrantRights) =>
  g.role === r.role && g.canDownload === r.canDownload && g.canUpload === r.canUpload;

async function requireCase(deps: AccessDeps, firmId: string, caseId: string): Promise<Case> {
  const c = await deps.access.getCase(firmId, caseId);
  if (!c) throw notFound('case');
  return c;
}

function newInvitation(deps: AccessDeps, firmId: string, caseId: string, contactId: string): Invitation {
  const now = deps.clock.now();
  return {
    firmId,
    caseId,
    contactId,
    invitationId: deps.ids.next(),
    createdAt: now.toISOString(),
    expiresAt: invitationExpiry(now),
  };
}

function invitationSent(deps: AccessDeps, by: StaffPrincipal, inv: Invitation) {
  return activity(deps, 'invitation.sent', inv, staffActor(by), {
    contactId: inv.contactId,
    invitationId: inv.invitationId,
    expiresAt: inv.expiresAt,
  });
}

/**
 * Grants a contact access to a case, or saves its rights (explicit save). A contact not yet bound
 * to a portal identity is invited; a bound one is active at once. Saving identical rights again
 * writes nothing.
 */
export async function putGrant(
  deps: AccessDeps,
  by: StaffPrincipal,
  caseId: string,
  contactId: string,
  rights: GrantRights,
): Promise<GrantView> {
  // Every read at once (the firm's name is needed only for a new grant, but costs no extra wait),
  // decided in the order they were made one after the other before: case, contact, grant.
  const [found, contact, existing, firmOfNew] = await Promise.all([
    deps.access.getCase(by.firmId, caseId),
    deps.access.getContact(by.firmId, contactId),
    deps.access.getGrant(by.firmId, caseId, contactId),
    deps.access.getFirm(by.firmId),
  ]);
  if (!found) throw notFound('case');
  const c = found;
  if (!contact) throw notFound('contact');
  if (contact.removedAt) throw contactRemoved();
  if (!contact.email)
    throw unprocessable(
      'contact_has_no_email',
      'The contact has no email address; add one before granting access.',
    );
  const now = deps.clock.now().toISOString();
  const actor = staffActor(by);
  const detail = { contactId, ...rights };

  if (existing && existing.status !== 'revoked') {
    if (sameRights(existing, rights)) return grantView(existing);
    const next: Grant = { ...existing, ...rights };
    // Uploads asked for under the old rights stop with them (ingest also re-checks at arrival).
    const lostUpload = mayUpload(existing) && !mayUpload(next);
    await deps.access.updateGrant(
      existing,
      next,
      undefined,
      [activity(deps, 'access.updated', c, actor, detail)],
      lostUpload ? { reason: 'upload_not_allowed', at: now } : undefined,
    );
    return grantView(next);
  }

  // A new grant, or a revoked one granted again: both give access, both are `access.granted`.
  const firm = existing ? undefined : firmOfNew;
  const bound = contact.identityId;
  const grant: Grant = {
    ...(existing ?? { sharedCount: 0 }),
    firmId: by.firmId,
    caseId,
    contactId,
    contactName: contact.name,
    contactEmail: contact.email,
    caseTitle: c.title,
    firmName: existing ? existing.firmName : (firm?.name ?? ''),
    ...rights,
    status: bound ? 'active' : 'invited',
    invitedAt: now,
    sharedCount: existing?.sharedCount ?? 0,
  };
  delete grant.acceptedAt;
  delete grant.identityId;
  if (bound) {
    grant.acceptedAt = now;
    grant.identityId = bound;
  }
  const invitation = bound ? undefined : newInvitation(deps, by.firmId, caseId, contactId);
  const events: DomainEvent[] = [activity(deps, 'access.granted', c, actor, detail)];
  if (invitation) events.push(invitationSent(deps, by, invitation));
  if (existing) await deps.access.updateGrant(existing, grant, invitation, events);
  else await deps.access.createGrant(grant, invitation, events);
  return grantView(grant);
}

/** Revokes a grant; the contact loses access at once. Revoking a revoked grant changes nothing. */
export async function revokeGrant(
  deps: AccessDeps,
  by: StaffPrincipal,
  caseId: string,
  contactId: string,
): Promise<GrantView> {
  const grant = await deps.access.revokeGrant(by.firmId, caseId, contactId, (g) =>
    // Revoking a revoked grant writes nothing.
    g.status === 'revoked' ? undefined : activity(deps, 'access.revoked', g, staffActor(by), { contactId }),
  );
  if (!grant) throw notFound('grant');
  return grantView({ ...grant, status: 'revoked' });
}

export async function listGrants(
  deps: AccessDeps,
  by: StaffPrincipal,
  caseId: string,
  page: PageRequest,
): Promise<Page<GrantView>> {
  const res = await pageOfCase(
    deps.access,
    by,
    caseId,
    (p) => deps.access.listGrants(by.firmId, caseId, p),
    page,
  );
  return { ...res, items: res.items.map(grantView) };
}

export const InvitationView = lazySchema(() =>
  z.object({
    caseId: z.string(),
    contactId: z.string(),
    invitationId: z.string(),
    expiresAt: z.string(),
  }),
);
export type InvitationView = z.output<typeof InvitationView>;

/** Mails a new invitation; the previous token stops working (its invitation id is replaced). */
export async function resendInvitation(
  deps: AccessDeps,
  by: StaffPrincipal,
  caseId: string,
  contactId: string,
): Promise<InvitationView> {
  // Both reads at once, decided in the order they were made one after the other before.
  const [grant, contact] = await Promise.all([
    deps.access.getGrant(by.firmId, caseId, contactId),
    deps.access.getContact(by.firmId, contactId),
  ]);
  if (!grant) throw notFound('grant');
  if (grant.status === 'revoked')
    throw conflict('grant_revoked', 'Access was revoked; grant it again to send a new invitation.');
  if (grant.status === 'active' || contact?.identityId)
    throw conflict('already_accepted', 'The contact already accepted an invitation and has portal access.');
  const invitation = newInvitation(deps, by.firmId, caseId, contactId);
  await deps.access.replaceInvitation(invitation, invitationSent(deps, by, invitation));
  return {
    caseId,
    contactId,
    invitationId: invitation.invitationId,
    expiresAt: invitation.expiresAt,
  };
}

/** The URL a contact opens for a case: the firm's portal, else the default one. */
export async function getPortalLink(
  deps: AccessDeps,
  by: StaffPrincipal,
  caseId: string,
): Promise<{ caseId: string; url: string }> {
  // Both reads at once; the firm's URL is used only once the case proved to be the caller's firm's.
  const [, firm] = await Promise.all([requireCase(deps, by.firmId, caseId), deps.access.getFirm(by.firmId)]);
  return { caseId, url: `${portalBase(firm?.portalUrl || deps.portalUrl)}/cases/${caseId}` };
}

export const portalBase = (url: string) => url.replace(/\/+$/, '');

const invitationNotFound = () => notFound('invitation');

/** An invitation whose token checks out, with the grant and contact it invites to. */
export interface PresentedInvitation {
  invitation: Invitation;
  grant: Grant;
  contact: BoundContact;
}

/**
 * The checks both opening and accepting an invitation make, in this order: unknown token, wrong
 * secret, superseded (resent) invitation and revoked grant all answer the same 404
 * invitation_not_found, so a guess learns nothing; then 409 invitation_used, 410 invitation_expired.
 */
export async function presentedInvitation(
  deps: Pick<AccessDeps, 'access' | 'clock'>,
  token: string,
): Promise<PresentedInvitation> {
  const claims: TokenClaims = parseInvitationToken(token);
  const { firmId, caseId, contactId } = claims;
  // The three reads at once; the grant and the contact count only once the token checked out.
  const [invitation, grant, contact] = await Promise.all([
    deps.access.getInvitation(firmId, caseId, contactId),
    deps.access.getGrant(firmId, caseId, contactId),
    deps.access.getContact(firmId, contactId),
  ]);
  if (
    !invitation ||
    invitation.invitationId !== claims.invitationId ||
    !tokenMatches(token, invitation.tokenHash)
  )
    throw invitationNotFound();
  if (invitation.acceptedAt) throw invitationUsed();
  if (invitation.withdrawnAt) throw invitationWithdrawn();
  if (Date.parse(invitation.expiresAt) < deps.clock.now().getTime())
    throw new DomainError(
      'gone',
      'invitation_expired',
      'The invitation expired; ask the firm to send a new one.',
    );
  if (!grant || grant.status === 'revoked' || !contact) throw invitationNotFound();
  return { invitation, grant, contact };
}

/**
 * Accepts an invitation: binds the caller's portal identity to the invited contact and activates
 * every (not revoked) grant of that contact in the firm. Single use. Binds only a login whose
 * verified email is the address the invitation was mailed to: the mail is what proves who the
 * invited person is, so a forwarded link opened under another login binds nothing.
 */
export async function acceptInvitation(
  deps: AccessDeps,
  by: ContactPrincipal,
  token: string,
): Promise<{ caseId: string; contactId: string; firmId: string }> {
  // The contact's other grants are read alongside the invitation (the token names the contact);
  // they are used only once every check below passed.
  const claims = parseInvitationToken(token);
  const [{ invitation, grant, contact }, others] = await Promise.all([
    presentedInvitation(deps, token),
    deps.access.grantsOfContact(claims.firmId, claims.contactId, MAX_GRANTS_PER_ACCEPT),
  ]);
  const { firmId, caseId, contactId } = invitation;
  if (!contact.email) throw contactHasNoEmail();
  if (!by.emailVerified || !by.email || by.email.toLowerCase() !== contact.email.toLowerCase())
    throw invitationEmailMismatch();
  if (contact.identityId && contact.identityId !== by.identityId) throw boundToOther();
  if (grant.status === 'active' && grant.identityId) throw invitationUsed();
  const now = deps.clock.now();

  // The index may lag: the invited grant itself comes from the consistent read.
  const grants = [grant, ...others.filter((g) => g.caseId !== caseId)].filter(
    (g) => g.status !== 'revoked' && !(g.status === 'active' && g.identityId === by.identityId),
  );
  if (grants.length > MAX_GRANTS_PER_ACCEPT)
    throw unprocessable(
      'too_many_grants',
      `The contact has more than ${MAX_GRANTS_PER_ACCEPT} case grants; ask the firm to revoke unused ones before accepting.`,
    );
  const acceptedAt = now.toISOString();
  const event = activity(
    deps,
    'access.accepted',
    { firmId, caseId },
    { kind: 'contact', id: contactId },
    { contactId },
  );
  await deps.access.accept({
    invitation,
    tokenHash: invitation.tokenHash!,
    identityId: by.identityId,
    acceptedAt,
    grants,
    event,
  });
  return { caseId, contactId, firmId };
}

export const invitationUsed = () =>
  conflict('invitation_used', 'This invitation was already used. Sign in to the portal to see your cases.');
export const invitationEmailMismatch = () =>
  forbidden(
    'invitation_email_mismatch',
    'The invitation was sent to another address; sign in with that address to accept it.',
  );
/** Conflict, not 422: the contact changed after the grant (putGrant refuses a contact without one). */
export const contactHasNoEmail = () =>
  conflict(
    'contact_has_no_email',
    'The invited contact no longer has an email address; ask the firm to add it and send a new invitation.',
  );
export const boundToOther = () =>
  conflict(
    'contact_bound_to_other_identity',
    'This invitation belongs to a contact who signed in with another account.',
  );

/** A case as the portal shows it to a contact: what the grant allows, nothing internal. */
export const PortalCaseView = lazySchema(() =>
  z.object({
    caseId: z.string(),
    firmId: z.string(),
    firmName: z.string(),
    title: z.string(),
    ...rights(),
    sharedCount: z.number().check(z.int()),
  }),
);
export type PortalCaseView = z.output<typeof PortalCaseView>;

/** The cases the caller was granted, across firms (from the grants' denormalized fields). */
export async function listPortalCases(
  deps: AccessDeps,
  by: ContactPrincipal,
  page: PageRequest,
): Promise<Page<PortalCaseView>> {
  const res = await deps.access.grantsOfIdentity(by.identityId, page);
  return {
    ...res,
    // Only active grants are indexed; the filter guards against an index entry that lags a revoke.
    items: res.items
      .filter((g) => g.status === 'active' && g.identityId === by.identityId)
      .map((g) => ({
        caseId: g.caseId,
        firmId: g.firmId,
        firmName: g.firmName,
        title: g.caseTitle,
        role: g.role,
        canDownload: g.canDownload,
        canUpload: g.canUpload,
        sharedCount: g.sharedCount ?? 0,
      })),
  };
}

/** A removed contact gets no access (decision 0042); the firm creates a new contact to invite them again. */
export const contactRemoved = () =>
  conflict('contact_removed', 'The contact was removed from the firm; it cannot be given access again.');
