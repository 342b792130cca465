import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryTransactionConflicts } from '../../functions/clients/dynamodb';

// A stand-in DynamoDB that answers the first `conflicts` PutItems with TransactionConflictException,
// as DynamoDB does while a transaction holds the item, then accepts.
let conflicts = 0;
let calls = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    calls++;
    res.setHeader('content-type', 'application/x-amz-json-1.0');
    if (calls <= conflicts) {
      res.writeHead(400).end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException',
          message: 'Transaction is ongoing for the item',
        }),
      );
    } else res.writeHead(200).end('{}');
  });
});
let endpoint = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const put = (client: DynamoDBClient) =>
  client.send(new PutItemCommand({ TableName: 't', Item: { PK: { S: 'a' }, SK: { S: 'b' } } }));
const clientOf = () =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });

describe('Function: retryTransactionConflicts', () => {
  it('retries a single write that met a transaction, with the SDK backoff', async () => {
    // Prepare
    conflicts = 2;
    calls = 0;

    // Act
    const result = await put(retryTransactionConflicts(clientOf()));

    // Assess
    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(calls).toBe(3);
  });

  it('is needed: a bare client gives the conflict to the caller', async () => {
    // Prepare
    conflicts = 1;
    calls = 0;

    // Act + Assess
    await expect(put(clientOf())).rejects.toMatchObject({ name: 'TransactionConflictException' });
    expect(calls).toBe(1);
  });
});
