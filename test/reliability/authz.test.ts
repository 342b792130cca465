// Authorization matrix, generated from the route table: every route × principal × target (own case,
// another case of the firm, another firm's), each cell's outcome derived from what the route
// declares (auth kind, scope, contactNeed). Allowed cells make a VALID request and expect 2xx;
// denied ones expect exactly 401, 403 or 404, and no answer names a resource the caller may not see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../functions/http/route';
import { routeEntries } from '../../functions/http/routes';
import { captureLogs } from './support/logs';
import {
  expected,
  expectedCode,
  idsOf,
  type Principal,
  principals,
  requests,
  targetsOf,
  UndeclaredRoute,
  type World,
} from './support/matrix';
import { type Harness, mails, newId, startHarness } from './support/stack';
import { useTally } from './support/tally';
import {
  buildFirmWorld,
  type Contact,
  grant,
  invitationToken,
  newContact,
  portalToken,
} from './support/world';

const tally = useTally('authz');

/**
 * Routes in table order, except those whose allowed call changes who the caller is (accepting an
 * invitation binds the caller to a case): last, so every other cell meets the principal as declared.
 */
const cellOrder = (): [string, RouteDef][] => {
  const changesCaller = (r: RouteDef) => r.scope === 'none' && r.method !== 'GET';
  const all = routeEntries() as [string, RouteDef][];
  return [...all.filter(([, r]) => !changesCaller(r)), ...all.filter(([, r]) => changesCaller(r))];
};
const logs = captureLogs();
let h: Harness;
let w: World;
let who: Principal[];

beforeAll(async () => {
  h = await startHarness();
  const [A, B] = await Promise.all([buildFirmWorld(h, 'Alpha & Co'), buildFirmWorld(h, 'Beta LLP')]);
  w = { A, B };
  who = await principals(h, w);
  for (const p of who) logs.secret(p.token);
  tally.ready();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('Reliability: authorization matrix', () => {
  it('every route of the table declares its scope and has a valid request in the matrix', () => {
    const problems: string[] = [];
    for (const [id, route] of routeEntries()) {
      try {
        expected(id, route, who[0]!, 'own');
      } catch (err) {
        if (!(err instanceof UndeclaredRoute)) throw err;
        problems.push(err.message);
      }
      if (route.scope === 'portalCase' && route.auth !== 'contact')
        problems.push(`route ${id}: scope portalCase is for contact routes`);
      if (route.scope === 'case' && !route.params)
        problems.push(`route ${id}: scope case needs a path naming the case`);
      if (!requests[id])
        problems.push(
          `route ${id}: add a valid request for it to \`requests\` in test/reliability/support/matrix.ts`,
        );
    }
    tally.add('routes', routeEntries().length);
    tally.fail(problems.length);
    expect(problems).toEqual([]);
  });

  it('answers every cell as declared: 401 / 403 / 404 / 2xx, revealing nothing of other firms', async () => {
    const mismatches: string[] = [];
    const idsA = idsOf(w.A);
    const allIds = [...idsA, ...idsOf(w.B)];
    let cells = 0;
    for (const [id, route] of cellOrder()) {
      const build = requests[id as keyof typeof requests];
      if (!route.scope || !build) continue; // reported by the test above
      for (const p of who) {
        for (const target of targetsOf(route)) {
          const outcome = expected(id, route, p, target);
          if (outcome === undefined) continue;
          const req = await build({ h, w, p, target, allowed: outcome === '2xx' });
          const res = await h.call(req.method, req.path, {
            ...(p.token ? { token: p.token } : {}),
            ...(req.body !== undefined ? { body: req.body } : {}),
          });
          cells++;
          const cell = `${id} as ${p.name} on ${target}: ${req.method} ${req.path}`;
          const ok = outcome === '2xx' ? res.status >= 200 && res.status < 300 : res.status === outcome;
          if (!ok) {
            mismatches.push(`${cell} → ${res.status} (expected ${outcome}) ${res.text.slice(0, 200)}`);
            continue;
          }
          if (outcome === 404 && !String(res.body?.code ?? '').endsWith('_not_found'))
            mismatches.push(`${cell} → 404 without a *_not_found code: ${res.text}`);
          if (outcome === 403 && !res.body?.code)
            mismatches.push(`${cell} → 403 without a code: ${res.text}`);
          // Refused by the staff directory or the role check, not by some later step.
          const code = expectedCode(route, p);
          if (code !== undefined && res.body?.code !== code)
            mismatches.push(`${cell} → ${res.status} ${res.body?.code} (expected code ${code})`);
          // A denial names nothing but what the request named.
          const asked = `${req.path} ${JSON.stringify(req.body ?? '')}`;
          if (outcome !== '2xx') {
            const leaked = allIds.filter((x) => res.text.includes(x) && !asked.includes(x));
            if (leaked.length) mismatches.push(`${cell} → ${res.status} reveals ${leaked.join(', ')}`);
          }
          // Someone outside firm A sees nothing of firm A, even where it is allowed to call.
          if (
            outcome === '2xx' &&
            req.method === 'GET' &&
            (p.name === 'otherFirmStaff' || p.name === 'noGrant' || p.name === 'contactWithStaffClaims')
          ) {
            const leaked = idsA.filter((x) => res.text.includes(x) && !asked.includes(x));
            if (leaked.length)
              mismatches.push(`${cell} → ${res.status} reveals firm A's ${leaked.join(', ')}`);
          }
        }
      }
    }
    tally.add('cells', cells);
    tally.fail(mismatches.length);
    expect(cells).toBeGreaterThan(routeEntries().length * who.length);
    expect(mismatches).toEqual([]);
  }, 400_000);

  it('a portal identity re-invited as another contact of the same case gets the new grant, not the revoked one', async () => {
    // Prepare: one person, two contact records of firm A (an old address, a new one) on case2.
    const f = w.A.firm;
    // One login whose (verified) email changed from the old address to the new one in between.
    const identityId = `identity-${newId()}`;
    let token = '';
    const accept = async (c: Contact) => {
      await h.settle();
      token = await portalToken(h, identityId, c.email);
      return h.call('POST', '/portal/invitations/accept', {
        token,
        body: { token: await invitationToken(h, c.email) },
      });
    };
    const old = await newContact(h, f, 'Paula Oldaddress');
    await grant(h, f, w.A.case2, old, { role: 'collaborator', canDownload: true, canUpload: true });
    expect((await accept(old)).status).toBe(200);
    expect(
      (await h.call('DELETE', `/cases/${w.A.case2}/grants/${old.contactId}`, { token: f.admin.token }))
        .status,
    ).toBe(200);
    const renewed = await newContact(h, f, 'Paula Newaddress');
    await grant(h, f, w.A.case2, renewed, { role: 'viewer', canDownload: true });
    // Act
    const accepted = await accept(renewed);
    const docs = await h.call('GET', `/portal/cases/${w.A.case2}/documents`, { token });
    const upload = await h.call('POST', `/portal/cases/${w.A.case2}/uploads`, {
      token,
      body: { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 },
    });
    // Assess: the active (viewer) grant decides; the revoked collaborator grant neither hides nor widens it.
    const problems = [
      accepted.status === 200 ? '' : `accept → ${accepted.status} ${accepted.text}`,
      docs.status === 200 ? '' : `documents → ${docs.status} ${docs.text}`,
      upload.status === 403 ? '' : `upload → ${upload.status} ${upload.text}`,
    ].filter(Boolean);
    tally.add('cells', 3);
    tally.fail(problems.length);
    expect(problems).toEqual([]);
  });

  it('logs no token, presigned URL, invitation link or mail body while serving the matrix', async () => {
    await h.settle();
    for (const m of await mails(h)) logs.secret(m.body.text, m.body.html);
    const leaks = logs.leaks();
    tally.fail(leaks.length);
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
