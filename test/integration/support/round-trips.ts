// The stack's table through a client whose every request the bench's counter (bench/requests.ts)
// records, and the DynamoDB cost of a piece of work: requests and sequential round trips.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { countRequests, instrumentClient, sequentialRoundTrips } from '../../../bench/requests';
import type { Table } from '../../../functions/store/table';
import { table, urls } from './stack';

export const counted: Table = (() => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: urls.env.AWS_ENDPOINT_URL_DYNAMODB,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  instrumentClient(client);
  return { ...table, client };
})();

/** Runs `work` and answers its DynamoDB cost: requests and sequential round trips. */
export async function cost(work: () => Promise<unknown>) {
  const { requests, roundTrips } = await costInOrder(work);
  return { requests, roundTrips };
}

/** `cost`, plus the commands in the order they were sent. */
export async function costInOrder(work: () => Promise<unknown>) {
  const { requests } = await countRequests(work);
  return {
    requests: requests.length,
    roundTrips: sequentialRoundTrips(requests),
    commands: [...requests].sort((a, b) => a.start - b.start).map((r) => r.command),
  };
}
