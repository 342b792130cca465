import { describe, expect, it, vi } from 'vitest';
import { resolveSecrets } from '../../functions/wiring/secrets';

describe('Function: resolveSecrets', () => {
  it('reads a secret by its ARN once, however many callers ask at the same time', async () => {
    // Prepare
    const env: Record<string, string | undefined> = {
      CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:c',
    };
    const read = vi.fn(async () => 'k'.repeat(48));

    // Act
    await Promise.all([
      resolveSecrets(['CURSOR_SECRET'], env, read),
      resolveSecrets(['CURSOR_SECRET'], env, read),
    ]);
    await resolveSecrets(['CURSOR_SECRET'], env, read);

    // Assess
    expect(env.CURSOR_SECRET).toBe('k'.repeat(48));
    expect(read).toHaveBeenCalledTimes(1);
    expect(read).toHaveBeenCalledWith('arn:aws:secretsmanager:eu-west-1:1:secret:c');
  });

  it('makes no call when the value is already set (the local stack sets it)', async () => {
    // Prepare
    const env = { CURSOR_SECRET: 'local', CURSOR_SECRET_ARN: 'arn:x' };
    const read = vi.fn(async () => 'remote');

    // Act
    await resolveSecrets(['CURSOR_SECRET'], env, read);

    // Assess
    expect(env.CURSOR_SECRET).toBe('local');
    expect(read).not.toHaveBeenCalled();
  });

  it('says which variable failed, and tries again on the next call', async () => {
    // Prepare
    const env: Record<string, string | undefined> = { CURSOR_SECRET_ARN: 'arn:y' };
    const read = vi
      .fn<(arn: string) => Promise<string>>()
      .mockRejectedValueOnce(new Error('AccessDeniedException'))
      .mockResolvedValueOnce('second try');

    // Act + Assess
    await expect(resolveSecrets(['CURSOR_SECRET'], env, read)).rejects.toThrow(
      /CURSOR_SECRET could not be read from CURSOR_SECRET_ARN: AccessDeniedException/,
    );
    await resolveSecrets(['CURSOR_SECRET'], env, read);
    expect(env.CURSOR_SECRET).toBe('second try');
  });
});
