import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/domain/errors';
import type { Principal } from '../../functions/domain/principal';
import {
  authorize,
  confirmStaff,
  principalFromClaims,
  type StaffStanding,
  type TokenClients,
} from '../../functions/http/auth';
import type { AuthKind } from '../../functions/http/route';
import { AUTHORIZATION_CODES } from '../../scripts/openapi/errors';
import { porticoDocument } from '../../scripts/openapi/portico';
import { ALICE, FIRM_A } from './fakes';

type Claims = Parameters<typeof principalFromClaims>[0];

describe('Module: auth', () => {
  describe('principalFromClaims', () => {
    const clients: TokenClients = { staff: ['staff-app'], contact: ['contact-app'] };
    const staffApp = { aud: 'staff-app' };
    const contactApp = { aud: 'contact-app' };
    type Row = [string, Claims, Principal | undefined | { refused: string }];
    const cases: Row[] = [
      [
        'staff with plain claims',
        { ...staffApp, sub: ALICE, firmId: FIRM_A, role: 'staff' },
        { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'staff' },
      ],
      [
        'admin with plain claims',
        { ...staffApp, sub: ALICE, firmId: FIRM_A, role: 'admin' },
        { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' },
      ],
      [
        "staff with Cognito's custom: claims",
        { ...staffApp, sub: ALICE, 'custom:firmId': FIRM_A, 'custom:role': 'admin' },
        { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' },
      ],
      [
        'a staff access token (client_id, no aud)',
        { client_id: 'staff-app', sub: ALICE, firmId: FIRM_A, role: 'staff' },
        { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'staff' },
      ],
      [
        'a contact (no firm claims)',
        { ...contactApp, sub: 'identity-1' },
        { kind: 'contact', identityId: 'identity-1', emailVerified: false },
      ],
      [
        "a contact ID token's verified email (Cognito: boolean)",
        { ...contactApp, sub: 'identity-1', email: 'Ann@Example.com', email_verified: true },
        { kind: 'contact', identityId: 'identity-1', email: 'Ann@Example.com', emailVerified: true },
      ],
      [
        "a contact's verified email as API Gateway hands it over (string)",
        { ...contactApp, sub: 'identity-1', email: 'ann@example.com', email_verified: 'true' },
        { kind: 'contact', identityId: 'identity-1', email: 'ann@example.com', emailVerified: true },
      ],
      [
        "a contact's unverified email",
        { ...contactApp, sub: 'identity-1', email: 'ann@example.com', email_verified: 'false' },
        { kind: 'contact', identityId: 'identity-1', email: 'ann@example.com', emailVerified: false },
      ],
      [
        'a contact whose email_verified is anything but true',
        { ...contactApp, sub: 'identity-1', email: 'ann@example.com', email_verified: 'yes' },
        { kind: 'contact', identityId: 'identity-1', email: 'ann@example.com', emailVerified: false },
      ],
      [
        'a contact-client token carrying admin claims stays a contact',
        { ...contactApp, sub: ALICE, firmId: FIRM_A, role: 'admin' },
        { kind: 'contact', identityId: ALICE, emailVerified: false },
      ],
      [
        'a contact access token carrying custom: staff claims stays a contact',
        { client_id: 'contact-app', sub: ALICE, 'custom:firmId': FIRM_A, 'custom:role': 'admin' },
        { kind: 'contact', identityId: ALICE, emailVerified: false },
      ],
      [
        'staff claims issued to an app client the API does not serve',
        { aud: 'other-app', sub: ALICE, firmId: FIRM_A, role: 'admin' },
        undefined,
      ],
      ['staff claims and no client at all', { sub: ALICE, firmId: FIRM_A, role: 'admin' }, undefined],
      [
        'a staff-client token whose firmId is not a ULID',
        { ...staffApp, sub: ALICE, firmId: 'firm-a', role: 'admin' },
        { refused: 'staff_not_active' },
      ],
      [
        'a staff-client token with a lower-case firmId',
        { ...staffApp, sub: ALICE, firmId: FIRM_A.toLowerCase(), role: 'admin' },
        { refused: 'staff_not_active' },
      ],
      [
        'a staff-client token with the separator appended to firmId',
        { ...staffApp, sub: ALICE, firmId: `${FIRM_A}#CASE`, role: 'admin' },
        { refused: 'staff_not_active' },
      ],
      [
        'a staff-client token with a firmId and no role',
        { ...staffApp, sub: ALICE, firmId: FIRM_A },
        { refused: 'staff_not_active' },
      ],
      [
        'a staff-client token with a non-string firmId',
        { ...staffApp, sub: ALICE, firmId: ['x'], role: 'staff' },
        { refused: 'staff_not_active' },
      ],
      [
        'an unknown role on a staff-client token',
        { ...staffApp, sub: ALICE, firmId: FIRM_A, role: 'owner' },
        { refused: 'unknown_role' },
      ],
      [
        'an unknown role on a contact-client token',
        { ...contactApp, sub: 'identity-1', role: 'owner' },
        { refused: 'unknown_role' },
      ],
      [
        'an unknown custom:role',
        { ...contactApp, sub: 'identity-1', 'custom:role': 'superuser' },
        { refused: 'unknown_role' },
      ],
      [
        'a role that differs only in case',
        { ...staffApp, sub: ALICE, firmId: FIRM_A, role: 'Admin' },
        { refused: 'unknown_role' },
      ],
      ['no sub', { ...staffApp, firmId: FIRM_A, role: 'admin' }, undefined],
      ['an empty sub', { ...staffApp, sub: '', firmId: FIRM_A, role: 'admin' }, undefined],
      ['a numeric sub', { ...staffApp, sub: 7, firmId: FIRM_A, role: 'admin' }, undefined],
      ['no claims', undefined, undefined],
    ];

    const isRefusal = (e: Row[2]): e is { refused: string } => e !== undefined && 'refused' in e;
    const refused = cases
      .filter((r) => isRefusal(r[2]))
      .map(([n, c, e]) => [n, (e as { refused: string }).refused, c] as const);
    const read = cases.filter((r) => !isRefusal(r[2]));

    it.each(read)('%s', (_name, claims, expected) => {
      expect(principalFromClaims(claims, clients)).toEqual(expected);
    });

    it.each(refused)('%s → refused with %s', (_name, code, claims) => {
      expect(() => principalFromClaims(claims, clients)).toThrow(
        expect.objectContaining({ kind: 'forbidden', code }),
      );
    });
  });

  describe('confirmStaff (the staff directory decides, not the claims)', () => {
    const principal = { kind: 'staff', userId: ALICE, firmId: FIRM_A, role: 'admin' } as const;
    const directoryOf = (standing: StaffStanding | undefined) => ({ standing: async () => standing });
    const accepted: [string, StaffStanding][] = [
      ['listed, same role', { role: 'admin' }],
      ['listed, explicitly active', { role: 'admin', status: 'active' }],
    ];
    const refusedRows: [string, StaffStanding | undefined, string][] = [
      ['not in the directory', undefined, 'staff_not_active'],
      ['inactive', { role: 'admin', status: 'inactive' }, 'staff_not_active'],
      ['listed with another role', { role: 'staff' }, 'role_mismatch'],
    ];
    it.each(accepted)('%s → accepted', async (_name, standing) => {
      await expect(confirmStaff(principal, directoryOf(standing))).resolves.toBeUndefined();
    });
    it.each(refusedRows)('%s → %s', async (_name, standing, code) => {
      await expect(confirmStaff(principal, directoryOf(standing))).rejects.toMatchObject({
        kind: 'forbidden',
        code,
      });
    });

    it('asks the directory for the token’s own firm and sub', async () => {
      const asked: string[] = [];
      await confirmStaff(principal, {
        standing: async (firmId, userId) => {
          asked.push(`${firmId}/${userId}`);
          return { role: 'admin' };
        },
      });
      expect(asked).toEqual([`${FIRM_A}/${ALICE}`]);
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

describe('Property: only the staff sign-in with a known role and a firm makes a staff principal', () => {
  const clients: TokenClients = { staff: ['staff-app'], contact: ['contact-app'] };
  const junk = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.integer(), fc.boolean());
  // Weighted towards values that matter, so the interesting combinations come up often.
  const pick = <T>(values: T[]) =>
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: junk });
  const client = pick(['staff-app', 'contact-app', 'other-app']);
  const firm = pick([FIRM_A, FIRM_A.toLowerCase(), 'firm-a', `${FIRM_A}#X`]);
  const role = pick(['admin', 'staff', 'Admin', 'owner', '']);
  const claims = fc.record(
    {
      sub: fc.oneof(fc.constant(ALICE), fc.string(), fc.integer()),
      aud: client,
      client_id: client,
      firmId: firm,
      'custom:firmId': firm,
      role,
      'custom:role': role,
    },
    { requiredKeys: [] },
  );

  it('any claims: a staff principal has a staff-app token, a ULID firm and role admin|staff; refusals are 403 with a catalogued code', () => {
    fc.assert(
      fc.property(claims, (c) => {
        let principal: Principal | undefined;
        let refusal: unknown;
        try {
          principal = principalFromClaims(c as Claims, clients);
        } catch (err) {
          refusal = err;
        }
        const issuedTo = c.aud ?? c.client_id;
        const role = c.role ?? c['custom:role'];
        const staff = principal?.kind === 'staff';
        expect(!staff || (issuedTo === 'staff-app' && (role === 'admin' || role === 'staff'))).toBe(true);
        const firmId = principal?.kind === 'staff' ? principal.firmId : '';
        expect(!staff || /^[0-9A-HJKMNP-TV-Z]{26}$/.test(firmId)).toBe(true);
        expect(
          refusal === undefined ||
            (refusal instanceof DomainError &&
              refusal.kind === 'forbidden' &&
              refusal.code in AUTHORIZATION_CODES),
        ).toBe(true);
      }),
      { seed: 23, numRuns: 2000 },
    );
  });
});

describe('OpenAPI error catalogue', () => {
  it('lists every 403 code the authorize step answers, and the document carries them', () => {
    const codes = [
      'staff_only',
      'admin_only',
      'contacts_only',
      'staff_not_active',
      'role_mismatch',
      'unknown_role',
    ];
    expect(Object.keys(AUTHORIZATION_CODES).sort()).toEqual([...codes].sort());
    const forbidden = porticoDocument().components?.responses?.Forbidden as { description: string };
    for (const code of codes) expect(forbidden.description).toContain(`\`${code}\``);
  });
});
