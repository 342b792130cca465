// The synthesized roles of Portico's functions, for the local stack: synthesizes the stack in-process
// without bundling (cached by a hash of what shapes the template), then resolves each function's
// policy statements to local ARNs (the local table, bucket, bus, secrets and user pools).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Statement } from './policy';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** What a synth leaves for enforcement: the template and which Lambda each Portico function is. */
export interface Synthesized {
  hash: string;
  resources: Record<string, CfnResource>;
  /** Function name (its construct path, e.g. `CasesRoutes`, `OutboxPublisher`) → Lambda logical id. */
  functions: Record<string, string>;
}

/** Everything a synth depends on: lib/ and functions/ (routes and rules shape the stack), cdk.json, the lock file. */
function sourceHash(context: Record<string, unknown>): string {
  const hash = createHash('sha256').update(JSON.stringify(context));
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else hash.update(path).update(readFileSync(join(repoRoot, path)));
    }
  };
  walk('lib');
  walk('functions');
  for (const file of ['cdk.json', 'package-lock.json'])
    hash.update(file).update(readFileSync(join(repoRoot, file)));
  return hash.digest('hex').slice(0, 16);
}

/** Synthesizes the stack in this process, with no asset bundling (the roles do not depend on it). */
async function synthesize(context: Record<string, unknown>, hash: string): Promise<Synthesized> {
  const [{ App, Stack, CfnElement }, { PorticoStack }, { PorticoFunction }, { settingsFrom, stackIdOf }] =
    await Promise.all([
      import('aws-cdk-lib'),
      import('../../lib/portico-stack'),
      import('../../lib/function'),
      import('../../lib/settings'),
    ]);
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as { context: object };
  // The cloud assembly is written somewhere of our own and removed once the template is read.
  const outdir = await mkdtemp(join(tmpdir(), 'portico-iam-synth-'));
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
    outdir,
  });
  const settings = settingsFrom(app);
  const stack = new PorticoStack(app, stackIdOf(settings), { settings });
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, CfnResource>;
  };
  await rm(outdir, { recursive: true, force: true });
  const functions: Record<string, string> = {};
  for (const c of stack.node.findAll()) {
    if (!(c instanceof PorticoFunction)) continue;
    const name = c.node.path.split('/').slice(1).join('');
    const cfn = c.lambda.node.defaultChild;
    if (!(cfn instanceof CfnElement)) throw new Error(`${name}: its Lambda has no CloudFormation resource`);
    functions[name] = Stack.of(c).resolve(cfn.logicalId) as string;
  }
  return { hash, resources: template.Resources, functions };
}

/**
 * The template for these synth settings: from `cacheDir` when lib/ and functions/ are unchanged
 * since it was written, else synthesized (a few seconds) and cached there.
 */
export async function synthesizedTemplate(options: {
  cacheDir: string;
  context: Record<string, unknown>;
}): Promise<Synthesized & { cached: boolean; ms: number }> {
  const started = Date.now();
  const context = { local: true, ...options.context };
  const hash = sourceHash(context);
  const file = join(options.cacheDir, `template-${hash}.json`);
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as Synthesized;
    if (cached.hash === hash) return { ...cached, cached: true, ms: Date.now() - started };
  } catch {
    // not cached yet
  }
  const synthesized = await synthesize(context, hash);
  await mkdir(options.cacheDir, { recursive: true });
  // Written whole then renamed: parallel stacks (reliability files) may race to write it.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(synthesized));
  await rename(tmp, file);
  // Templates of earlier sources are never read again.
  for (const old of await readdir(options.cacheDir))
    if (/^template-[0-9a-f]+\.json$/.test(old) && old !== `template-${hash}.json`)
      await rm(join(options.cacheDir, old), { force: true });
  return { ...synthesized, cached: false, ms: Date.now() - started };
}

/** The local names the template's resources stand for (what the local stack runs them as). */
export interface LocalNames {
  tableName: string;
  bucketName: string;
  busName: string;
  /** Secret ARNs by the secret's construct id (`VapidKeys`, `CursorSecret`). */
  secrets: Record<string, string>;
  staffUserPoolId?: string;
  contactUserPoolId?: string;
  configurationSet?: string;
}

const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;

/** A construct id from a logical id: the CDK appends an 8-character hash. */
const baseName = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, '');

/**
 * Resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub and the pseudo parameters to local values. A resource
 * with no local counterpart resolves to an `unresolved` name that no call can match (refused, not
 * silently allowed).
 */
export function resolver(resources: Record<string, CfnResource>, names: LocalNames) {
  const unresolved = (logicalId: string) => `unresolved-${logicalId}`;
  const pseudo: Record<string, string> = {
    'AWS::Region': LOCAL_REGION,
    'AWS::AccountId': LOCAL_ACCOUNT,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'Portico-local',
  };

  const attribute = (logicalId: string, attr: string | undefined): string => {
    if (!attr && pseudo[logicalId]) return pseudo[logicalId];
    const resource = resources[logicalId];
    if (!resource) throw new Error(`the template refers to ${logicalId}, which it does not define`);
    const base = baseName(logicalId);
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table': {
        const tableArn = arn('dynamodb', `table/${names.tableName}`);
        return attr === 'Arn' ? tableArn : attr === 'StreamArn' ? `${tableArn}/stream/*` : names.tableName;
      }
      case 'AWS::S3::Bucket': {
        const name = base === 'UploadsBucket' ? names.bucketName : unresolved(logicalId);
        return attr === 'Arn' ? `arn:aws:s3:::${name}` : name;
      }
      case 'AWS::Events::EventBus':
        return attr === 'Arn' ? arn('events', `event-bus/${names.busName}`) : names.busName;
      case 'AWS::SecretsManager::Secret':
        return names.secrets[base] ?? arn('secretsmanager', `secret:${unresolved(logicalId)}`);
      case 'AWS::Cognito::UserPool': {
        const id =
          (/staff/i.test(base)
            ? names.staffUserPoolId
            : /contact/i.test(base)
              ? names.contactUserPoolId
              : undefined) ?? unresolved(logicalId);
        return attr === 'Arn' ? arn('cognito-idp', `userpool/${id}`) : id;
      }
      // The live channel's WebSocket API is the local live endpoint (local/live.ts, LOCAL_LIVE_API).
      case 'AWS::ApiGatewayV2::Api':
        return attr ? arn('unresolved', `${logicalId}/${attr}`) : 'local-live';
      case 'AWS::SES::ConfigurationSet':
        return names.configurationSet ?? unresolved(logicalId);
      default:
        return attr ? arn('unresolved', `${logicalId}/${attr}`) : unresolved(logicalId);
    }
  };

  const resolve = (value: unknown): string => {
    if (typeof value === 'string') return value;
    const v = value as Record<string, unknown>;
    if ('Ref' in v) return attribute(String(v.Ref), undefined);
    if ('Fn::GetAtt' in v) {
      const [id, attr] = v['Fn::GetAtt'] as [string, string];
      return attribute(id, attr);
    }
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(resolve).join(sep);
    }
    if ('Fn::Sub' in v) {
      const [text, vars] = (Array.isArray(v['Fn::Sub']) ? v['Fn::Sub'] : [v['Fn::Sub'], {}]) as [
        string,
        Record<string, unknown>,
      ];
      return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        if (name in vars) return resolve(vars[name]);
        const [id, attr] = name.split('.') as [string, string | undefined];
        return attribute(id, attr);
      });
    }
    throw new Error(`intrinsic not supported by the local IAM resolver: ${JSON.stringify(value)}`);
  };
  return resolve;
}

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export interface FunctionPolicy {
  statements: Statement[];
  roleName: string;
  /** Managed policies on the role: their content is not in the template, so they grant nothing here. */
  managedPolicies: string[];
}

/** Each Portico function's statements: its role's inline policies and every AWS::IAM::Policy attached to it. */
export function functionPolicies(synth: Synthesized, names: LocalNames): Record<string, FunctionPolicy> {
  const resolve = resolver(synth.resources, names);
  const resolveStatement = (s: Record<string, unknown>): Statement => {
    const strings = (key: string) => (key in s ? list(s[key]).map(resolve) : undefined);
    return {
      Effect: s.Effect as Statement['Effect'],
      ...(strings('Action') && { Action: strings('Action') }),
      ...(strings('NotAction') && { NotAction: strings('NotAction') }),
      ...(strings('Resource') && { Resource: strings('Resource') }),
      ...(strings('NotResource') && { NotResource: strings('NotResource') }),
      ...(s.Condition !== undefined && {
        Condition: JSON.parse(JSON.stringify(s.Condition), (_k, v) =>
          v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          ('Ref' in v || 'Fn::GetAtt' in v || 'Fn::Join' in v)
            ? resolve(v)
            : v,
        ) as Statement['Condition'],
      }),
    };
  };
  const documentStatements = (doc: unknown) =>
    list((doc as { Statement: unknown }).Statement).map((s) =>
      resolveStatement(s as Record<string, unknown>),
    );

  const result: Record<string, FunctionPolicy> = {};
  for (const [name, lambdaId] of Object.entries(synth.functions)) {
    const lambda = synth.resources[lambdaId];
    const roleRef = lambda?.Properties?.Role as { 'Fn::GetAtt'?: [string, string] } | undefined;
    const roleId = roleRef?.['Fn::GetAtt']?.[0];
    const role = roleId ? synth.resources[roleId] : undefined;
    if (!roleId || !role) throw new Error(`${name}: its role is not a resource of the template`);
    const inline = list(role.Properties?.Policies).flatMap((p) =>
      documentStatements((p as { PolicyDocument: unknown }).PolicyDocument),
    );
    const attached = Object.values(synth.resources)
      .filter(
        (r) =>
          r.Type === 'AWS::IAM::Policy' &&
          list(r.Properties?.Roles).some((ref) => (ref as { Ref?: string }).Ref === roleId),
      )
      .flatMap((r) => documentStatements(r.Properties?.PolicyDocument));
    result[name] = {
      statements: [...inline, ...attached],
      roleName: roleId,
      managedPolicies: list(role.Properties?.ManagedPolicyArns).map((m) =>
        typeof m === 'string' ? m : JSON.stringify(m),
      ),
    };
  }
  return result;
}
