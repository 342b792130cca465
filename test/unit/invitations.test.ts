// Invitation tokens (format, parsing, hashing) and the `invitation.sent` notification policy.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/domain/errors';
import {
  hashInvitationToken,
  type InvitationMail,
  type InvitationMailContext,
  invitationSuperseded,
  makeInvitationToken,
  parseInvitationToken,
  type TokenClaims,
  tokenMatches,
} from '../../functions/domain/invitations';
import type { DomainEvent } from '../../functions/events/catalogue';
import { invitationSentPolicy } from '../../functions/notify/policies/invitation';
import type { PolicyContext, PolicyPorts } from '../../functions/notify/policy';
import { shippedTexts } from '../../functions/notify/texts';
import { FIRM_A, NOW, ulidOf } from './fakes';

const CLAIMS: TokenClaims = {
  firmId: FIRM_A,
  caseId: ulidOf(2),
  contactId: ulidOf(3),
  invitationId: ulidOf(4),
};
const ulid = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('Module: invitation tokens', () => {
  it('reads back the claims of any token it makes', () => {
    fc.assert(
      fc.property(
        ulid,
        ulid,
        ulid,
        ulid,
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (f, c, k, i, bytes) => {
          const claims = { firmId: f, caseId: c, contactId: k, invitationId: i };
          const token = makeInvitationToken(claims, () => Buffer.from(bytes));
          expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
          expect(parseInvitationToken(token)).toEqual(claims);
        },
      ),
    );
  });

  it('refuses anything else with 400 invalid_invitation_token', () => {
    const good = makeInvitationToken(CLAIMS);
    const [head, secret] = good.split('.') as [string, string];
    const bad = [
      '',
      head,
      `${head}.${secret}.x`,
      `${head}.${secret.slice(1)}`,
      `${head}.${secret.slice(0, -1)}*`,
      `${Buffer.from('{"f":1}').toString('base64url')}.${secret}`,
      `${Buffer.from(JSON.stringify({ f: FIRM_A, c: 'x', k: ulidOf(3), i: ulidOf(4) })).toString('base64url')}.${secret}`,
      `${Buffer.from(JSON.stringify({ f: FIRM_A, c: ulidOf(2), k: ulidOf(3), i: ulidOf(4), x: 1 })).toString('base64url')}.${secret}`,
      `${Buffer.from('not json').toString('base64url')}.${secret}`,
    ];
    for (const token of bad) {
      const err = thrown(() => parseInvitationToken(token));
      expect(err, token).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('invalid_invitation_token');
    }
  });

  it('never parses arbitrary strings into claims by accident', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const err = thrown(() => parseInvitationToken(s));
        expect((err as DomainError).code).toBe('invalid_invitation_token');
      }),
    );
  });

  it('matches a token only against the hash of that very token', () => {
    const a = makeInvitationToken(CLAIMS);
    const b = makeInvitationToken(CLAIMS);
    expect(a).not.toBe(b);
    expect(hashInvitationToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenMatches(a, hashInvitationToken(a))).toBe(true);
    expect(tokenMatches(b, hashInvitationToken(a))).toBe(false);
    expect(tokenMatches(a, undefined)).toBe(false);
    expect(tokenMatches(a, 'abc')).toBe(false);
  });
});

function event(invitationId = CLAIMS.invitationId): Extract<DomainEvent, { type: 'invitation.sent' }> {
  return {
    type: 'invitation.sent',
    eventId: ulidOf(9),
    firmId: CLAIMS.firmId,
    caseId: CLAIMS.caseId,
    actor: { kind: 'staff', id: ulidOf(1) },
    occurredAt: NOW,
    detail: { contactId: CLAIMS.contactId, invitationId, expiresAt: '2024-05-13T07:08:09.000Z' },
  };
}

function state(over: Partial<InvitationMailContext> = {}): InvitationMailContext {
  return {
    invitation: { ...CLAIMS, createdAt: NOW, expiresAt: '2024-05-13T07:08:09.000Z' },
    grant: { status: 'invited', caseTitle: 'Tax <2024> & "more"', firmName: 'Old name' },
    contact: { name: 'Carla <script>', email: 'carla@client.test', locale: 'pt-BR' },
    firmName: 'Bright & Co',
    portalUrl: 'https://portal.example',
    ...over,
  };
}

class FakeInvitationMail implements InvitationMail {
  readonly stored: { claims: TokenClaims; hash: string }[] = [];
  supersededOnStore = false;
  constructor(public current: InvitationMailContext | undefined) {}
  async load() {
    return this.current;
  }
  async storeTokenHash(claims: TokenClaims, hash: string) {
    if (this.supersededOnStore) throw invitationSuperseded();
    this.stored.push({ claims, hash });
  }
}

const ctx = (invitations: InvitationMail): PolicyContext => ({
  now: () => new Date(NOW),
  ports: { invitations } as PolicyPorts,
  texts: shippedTexts(),
});

describe('Policy: invitation.sent', () => {
  it('plans one email to the contact; render stores the hash of the token it mails', async () => {
    // Prepare
    const mail = new FakeInvitationMail(state());
    // Act
    const planned = await invitationSentPolicy(event(), ctx(mail));
    // Assess
    expect(planned).toHaveLength(1);
    expect(planned[0]!.channel).toBe('email');
    expect(planned[0]!.recipient).toEqual({
      kind: 'contact',
      firmId: FIRM_A,
      id: CLAIMS.contactId,
      name: 'Carla <script>',
      email: 'carla@client.test',
      locale: 'pt-BR',
    });
    expect(mail.stored).toEqual([]);
    const message = await planned[0]!.render();
    const token = decodeURIComponent(/accept\?token=(\S+)/.exec(message.text)![1]!);
    expect(parseInvitationToken(token)).toEqual(CLAIMS);
    expect(mail.stored).toEqual([{ claims: CLAIMS, hash: hashInvitationToken(token) }]);
    expect(message.subject).toBe('Bright & Co convidou você para Tax <2024> & "more"');
    expect(message.html).toContain('Tax &lt;2024&gt; &amp; &quot;more&quot;');
    expect(message.html).toContain('Carla &lt;script&gt;');
    expect(message.html).not.toMatch(/<script|<2024>/);
    expect(message.html).toContain(`href="https://portal.example/accept?token=${encodeURIComponent(token)}"`);
    // Nothing but the mail itself carries the token.
    expect(message.link).toBe(`https://portal.example/cases/${CLAIMS.caseId}`);
    expect(`${message.title}${message.body}`).not.toContain(token);
  });

  it('renders English for locales it has no texts for', async () => {
    const planned = await invitationSentPolicy(
      event(),
      ctx(new FakeInvitationMail(state({ contact: { name: 'Hans', email: 'h@x.test', locale: 'de' } }))),
    );
    const message = await planned[0]!.render();
    expect(message.subject).toBe('Bright & Co invited you to Tax <2024> & "more"');
    expect(message.text).toContain('expires on May 13, 2024');
  });

  it('plans nothing for a superseded, used or withdrawn invitation, or a contact who signed in', async () => {
    const cases: (InvitationMailContext | undefined)[] = [
      undefined,
      state({ invitation: { ...state().invitation, invitationId: ulidOf(5) } }),
      state({ invitation: { ...state().invitation, acceptedAt: NOW } }),
      state({ grant: { ...state().grant, status: 'revoked' } }),
      state({ grant: { ...state().grant, status: 'active' } }),
      state({ contact: { name: 'C', email: 'c@x.test', identityId: 'identity-1' } }),
      state({ contact: { name: 'C' } }),
    ];
    for (const s of cases)
      expect(await invitationSentPolicy(event(), ctx(new FakeInvitationMail(s)))).toEqual([]);
  });

  it('fails the render (gone) when a resend wins the race after planning', async () => {
    const mail = new FakeInvitationMail(state());
    const [planned] = await invitationSentPolicy(event(), ctx(mail));
    mail.supersededOnStore = true;
    await expect(planned!.render()).rejects.toMatchObject({ kind: 'gone', code: 'invitation_superseded' });
  });
});
