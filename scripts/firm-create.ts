// `npm run firm:create -- --name <firm> --admin-email <email> --language <tag> …`: puts a firm into
// service on a deployed stack (its outputs) or on `npm start` (`--local`): the firm record, its
// first admin's staff-pool login (Cognito mails the invitation) and staff record. Idempotent: a
// re-run with the same admin email finds the firm through the login and changes nothing.
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { retryTransactionConflicts } from '../functions/clients/dynamodb';
import { DomainError } from '../functions/domain/errors';
import { canonicalLocale } from '../functions/domain/locale';
import { type NewFirm, onboardFirm } from '../functions/domain/onboarding';
import { systemClock } from '../functions/domain/ports';
import { staffLogins } from '../functions/identity/staff-logins';
import { firmRecords, staffStore } from '../functions/store/staff';
import { ulidIds } from '../functions/wiring/ids';
import { readStackOutputs, requireOutput, type StackTarget, stackTarget } from './stack-outputs';

const USAGE = `usage: npm run firm:create -- --name <firm> --admin-email <email> --language <en|fr|de|…>
         [--admin-name <name>] [--portal-url <url>] [--stage <stage> | --stack <name> | --local [--api <url>]]

  Creates the firm, its first admin's staff sign-in (Cognito mails the invitation with a temporary
  password) and the admin's staff record. Running it again with the same admin email changes nothing.
  AWS: reads the stack's outputs (default stack Portico-dev; credentials and region from the usual
  AWS_* variables or profile). --local: the stack started by npm start (default http://localhost:3000).`;

/** Exit codes: 0 done (or nothing to do), 1 the stack or a service failed, 2 the command line is wrong. */
class UsageError extends Error {}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface FirmCreateArgs {
  target: StackTarget;
  firm: Omit<NewFirm, 'portalUrl'> & { portalUrl?: string };
}

export function parseArgs(argv: readonly string[]): FirmCreateArgs {
  let parsed: ReturnType<typeof stackTarget>;
  try {
    parsed = stackTarget(argv);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const flags = new Map<string, string>();
  const known = new Set(['--name', '--admin-email', '--admin-name', '--language', '--portal-url']);
  for (let i = 0; i < parsed.rest.length; i++) {
    const flag = parsed.rest[i]!;
    if (!known.has(flag)) throw new UsageError(`unknown argument ${flag}`);
    const value = parsed.rest[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    flags.set(flag, value.trim());
  }
  const missing = ['--name', '--admin-email', '--language'].filter((f) => !flags.get(f));
  if (missing.length) throw new UsageError(`missing ${missing.join(', ')}`);
  const email = flags.get('--admin-email')!;
  if (!EMAIL.test(email))
    throw new UsageError(`--admin-email ${JSON.stringify(email)} is not an email address`);
  const language = canonicalLocale(flags.get('--language')!);
  if (!language || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language))
    throw new UsageError(
      `unknown language ${JSON.stringify(flags.get('--language'))}: give a BCP 47 tag such as en, fr, de, pt-BR`,
    );
  const portalUrl = flags.get('--portal-url');
  if (portalUrl !== undefined && !URL.canParse(portalUrl))
    throw new UsageError(`--portal-url ${JSON.stringify(portalUrl)} is not a URL`);
  return {
    target: parsed.target,
    firm: {
      name: flags.get('--name')!,
      adminEmail: email,
      adminName: flags.get('--admin-name') || email.split('@')[0]!,
      language,
      ...(portalUrl ? { portalUrl } : {}),
    },
  };
}

export async function firmCreate(argv: readonly string[], print: (line: string) => void): Promise<number> {
  const { target, firm } = parseArgs(argv);
  const where = target.local ? `the local stack at ${target.api}` : `stack ${target.stackName}`;
  print(`Reading the outputs of ${where}…`);
  const outputs = await readStackOutputs(target);
  const tableName = requireOutput(outputs, 'TableName', target);
  const poolId = requireOutput(outputs, 'StaffUserPoolId', target);
  const region = outputs.get('Region');
  // Locally the emulators stand in for DynamoDB and Cognito; their credentials are never checked.
  const local = target.local
    ? {
        dynamodb: requireOutput(outputs, 'LocalDynamoDbEndpoint', target),
        identity: requireOutput(outputs, 'LocalIdentityEndpoint', target),
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }
    : undefined;
  const common = { ...(region ? { region } : {}), ...(local ? { credentials: local.credentials } : {}) };
  const dynamo = retryTransactionConflicts(
    new DynamoDBClient({ ...common, ...(local ? { endpoint: local.dynamodb } : {}) }),
  );
  const cognito = new CognitoIdentityProviderClient({
    ...common,
    ...(local ? { endpoint: local.identity } : {}),
  });
  // Firm onboarding lists nothing, so no cursor secret is needed.
  const table = {
    client: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    name: tableName,
    cursorSecret: '',
  };
  const portalUrl =
    firm.portalUrl ?? outputs.get('PortalUrl') ?? (target.local ? `${target.api}/portal-demo/` : undefined);
  if (!portalUrl) throw new UsageError(`${where} has no PortalUrl output: give --portal-url`);
  print(`Table ${tableName}, staff user pool ${poolId}.`);
  print(`Finding or creating the staff login of ${firm.adminEmail}, the firm and its admin…`);
  const done = await onboardFirm(
    {
      staff: staffStore(table),
      firms: firmRecords(table),
      logins: staffLogins(cognito, poolId),
      clock: systemClock,
      ids: ulidIds,
    },
    { ...firm, portalUrl },
  );
  const state = (created: boolean) => (created ? 'created' : 'exists, unchanged');
  print(
    `  firm        ${done.firm.firmId}  "${done.firm.name}" (${done.firm.locale})  ${state(done.created.firm)}`,
  );
  print(
    `  admin login ${done.admin.email}  sub ${done.admin.userId}  ${
      done.created.login ? `created: invitation mailed to ${done.admin.email}` : 'exists, unchanged (no mail)'
    }`,
  );
  print(
    `  admin       ${done.admin.name} (${done.admin.role}, ${done.admin.status})  ${state(done.created.admin)}`,
  );
  const anything = done.created.firm || done.created.login || done.created.admin;
  print(anything ? 'Done.' : 'Nothing to do: the firm and its admin exist.');
  return 0;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    return await firmCreate(argv, (line) => console.log(line));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`firm:create: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    const message = err instanceof DomainError ? `${err.message} (${err.code})` : (err as Error).message;
    console.error(`firm:create: ${message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main();
