import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { PorticoFunction } from '../../lib/function';

/** Synthesizes one function with bundling on (no Docker) and returns its bundle file. */
function bundleOf(stackName: string, id: string, entry: string): string {
  const app = new App();
  const stack = new Stack(app, stackName);
  new PorticoFunction(stack, id, { entry, description: 'bundling probe' });
  const assembly = app.synth();
  const [asset] = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
  return path.join(assembly.directory, asset!, 'index.mjs');
}

/** Imports a bundle in plain Node (outside vitest) with `env`; throws unless it exports a handler. */
function loadHandler(file: string, env: Record<string, string>): void {
  const probe = `const m = await import(${JSON.stringify(pathToFileURL(file).href)});
        if (typeof m.handler !== 'function') throw new Error('no handler export');`;
  execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
    env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', NODE_NO_WARNINGS: '1', ...env },
    stdio: 'pipe',
  });
}

describe('Stack: Portico', () => {
  describe('bundling', () => {
    it('bundles a route group offline with the local esbuild into a loadable, minified ESM file', () => {
      // Prepare: one function, bundling on (no `aws:cdk:bundling-stacks` override), no Docker.
      const app = new App();
      const stack = new Stack(app, 'BundlingProbe');
      new PorticoFunction(stack, 'Cases', {
        entry: 'functions/handlers/cases.ts',
        description: 'bundling probe',
      });

      // Act
      const assembly = app.synth();

      // Assess
      const assets = readdirSync(assembly.directory).filter((d) => d.startsWith('asset.'));
      expect(assets).toHaveLength(1);
      const dir = path.join(assembly.directory, assets[0]!);
      const code = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      expect(existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
      expect(
        code.startsWith(
          "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        ),
      ).toBe(true);
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
      // Everything is bundled, the AWS SDK included: only Node built-ins are left to import.
      const imports = [...code.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]!);
      expect(imports.filter((m) => !m.startsWith('node:') && !/^[a-z_]+$/.test(m))).toEqual([]);
      expect(code.length / code.split('\n').length).toBeGreaterThan(1000); // minified: long lines

      // The bundle loads in plain Node (outside vitest) and exports the handler.
      loadHandler(path.join(dir, 'index.mjs'), {
        TABLE_NAME: 'probe',
        CURSOR_SECRET: 'x'.repeat(48),
        STAFF_CLIENT_IDS: 'staff-client',
        CONTACT_CLIENT_IDS: 'contact-client',
        // The cases group removes and erases contacts' portal logins (decision 0042).
        CONTACT_USER_POOL_ID: 'eu-west-1_probe',
      });
    });

    it('bundles the Cognito mail trigger small (no AWS SDK) and it renders a sign-in code mail in plain Node', () => {
      // Prepare: Cognito waits at most 5 s for the trigger, cold start included: keep it small.
      // Act
      const file = bundleOf('MailBundlingProbe', 'IdentityMail', 'functions/handlers/identity-mail.ts');

      // Assess
      const code = readFileSync(file, 'utf8');
      expect(code.length).toBeLessThan(150_000);
      expect(code).not.toContain('@aws-sdk');
      const probe = `const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
        const event = { triggerSource: 'CustomMessage_Authentication', request: { userAttributes: { locale: 'es' },
          codeParameter: '{####}', usernameParameter: null }, response: {} };
        const out = await handler(event, {});
        process.stdout.write(JSON.stringify(out.response));`;
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
        env: {
          PATH: process.env.PATH,
          APP_URL: 'https://portal.firm.test/app',
          PORTAL_URL: 'https://portal.firm.test',
          NODE_NO_WARNINGS: '1',
        },
        encoding: 'utf8',
      });
      const response = JSON.parse(out.slice(out.lastIndexOf('{"email'))) as Record<string, string>;
      expect(response.emailSubject).toBe('Su código de acceso');
      expect(response.emailMessage).toContain('{####}');
    });

    it('bundles notify without intl-messageformat and with zod messages aliased away (lib/bundling.ts), and it loads', () => {
      // Act: notify formats texts parsed ahead (decision 0041) with its own formatter (decision 0051).
      const file = bundleOf('NotifyBundlingProbe', 'Notify', 'functions/handlers/notify.ts');

      // Assess: no ICU runtime (its errors' prefix), no zod English sentences; the bundle loads.
      const code = readFileSync(file, 'utf8');
      expect(code).not.toContain('formatjs Error');
      expect(code).not.toContain('EXPECT_ARGUMENT_CLOSING_BRACE');
      expect(code).not.toContain('Too small: expected');
      loadHandler(file, {
        TABLE_NAME: 'probe',
        SENDER_EMAIL: 'notices@firm.test',
        APP_URL: 'https://portal.firm.test/app',
        PORTAL_URL: 'https://portal.firm.test',
        EVENT_BUS_NAME: 'probe',
        VAPID_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:vapid',
      });
    });

    it('bundles activity without intl-messageformat too, and it loads', () => {
      // Act: activity formats its sentences, generated parsed ahead (decision 0040), itself (0051).
      const file = bundleOf('ActivityBundlingProbe', 'Activity', 'functions/handlers/activity.ts');

      // Assess: no ICU runtime (its errors' prefix), the English zod messages kept; the bundle loads.
      const code = readFileSync(file, 'utf8');
      expect(code).not.toContain('formatjs Error');
      expect(code).not.toContain('EXPECT_ARGUMENT_CLOSING_BRACE');
      expect(code).toContain('Too small: expected');
      loadHandler(file, {
        TABLE_NAME: 'probe',
        CURSOR_SECRET: 'x'.repeat(48),
        STAFF_CLIENT_IDS: 'staff-client',
        CONTACT_CLIENT_IDS: 'contact-client',
      });
    });
  });
});
