// `npm run portal-config`: writes the JSON file a portal SPA loads (API URL, region, Cognito
// endpoint, both user pools and app clients) from a deployed stack's outputs or the local stack's.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { portalConfigFrom } from './portal-config/from-outputs';
import { readStackOutputs, type StackTarget, stackTarget } from './stack-outputs';

const USAGE = `usage: npm run portal-config -- [--stage <stage> | --stack <name> | --local [--api <url>]] [--out <file>]

  Writes what a portal SPA needs to reach this deployment (default file portal-config.json):
  { apiUrl, region, identity: { endpoint, staff: { userPoolId, clientId }, contact: { … } } }.
  AWS: reads the stack's outputs (default stack Portico-dev; credentials and region from the usual
  AWS_* variables or profile). --local: the local stack started by npm start (default
  http://localhost:3000).`;

function fail(message: string, code = 2): never {
  console.error(`portal-config: ${message}`);
  process.exit(code);
}

function parse(argv: string[]): { target: StackTarget; out: string } {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  let parsed: { target: StackTarget; rest: string[] };
  try {
    parsed = stackTarget(argv);
  } catch (err) {
    fail(`${(err as Error).message}\n\n${USAGE}`);
  }
  let out = 'portal-config.json';
  const { rest } = parsed;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg !== '--out') fail(`unknown option ${arg}\n\n${USAGE}`);
    const value = rest[++i];
    if (!value || value.startsWith('--')) fail('--out needs a file name');
    out = value;
  }
  return { target: parsed.target, out };
}

const { target, out } = parse(process.argv.slice(2));
const where = target.local ? `the local stack at ${target.api}` : `stack ${target.stackName}`;
try {
  const config = portalConfigFrom(await readStackOutputs(target), target);
  const file = resolve(process.cwd(), out);
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  console.log(`wrote ${out} for ${where}: API ${config.apiUrl}, sign-in at ${config.identity.endpoint}`);
} catch (err) {
  fail((err as Error).message, 1);
}
