import { defineConfig } from 'vitest/config';

// Node 20 runs the tests; the SDK's notice about its future Node 22 floor is noise here.
// Logs as in Lambda (JSON records): tests parse them. test/unit/observe.test.ts checks the local line format.
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', PORTICO_LOG_FORMAT: 'json' };

// Four layers, each runnable alone: `npm run test:unit`, `test:integration`, `test:cdk`,
// `test:reliability` (the reliability and security suite; it starts its own stack per file),
// `test:crash` (kills and restarts of `npm start` itself), and
// `browser` (the portal demo in Debian's Chromium, on a stack of its own; skipped without Chromium).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', env, include: ['test/unit/**/*.test.ts'] } },
      // The typed client packed (npm pack) and imported as an SPA would: a few seconds of builds.
      { test: { name: 'package', env, include: ['test/package/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'cdk', env, include: ['test/cdk/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'integration',
          env,
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'reliability',
          env,
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/reliability/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // `npm start` killed (SIGKILL to its group) mid fan-out and restarted on the same data, and
        // stopped by SIGTERM; each file spawns its own stacks on free ports (a few minutes in all).
        test: {
          name: 'crash',
          env,
          include: ['test/crash/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          env,
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
