import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPortalConfig, parsePortalConfig } from '../../client/src/index';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// Run from a temporary folder (the default file lands there), so tsx is named by its path.
const tsx = pathToFileURL(resolve(root, 'node_modules/tsx/dist/loader.mjs')).href;

const AWS_OUTPUTS: Record<string, string> = {
  ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
  Region: 'eu-west-1',
  TableName: 'Portico-prod-Table',
  StaffUserPoolId: 'eu-west-1_Staff1',
  StaffClientId: 'staffclient1',
  ContactUserPoolId: 'eu-west-1_Contact1',
  ContactClientId: 'contactclient1',
};
const LOCAL_OUTPUTS: Record<string, string> = {
  ApiUrl: 'http://127.0.0.1:3999',
  Region: 'us-east-1',
  StaffUserPoolId: 'us-east-1_PorticoStaff',
  StaffClientId: 'portico-local-staff',
  ContactUserPoolId: 'us-east-1_PorticoContact',
  ContactClientId: 'portico-local-contact',
  LocalIdentityEndpoint: 'http://127.0.0.1:3998',
};
let outputs = AWS_OUTPUTS;

// CloudFormation (query protocol, XML) and the local stack's GET /local/outputs on this machine.
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    if (req.url === '/local/outputs') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outputs));
    } else if (body.includes('Action=DescribeStacks') && body.includes('StackName=Portico-prod')) {
      const members = Object.entries(outputs)
        .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
        .join('');
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>Portico-prod</StackName><StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-12-01T00:00:00Z</CreationTime><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult></DescribeStacksResponse>`,
      );
    } else if (body.includes('Action=DescribeStacks')) {
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(
        '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id Portico-dev does not exist</Message></Error></ErrorResponse>',
      );
    } else res.writeHead(400).end(`unexpected request ${req.method} ${req.url}`);
  });
});
let endpoint = '';
let dir = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'portico-portal-config-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((r) => server.close(() => r()));
});

const portalConfig = (...args: string[]) =>
  run(process.execPath, ['--import', tsx, resolve(root, 'scripts/portal-config.ts'), ...args], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_CLOUDFORMATION: endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
const written = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;

describe('Script: npm run portal-config', () => {
  it("writes a deployed stack's API, region, regional Cognito endpoint, pools and clients", async () => {
    // Prepare
    outputs = AWS_OUTPUTS;

    // Act
    const { stdout } = await portalConfig('--stage', 'prod');

    // Assess
    expect(written('portal-config.json')).toEqual({
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/',
      region: 'eu-west-1',
      identity: {
        endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
        staff: { userPoolId: 'eu-west-1_Staff1', clientId: 'staffclient1' },
        contact: { userPoolId: 'eu-west-1_Contact1', clientId: 'contactclient1' },
      },
    });
    expect(stdout).toContain('wrote portal-config.json for stack Portico-prod');
  }, 60_000);

  it("writes the local stack's config with the local identity service as the endpoint, to --out", async () => {
    outputs = LOCAL_OUTPUTS;

    await portalConfig('--local', '--api', endpoint, '--out', 'local.json');

    expect(written('local.json')).toEqual({
      apiUrl: 'http://127.0.0.1:3999',
      region: 'us-east-1',
      identity: {
        endpoint: 'http://127.0.0.1:3998',
        staff: { userPoolId: 'us-east-1_PorticoStaff', clientId: 'portico-local-staff' },
        contact: { userPoolId: 'us-east-1_PorticoContact', clientId: 'portico-local-contact' },
      },
    });
  }, 60_000);

  it('names the missing output of a stack deployed before it existed, the stack that is not there, a bad option', async () => {
    // Prepare
    outputs = { ...AWS_OUTPUTS, ContactClientId: '' };

    // Act + Assess
    await expect(portalConfig('--stack', 'Portico-prod', '--out', 'missing.json')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('stack Portico-prod has no output ContactClientId'),
    });
    await expect(portalConfig('--stage', 'dev')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'cannot read stack Portico-dev: Stack with id Portico-dev does not exist',
      ),
    });
    await expect(portalConfig('--local', '--stage', 'prod')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--local cannot be combined with --stage or --stack'),
    });
    expect(() => readFileSync(join(dir, 'missing.json'))).toThrow();
  }, 60_000);
});

describe('Module: client portal config', () => {
  it('loads a portal config and names the first field a file lacks', async () => {
    const good = {
      apiUrl: 'a',
      region: 'r',
      identity: {
        endpoint: 'e',
        staff: { userPoolId: 'p', clientId: 'c' },
        contact: { userPoolId: 'p', clientId: 'c' },
      },
    };
    const fetch = (async () => new Response(JSON.stringify(good))) as typeof globalThis.fetch;

    expect(await loadPortalConfig('/portal-config.json', fetch)).toEqual(good);
    expect(() => parsePortalConfig({ ...good, identity: { ...good.identity, contact: {} } })).toThrow(
      'the portal config has no identity.contact.userPoolId',
    );
    expect(() => parsePortalConfig(null)).toThrow('the portal config has no apiUrl');
  });
});
