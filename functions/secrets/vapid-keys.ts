// The deployment's VAPID key pair, kept in Secrets Manager (VAPID_SECRET_ARN) and read once per
// container (re-read after VAPID_CACHE_MS). The stack creates the secret with a placeholder value;
// the first function that needs the pair generates it and stores it as the secret's first real
// version under a fixed request token, so concurrent first uses cannot store two different pairs:
// Secrets Manager refuses the second value for the same token, and the loser reads the winner's.
// See docs/decisions/0014-web-push.md.
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { generateVapidKeys, type VapidKeySource, type VapidKeys } from '../domain/push';

/** How long a container trusts the pair it read (a rotated pair reaches every container within it). */
export const VAPID_CACHE_MS = 10 * 60_000;
/** The request token of the pair's first version: the same for every writer, so only one value lands. */
export const VAPID_FIRST_VERSION = 'portico-vapid-key-pair-first-version-0001';

export function vapidKeySecret(
  client: Pick<SecretsManagerClient, 'send'>,
  secretArn: string,
  opts: { generate?: () => VapidKeys; now?: () => number } = {},
): VapidKeySource {
  const generate = opts.generate ?? generateVapidKeys;
  const now = opts.now ?? Date.now;
  let cached: { keys: Promise<VapidKeys>; at: number } | undefined;

  const read = async (): Promise<VapidKeys | undefined> => {
    const res = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    return keysOf(res.SecretString);
  };

  const load = async (): Promise<VapidKeys> => {
    const stored = await read();
    if (stored) return stored;
    const fresh = generate();
    try {
      await client.send(
        new PutSecretValueCommand({
          SecretId: secretArn,
          ClientRequestToken: VAPID_FIRST_VERSION,
          SecretString: JSON.stringify(fresh),
        }),
      );
      return fresh;
    } catch (err) {
      // Another container stored its pair under the same token first: use that one.
      if ((err as Error).name !== 'ResourceExistsException') throw err;
      const winner = await read();
      if (!winner) throw new Error('the VAPID key pair was stored by another writer but cannot be read');
      return winner;
    }
  };

  return {
    current() {
      if (!cached || now() - cached.at > VAPID_CACHE_MS) {
        const entry = { keys: load(), at: now() };
        // A failed read is not cached: the next call tries again.
        entry.keys.catch(() => {
          if (cached === entry) cached = undefined;
        });
        cached = entry;
      }
      return cached.keys;
    },
  };
}

/** The pair in a secret's value, or undefined while it holds the stack's placeholder. */
function keysOf(value: string | undefined): VapidKeys | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '{}');
  } catch {
    throw new Error('the VAPID secret does not hold JSON');
  }
  const { publicKey, privateKey } = (parsed ?? {}) as Partial<VapidKeys>;
  if (publicKey === undefined && privateKey === undefined) return undefined;
  if (typeof publicKey !== 'string' || typeof privateKey !== 'string')
    throw new Error('the VAPID secret holds a malformed key pair');
  return { publicKey, privateKey };
}
