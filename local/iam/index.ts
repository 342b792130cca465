// Turns the local stack's IAM enforcement on (PORTICO_ENFORCE_IAM=0 turns it off): synthesizes the
// roles, guards every client of functions/clients, and names the function of each invocation.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  activate,
  checkPresignedPost,
  type Enforcer,
  enforcer,
  guardClient,
  invokeAs,
  isActive,
  isSdkClient,
} from './enforce';
import { type FunctionPolicy, functionPolicies, type LocalNames, synthesizedTemplate } from './template';
import { type UsageRecorder, usageRecorder } from './usage';

export { invokeAs } from './enforce';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Where synthesized templates are cached between starts (keyed by a hash of lib/ and functions/). */
export const templateCacheDir = () =>
  process.env.PORTICO_IAM_CACHE_DIR ?? join(repoRoot, '.data', 'iam-cache');

export const iamEnforced = () => process.env.PORTICO_ENFORCE_IAM !== '0';

/** Where runs record their checks unless PORTICO_IAM_USAGE_DIR says otherwise (`npm start`: the same). */
export const defaultUsageDir = join(repoRoot, '.data', 'iam-usage');

export interface LocalIam {
  enforced: boolean;
  /** Runs one invocation as the named function (a no-op wrapper when enforcement is off). */
  invokeAs: <T>(fn: string, work: () => T) => T;
  denials: Enforcer['denials'];
  /** How the template was had: synthesized now, or from the cache, and how long that took. */
  template?: { cached: boolean; ms: number; hash: string };
  stop(): void;
}

/**
 * Every SDK client the functions use: each export of functions/clients/*.ts that is a client, or a
 * factory without arguments that returns one (created once per container, like the lazy Secrets
 * Manager client).
 */
export async function functionClients(): Promise<unknown[]> {
  const dir = join(repoRoot, 'functions', 'clients');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const clients: unknown[] = [];
  for (const file of files) {
    const mod = (await import(join(dir, file))) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (isSdkClient(value)) clients.push(value);
      else if (typeof value === 'function' && value.length === 0) {
        const made = (value as () => unknown)();
        if (isSdkClient(made)) clients.push(made);
      }
    }
  }
  return clients;
}

/** The policies with each revoked action removed from its function's statements. */
function withoutActions(
  policies: Record<string, FunctionPolicy>,
  revoke: { fn: string; action: string }[],
): Record<string, FunctionPolicy> {
  for (const { fn, action } of revoke) {
    const policy = policies[fn];
    if (!policy) throw new Error(`local IAM: cannot revoke ${action} from ${fn}: no such function`);
    policy.statements = policy.statements.map((s) => ({
      ...s,
      ...(s.Action && { Action: s.Action.filter((a) => a.toLowerCase() !== action.toLowerCase()) }),
    }));
  }
  return policies;
}

export async function startLocalIam(options: {
  dataDir: string;
  env: Record<string, string>;
  /** The functions the local stack invokes: each must have a role in the template. */
  functions: string[];
  /** Actions taken out of a function's role (tests: a missing grant must be refused). */
  revoke?: { fn: string; action: string }[];
  log?: (line: string) => void;
}): Promise<LocalIam> {
  if (!iamEnforced()) return { enforced: false, invokeAs, denials: [], stop: () => undefined };
  const { env } = options;
  const synth = await synthesizedTemplate({
    cacheDir: templateCacheDir(),
    // The local sender, so the synthesized SES grant names the address the local stack sends from.
    context: { senderEmail: env.SENDER_EMAIL },
  });
  const names: LocalNames = {
    tableName: env.TABLE_NAME!,
    bucketName: env.BUCKET_NAME!,
    busName: env.EVENT_BUS_NAME!,
    secrets: {
      VapidKeys: env.VAPID_SECRET_ARN!,
      CursorSecret: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:portico-cursor-secret',
    },
    ...(env.STAFF_USER_POOL_ID && { staffUserPoolId: env.STAFF_USER_POOL_ID }),
    ...(env.CONTACT_USER_POOL_ID && { contactUserPoolId: env.CONTACT_USER_POOL_ID }),
    ...(env.MAIL_CONFIGURATION_SET && { configurationSet: env.MAIL_CONFIGURATION_SET }),
  };
  const policies = withoutActions(functionPolicies(synth, names), options.revoke ?? []);
  const missing = options.functions.filter((fn) => !policies[fn]);
  if (missing.length)
    throw new Error(
      `local IAM: the local stack runs ${missing.join(', ')}, which the synthesized template has no function for (it has ${Object.keys(policies).join(', ')})`,
    );
  const usageDir = process.env.PORTICO_IAM_USAGE_DIR ?? join(options.dataDir, 'iam-usage');
  // A stack with revoked actions runs a role that is not the template's: its checks would mislead the report.
  const usage: UsageRecorder = options.revoke?.length
    ? { record: () => undefined, flush: () => undefined }
    : usageRecorder(usageDir, {
        template: synth.hash,
        policies: Object.fromEntries(Object.entries(policies).map(([fn, p]) => [fn, p.statements])),
      });
  const enforce = enforcer(policies, usage);
  for (const client of await functionClients()) guardClient(client as Parameters<typeof guardClient>[0]);
  // Imported here, not at the top: the clients read their endpoints from the environment the stack has just set.
  const { presignedPostListeners } = await import('../../functions/clients/presigned-posts');
  if (!presignedPostListeners.includes(checkPresignedPost)) presignedPostListeners.push(checkPresignedPost);
  activate(enforce.check);
  options.log?.(
    `iam: enforcing the synthesized roles of ${Object.keys(policies).length} functions (template ${synth.cached ? 'cached' : 'synthesized'} in ${synth.ms} ms)`,
  );
  return {
    enforced: true,
    invokeAs,
    denials: enforce.denials,
    template: { cached: synth.cached, ms: synth.ms, hash: synth.hash },
    stop() {
      usage.flush();
      if (isActive(enforce.check)) activate(undefined);
    },
  };
}
