import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PorticoFunction } from '../../lib/function';
import { repoRoot } from '../../lib/function';
import { type CfnResourceJson, logicalId, synthPortico } from './app';

const run = promisify(execFile);

// Prepare (shared)
const { stack, template } = synthPortico();
const functions = template.findResources('AWS::Lambda::Function') as Record<string, CfnResourceJson>;

/** What Lambda itself sets; everything else must come from the stack. */
const RUNTIME_ENV = {
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'probe',
};
/** Stands in for values CloudFormation resolves at deploy time (names, ARNs, the cursor secret). */
const DEPLOY_TIME_VALUE = 'resolved-at-deploy-time-0123456789abcdef0123456789';

function deployedEnv(fn: PorticoFunction): Record<string, string> {
  const env = (
    functions[logicalId(fn.lambda)]!.Properties.Environment as { Variables: Record<string, unknown> }
  ).Variables;
  return Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : DEPLOY_TIME_VALUE]),
  );
}

const entries = (): [string, PorticoFunction][] => [
  ...[...stack.groupFunctions].map(
    ([group, fn]) => [`functions/handlers/${group}.ts`, fn] as [string, PorticoFunction],
  ),
  ['functions/handlers/publisher.ts', stack.outbox.publisher],
  ['functions/handlers/notify.ts', stack.eventTargets.notify],
  ['functions/handlers/ingest.ts', stack.eventTargets.ingest],
  ['functions/handlers/reminders.ts', stack.reminders.function],
  ['functions/handlers/digests.ts', stack.digests.function],
  ['functions/handlers/identity-mail.ts', stack.identity.mailFunction],
  ['functions/handlers/live-connections.ts', stack.live.connections],
  ['functions/handlers/live-fanout.ts', stack.live.fanOut],
];

/**
 * Stands in for Secrets Manager: functions read their secrets by ARN at cold start. Records which
 * secret each call asked for (the probe's credentials are dummies; nothing leaves this machine).
 */
const secretsAsked: string[] = [];
const secretsManager = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
    secretsAsked.push(String(SecretId));
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify({ ARN: SecretId, Name: 'cursor', SecretString: 's'.repeat(48) }));
  });
});
let secretsEndpoint = '';
beforeAll(async () => {
  await new Promise<void>((r) => secretsManager.listen(0, '127.0.0.1', r));
  secretsEndpoint = `http://127.0.0.1:${(secretsManager.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => secretsManager.close(() => r())));

describe('Stack: Portico', () => {
  describe('cold start', () => {
    // Each probe is a separate Node process, so they run side by side.
    it.concurrent.each(entries())(
      '%s loads with exactly the environment the stack gives it',
      async (entry, fn) => {
        // Prepare: module init reads configuration (functions/config.ts); a variable the function
        // needs but the stack does not set would fail here instead of in AWS.
        const env = {
          PATH: process.env.PATH,
          NODE_NO_WARNINGS: '1',
          ...RUNTIME_ENV,
          AWS_ACCESS_KEY_ID: 'probe',
          AWS_SECRET_ACCESS_KEY: 'probe',
          AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsEndpoint,
          ...deployedEnv(fn),
        };
        const probe = `const m = await import(${JSON.stringify(`./${entry}`)});
          if (typeof m.handler !== 'function') throw new Error('no handler export');`;

        // Act
        const result = run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
          cwd: repoRoot,
          env,
        });

        // Assess
        await expect(result).resolves.toBeDefined();
      },
      30_000,
    );

    it('route group functions read the cursor secret by its ARN at cold start, once each', () => {
      // Assess (after the probes above): one GetSecretValue per route group, for the stack's secret.
      expect(secretsAsked).toEqual([...stack.groupFunctions.keys()].map(() => DEPLOY_TIME_VALUE));
    });
  });
});
