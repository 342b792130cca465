// Invitations: the one open invitation of a grant and its single-use token. The token names the
// invitation it belongs to and carries 32 random bytes; only its SHA-256 is ever stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { DomainError, invalid } from './errors';

export const INVITATION_DAYS = 7;

export interface Invitation {
  firmId: string;
  caseId: string;
  contactId: string;
  /** Changes on every (re)send: a token made for an older id is refused. */
  invitationId: string;
  createdAt: string;
  /** ISO date; the store keeps it as the table's TTL attribute (epoch seconds). */
  expiresAt: string;
  /** SHA-256 (hex) of the mailed token; absent until the notify policy mails it. */
  tokenHash?: string;
  /** Set once, when the invitation is accepted (single use). */
  acceptedAt?: string;
  acceptedBy?: string;
  /** Set when the contact's email changed while it was pending: its link answers 410 (decision 0042). */
  withdrawnAt?: string;
}

/** What the token's readable half names. Everything else about the invitation is read from the table. */
export interface TokenClaims {
  firmId: string;
  caseId: string;
  contactId: string;
  invitationId: string;
}

const Ulid = lazySchema(() => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)));
const Payload = lazySchema(() => z.strictObject({ f: Ulid, c: Ulid, k: Ulid, i: Ulid }));
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** `<base64url(JSON {f, c, k, i})>.<32 random bytes, base64url>` */
export function makeInvitationToken(
  claims: TokenClaims,
  random: (n: number) => Buffer = randomBytes,
): string {
  const payload = { f: claims.firmId, c: claims.caseId, k: claims.contactId, i: claims.invitationId };
  const head = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${head}.${random(32).toString('base64url')}`;
}

/** Reads the claims of a token, or throws 400 invalid_invitation_token. Says nothing of validity. */
export function parseInvitationToken(token: string): TokenClaims {
  const bad = () => invalid('invalid_invitation_token', 'The invitation token is malformed.');
  const parts = token.split('.');
  if (parts.length !== 2 || !SECRET.test(parts[1]!) || !/^[A-Za-z0-9_-]+$/.test(parts[0]!)) throw bad();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const parsed = Payload.safeParse(json);
  if (!parsed.success) throw bad();
  const { f, c, k, i } = parsed.data;
  return { firmId: f, caseId: c, contactId: k, invitationId: i };
}

/** What is stored instead of the token. */
export const hashInvitationToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** Constant-time comparison, so response timing does not leak how much of a hash matched. */
export function tokenMatches(token: string, storedHash: string | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashInvitationToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const invitationExpiry = (now: Date): string =>
  new Date(now.getTime() + INVITATION_DAYS * 24 * 3600 * 1000).toISOString();

/**
 * What the invitation mail needs, read consistently by the notify policy. `portalUrl` is already
 * resolved (the firm's own, else the configured default).
 */
export interface InvitationMailContext {
  invitation: Invitation;
  grant: { status: 'invited' | 'active' | 'revoked'; caseTitle: string; firmName: string };
  contact: { name: string; email?: string; locale?: string; identityId?: string };
  firmName: string;
  portalUrl: string;
}

/** The notify policy's port for `invitation.sent`. */
export interface InvitationMail {
  /** Invitation, grant and contact of (firm, case, contact), or undefined when one of them is gone. */
  load(firmId: string, caseId: string, contactId: string): Promise<InvitationMailContext | undefined>;
  /**
   * Stores the token hash on the invitation, only if it is still `invitationId` and unused.
   * Throws DomainError 'gone' (invitation_superseded) when a resend, revoke or accept came first.
   */
  storeTokenHash(claims: TokenClaims, tokenHash: string): Promise<void>;
}

export const invitationSuperseded = () =>
  new DomainError(
    'gone',
    'invitation_superseded',
    'The invitation was replaced, used or withdrawn before it was mailed.',
  );

/** An invitation withdrawn by a change of the contact's email (decision 0042). */
export const invitationWithdrawn = () =>
  new DomainError(
    'gone',
    'invitation_superseded',
    'The invitation was sent to an address the firm has since changed; ask the firm to send a new one.',
  );
