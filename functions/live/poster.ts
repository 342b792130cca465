// The LivePoster over API Gateway's Management API: PostToConnection, and 410 Gone (GoneException)
// read as "this socket is closed" rather than an error.
import {
  type ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { LivePoster } from '../domain/live';

export function managementPoster(client: () => ApiGatewayManagementApiClient): LivePoster {
  return {
    async post(connectionId, message) {
      try {
        await client().send(
          new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(message) }),
        );
        return 'sent';
      } catch (err) {
        if (err instanceof GoneException || (err as { name?: string }).name === 'GoneException')
          return 'gone';
        throw err;
      }
    },
  };
}
