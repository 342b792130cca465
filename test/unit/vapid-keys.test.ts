import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import type { VapidKeys } from '../../functions/domain/push';
import { VAPID_CACHE_MS, VAPID_FIRST_VERSION, vapidKeySecret } from '../../functions/secrets/vapid-keys';

/**
 * A secret as Secrets Manager keeps it: versions by request token; a second value under a token
 * already used is refused (ResourceExistsException). `beforePut` lets a test slip a rival write in.
 */
function fakeSecret(initial = '{}') {
  const versions = new Map<string, string>();
  let current = initial;
  const calls = { get: 0, put: 0 };
  let beforePut: (() => void) | undefined;
  const store = (token: string, value: string) => {
    const existing = versions.get(token);
    if (existing !== undefined && existing !== value)
      throw Object.assign(new Error('You can’t modify an existing version'), {
        name: 'ResourceExistsException',
      });
    versions.set(token, value);
    current = value;
  };
  const client = {
    async send(command: unknown) {
      if (command instanceof GetSecretValueCommand) {
        calls.get++;
        return { SecretString: current };
      }
      if (command instanceof PutSecretValueCommand) {
        calls.put++;
        beforePut?.();
        store(command.input.ClientRequestToken!, command.input.SecretString!);
        return {};
      }
      throw new Error('unexpected command');
    },
  };
  return {
    client: client as never,
    calls,
    store,
    setBeforePut: (f: () => void) => {
      beforePut = f;
    },
    value: () => current,
  };
}

const pair = (n: number): VapidKeys => ({ publicKey: `public-${n}`, privateKey: `private-${n}` });

describe('Function: vapidKeySecret', () => {
  it('generates the pair on first use, stores it as the first version, and reads it once per container', async () => {
    // Prepare
    const secret = fakeSecret();
    const source = vapidKeySecret(secret.client, 'arn:vapid', { generate: () => pair(1), now: () => 0 });

    // Act
    const [a, b] = await Promise.all([source.current(), source.current()]);

    // Assess
    expect(a).toEqual(pair(1));
    expect(b).toEqual(pair(1));
    expect(JSON.parse(secret.value())).toEqual(pair(1));
    expect(secret.calls).toEqual({ get: 1, put: 1 });
  });

  it('uses the pair another container stored first, never a second one', async () => {
    // Prepare: a rival stores its pair under the same first-version token just before ours.
    const secret = fakeSecret();
    secret.setBeforePut(() => secret.store(VAPID_FIRST_VERSION, JSON.stringify(pair(2))));
    const source = vapidKeySecret(secret.client, 'arn:vapid', { generate: () => pair(1) });

    // Act
    const keys = await source.current();

    // Assess
    expect(keys).toEqual(pair(2));
    expect(JSON.parse(secret.value())).toEqual(pair(2));
  });

  it('reads a stored pair without writing, and again after the cache time', async () => {
    // Prepare
    const secret = fakeSecret(JSON.stringify(pair(3)));
    let now = 0;
    const source = vapidKeySecret(secret.client, 'arn:vapid', { generate: () => pair(9), now: () => now });

    // Act
    await source.current();
    now = VAPID_CACHE_MS - 1;
    await source.current();
    now = VAPID_CACHE_MS + 1;
    const later = await source.current();

    // Assess
    expect(later).toEqual(pair(3));
    expect(secret.calls).toEqual({ get: 2, put: 0 });
  });

  it('refuses a malformed stored pair with a clear error, and retries on the next call', async () => {
    // Prepare
    const secret = fakeSecret(JSON.stringify({ publicKey: 'only half' }));
    const source = vapidKeySecret(secret.client, 'arn:vapid', { generate: () => pair(1) });

    // Act + Assess
    await expect(source.current()).rejects.toThrow('the VAPID secret holds a malformed key pair');
    secret.store('fixed', JSON.stringify(pair(4)));
    await expect(source.current()).resolves.toEqual(pair(4));
  });
});
