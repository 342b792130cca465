import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

// Stand-ins for CloudFormation (query protocol, XML), SQS (JSON protocol) and Lambda (REST) on this
// machine: the script's real SDK calls go there through the SDK's AWS_ENDPOINT_URL_* variables.
const queue = ['{"id":"e1"}', '{"id":"e2"}', '{"id":"e3"}'].map((body, i) => ({ body, receipt: `rh-${i}` }));
const invoked: { fn: string; type: string | undefined; body: string }[] = [];
const deleted: string[] = [];
let failInvokeOf: string | undefined;

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.url?.startsWith('/2015-03-31/functions/')) {
      const fn = decodeURIComponent(req.url.split('/')[3] ?? '');
      if (body === failInvokeOf) {
        res.writeHead(403, {
          'x-amzn-errortype': 'AccessDeniedException',
          'content-type': 'application/json',
        });
        res.end(JSON.stringify({ message: 'not allowed' }));
        return;
      }
      invoked.push({ fn, type: req.headers['x-amz-invocation-type'] as string | undefined, body });
      res.writeHead(202).end();
    } else if (target === 'AmazonSQS.ReceiveMessage') {
      const visible = queue.filter((m) => !deleted.includes(m.receipt)).slice(0, 2);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          Messages: visible.map((m) => ({
            MessageId: m.receipt,
            ReceiptHandle: m.receipt,
            Body: m.body,
            MD5OfBody: createHash('md5').update(m.body).digest('hex'),
          })),
        }),
      );
    } else if (target === 'AmazonSQS.DeleteMessage') {
      deleted.push((JSON.parse(body) as { ReceiptHandle: string }).ReceiptHandle);
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
    } else if (body.includes('Action=DescribeStacks')) {
      const output = (k: string, v: string) =>
        `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<DescribeStacksResponse><DescribeStacksResult><Stacks><member><StackName>Portico-prod</StackName><StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-12-01T00:00:00Z</CreationTime><Outputs>${output('NotifyDeadLetterQueueUrl', `${endpoint}/1/notify-dlq`)}${output('NotifyFunctionName', 'Portico-prod-Notify')}</Outputs></member></Stacks></DescribeStacksResult></DescribeStacksResponse>`,
      );
    } else res.writeHead(400).end(`unexpected request ${req.method} ${req.url} ${target}`);
  });
});
let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const redrive = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/redrive.ts', ...args], {
    env: {
      PATH: process.env.PATH,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_ENDPOINT_URL_CLOUDFORMATION: endpoint,
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_ENDPOINT_URL_LAMBDA: endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });

describe('Script: npm run redrive (AWS)', () => {
  it('finds the queue and function in the stack outputs, hands each letter back asynchronously, deletes it after', async () => {
    // Prepare: the second letter cannot be handed back yet (the cause is not fixed).
    failInvokeOf = '{"id":"e2"}';

    // Act
    const first = redrive('notify', '--stage', 'prod');

    // Assess: it stops there, the letter stays, the exit code says so.
    const err = (await first.catch((e: unknown) => e)) as { code?: number; stderr?: string; stdout?: string };
    expect(err, `${err.stdout} ${err.stderr}`).toMatchObject({ code: 1 });
    expect(invoked, `${err.stdout} ${err.stderr}`).toEqual([
      { fn: 'Portico-prod-Notify', type: 'Event', body: '{"id":"e1"}' },
    ]);
    expect(deleted).toEqual(['rh-0']);

    // Act: fixed; run again.
    failInvokeOf = undefined;
    const { stdout } = await redrive('notify', '--stage', 'prod');

    // Assess
    expect(invoked.map((i) => i.body)).toEqual(['{"id":"e1"}', '{"id":"e2"}', '{"id":"e3"}']);
    expect(deleted).toEqual(['rh-0', 'rh-1', 'rh-2']);
    expect(stdout).toContain('2 dead letters of notify handed back to Portico-prod-Notify; queue empty');
  }, 60_000);

  it('refuses the stream failure queue and an unknown name with a clear message', async () => {
    // Act + Assess
    await expect(redrive('stream')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot be redriven'),
    });
    await expect(redrive('inbox')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown queue "inbox"'),
    });
  }, 60_000);
});
