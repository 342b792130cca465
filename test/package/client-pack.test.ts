// The typed client as an SPA gets it: `npm pack` of client/ (its prepack builds dist), unpacked
// into a project of its own, imported from plain JavaScript and compiled against from TypeScript.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const fixture = resolve(import.meta.dirname, 'fixture');
let project = '';
let packed: { files: { path: string }[]; filename: string };

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'portico-client-pack-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const out = execFileSync(npm, ['pack', '--json', '--pack-destination', project], {
    cwd: resolve(root, 'client'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // npm prints the prepack's output before its JSON.
  packed = JSON.parse(out.slice(out.indexOf('\n[') + 1))[0];
  const installed = join(project, 'node_modules/@portico/client');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', join(project, packed.filename), '-C', installed, '--strip-components=1']);
  // The package's one dependency, from the repository's node_modules: no network, as in CI.
  symlinkSync(
    resolve(root, 'node_modules/openapi-fetch'),
    join(project, 'node_modules/openapi-fetch'),
    'dir',
  );
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'spa', private: true, type: 'module' }),
  );
  copyFileSync(join(fixture, 'consumer.mjs'), join(project, 'consumer.mjs'));
  copyFileSync(join(fixture, 'consumer.ts'), join(project, 'consumer.ts'));
}, 120_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('Package: @portico/client packed', () => {
  it('ships built JavaScript and .d.ts only, the generated API types included', () => {
    const files = packed.files.map((f) => f.path).sort();

    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/sign-in.js',
        'dist/sign-in.d.ts',
        'dist/schema.d.ts',
      ]),
    );
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('is imported from a plain .mjs module: the API client and the sign-in work', () => {
    // Act
    const out = execFileSync(process.execPath, ['consumer.mjs'], { cwd: project, encoding: 'utf8' });

    // Assess
    const seen = JSON.parse(out);
    expect(seen.exports).toEqual(
      expect.arrayContaining([
        'SignInError',
        'acceptInvitation',
        'createPorticoClient',
        'isApiError',
        'loadPortalConfig',
        'openInvitation',
        'refresh',
        'signOut',
        'signInWithPassword',
        'startEmailSignIn',
        'tokenSession',
        'uploadForm',
      ]),
    );
    expect(seen.inbox).toEqual({ items: [], unread: 0 });
    expect(seen.destination).toBe('c***@e***');
    expect(seen.tokens).toEqual({
      idToken: 'id',
      accessToken: 'acc',
      refreshToken: 'ref',
      expiresAt: 60_000,
    });
    expect(seen.error).toEqual([true, 'SignInError', 'wrong_code']);
    expect(seen.seen).toEqual([
      ['https://api.test/inbox', 'Bearer tok'],
      ['https://cognito.test/', 'AWSCognitoIdentityProviderService.InitiateAuth'],
      ['https://cognito.test/', 'AWSCognitoIdentityProviderService.RespondToAuthChallenge'],
    ]);
  });

  it('types a TypeScript consumer from the packed .d.ts (strict, NodeNext, the package types checked too)', () => {
    // Prepare
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          types: [],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );

    // Act
    const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
    const run = () =>
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFiles'], {
        cwd: project,
        encoding: 'utf8',
      });

    // Assess: it compiles, and its types came from the packed dist.
    let out: string;
    try {
      out = run();
    } catch (err) {
      throw new Error(`the consumer does not compile:\n${(err as { stdout?: string }).stdout ?? err}`);
    }
    expect(out).toMatch(/node_modules\/@portico\/client\/dist\/index\.d\.ts$/m);
  }, 60_000);
});
