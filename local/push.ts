// A local web push service for the local stack: web-push-testing's push model (it decrypts what
// the notify function encrypted and checks its VAPID signature, as a real push service does) served
// in-process on its documented HTTP API. Its own server module is not used because it keeps the
// model in a module-wide variable, binds `localhost` only and calls process.exit on a listen error;
// the model alone does the work that matters. State is in memory: after a restart, old subscriptions
// point at a port no longer allowed, and the notify function skips them.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { listenOn } from './ports';

/** The part of web-push-testing's PushApiModel this server drives (the package ships no types). */
interface PushApiModel {
  notifyUrl: string;
  subscriptions: Record<string, unknown>;
  subscribe(options: Record<string, unknown>): Promise<PushSubscriptionJson & { clientHash: string }>;
  handleNotification(
    clientHash: string,
    headers: Record<string, string | undefined>,
    body: Buffer,
  ): Promise<void>;
  expireSubscription(clientHash: string): void;
  getNotifications(body: { clientHash?: string }): { messages: string[] };
}

interface PushApiModule {
  PushApiModel: new () => PushApiModel;
  SubscriptionExpiredError: new (...args: unknown[]) => Error;
}

export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface LocalPush {
  /** Base URL of the service (also the origin subscriptions on it point at). */
  url: string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function startPush(opts: { port: number }): Promise<LocalPush> {
  const { PushApiModel, SubscriptionExpiredError } =
    require('web-push-testing/src/PushApiModel.js') as PushApiModule;
  const model = new PushApiModel();
  const url = `http://127.0.0.1:${opts.port}`;
  model.notifyUrl = `${url}/notify/`;

  const server: Server = createServer((req, res) => {
    handle(model, SubscriptionExpiredError, req, res).catch((err) =>
      send(res, 500, { error: { message: (err as Error).message } }),
    );
  });
  await listenOn(server, opts.port);
  return {
    url,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function handle(
  model: PushApiModel,
  Expired: PushApiModule['SubscriptionExpiredError'],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://push.local').pathname;
  if (req.method !== 'POST' && !(req.method === 'GET' && path === '/status'))
    return send(res, 405, { error: { message: 'POST only' } });
  const body = await readBody(req);
  if (path === '/status') return send(res, 200, {});
  if (path === '/subscribe') {
    try {
      return send(res, 200, { data: await model.subscribe(json(body)) });
    } catch (err) {
      return send(res, 400, { error: { message: (err as Error).message } });
    }
  }
  if (path === '/get-notifications') {
    try {
      return send(res, 200, { data: model.getNotifications(json(body)) });
    } catch (err) {
      return send(res, 400, { error: { message: (err as Error).message } });
    }
  }
  const expire = /^\/expire-subscription\/([0-9a-f]+)$/.exec(path);
  if (expire) {
    try {
      model.expireSubscription(expire[1]!);
      return send(res, 200, {});
    } catch (err) {
      return send(res, 400, { error: { message: (err as Error).message } });
    }
  }
  const notify = /^\/notify\/([0-9a-f]+)$/.exec(path);
  if (notify) {
    const clientHash = notify[1]!;
    // A real push service answers 404 for a subscription it does not know (the model says 400).
    if (!Object.hasOwn(model.subscriptions, clientHash))
      return send(res, 404, { reason: 'No such subscription.' });
    try {
      await model.handleNotification(
        clientHash,
        {
          encoding: req.headers['content-encoding'],
          encryption: header(req, 'encryption'),
          cryptoKey: header(req, 'crypto-key'),
          authorization: header(req, 'authorization'),
          ttl: header(req, 'ttl'),
        },
        body,
      );
      return send(res, 201, {});
    } catch (err) {
      if (err instanceof Expired)
        return send(res, 410, { reason: 'Push subscription has unsubscribed or expired.' });
      return send(res, 400, { error: { message: (err as Error).message } });
    }
  }
  return send(res, 404, { error: { message: `no route ${path}` } });
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function json(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const parsed = JSON.parse(body.toString('utf8')) as unknown;
  if (!parsed || typeof parsed !== 'object') throw new Error('expected a JSON object');
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * What a browser does against the local push service, for tests and the demo: subscribe with the
 * API's VAPID public key, read what was pushed to a subscription (decrypted), expire a subscription.
 */
export function localPushClient(url: string) {
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`local push ${path} answered ${res.status}: ${text}`);
    return text ? (JSON.parse(text) as { data?: unknown }) : {};
  };
  return {
    /** A new browser subscription for `applicationServerKey`; `clientHash` names it on this service. */
    async subscribe(
      applicationServerKey: string,
    ): Promise<{ subscription: PushSubscriptionJson; clientHash: string }> {
      const { data } = (await post('/subscribe', { userVisibleOnly: 'true', applicationServerKey })) as {
        data: PushSubscriptionJson & { clientHash: string };
      };
      return { subscription: { endpoint: data.endpoint, keys: data.keys }, clientHash: data.clientHash };
    },
    /** The payloads pushed to the subscription so far, parsed as JSON, oldest first. */
    async messages(clientHash: string): Promise<unknown[]> {
      const { data } = (await post('/get-notifications', { clientHash })) as { data: { messages: string[] } };
      return data.messages.map((m) => JSON.parse(m) as unknown);
    },
    /** The push service forgets the subscription: the next push answers 410 Gone. */
    async expire(clientHash: string): Promise<void> {
      await post(`/expire-subscription/${clientHash}`);
    },
  };
}
