import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { casesApi } from '../../functions/api/cases';
import type { Case } from '../../functions/domain/cases';
import { LOCAL_CONTACT_CLIENT } from '../../local/auth';
import {
  ALICE,
  BOB,
  type Claims,
  counterIds,
  FIRM_A,
  FIRM_B,
  fakeDeps,
  fakeGate,
  httpEvent,
  lambdaContext,
  NOW,
  ulidOf,
} from './fakes';

const staffClaims: Claims = { sub: ALICE, firmId: FIRM_A, role: 'staff' };
const contactClaims: Claims = { sub: 'identity-1' };

function setup() {
  const deps = fakeDeps({ ids: counterIds(1) });
  const { gate, staff, lookups } = fakeGate();
  const handler = casesApi(deps, gate);
  const call = async (...args: Parameters<typeof httpEvent>) => {
    const res = await handler(httpEvent(...args), lambdaContext());
    return { ...res, json: res.body ? (JSON.parse(res.body) as Record<string, unknown>) : undefined };
  };
  return { deps, call, staff, lookups };
}

const titlesOf = (res: { json?: Record<string, unknown> }) =>
  ((res.json?.items ?? []) as Case[]).map((c) => c.title);

const writesOf = (deps: ReturnType<typeof fakeDeps>) => deps.cases.writes + deps.contacts.writes;

describe('Module: http handler (cases group)', () => {
  let stderr: MockInstance<typeof process.stderr.write>;

  beforeEach(() => {
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    stderr.mockRestore();
  });

  describe('staff rights come from the staff directory, not from claims alone', () => {
    const create = (claims: Claims) => ({ claims, body: JSON.stringify({ title: 'T' }) });

    it('a contact-client token carrying admin claims cannot create a case (403 staff_only)', async () => {
      const { deps, call, lookups } = setup();
      const res = await call(
        'POST /cases',
        create({ aud: LOCAL_CONTACT_CLIENT, sub: ALICE, firmId: FIRM_A, role: 'admin' }),
      );
      expect(res.statusCode).toBe(403);
      expect(res.json?.code).toBe('staff_only');
      expect(writesOf(deps)).toBe(0);
      expect(lookups).toEqual([]);
    });

    it('a staff token whose sub is not in the firm’s directory answers 403 staff_not_active', async () => {
      const { deps, call } = setup();
      const res = await call('POST /cases', create({ sub: BOB, firmId: FIRM_A, role: 'staff' }));
      expect(res.statusCode).toBe(403);
      expect(res.json?.code).toBe('staff_not_active');
      expect(writesOf(deps)).toBe(0);
    });

    it('an inactive staff user answers 403 staff_not_active and writes nothing', async () => {
      const { deps, call, staff } = setup();
      staff.set(`${FIRM_A}/${ALICE}`, { role: 'staff', status: 'inactive' });
      const res = await call('POST /cases', create(staffClaims));
      expect(res.statusCode).toBe(403);
      expect(res.json?.code).toBe('staff_not_active');
      expect(writesOf(deps)).toBe(0);
    });

    it('a token claiming admin for a user the directory lists as staff answers 403 role_mismatch', async () => {
      const { deps, call } = setup();
      const res = await call('POST /cases', create({ ...staffClaims, role: 'admin' }));
      expect(res.statusCode).toBe(403);
      expect(res.json?.code).toBe('role_mismatch');
      expect(writesOf(deps)).toBe(0);
    });

    it('a token with an unknown role answers 403 unknown_role', async () => {
      const { deps, call } = setup();
      const res = await call('POST /cases', create({ ...staffClaims, role: 'owner' }));
      expect(res.statusCode).toBe(403);
      expect(res.json?.code).toBe('unknown_role');
      expect(writesOf(deps)).toBe(0);
    });

    describe('a cold directory (its answer is a read of its own)', () => {
      /** The directory answers only once `release` is called: a read still under way. */
      function slowDirectory() {
        const { deps } = setup();
        const { gate, staff } = fakeGate();
        let release = () => {};
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        const slow = {
          ...gate,
          directory: {
            standing: (f: string, u: string) => released.then(() => gate.directory.standing(f, u)),
          },
        };
        const listed = vi.spyOn(deps.cases, 'listCases');
        const handler = casesApi(deps, slow);
        const call = (...args: Parameters<typeof httpEvent>) => handler(httpEvent(...args), lambdaContext());
        return { deps, staff, listed, release, call };
      }
      const ticks = () => new Promise((resolve) => setTimeout(resolve, 5));

      it('a read (GET) starts its work alongside the directory read, and answers once both did', async () => {
        // Prepare
        const { listed, release, call } = slowDirectory();

        // Act
        const pending = call('GET /cases', { claims: staffClaims });
        await ticks();
        const startedBeforeDirectory = listed.mock.calls.length;
        release();
        const res = await pending;

        // Assess
        expect(startedBeforeDirectory).toBe(1);
        expect(res.statusCode).toBe(200);
      });

      it('a write waits for the directory before it runs', async () => {
        // Prepare
        const { deps, release, call } = slowDirectory();

        // Act
        const pending = call('POST /cases', create(staffClaims));
        await ticks();
        const writesBeforeDirectory = writesOf(deps);
        release();
        const res = await pending;

        // Assess
        expect(writesBeforeDirectory).toBe(0);
        expect(res.statusCode).toBe(201);
        expect(writesOf(deps)).toBeGreaterThan(0);
      });

      it('the directory still decides a read: an inactive user gets 403, not the read’s answer', async () => {
        // Prepare
        const { staff, listed, release, call } = slowDirectory();
        staff.set(`${FIRM_A}/${ALICE}`, { role: 'staff', status: 'inactive' });

        // Act
        const pending = call('GET /cases', { claims: staffClaims });
        release();
        const res = await pending;

        // Assess
        expect(listed).toHaveBeenCalledTimes(1);
        expect(res.statusCode).toBe(403);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'staff_not_active' });
      });

      it('the directory’s refusal wins over the read’s own error (404 of an unknown case → 403)', async () => {
        // Prepare
        const { staff, release, call } = slowDirectory();
        staff.set(`${FIRM_A}/${ALICE}`, { role: 'staff', status: 'inactive' });

        // Act
        const pending = call('GET /cases/{caseId}', {
          claims: staffClaims,
          pathParameters: { caseId: ulidOf(9) },
        });
        release();
        const res = await pending;

        // Assess
        expect(res.statusCode).toBe(403);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'staff_not_active' });
      });
    });

    it('staff claims issued to an unknown app client answer 401', async () => {
      const { deps, call } = setup();
      const res = await call('POST /cases', create({ ...staffClaims, aud: 'some-other-app' }));
      expect(res.statusCode).toBe(401);
      expect(writesOf(deps)).toBe(0);
    });
  });

  describe('POST /cases', () => {
    it('creates a case owned by the caller and answers 201 with it', async () => {
      // Prepare
      const { deps, call } = setup();

      // Act
      const res = await call('POST /cases', {
        claims: staffClaims,
        body: JSON.stringify({ title: '  Tax return 2024 ', reference: 'ENG-1' }),
      });

      // Assess
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json).toEqual({
        caseId: ulidOf(1),
        title: 'Tax return 2024',
        reference: 'ENG-1',
        ownerId: ALICE,
        status: 'open',
        notifyClient: true,
        createdAt: NOW,
        createdBy: ALICE,
      });
      expect(deps.cases.cases).toEqual([expect.objectContaining({ firmId: FIRM_A, caseId: ulidOf(1) })]);
      expect(deps.cases.events).toEqual([
        expect.objectContaining({ type: 'case.created', caseId: ulidOf(1) }),
      ]);
    });

    it('reads the firm from the token only', async () => {
      // Prepare
      const { deps, call, staff } = setup();
      staff.set(`${FIRM_B}/${ALICE}`, { role: 'admin' });

      // Act
      const res = await call('POST /cases', {
        claims: { sub: ALICE, 'custom:firmId': FIRM_B, 'custom:role': 'admin' },
        body: JSON.stringify({ title: 'T' }),
      });

      // Assess
      expect(res.statusCode).toBe(201);
      expect(deps.cases.cases[0]?.firmId).toBe(FIRM_B);
    });

    it('accepts a base64-encoded body', async () => {
      // Prepare
      const { call } = setup();

      // Act
      const res = await call('POST /cases', {
        claims: staffClaims,
        body: Buffer.from(JSON.stringify({ title: 'Encoded' })).toString('base64'),
        isBase64Encoded: true,
      });

      // Assess
      expect(res.statusCode).toBe(201);
      expect(res.json?.title).toBe('Encoded');
    });

    it('answers 422 owner_not_staff when the owner is not a staff user of the firm', async () => {
      // Prepare
      const { deps, call } = setup();
      deps.firm.addStaff(FIRM_B, BOB); // staff of another firm does not count

      // Act
      const res = await call('POST /cases', {
        claims: staffClaims,
        body: JSON.stringify({ title: 'T', ownerId: BOB }),
      });

      // Assess
      expect(res.statusCode).toBe(422);
      expect(res.json).toMatchObject({ code: 'owner_not_staff', requestId: 'req-1' });
      expect(writesOf(deps)).toBe(0);
    });

    it('accepts another staff user of the firm as owner', async () => {
      // Prepare
      const { deps, call } = setup();
      deps.firm.addStaff(FIRM_A, BOB);

      // Act
      const res = await call('POST /cases', {
        claims: staffClaims,
        body: JSON.stringify({ title: 'T', ownerId: BOB, notifyClient: false }),
      });

      // Assess
      expect(res.statusCode).toBe(201);
      expect(res.json).toMatchObject({ ownerId: BOB, createdBy: ALICE, notifyClient: false });
    });
  });

  describe('request validation', () => {
    const badRequests: [string, Parameters<typeof httpEvent>, string[]][] = [
      ['an empty title', ['POST /cases', { claims: staffClaims, body: '{"title":"   "}' }], ['body.title']],
      [
        'fields of the wrong type',
        ['POST /cases', { claims: staffClaims, body: '{"title":"T","notifyClient":"yes","ownerId":"bob"}' }],
        ['body.ownerId', 'body.notifyClient'],
      ],
      ['invalid JSON', ['POST /cases', { claims: staffClaims, body: '{"title":' }], ['body']],
      ['a missing body', ['POST /cases', { claims: staffClaims }], ['body']],
      ['an empty body', ['POST /cases', { claims: staffClaims, body: '' }], ['body']],
      ['a JSON array body', ['POST /cases', { claims: staffClaims, body: '[]' }], ['body']],
      [
        'an extra key',
        ['POST /cases', { claims: staffClaims, body: '{"title":"T","firmId":"x"}' }],
        ['body'],
      ],
      [
        'a control character in the title',
        ['POST /cases', { claims: staffClaims, body: JSON.stringify({ title: 'a\u0007b' }) }],
        ['body.title'],
      ],
      [
        'a query parameter on a route without query schema',
        [
          'GET /cases/{caseId}',
          { claims: staffClaims, pathParameters: { caseId: ulidOf(1) }, query: { x: '1' } },
        ],
        ['query'],
      ],
      [
        'a path parameter that is not an id',
        ['GET /cases/{caseId}', { claims: staffClaims, pathParameters: { caseId: 'case-1' } }],
        ['params.caseId'],
      ],
      [
        'a limit out of range',
        ['GET /cases', { claims: staffClaims, query: { limit: '0' } }],
        ['query.limit'],
      ],
      [
        'a non-numeric limit',
        ['GET /cases', { claims: staffClaims, query: { limit: 'ten' } }],
        ['query.limit'],
      ],
      [
        'an unknown query parameter',
        ['GET /cases', { claims: staffClaims, query: { sort: 'asc' } }],
        ['query'],
      ],
      [
        'a contact email that is not an email',
        ['POST /contacts', { claims: staffClaims, body: '{"name":"Ana","email":"ana"}' }],
        ['body.email'],
      ],
    ];

    it.each(badRequests)(
      'answers 400 validation_failed for %s and writes nothing',
      async (_name, args, paths) => {
        // Prepare
        const { deps, call } = setup();

        // Act
        const res = await call(...args);

        // Assess
        expect(res.statusCode).toBe(400);
        expect(res.json).toMatchObject({ code: 'validation_failed', requestId: 'req-1' });
        const fields = res.json?.fields as { path: string; message: string }[];
        expect(fields.map((f) => f.path).sort()).toEqual([...paths].sort());
        expect(writesOf(deps)).toBe(0);
      },
    );
  });

  describe('authorization', () => {
    it('answers 401 without a token, before looking at the body', async () => {
      // Prepare
      const { deps, call } = setup();

      // Act
      const res = await call('POST /cases', { body: '{"title":' });

      // Assess
      expect(res.statusCode).toBe(401);
      expect(res.json).toMatchObject({ code: 'unauthenticated', requestId: 'req-1' });
      expect(writesOf(deps)).toBe(0);
    });

    it('answers 401 when the claims carry no subject', async () => {
      // Prepare
      const { call } = setup();

      // Act
      const res = await call('GET /cases', { claims: { firmId: FIRM_A, role: 'admin' } });

      // Assess
      expect(res.statusCode).toBe(401);
    });

    it('answers 403 staff_only to a contact', async () => {
      // Prepare
      const { deps, call } = setup();

      // Act
      const res = await call('POST /cases', { claims: contactClaims, body: JSON.stringify({ title: 'T' }) });

      // Assess
      expect(res.statusCode).toBe(403);
      expect(res.json).toMatchObject({ code: 'staff_only' });
      expect(writesOf(deps)).toBe(0);
    });
  });

  describe('GET /cases/{caseId}', () => {
    it('answers the case of the caller’s firm', async () => {
      // Prepare
      const { call } = setup();
      await call('POST /cases', { claims: staffClaims, body: JSON.stringify({ title: 'Mine' }) });

      // Act
      const res = await call('GET /cases/{caseId}', {
        claims: staffClaims,
        pathParameters: { caseId: ulidOf(1) },
      });

      // Assess
      expect(res.statusCode).toBe(200);
      expect(res.json).toMatchObject({ caseId: ulidOf(1), title: 'Mine' });
    });

    it('answers 404 case_not_found for an unknown case', async () => {
      // Prepare
      const { call } = setup();

      // Act
      const res = await call('GET /cases/{caseId}', {
        claims: staffClaims,
        pathParameters: { caseId: ulidOf(9) },
      });

      // Assess
      expect(res.statusCode).toBe(404);
      expect(res.json).toMatchObject({ code: 'case_not_found', requestId: 'req-1' });
    });

    it('answers 404 for a case of another firm', async () => {
      // Prepare
      const { call } = setup();
      await call('POST /cases', {
        claims: { sub: BOB, firmId: FIRM_B, role: 'staff' },
        body: JSON.stringify({ title: 'Theirs' }),
      });

      // Act
      const res = await call('GET /cases/{caseId}', {
        claims: staffClaims,
        pathParameters: { caseId: ulidOf(1) },
      });

      // Assess
      expect(res.statusCode).toBe(404);
      expect(res.json).toMatchObject({ code: 'case_not_found' });
    });
  });

  describe('lists', () => {
    it('lists only the caller’s firm’s cases, with the default page size', async () => {
      // Prepare
      const { call } = setup();
      const other = { sub: BOB, firmId: FIRM_B, role: 'staff' };
      await call('POST /cases', { claims: staffClaims, body: JSON.stringify({ title: 'A1' }) });
      await call('POST /cases', { claims: other, body: JSON.stringify({ title: 'B1' }) });
      await call('POST /cases', { claims: staffClaims, body: JSON.stringify({ title: 'A2' }) });

      // Act
      const res = await call('GET /cases', { claims: staffClaims });

      // Assess
      expect(res.statusCode).toBe(200);
      expect(titlesOf(res)).toEqual(['A2', 'A1']);
      expect(res.json?.nextToken).toBeUndefined();
    });

    it('passes the coerced limit and the token through', async () => {
      // Prepare
      const { call } = setup();
      for (const title of ['A1', 'A2', 'A3']) {
        await call('POST /cases', { claims: staffClaims, body: JSON.stringify({ title }) });
      }

      // Act
      const first = await call('GET /cases', { claims: staffClaims, query: { limit: '2' } });
      const second = await call('GET /cases', {
        claims: staffClaims,
        query: { limit: '2', nextToken: String(first.json?.nextToken) },
      });

      // Assess
      expect(titlesOf(first)).toEqual(['A3', 'A2']);
      expect(first.json?.nextToken).toEqual(expect.any(String));
      expect(titlesOf(second)).toEqual(['A1']);
    });
  });

  describe('POST /contacts', () => {
    it('creates a contact with a normalized email and answers 201', async () => {
      // Prepare
      const { deps, call } = setup();

      // Act
      const res = await call('POST /contacts', {
        claims: staffClaims,
        body: JSON.stringify({ name: 'Ana', email: 'Ana@Client.Example', locale: 'pt-BR' }),
      });

      // Assess
      expect(res.statusCode).toBe(201);
      expect(res.json).toEqual({
        contactId: ulidOf(1),
        name: 'Ana',
        email: 'ana@client.example',
        locale: 'pt-BR',
        createdAt: NOW,
      });
      expect(deps.contacts.contacts).toHaveLength(1);
    });

    it('answers 409 with details when the store reports the email taken', async () => {
      // Prepare
      const { call } = setup();
      const body = JSON.stringify({ name: 'Ana', email: 'ana@client.example' });
      await call('POST /contacts', { claims: staffClaims, body });

      // Act
      const res = await call('POST /contacts', { claims: staffClaims, body });

      // Assess
      expect(res.statusCode).toBe(409);
      expect(res.json).toMatchObject({
        code: 'contact_email_taken',
        details: { email: 'ana@client.example' },
      });
    });
  });

  describe('routing and responses', () => {
    it('answers 404 route_not_found for a route key outside the group', async () => {
      // Prepare
      const { call } = setup();

      // Act
      const res = await call('DELETE /cases/{caseId}', {
        claims: staffClaims,
        pathParameters: { caseId: ulidOf(1) },
      });

      // Assess
      expect(res.statusCode).toBe(404);
      expect(res.json).toMatchObject({ code: 'route_not_found', requestId: 'req-1' });
    });

    it('takes the request id from API Gateway', async () => {
      // Prepare
      const { call } = setup();

      // Act
      const res = await call('GET /cases/{caseId}', {
        claims: staffClaims,
        pathParameters: { caseId: ulidOf(9) },
        requestId: 'apigw-77',
      });

      // Assess
      expect(res.json?.requestId).toBe('apigw-77');
    });

    it('turns a response that breaks its schema into a logged 500', async () => {
      // Prepare
      const { deps, call } = setup();
      deps.cases.override = (firmId, caseId) =>
        ({ firmId, caseId, title: 'Broken', status: 'archived' }) as unknown as Case;

      // Act
      const res = await call('GET /cases/{caseId}', {
        claims: staffClaims,
        pathParameters: { caseId: ulidOf(1) },
      });

      // Assess
      expect(res.statusCode).toBe(500);
      expect(res.json).toEqual({ code: 'internal_error', message: expect.any(String), requestId: 'req-1' });
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(JSON.parse(String(stderr.mock.calls[0]?.[0]))).toMatchObject({
        level: 'error',
        requestId: 'req-1',
      });
    });

    it('strips fields the response schema does not declare (as Lambda answers)', async () => {
      // Prepare
      const { call } = setup();

      // Act
      const res = await call('POST /cases', { claims: staffClaims, body: JSON.stringify({ title: 'T' }) });

      // Assess
      expect(res.json).not.toHaveProperty('firmId');
    });
  });
});
