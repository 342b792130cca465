import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../functions/config';

const FULL = {
  TABLE_NAME: 'portico',
  BUCKET_NAME: 'portico-uploads',
  EVENT_BUS_NAME: 'portico-events',
  CURSOR_SECRET: 'x'.repeat(32),
  SENDER_EMAIL: 'noreply@portico.example',
  PATH: '/usr/bin',
  AWS_SECRET_ACCESS_KEY: 'not-for-the-config',
};

/** Runs `load` and returns the message it threw (undefined when it did not throw). */
function errorOf(load: () => unknown): string | undefined {
  try {
    load();
  } catch (err) {
    return (err as Error).message;
  }
  return undefined;
}

describe('Module: config', () => {
  it('returns exactly the named variables', () => {
    // Act
    const config = loadConfig(['TABLE_NAME', 'CURSOR_SECRET'], FULL);

    // Assess
    expect(config).toEqual({ TABLE_NAME: 'portico', CURSOR_SECRET: 'x'.repeat(32) });
  });

  it('ignores variables it was not asked for, even invalid ones', () => {
    // Act
    const config = loadConfig(['TABLE_NAME'], {
      TABLE_NAME: 't',
      CURSOR_SECRET: 'short',
      SENDER_EMAIL: 'nope',
    });

    // Assess
    expect(config).toEqual({ TABLE_NAME: 't' });
  });

  it('names every missing or invalid variable in one error, and no other', () => {
    // Act
    const message = errorOf(() =>
      loadConfig(['TABLE_NAME', 'EVENT_BUS_NAME', 'CURSOR_SECRET', 'SENDER_EMAIL', 'BUCKET_NAME'], {
        EVENT_BUS_NAME: 'bus',
        CURSOR_SECRET: 'too-short',
        SENDER_EMAIL: 'not-an-email',
        BUCKET_NAME: '',
      }),
    );

    // Assess
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain('TABLE_NAME');
    expect(message).toContain('CURSOR_SECRET: must be at least 32 characters');
    expect(message).toContain('SENDER_EMAIL');
    expect(message).toContain('BUCKET_NAME');
    expect(message).not.toContain('EVENT_BUS_NAME');
  });

  it('does not echo secret values in the error', () => {
    // Act
    const message = errorOf(() => loadConfig(['CURSOR_SECRET'], { CURSOR_SECRET: 'hunter2' }));

    // Assess
    expect(message).toContain('CURSOR_SECRET');
    expect(message).not.toContain('hunter2');
  });

  it('reads process.env by default', () => {
    // Prepare
    const before = process.env.TABLE_NAME;
    process.env.TABLE_NAME = 'from-process-env';

    try {
      // Act & Assess
      expect(loadConfig(['TABLE_NAME'])).toEqual({ TABLE_NAME: 'from-process-env' });
    } finally {
      if (before === undefined) delete process.env.TABLE_NAME;
      else process.env.TABLE_NAME = before;
    }
  });
});
