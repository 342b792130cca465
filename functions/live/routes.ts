// The WebSocket API's routes ($connect, $disconnect, $default) of the live channel: a connect
// redeems its ticket (401 refuses the upgrade), a disconnect forgets the connection, and anything a
// client sends is ignored (the channel only talks one way; a ping keeps an idle socket open).
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2, Context } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import { connect, disconnect, type LiveConnections, type LiveTickets } from '../domain/live';
import type { Clock } from '../domain/ports';
import { log } from '../log';
import { observed } from '../observed';

/** `$connect` carries the query string (the ticket); the other routes do not. */
export type LiveSocketEvent = APIGatewayProxyWebsocketEventV2 & {
  queryStringParameters?: Record<string, string | undefined>;
};

export interface LiveRoutesDeps {
  tickets: LiveTickets;
  connections: LiveConnections;
  clock: Clock;
}

export function liveRoutes(deps: LiveRoutesDeps) {
  const route = async (event: LiveSocketEvent): Promise<APIGatewayProxyResultV2> => {
    const { routeKey, connectionId } = event.requestContext;
    if (routeKey === '$connect') {
      try {
        const connection = await connect(deps, connectionId, event.queryStringParameters?.ticket);
        log.info('live connection opened', { connectionId, owner: connection.owner.kind });
        return { statusCode: 200 };
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'unauthenticated') {
          log.info('live connection refused', { connectionId, code: err.code });
          return { statusCode: 401, body: JSON.stringify({ code: err.code, message: err.message }) };
        }
        throw err;
      }
    }
    if (routeKey === '$disconnect') {
      await disconnect(deps, connectionId);
      return { statusCode: 200 };
    }
    return { statusCode: 200 };
  };
  return observed(
    'live',
    (event: LiveSocketEvent, context: Context) => event.requestContext?.requestId ?? context.awsRequestId,
    route,
  );
}
