import { describe, expect, it } from 'vitest';
import { EMAIL, loadConfig } from '../../functions/config';
import { DEFAULT_PUSH_SERVICES } from '../../functions/domain/push-services';
import * as z from '../../functions/zod-mini';

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

  it('checks an email with the pattern of zod', () => {
    // Assess: the reader replaced `z.email()`; the pattern must not drift from zod's.
    expect(EMAIL.source).toBe(z.regexes.email.source);
    expect(loadConfig(['SENDER_EMAIL'], { SENDER_EMAIL: 'noreply@portico.example' })).toEqual({
      SENDER_EMAIL: 'noreply@portico.example',
    });
    expect(errorOf(() => loadConfig(['SENDER_EMAIL'], { SENDER_EMAIL: 'noreply@localhost' }))).toBe(
      'Invalid configuration: SENDER_EMAIL: must be an email address',
    );
  });

  it('reads a URL trimmed, as `z.url()` returned it, and names one that does not parse', () => {
    // Act
    const config = loadConfig(['APP_URL', 'PORTAL_URL'], {
      APP_URL: '  https://app.portico.example/ ',
      PORTAL_URL: 'http://localhost:5173',
    });
    const message = errorOf(() => loadConfig(['APP_URL', 'PORTAL_URL'], { APP_URL: 'app.portico.example' }));

    // Assess
    expect(config).toEqual({ APP_URL: 'https://app.portico.example/', PORTAL_URL: 'http://localhost:5173' });
    expect(message).toBe('Invalid configuration: APP_URL: must be a URL; PORTAL_URL: is not set');
  });

  it('reads whole numbers within their range, with their defaults, and leaves an unset optional one out', () => {
    // Act
    const set = loadConfig(['NOTIFY_LEASE_MS', 'STAFF_DIRECTORY_TTL_SECONDS', 'UPLOAD_MAX_BYTES'], {
      NOTIFY_LEASE_MS: '5000',
      STAFF_DIRECTORY_TTL_SECONDS: '0',
      UPLOAD_MAX_BYTES: '1024',
    });
    const unset = loadConfig(['NOTIFY_LEASE_MS', 'STAFF_DIRECTORY_TTL_SECONDS', 'UPLOAD_MAX_BYTES'], {});
    const message = errorOf(() =>
      loadConfig(['NOTIFY_LEASE_MS', 'NOTIFY_THROTTLE_BUDGET_MS', 'STAFF_DIRECTORY_TTL_SECONDS'], {
        NOTIFY_LEASE_MS: '1.5',
        NOTIFY_THROTTLE_BUDGET_MS: '0',
        STAFF_DIRECTORY_TTL_SECONDS: '301',
      }),
    );

    // Assess
    expect(set).toEqual({ NOTIFY_LEASE_MS: 5000, STAFF_DIRECTORY_TTL_SECONDS: 0, UPLOAD_MAX_BYTES: 1024 });
    expect(unset).toEqual({ STAFF_DIRECTORY_TTL_SECONDS: 60, UPLOAD_MAX_BYTES: 25 * 1024 * 1024 });
    expect(Object.hasOwn(unset, 'NOTIFY_LEASE_MS')).toBe(false);
    expect(message).toBe(
      'Invalid configuration: NOTIFY_LEASE_MS: must be a whole number of at least 1; ' +
        'NOTIFY_THROTTLE_BUDGET_MS: must be a whole number of at least 1; ' +
        'STAFF_DIRECTORY_TTL_SECONDS: must be a whole number from 0 to 300',
    );
    expect(errorOf(() => loadConfig(['UPLOAD_MAX_BYTES'], { UPLOAD_MAX_BYTES: 'lots' }))).toBe(
      'Invalid configuration: UPLOAD_MAX_BYTES: must be a whole number of at least 1',
    );
  });

  it('reads comma-separated lists trimmed, with the push services by default', () => {
    // Act
    const config = loadConfig(['STAFF_CLIENT_IDS', 'PUSH_SERVICES'], {
      STAFF_CLIENT_IDS: ' a, b ,,c ',
    });

    // Assess
    expect(config).toEqual({ STAFF_CLIENT_IDS: ['a', 'b', 'c'], PUSH_SERVICES: [...DEFAULT_PUSH_SERVICES] });
    expect(loadConfig(['PUSH_SERVICES'], { PUSH_SERVICES: 'http://localhost:9000' })).toEqual({
      PUSH_SERVICES: ['http://localhost:9000'],
    });
    expect(errorOf(() => loadConfig(['CONTACT_CLIENT_IDS'], { CONTACT_CLIENT_IDS: '' }))).toBe(
      'Invalid configuration: CONTACT_CLIENT_IDS: must not be empty',
    );
  });

  it('names an optional variable set empty', () => {
    // Assess
    expect(loadConfig(['MAIL_CONFIGURATION_SET'], {})).toEqual({});
    expect(errorOf(() => loadConfig(['MAIL_CONFIGURATION_SET'], { MAIL_CONFIGURATION_SET: '' }))).toBe(
      'Invalid configuration: MAIL_CONFIGURATION_SET: must not be empty',
    );
  });
});
