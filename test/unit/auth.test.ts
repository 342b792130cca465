import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/domain/errors';
import type { Principal } from '../../functions/domain/principal';
import { authorize, principalFromClaims } from '../../functions/http/auth';
import type { AuthKind } from '../../functions/http/route';
import { ALICE, FIRM_A } from './fakes';

type Claims = Parameters<typeof principalFromClaims>[0];

describe('Module: auth', () => {
  describe('principalFromClaims', () => {
    const cases: [string, Claims, Principal | undefined][] = [
      [
        'staff with plain claims',
        { sub: ALICE, firmId: FIRM_A, role: 'staff' },
        { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'staff' },
      ],
      [
        'admin with plain claims',
        { sub: ALICE, firmId: FIRM_A, role: 'admin' },
        { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' },
      ],
      [
        "staff with Cognito's custom: claims",
        { sub: ALICE, 'custom:firmId': FIRM_A, 'custom:role': 'admin' },
        { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' },
      ],
      ['a contact (no firm claims)', { sub: 'identity-1' }, { kind: 'contact', identityId: 'identity-1' }],
      [
        'a firmId that is not a ULID',
        { sub: ALICE, firmId: 'firm-a', role: 'admin' },
        { kind: 'contact', identityId: ALICE },
      ],
      [
        'a lower-case firmId',
        { sub: ALICE, firmId: FIRM_A.toLowerCase(), role: 'admin' },
        { kind: 'contact', identityId: ALICE },
      ],
      [
        'a firmId with the separator appended',
        { sub: ALICE, firmId: `${FIRM_A}#CASE`, role: 'admin' },
        { kind: 'contact', identityId: ALICE },
      ],
      [
        'an unknown role',
        { sub: ALICE, firmId: FIRM_A, role: 'owner' },
        { kind: 'contact', identityId: ALICE },
      ],
      ['a firmId without role', { sub: ALICE, firmId: FIRM_A }, { kind: 'contact', identityId: ALICE }],
      [
        'a non-string firmId',
        { sub: ALICE, firmId: ['x'], role: 'staff' },
        { kind: 'contact', identityId: ALICE },
      ],
      ['no sub', { firmId: FIRM_A, role: 'admin' }, undefined],
      ['an empty sub', { sub: '', firmId: FIRM_A, role: 'admin' }, undefined],
      ['a numeric sub', { sub: 7, firmId: FIRM_A, role: 'admin' }, undefined],
      ['no claims', undefined, undefined],
    ];

    it.each(cases)('%s', (_name, claims, expected) => {
      expect(principalFromClaims(claims)).toEqual(expected);
    });
  });

  describe('authorize', () => {
    const principals: Record<string, Principal | undefined> = {
      none: undefined,
      staff: { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'staff' },
      admin: { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' },
      contact: { kind: 'contact', identityId: 'identity-1' },
    };
    type Outcome = 'ok' | 'unauthenticated' | 'staff_only' | 'admin_only' | 'contacts_only';

    // Rows: route auth kind; columns: caller.
    const matrix: Record<AuthKind, Record<keyof typeof principals, Outcome>> = {
      public: { none: 'ok', staff: 'ok', admin: 'ok', contact: 'ok' },
      staff: { none: 'unauthenticated', staff: 'ok', admin: 'ok', contact: 'staff_only' },
      admin: { none: 'unauthenticated', staff: 'admin_only', admin: 'ok', contact: 'staff_only' },
      contact: { none: 'unauthenticated', staff: 'contacts_only', admin: 'contacts_only', contact: 'ok' },
    };
    const rows = Object.entries(matrix).flatMap(([auth, byCaller]) =>
      Object.entries(byCaller).map(([caller, outcome]) => [auth as AuthKind, caller, outcome] as const),
    );

    it.each(rows)('%s route, %s caller → %s', (auth, caller, outcome) => {
      // Act
      let thrown: unknown;
      try {
        authorize(auth, principals[caller]);
      } catch (err) {
        thrown = err;
      }

      // Assess
      if (outcome === 'ok') {
        expect(thrown).toBeUndefined();
        return;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject(
        outcome === 'unauthenticated'
          ? { kind: 'unauthenticated', code: 'unauthenticated' }
          : { kind: 'forbidden', code: outcome },
      );
    });
  });
});
