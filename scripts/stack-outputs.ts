// Where operator commands (firm:create, portal-config, redrive) learn what a stack is: a deployed
// stack's CloudFormation outputs, or the same keys from the local stack's `GET /local/outputs`.
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';

// Operator commands run on the Node versions we support (20+): no SDK banner about Node 22 in their output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * The output keys operator commands read. Deployed stacks and `npm start` both answer them; the
 * `Local*` ones exist only locally (endpoints of the emulators a command must talk to instead of AWS).
 */
export type OutputKey =
  | 'ApiUrl'
  | 'PortalUrl'
  | 'Region'
  | 'TableName'
  | 'StaffUserPoolId'
  | 'StaffClientId'
  | 'ContactUserPoolId'
  | 'ContactClientId'
  | 'LocalDynamoDbEndpoint'
  | 'LocalIdentityEndpoint'
  | (string & {});

export type StackOutputs = ReadonlyMap<OutputKey, string>;

/** Where to read them: `--local [--api <url>]`, or `--stage <stage>` / `--stack <name>` (AWS). */
export type StackTarget = { local: true; api: string } | { local: false; stackName: string };

export const DEFAULT_LOCAL_API = 'http://localhost:3000';

/** Reads `--local`, `--api`, `--stage`, `--stack` out of argv; returns the target and the other args. */
export function stackTarget(argv: readonly string[]): { target: StackTarget; rest: string[] } {
  const rest: string[] = [];
  let local = false;
  let api: string | undefined;
  let stage: string | undefined;
  let stack: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--local') local = true;
    else if (arg === '--api' || arg === '--stage' || arg === '--stack') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      if (arg === '--api') api = value;
      else if (arg === '--stage') stage = value;
      else stack = value;
    } else rest.push(arg);
  }
  if (local && (stage || stack)) throw new Error('--local cannot be combined with --stage or --stack');
  if (!local && api) throw new Error('--api is for the local stack; add --local');
  const target: StackTarget = local
    ? { local: true, api: api ?? DEFAULT_LOCAL_API }
    : { local: false, stackName: stack ?? `Portico-${stage ?? 'dev'}` };
  return { target, rest };
}

export async function readStackOutputs(target: StackTarget): Promise<StackOutputs> {
  if (target.local) {
    const res = await fetch(`${target.api}/local/outputs`).catch((err: Error) => {
      throw new Error(
        `cannot reach the local stack at ${target.api} (${err.message}); is npm start running?`,
      );
    });
    if (!res.ok) throw new Error(`the local stack answered ${res.status} to GET /local/outputs`);
    return new Map(Object.entries((await res.json()) as Record<string, string>));
  }
  const described = await new CloudFormationClient({})
    .send(new DescribeStacksCommand({ StackName: target.stackName }))
    .catch((err: Error) => {
      throw new Error(`cannot read stack ${target.stackName}: ${err.message}`);
    });
  return new Map(
    (described.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''] as const),
  );
}

/** The output, or an error naming the stack and the missing key (a stack deployed before it existed). */
export function requireOutput(outputs: StackOutputs, key: OutputKey, target: StackTarget): string {
  const value = outputs.get(key);
  if (!value) {
    const where = target.local ? `the local stack at ${target.api}` : `stack ${target.stackName}`;
    throw new Error(`${where} has no output ${key} (deployed before it existed? deploy again)`);
  }
  return value;
}
