// The DynamoDB document client, created once per container. Endpoint: AWS_ENDPOINT_URL_DYNAMODB.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A single write to an item that a transaction holds at that moment fails with
 * TransactionConflictException, which the SDK does not retry by itself: it is a race between two
 * requests, not the caller's fault, so it is marked retryable and the SDK's own backoff tries again.
 * (A cancelled transaction is retried by the store's transactWrite, which knows the reasons.)
 */
export function retryTransactionConflicts(client: DynamoDBClient): DynamoDBClient {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        const e = err as { name?: string; $retryable?: object };
        if (e?.name === 'TransactionConflictException') e.$retryable ??= {};
        throw err;
      }
    },
    // Around the deserializer (which throws the modelled error), inside the retry middleware.
    { step: 'deserialize', priority: 'high', name: 'retryTransactionConflicts' },
  );
  return client;
}

export const documentClient = DynamoDBDocumentClient.from(retryTransactionConflicts(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
