// Opening an invitation: the mailed link proves the invited address, so the API finds or creates
// that address's passwordless portal login and tells the portal what it needs to start the
// email-code sign-in. Writes nothing in the table; accepting (access.ts) binds the login.
import { lazySchema } from '../lazy-schema';
import * as z from '../zod-mini';
import { type AccessDeps, contactHasNoEmail, invitationUsed, presentedInvitation } from './access';
import { conflict } from './errors';

/** A portal (contact pool) login as the portal needs it to start a sign-in. */
export interface ContactLogin {
  /** What the portal passes to the identity provider as USERNAME (not necessarily the email). */
  username: string;
  /** Whether the login's address is verified (always, for logins this API created). */
  emailVerified: boolean;
}

/** Port: the identity provider's portal logins (Cognito's contact user pool on AWS). */
export interface ContactLogins {
  /**
   * The login of `email` as it is, or a new one (verified, passwordless, no mail sent) when there
   * is none.
   * Idempotent: two concurrent calls for one address end with one login, and both answer it.
   */
  findOrCreate(person: { email: string; name: string; locale?: string }): Promise<ContactLogin>;
}

export interface SignInDeps extends Pick<AccessDeps, 'access' | 'clock'> {
  logins: ContactLogins;
}

/** What the portal needs to start the email-code sign-in of the invited login, and to greet them. */
export const OpenedInvitationView = lazySchema(() =>
  z.object({
    /** USERNAME for InitiateAuth (USER_AUTH, PREFERRED_CHALLENGE EMAIL_OTP) on the contact app client. */
    username: z.string(),
    /** The invited address, masked (`j•••@example.com`): where the code will arrive. */
    emailHint: z.string(),
    firmName: z.string(),
    caseTitle: z.string(),
    expiresAt: z.string(),
  }),
);
export type OpenedInvitation = z.output<typeof OpenedInvitationView>;

/**
 * Checks the invitation as accepting does (same codes), then finds or creates the invited
 * address's login. A used, revoked, superseded or expired invitation creates no login.
 */
export async function openInvitation(deps: SignInDeps, token: string): Promise<OpenedInvitation> {
  const { invitation, grant, contact } = await presentedInvitation(deps, token);
  // Accepted already (the invitation itself is marked used in the same transaction; this guards
  // a grant activated by another invitation of the same contact).
  if (grant.status === 'active' && grant.identityId) throw invitationUsed();
  if (!contact.email) throw contactHasNoEmail();
  const login = await deps.logins.findOrCreate({
    email: contact.email,
    name: contact.name,
    ...(contact.locale ? { locale: contact.locale } : {}),
  });
  // Logins are created only by this API, verified. One whose address is unverified had it changed
  // by its holder: marking it verified here would hand the invited person's sign-in (and cases) to
  // whoever holds that login's sessions, so it is refused and left to the firm to sort out.
  if (!login.emailVerified) throw loginEmailUnverified();
  return {
    username: login.username,
    emailHint: maskEmail(contact.email),
    firmName: grant.firmName,
    caseTitle: grant.caseTitle,
    expiresAt: invitation.expiresAt,
  };
}

export const loginEmailUnverified = () =>
  conflict(
    'login_email_unverified',
    'A portal login with this address exists but its address is not verified; ask the firm for help.',
  );

/**
 * `jane.doe@example.com` → `j•••@example.com`: enough for the invited person to recognise their
 * address, not enough for someone holding a forwarded link to learn it. The domain stays: it is
 * usually the person's employer or mail provider and tells them which inbox to look in.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${Array.from(email.slice(0, at))[0]}•••${email.slice(at)}`;
}
