// `npx tsx bench/requests-per-route.ts [group…]`: section 4 of the bench alone (AWS requests and
// sequential round trips per route), for the routes of the given groups or of every group: a
// minute instead of the whole bench while folding a route's access checks into its work.
import type { RouteGroup } from '../functions/http/route';
import { routeGroups } from '../functions/http/routes';
import { instrumentSharedClients } from './requests';
import { measureRoundTrips } from './round-trips';
import { startBenchStack } from './stack';
import { renderRoundTrips } from './table';
import { World } from './world';

const groups = process.argv.slice(2);
const unknown = groups.filter((g) => !(routeGroups as readonly string[]).includes(g));
if (unknown.length) {
  console.error(`unknown group(s) ${unknown.join(', ')}; groups: ${routeGroups.join(', ')}`);
  process.exit(2);
}

async function main() {
  const stack = await startBenchStack();
  try {
    await instrumentSharedClients();
    const only = groups.length ? (r: { group: RouteGroup }) => groups.includes(r.group) : undefined;
    const rows = await measureRoundTrips(new World(stack), () => {}, only);
    console.log(renderRoundTrips(rows));
    const over = rows.filter((t) => 'failed' in t || ('verdict' in t && t.verdict.kind === 'over'));
    console.log(`\n${rows.length} routes, ${over.length} over or failed`);
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
