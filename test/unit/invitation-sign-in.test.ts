// Opening an invitation (finds or creates the invited address's login) and accepting it only with a
// login whose verified email is the invited address: domain rules with in-memory ports.
import { describe, expect, it } from 'vitest';
import {
  type AcceptWrite,
  type AccessStore,
  acceptInvitation,
  type BoundContact,
} from '../../functions/domain/access';
import { DomainError } from '../../functions/domain/errors';
import type { Grant } from '../../functions/domain/grants';
import { type ContactLogins, maskEmail, openInvitation } from '../../functions/domain/invitation-sign-in';
import {
  hashInvitationToken,
  type Invitation,
  makeInvitationToken,
} from '../../functions/domain/invitations';
import type { ContactPrincipal } from '../../functions/domain/principal';
import { counterIds, FIRM_A, fixedClock, NOW, ulidOf } from './fakes';

const CASE = ulidOf(2);
const CONTACT = ulidOf(3);
const INVITATION = ulidOf(4);
const EMAIL = 'jane.doe@example.com';
const TOKEN = makeInvitationToken(
  { firmId: FIRM_A, caseId: CASE, contactId: CONTACT, invitationId: INVITATION },
  (n) => Buffer.alloc(n, 7),
);

/** The reads opening and accepting make, over one invitation, grant and contact; accept records. */
class Invited implements Partial<AccessStore> {
  invitation: Invitation | undefined = {
    firmId: FIRM_A,
    caseId: CASE,
    contactId: CONTACT,
    invitationId: INVITATION,
    createdAt: NOW,
    expiresAt: '2024-05-13T07:08:09.000Z',
    tokenHash: hashInvitationToken(TOKEN),
  };
  grant: Grant | undefined = {
    firmId: FIRM_A,
    caseId: CASE,
    contactId: CONTACT,
    contactName: 'Jane Doe',
    contactEmail: EMAIL,
    caseTitle: 'Tax return 2023',
    firmName: 'Lee & Partners',
    role: 'viewer',
    canDownload: true,
    canUpload: false,
    status: 'invited',
    invitedAt: NOW,
    sharedCount: 0,
  };
  contact: BoundContact | undefined = {
    firmId: FIRM_A,
    contactId: CONTACT,
    name: 'Jane Doe',
    email: EMAIL,
    locale: 'de',
    createdAt: NOW,
  };
  readonly accepted: AcceptWrite[] = [];

  getInvitation = async () => this.invitation;
  getGrant = async () => this.grant;
  getContact = async () => this.contact;
  grantsOfContact = async () => (this.grant ? [this.grant] : []);
  accept = async (w: AcceptWrite) => {
    this.accepted.push(w);
  };
}

class Logins implements ContactLogins {
  readonly asked: { email: string; name: string; locale?: string }[] = [];
  /** What the identity provider has: a verified login unless a test says otherwise. */
  emailVerified = true;
  async findOrCreate(person: { email: string; name: string; locale?: string }) {
    this.asked.push(person);
    return { username: 'login-1', emailVerified: this.emailVerified };
  }
}

function setup(now = NOW) {
  const store = new Invited();
  const logins = new Logins();
  const deps = {
    access: store as unknown as AccessStore,
    clock: fixedClock(now),
    ids: counterIds(100),
    portalUrl: 'https://portal.test',
    logins,
  };
  return { store, logins, deps };
}

async function refusal(p: Promise<unknown>): Promise<{ kind: string; code: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return { kind: err.kind, code: err.code };
}

describe('Function: openInvitation', () => {
  it('finds or creates the login of the invited address and answers what the portal needs', async () => {
    // Prepare
    const { deps, logins, store } = setup();

    // Act
    const opened = await openInvitation(deps, TOKEN);

    // Assess
    expect(opened).toEqual({
      username: 'login-1',
      emailHint: 'j•••@example.com',
      firmName: 'Lee & Partners',
      caseTitle: 'Tax return 2023',
      expiresAt: '2024-05-13T07:08:09.000Z',
    });
    expect(logins.asked).toEqual([{ email: EMAIL, name: 'Jane Doe', locale: 'de' }]);
    expect(store.accepted).toEqual([]);
  });

  it('never reveals the invited address in its answer', async () => {
    const { deps } = setup();
    const opened = await openInvitation(deps, TOKEN);
    expect(JSON.stringify(opened)).not.toContain('jane.doe');
  });

  const refused: [string, (s: Invited) => void, string, string][] = [
    [
      'an invitation that does not exist',
      (s) => (s.invitation = undefined),
      'not_found',
      'invitation_not_found',
    ],
    [
      'a superseded (resent) invitation',
      (s) => (s.invitation = { ...s.invitation!, invitationId: ulidOf(5) }),
      'not_found',
      'invitation_not_found',
    ],
    [
      'a token whose secret does not match the stored hash',
      (s) => (s.invitation = { ...s.invitation!, tokenHash: hashInvitationToken(`${TOKEN}x`) }),
      'not_found',
      'invitation_not_found',
    ],
    [
      'a revoked grant',
      (s) => (s.grant = { ...s.grant!, status: 'revoked' }),
      'not_found',
      'invitation_not_found',
    ],
    [
      'a used invitation',
      (s) => (s.invitation = { ...s.invitation!, acceptedAt: NOW, acceptedBy: 'someone' }),
      'conflict',
      'invitation_used',
    ],
    [
      'a grant another invitation already activated',
      (s) => (s.grant = { ...s.grant!, status: 'active', identityId: 'login-9' }),
      'conflict',
      'invitation_used',
    ],
    [
      'an expired invitation',
      (s) => (s.invitation = { ...s.invitation!, expiresAt: '2024-05-06T07:08:08.999Z' }),
      'gone',
      'invitation_expired',
    ],
    [
      'a contact whose email was removed',
      (s) => {
        const { email: _gone, ...rest } = s.contact!;
        s.contact = rest;
      },
      'conflict',
      'contact_has_no_email',
    ],
  ];

  it.each(refused)('refuses %s and creates no login', async (_name, change, kind, code) => {
    // Prepare
    const { deps, logins, store } = setup();
    change(store);

    // Act
    const res = await refusal(openInvitation(deps, TOKEN));

    // Assess
    expect(res).toEqual({ kind, code });
    expect(logins.asked).toEqual([]);
  });

  it('refuses an existing login whose address is unverified: 409 login_email_unverified', async () => {
    // Prepare: someone's login carries the invited address, unverified (its holder changed it)
    const { deps, logins } = setup();
    logins.emailVerified = false;

    // Act
    const res = await refusal(openInvitation(deps, TOKEN));

    // Assess: refused, not handed out (the adapter never marks an address verified)
    expect(res).toEqual({ kind: 'conflict', code: 'login_email_unverified' });
  });

  it('refuses a malformed token with 400 invalid_invitation_token', async () => {
    const { deps, logins } = setup();
    expect(await refusal(openInvitation(deps, 'not-a-token'))).toEqual({
      kind: 'invalid',
      code: 'invalid_invitation_token',
    });
    expect(logins.asked).toEqual([]);
  });
});

describe('Function: acceptInvitation binds only the invited, verified address', () => {
  const by = (p: Partial<ContactPrincipal>): ContactPrincipal => ({
    kind: 'contact',
    identityId: 'login-1',
    ...p,
  });

  it('binds a login whose verified email is the invited address, in any case', async () => {
    const { deps, store } = setup();
    await acceptInvitation(deps, by({ email: 'Jane.Doe@EXAMPLE.com', emailVerified: true }), TOKEN);
    expect(store.accepted.map((w) => w.identityId)).toEqual(['login-1']);
  });

  const mismatched: [string, Partial<ContactPrincipal>][] = [
    ['another address (a forwarded link)', { email: 'someone.else@example.com', emailVerified: true }],
    ['the invited address, unverified', { email: EMAIL, emailVerified: false }],
    ['the invited address, verification unknown', { email: EMAIL }],
    ['a login without an email', { emailVerified: true }],
  ];

  it.each(mismatched)('refuses %s with 403 invitation_email_mismatch and binds nothing', async (_n, p) => {
    const { deps, store } = setup();
    expect(await refusal(acceptInvitation(deps, by(p), TOKEN))).toEqual({
      kind: 'forbidden',
      code: 'invitation_email_mismatch',
    });
    expect(store.accepted).toEqual([]);
  });

  it('answers invitation_used for a used link before comparing addresses', async () => {
    const { deps, store } = setup();
    store.invitation = { ...store.invitation!, acceptedAt: NOW, acceptedBy: 'login-1' };
    const res = await refusal(
      acceptInvitation(deps, by({ email: 'other@example.com', emailVerified: true }), TOKEN),
    );
    expect(res).toEqual({ kind: 'conflict', code: 'invitation_used' });
    expect(store.accepted).toEqual([]);
  });
});

describe('Function: maskEmail', () => {
  it.each([
    ['jane.doe@example.com', 'j•••@example.com'],
    ['j@example.com', 'j•••@example.com'],
    ['élodie@exemple.fr', 'é•••@exemple.fr'],
    ['a@b@example.com', 'a•••@example.com'],
    ['no-at-sign', '•••'],
    ['@example.com', '•••'],
  ])('%s → %s', (email, hint) => {
    expect(maskEmail(email)).toBe(hint);
  });
});
