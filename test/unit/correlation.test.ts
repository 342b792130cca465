// The invocation context: an AsyncLocalStorage where one process serves invocations concurrently
// (local stack, tests, Lambda with AWS_LAMBDA_MAX_CONCURRENCY), a plain variable in a Lambda that
// serves one at a time (no promise hooks on a cold start: decision 0053).
import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';

type Correlation = typeof import('../../functions/correlation');

/** The module as a fresh process with `env` would load it. */
async function loadWith(env: Record<string, string | undefined>): Promise<Correlation> {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return import('../../functions/correlation');
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('Function: invocation context', () => {
  it('in a one-at-a-time Lambda it never runs an AsyncLocalStorage, and nested runs restore the outer one', async () => {
    // Prepare
    const run = vi.spyOn(AsyncLocalStorage.prototype, 'run');
    const { withInvocation, correlationId, currentInvocation } = await loadWith({
      AWS_LAMBDA_FUNCTION_NAME: 'portico-digests',
      AWS_LAMBDA_MAX_CONCURRENCY: undefined,
    });
    const seen: (string | undefined)[] = [];

    // Act
    const result = await withInvocation(
      { fn: 'digests', correlationId: 'outer', requestId: 'r1' },
      async () => {
        await tick();
        seen.push(correlationId());
        const inner = await withInvocation({ ...currentInvocation()!, correlationId: 'inner' }, async () => {
          await tick();
          seen.push(correlationId());
          return currentInvocation();
        });
        seen.push(correlationId());
        return inner;
      },
    );

    // Assess
    expect(run).not.toHaveBeenCalled();
    expect(seen).toEqual(['outer', 'inner', 'outer']);
    expect(result).toEqual({ fn: 'digests', correlationId: 'inner', requestId: 'r1' });
    expect(currentInvocation()).toBeUndefined();
  });

  it('in a one-at-a-time Lambda a call that throws or rejects still leaves no context behind', async () => {
    // Prepare
    const { withInvocation, currentInvocation } = await loadWith({
      AWS_LAMBDA_FUNCTION_NAME: 'portico-notify',
    });

    // Act
    const thrown = (() => {
      try {
        return withInvocation({ fn: 'notify' }, () => {
          throw new Error('sync');
        });
      } catch (err) {
        return err;
      }
    })();
    const rejected = await withInvocation({ fn: 'notify' }, async () => {
      await tick();
      throw new Error('async');
    }).catch((err: Error) => err);

    // Assess
    expect((thrown as Error).message).toBe('sync');
    expect(rejected.message).toBe('async');
    expect(currentInvocation()).toBeUndefined();
  });

  it.each([
    ['the local stack or a test', { AWS_LAMBDA_FUNCTION_NAME: undefined }],
    [
      'a Lambda serving invocations concurrently',
      { AWS_LAMBDA_FUNCTION_NAME: 'portico-cases', AWS_LAMBDA_MAX_CONCURRENCY: '8' },
    ],
  ])('in %s concurrent invocations each keep their own context', async (_where, env) => {
    // Prepare
    const { withInvocation, correlationId } = await loadWith(env);
    const serve = (id: string, waits: number) =>
      withInvocation({ fn: 'cases', correlationId: id }, async () => {
        for (let i = 0; i < waits; i++) await tick();
        return correlationId();
      });

    // Act
    const seen = await Promise.all([serve('a', 3), serve('b', 1), serve('c', 2)]);

    // Assess
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(correlationId()).toBeUndefined();
  });
});
