import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupHandlers } from '../../local/handlers';
import { accessRequests } from '../../local/iam/calls';
import { groupFunction, localFunctions } from '../../local/iam/functions';
import { evaluate } from '../../local/iam/policy';
import { type FunctionPolicy, functionPolicies, synthesizedTemplate } from '../../local/iam/template';

// Prepare (shared): the real template, as the local stack synthesizes it, resolved to local names.
let cacheDir: string;
let policies: Record<string, FunctionPolicy>;
let cachedOnSecondRead: boolean;
const VAPID = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:portico-vapid-keys';

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'portico-iam-cache-'));
  const context = { senderEmail: 'no-reply@portico.local' };
  const synth = await synthesizedTemplate({ cacheDir, context });
  cachedOnSecondRead = (await synthesizedTemplate({ cacheDir, context })).cached;
  policies = functionPolicies(synth, {
    tableName: 'portico',
    bucketName: 'portico-uploads',
    busName: 'portico-events',
    secrets: { VapidKeys: VAPID },
  });
}, 120_000);

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const allowed = (fn: string, client: string, command: string, input: Record<string, unknown>) =>
  accessRequests(client, command, input).map((r) => evaluate(policies[fn]!.statements, r).decision);

describe('Local IAM: the synthesized template', () => {
  it('is cached after one synth, one file per source hash', async () => {
    expect(cachedOnSecondRead).toBe(true);
    expect((await readdir(cacheDir)).filter((f) => f.startsWith('template-'))).toHaveLength(1);
  });

  it('has a role for every function the local stack invokes', () => {
    const invoked = [...Object.keys(groupHandlers).map(groupFunction), ...Object.values(localFunctions)];
    expect(invoked.filter((fn) => !policies[fn])).toEqual([]);
  });

  it("resolves each role's table, bucket, bus and secret grants to the local names", () => {
    expect(
      allowed('CasesRoutes', 'DynamoDBClient', 'QueryCommand', { TableName: 'portico', IndexName: 'GSI1' }),
    ).toEqual(['allow']);
    expect(
      allowed('DocumentsRoutes', 'S3Client', 'GetObjectCommand', {
        Bucket: 'portico-uploads',
        Key: 'firms/f/x',
      }),
    ).toEqual(['allow']);
    expect(
      allowed('OutboxPublisher', 'EventBridgeClient', 'PutEventsCommand', {
        Entries: [{ EventBusName: 'portico-events' }],
      }),
    ).toEqual(['allow']);
    expect(
      allowed('NotificationsRoutes', 'SecretsManagerClient', 'PutSecretValueCommand', { SecretId: VAPID }),
    ).toEqual(['allow']);
    expect(
      allowed('Notify', 'SESv2Client', 'SendEmailCommand', { FromEmailAddress: 'no-reply@portico.local' }),
    ).toEqual(['allow']);
  });

  it('refuses what a role does not grant: another sender, a Scan, a delete by the documents routes, a put by the publisher', () => {
    expect(
      allowed('Notify', 'SESv2Client', 'SendEmailCommand', { FromEmailAddress: 'ceo@portico.local' }),
    ).toEqual(['implicitDeny']);
    expect(allowed('CasesRoutes', 'DynamoDBClient', 'ScanCommand', { TableName: 'portico' })).toEqual([
      'implicitDeny',
    ]);
    expect(
      allowed('DocumentsRoutes', 'S3Client', 'DeleteObjectCommand', {
        Bucket: 'portico-uploads',
        Key: 'firms/f/x',
      }),
    ).toEqual(['implicitDeny']);
    expect(allowed('OutboxPublisher', 'DynamoDBClient', 'PutItemCommand', { TableName: 'portico' })).toEqual([
      'implicitDeny',
    ]);
  });
});
