// Secrets a function needs (the cursor key), read from Secrets Manager once per container, before
// configuration is parsed. In AWS a function gets `<NAME>_ARN` and the grant to read it, never the
// value in its environment; the local stack sets `<NAME>` itself, which wins, so no call is made.
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { secretsManager as client } from '../clients/secrets-manager';

export type SecretName = 'CURSOR_SECRET';
/** Reads one secret's string value by ARN. */
export type SecretReader = (arn: string) => Promise<string>;

const secretsManager: SecretReader = async (arn) => {
  const res = await client().send(new GetSecretValueCommand({ SecretId: arn }));
  if (res.SecretString === undefined) throw new Error('the secret has no string value');
  return res.SecretString;
};

/** One read per environment and secret (process.env in a container; tests pass their own). */
const pendingByEnv = new WeakMap<object, Map<SecretName, Promise<void>>>();

/**
 * Puts each named secret into `env` (process.env by default) unless it is there already. Concurrent
 * and repeated calls share one read per secret; a failed read is not cached, so the next cold start
 * (or call) tries again.
 */
export async function resolveSecrets(
  names: readonly SecretName[],
  env: Record<string, string | undefined> = process.env,
  read: SecretReader = secretsManager,
): Promise<void> {
  const reads = pendingByEnv.get(env) ?? new Map<SecretName, Promise<void>>();
  pendingByEnv.set(env, reads);
  await Promise.all(
    names.map((name) => {
      if (env[name]) return undefined;
      const arn = env[`${name}_ARN`];
      if (!arn) return undefined; // loadConfig then says which variable is missing
      let once = reads.get(name);
      if (!once) {
        once = read(arn).then(
          (value) => {
            env[name] = value;
          },
          (err: unknown) => {
            reads.delete(name);
            throw new Error(
              `Invalid configuration: ${name} could not be read from ${name}_ARN: ${(err as Error).message}`,
            );
          },
        );
        reads.set(name, once);
      }
      return once;
    }),
  );
}
