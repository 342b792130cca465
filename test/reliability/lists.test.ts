// List edges, from the route table: every list route (a GET whose query takes `nextToken`) is read
// whole, then with `limit` equal to its length (one page, no nextToken), then one item per page
// (as many pages as items, none empty, the last without nextToken, the same items in the same
// order). A list whose last page still carries a token makes a "load more" button load nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../../functions/http/route';
import { routeEntries } from '../../functions/http/routes';
import { captureLogs } from './support/logs';
import { type Principal, principals, requests, type World } from './support/matrix';
import { type Harness, startHarness } from './support/stack';
import { useTally } from './support/tally';
import { buildFirmWorld } from './support/world';

const tally = useTally('lists');
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
  // The lists the shared world leaves empty get an item or two, through the routes that make them.
  const admin = who.find((p) => p.name === 'admin')!;
  const collaborator = who.find((p) => p.name === 'collaborator')!;
  const seeds: [keyof typeof requests, Principal][] = [
    ['addComment', admin],
    ['addPortalComment', collaborator],
    ['addComment', admin],
    ['createPushSubscription', admin],
    ['createPortalPushSubscription', collaborator],
    ['putRecurringTask', admin],
  ];
  for (const [id, p] of seeds) {
    const req = await requests[id]!({ h, w, p, target: 'own', allowed: true });
    const res = await h.call(req.method, req.path, { token: p.token!, body: req.body });
    if (res.status >= 300) throw new Error(`could not seed ${id}: ${res.status} ${res.text}`);
  }
  await h.settle();
  tally.ready();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/** Filtered variants of lists (a filter drops items after DynamoDB's Limit counted them). */
const VARIANTS: Record<string, Record<string, string>[]> = {
  listDocuments: [{ source: 'firm' }, { source: 'client' }],
  listFileRequests: [{ status: 'open' }],
  listThreads: [{ filter: 'incomplete' }],
  listShares: [{ q: 'pdf' }],
};

/** A list route: its query takes a cursor. */
const isList = (route: RouteDef) =>
  route.method === 'GET' &&
  !!route.query &&
  'nextToken' in (route.query as unknown as { shape: object }).shape;

const withQuery = (path: string, query: Record<string, string | number>) =>
  `${path}${path.includes('?') ? '&' : '?'}${Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;

/** An event of firm A's case1 that has delivery records (deliveries are listed per event too). */
async function anEventId(p: Principal): Promise<string> {
  const res = await h.call('GET', `/cases/${w.A.case1}/deliveries?limit=1`, { token: p.token! });
  const eventId = res.body.items?.[0]?.eventId;
  if (typeof eventId !== 'string') throw new Error(`no delivery on case1 to list by event: ${res.text}`);
  return eventId;
}

describe('Reliability: list edges', () => {
  it('no list route returns a nextToken on its last page, and one-item pages walk the whole list', async () => {
    // Prepare: the caller that sees most of each list (an admin, or the collaborator for portal lists)
    const admin = who.find((p) => p.name === 'admin')!;
    const collaborator = who.find((p) => p.name === 'collaborator')!;
    const lists = (routeEntries() as [string, RouteDef][]).filter(([, r]) => isList(r));
    const problems: string[] = [];
    const sizes: Record<string, number> = {};

    // Act / Assess, per list
    for (const [id, route] of lists) {
      const p = route.auth === 'contact' ? collaborator : admin;
      const build = requests[id as keyof typeof requests];
      if (!build) {
        problems.push(`${id}: no request in test/reliability/support/matrix.ts`);
        continue;
      }
      const built = await build({ h, w, p, target: 'own', allowed: true });
      const eventId = id === 'listEventDeliveries' ? await anEventId(admin) : undefined;
      const base = eventId ? `/deliveries/${eventId}` : built.path;
      for (const variant of [{}, ...(VARIANTS[id] ?? [])]) {
        const path = Object.keys(variant).length ? withQuery(base, variant) : base;
        const name = `${id}${Object.keys(variant).length ? ` ${JSON.stringify(variant)}` : ''}`;
        const get = (query: Record<string, string | number>) =>
          h.call('GET', withQuery(path, query), { token: p.token! });
        const whole = await get({ limit: 100 });
        if (whole.status !== 200) {
          problems.push(`${name}: GET ${path} → ${whole.status} ${whole.text.slice(0, 200)}`);
          continue;
        }
        const all: string[] = whole.body.items.map((i: unknown) => JSON.stringify(i));
        sizes[name] = all.length;
        if (whole.body.nextToken) {
          problems.push(`${name}: more than 100 items in the fixture, or a token after ${all.length} items`);
          continue;
        }
        if (all.length === 0) continue;

        const exact = await get({ limit: all.length });
        if (exact.body.items?.length !== all.length || exact.body.nextToken)
          problems.push(
            `${name}: limit=${all.length} (the list's length) → ${exact.body.items?.length} items, nextToken ${exact.body.nextToken ? 'present' : 'absent'}`,
          );

        const walked: string[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const page = await get({ limit: 1, ...(token ? { nextToken: token } : {}) });
          pages++;
          if (page.status !== 200 || page.body.items.length !== 1) {
            problems.push(
              `${name}: page ${pages} of limit=1 → ${page.status}, ${page.body.items?.length} items`,
            );
            break;
          }
          walked.push(...page.body.items.map((i: unknown) => JSON.stringify(i)));
          token = page.body.nextToken;
        } while (token && pages <= all.length);
        if (pages !== all.length || token)
          problems.push(`${name}: ${pages} pages of one for ${all.length} items`);
        else if (JSON.stringify(walked) !== JSON.stringify(all))
          problems.push(`${name}: one-item pages do not give the list's items in its order`);
      }
    }

    tally.add('lists', Object.keys(sizes).length);
    tally.fail(problems.length);
    const empty = Object.entries(sizes)
      .filter(([, n]) => n === 0)
      .map(([id]) => id);
    console.log(
      `list edges: ${lists.length} list routes, ${Object.keys(sizes).length} lists with filters, ${Object.keys(sizes).length - empty.length} non-empty; empty: ${empty.join(', ') || 'none'}`,
    );
    expect(problems).toEqual([]);
  }, 300_000);
});
