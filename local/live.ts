// The local WebSocket API of the live channel (ws): upgrades run the same $connect handler as on AWS
// (a refused ticket answers 401 and no socket opens), closes run $disconnect, messages $default; and
// the Management API's `/@connections/{id}` (POST sends, GET describes, DELETE closes) answers 410
// GoneException for a connection that is not open, as API Gateway does, so the SDK client behaves alike.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { type WebSocket, WebSocketServer } from 'ws';
import type { LiveSocketEvent } from '../functions/live/routes';
import { listenOn } from './ports';
import { readBody } from './request-body';

export type LiveHandler = (event: LiveSocketEvent) => Promise<APIGatewayProxyResultV2>;

export interface LiveEndpoint {
  /** What browsers connect to (`ws://…`), and the Management API's base (`http://…`, the same port). */
  url: string;
  callbackUrl: string;
  /** Open sockets now. */
  open(): number;
  stop(): Promise<void>;
}

/** API Gateway's post limit (128 KB per frame). */
const MAX_POST = 128 * 1024;

interface Open {
  socket: WebSocket;
  connectedAt: string;
  lastActiveAt: string;
  sourceIp: string;
  userAgent: string;
}

export async function startLiveEndpoint(opts: {
  port: number;
  handler: LiveHandler;
  onLog?: (line: string) => void;
}): Promise<LiveEndpoint> {
  const sockets = new Map<string, Open>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_POST });

  const event = (
    routeKey: string,
    connectionId: string,
    req: IncomingMessage | undefined,
    extra: Partial<LiveSocketEvent> = {},
  ): LiveSocketEvent => {
    const url = new URL(req?.url ?? '/', 'http://localhost');
    const now = new Date();
    return {
      ...(req && routeKey === '$connect'
        ? { queryStringParameters: Object.fromEntries(url.searchParams), headers: flatHeaders(req) }
        : {}),
      isBase64Encoded: false,
      requestContext: {
        routeKey,
        eventType:
          routeKey === '$connect' ? 'CONNECT' : routeKey === '$disconnect' ? 'DISCONNECT' : 'MESSAGE',
        connectionId,
        requestId: randomUUID(),
        apiId: 'local-live',
        stage: 'live',
        domainName: String(req?.headers.host ?? 'localhost'),
        messageDirection: 'IN',
        extendedRequestId: randomUUID(),
        requestTime: now.toUTCString(),
        requestTimeEpoch: now.getTime(),
        connectedAt: now.getTime(),
      },
      ...extra,
    } as LiveSocketEvent;
  };

  const management = async (req: IncomingMessage, res: ServerResponse, connectionId: string) => {
    const open = sockets.get(connectionId);
    if (!open || open.socket.readyState !== open.socket.OPEN) {
      res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
      res.end(JSON.stringify({ message: `Connection ${connectionId} is gone` }));
      return;
    }
    if (req.method === 'POST') {
      const raw = await readBody(req, MAX_POST);
      if (raw === undefined) {
        res.writeHead(413, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'PayloadTooLargeException',
        });
        res.end(JSON.stringify({ message: 'Payload too large' }));
        return;
      }
      open.socket.send(raw);
      res.writeHead(200).end();
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          connectedAt: open.connectedAt,
          lastActiveAt: open.lastActiveAt,
          identity: { sourceIp: open.sourceIp, userAgent: open.userAgent },
        }),
      );
      return;
    }
    if (req.method === 'DELETE') {
      open.socket.close(1000, 'closed by the server');
      res.writeHead(204).end();
      return;
    }
    res.writeHead(405).end();
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/@connections\/([^/]+)$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    management(req, res, decodeURIComponent(m[1]!)).catch((err) => {
      opts.onLog?.(`live: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req, netSocket, head) => {
    // API Gateway's connection ids: 16 base64 characters, `=` included.
    const connectionId = randomBytes(12).toString('base64').replace(/\//g, '_');
    void (async () => {
      let result: APIGatewayProxyResultV2;
      try {
        result = await opts.handler(event('$connect', connectionId, req));
      } catch (err) {
        opts.onLog?.(`live: $connect failed: ${(err as Error).message}`);
        result = { statusCode: 500 };
      }
      const status = typeof result === 'object' ? (result.statusCode ?? 200) : 200;
      if (status < 200 || status >= 300) {
        // The query string holds the ticket: it is never logged.
        opts.onLog?.(`live: connect refused (${status})`);
        netSocket.end(
          `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nconnection: close\r\n\r\n`,
        );
        return;
      }
      wss.handleUpgrade(req, netSocket, head, (socket) => {
        const now = new Date().toISOString();
        sockets.set(connectionId, {
          socket,
          connectedAt: now,
          lastActiveAt: now,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: String(req.headers['user-agent'] ?? ''),
        });
        socket.on('message', (data) => {
          const open = sockets.get(connectionId);
          if (open) open.lastActiveAt = new Date().toISOString();
          void opts
            .handler(event('$default', connectionId, undefined, { body: String(data) }))
            .catch(() => undefined);
        });
        socket.on('close', () => {
          sockets.delete(connectionId);
          void opts
            .handler(event('$disconnect', connectionId, undefined))
            .catch((err) => opts.onLog?.(`live: $disconnect failed: ${(err as Error).message}`));
        });
      });
    })();
  });

  await listenOn(server, opts.port);
  return {
    url: `ws://localhost:${opts.port}`,
    callbackUrl: `http://127.0.0.1:${opts.port}`,
    open: () => sockets.size,
    async stop() {
      for (const { socket } of sockets.values()) socket.terminate();
      wss.close();
      await new Promise((r) => server.close(() => r(undefined)));
    },
  };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  return headers;
}
