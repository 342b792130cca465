// The API Gateway Management API client of the live channel's WebSocket API, created on first use,
// once per container. Endpoint: LIVE_CALLBACK_URL (the stage's https URL on AWS, the local live
// endpoint's http URL locally: the service has no AWS_ENDPOINT_URL_* of its own per API).
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';

let client: ApiGatewayManagementApiClient | undefined;
export const liveConnectionsClient = (): ApiGatewayManagementApiClient => {
  client ??= new ApiGatewayManagementApiClient({
    ...(process.env.LIVE_CALLBACK_URL ? { endpoint: process.env.LIVE_CALLBACK_URL } : {}),
  });
  return client;
};
