// Access checks folded into the work (decision 0033): the check decides before any data leaves,
// its error wins over the data read's, and a remembered grant location that no longer admits the
// caller is looked up afresh once, so the answer is the one the lookup-first path gives.
import { describe, expect, it } from 'vitest';
import { checkedAlongside } from '../../functions/domain/checks';
import { notFound } from '../../functions/domain/errors';
import { type Grant, type GrantLocation, withContactParts } from '../../functions/domain/grants';
import type { ContactPrincipal } from '../../functions/domain/principal';

const ME: ContactPrincipal = { kind: 'contact', identityId: 'identity-me', emailVerified: true };

const grantOf = (contactId: string, over: Partial<Grant> = {}): Grant => ({
  firmId: 'F',
  caseId: 'C',
  contactId,
  contactName: contactId,
  contactEmail: `${contactId}@client.test`,
  caseTitle: 'Case',
  firmName: 'Firm',
  role: 'viewer',
  canDownload: false,
  canUpload: false,
  status: 'active',
  invitedAt: '2026-01-01T00:00:00.000Z',
  identityId: ME.identityId,
  sharedCount: 0,
  ...over,
});

/** A locator that remembers `remembered` and finds `fresh` when it looks up; it logs which it did. */
function locator(remembered: string | undefined, fresh: string | undefined) {
  const calls: string[] = [];
  const at = (contactId: string, memoized: boolean): GrantLocation => ({
    firmId: 'F',
    caseId: 'C',
    contactId,
    memoized,
  });
  return {
    calls,
    grantLocator: {
      async locateGrant(_identity: string, _case: string, asked: boolean) {
        if (!asked && remembered) {
          calls.push('remembered');
          return at(remembered, true);
        }
        calls.push('lookup');
        return fresh ? at(fresh, false) : undefined;
      },
    },
  };
}

describe('Function: checkedAlongside', () => {
  it("throws the check's error even when the data read failed too, and the data's only after a passed check", async () => {
    // Prepare
    const checkFails = checkedAlongside(
      Promise.reject(notFound('case')),
      Promise.reject(new Error('bad cursor')),
    );
    const dataFails = checkedAlongside(Promise.resolve('ok'), Promise.reject(new Error('bad cursor')));

    // Act / Assess
    await expect(checkFails).rejects.toMatchObject({ code: 'case_not_found' });
    await expect(dataFails).rejects.toThrow('bad cursor');
    await expect(checkedAlongside(Promise.resolve(1), Promise.resolve(2))).resolves.toEqual([1, 2]);
  });
});

describe('Function: withContactParts', () => {
  it('reads the grant and the data together and returns the data when the grant admits the caller', async () => {
    // Prepare
    const l = locator('carla', 'carla');

    // Act
    const out = await withContactParts(
      l,
      ME,
      'C',
      'view',
      async (at) => ({ grant: grantOf(at.contactId) }),
      async (at) => `page of ${at.contactId}`,
    );

    // Assess
    expect(out.data).toBe('page of carla');
    expect(l.calls).toEqual(['remembered']);
  });

  it('looks a remembered location up afresh once when its grant no longer admits the caller', async () => {
    // Prepare: the remembered grant was revoked; the index now points at another contact's grant
    const l = locator('old', 'new');
    const grants: Record<string, Grant> = {
      old: grantOf('old', { status: 'revoked' }),
      new: grantOf('new'),
    };

    // Act
    const out = await withContactParts(
      l,
      ME,
      'C',
      'view',
      async (at) => ({ grant: grants[at.contactId] }),
      async (at) => `page of ${at.contactId}`,
    );

    // Assess
    expect(out).toMatchObject({ parts: { grant: { contactId: 'new' } }, data: 'page of new' });
    expect(l.calls).toEqual(['remembered', 'lookup']);
  });

  it("answers 404 case, never the data, when the grant says no (the data read's failure does not show)", async () => {
    // Prepare
    const revoked = locator(undefined, 'carla');
    const boundElsewhere = locator('carla', 'carla');

    // Act
    const a = withContactParts(
      revoked,
      ME,
      'C',
      'view',
      async () => ({ grant: grantOf('carla', { status: 'revoked' }) }),
      async () => {
        throw new Error('bad cursor');
      },
    );
    const b = withContactParts(
      boundElsewhere,
      ME,
      'C',
      'view',
      async () => ({ grant: grantOf('carla', { identityId: 'someone-else' }) }),
      async () => 'page',
    );

    // Assess
    await expect(a).rejects.toMatchObject({ code: 'case_not_found' });
    await expect(b).rejects.toMatchObject({ code: 'case_not_found' });
    expect(revoked.calls).toEqual(['lookup']);
    expect(boundElsewhere.calls).toEqual(['remembered', 'lookup']);
  });

  it('answers 404 case when the index knows no grant, and 403 for a right the grant lacks', async () => {
    await expect(
      withContactParts(locator(undefined, undefined), ME, 'C', 'view', async () => ({})),
    ).rejects.toMatchObject({ code: 'case_not_found' });
    await expect(
      withContactParts(locator('carla', 'carla'), ME, 'C', 'download', async () => ({
        grant: grantOf('carla'),
      })),
    ).rejects.toMatchObject({ code: 'download_not_allowed' });
  });
});
