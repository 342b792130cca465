// The local identity service's HTTP front: Cognito's wire protocol (POST / with
// `X-Amz-Target: AWSCognitoIdentityProviderService.<Action>`, awsJson 1.1 bodies, errors as HTTP
// 400 `{"__type", "message"}`) and each pool's JWKS at `/<poolId>/.well-known/jwks.json`, so the
// real SDK client works against it with only its endpoint changed.

import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { SigningKey } from '../auth';
import { listenOn } from '../ports';
import { readBody } from '../request-body';
import * as admin from './admin';
import type { Ctx } from './context';
import { CognitoError } from './errors';
import { CodeBudget, Lockout } from './limits';
import { type Mailer, type RenderMessage, sesMailer } from './mail';
import { POOLS, PoolStore } from './pools';
import * as signin from './signin';
import { TokenIssuer } from './tokens';

type Action = (ctx: Ctx, body: Record<string, unknown>) => Promise<unknown>;

const ACTIONS: Record<string, Action> = {
  AdminCreateUser: admin.adminCreateUser,
  AdminGetUser: admin.adminGetUser,
  ListUsers: admin.listUsers,
  AdminUpdateUserAttributes: admin.adminUpdateUserAttributes,
  AdminDisableUser: (ctx, b) => admin.adminSetEnabled(ctx, b, false),
  AdminEnableUser: (ctx, b) => admin.adminSetEnabled(ctx, b, true),
  AdminUserGlobalSignOut: admin.adminUserGlobalSignOut,
  AdminDeleteUser: admin.adminDeleteUser,
  InitiateAuth: signin.initiateAuth,
  RespondToAuthChallenge: signin.respondToAuthChallenge,
  AssociateSoftwareToken: signin.associateSoftwareToken,
  VerifySoftwareToken: signin.verifySoftwareToken,
  GetUser: signin.getUser,
  RevokeToken: signin.revokeToken,
};

export interface IdentityOptions {
  port: number;
  /** The pools' state file (JSON), under the local data folder. */
  stateFile: string;
  key: SigningKey;
  /** Where the codes and invitations are mailed (the local SES, SESv2 API). */
  sesEndpoint: string;
  sender: string;
  region?: string;
  /** A Cognito CustomMessage trigger handler; default: Cognito's plain texts. */
  renderMessage?: RenderMessage;
  /** Tests replace the mailer or the clock. */
  mailer?: Mailer;
  now?: () => number;
  onLog?: (line: string) => void;
}

export interface LocalIdentity {
  /** `http://127.0.0.1:<port>`: AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, and the issuers' prefix. */
  endpoint: string;
  stop(): Promise<void>;
}

export async function startIdentity(opts: IdentityOptions): Promise<LocalIdentity> {
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const now = opts.now ?? Date.now;
  await mkdir(dirname(opts.stateFile), { recursive: true });
  const store = new PoolStore(opts.stateFile);
  await store.load();
  const ctx: Ctx = {
    store,
    tokens: new TokenIssuer(opts.key, (poolId) => `${endpoint}/${poolId}`),
    mailer:
      opts.mailer ??
      sesMailer({
        sesEndpoint: opts.sesEndpoint,
        sender: opts.sender,
        region: opts.region ?? 'us-east-1',
        render: opts.renderMessage,
      }),
    lockout: new Lockout(now),
    codeBudget: new CodeBudget(now),
    sessions: new Map(),
    now,
  };
  const server: Server = createServer((req, res) => {
    handle(ctx, req, res).catch((err) => {
      // The message only: a stack or a body could carry a password or a code.
      opts.onLog?.(`identity: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 500, { __type: 'InternalErrorException', message: 'Internal error' });
    });
  });
  await listenOn(server, opts.port);
  return {
    endpoint,
    stop: () => new Promise((r) => server.close(() => r(undefined))),
  };
}

async function handle(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // Cognito's endpoint answers browsers from any origin (SPAs call it directly); so does this one.
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...CORS,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers':
        'content-type, x-amz-target, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request',
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }
  const jwks = /^\/([\w-]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(url.pathname);
  if (req.method === 'GET' && jwks && POOLS.some((p) => p.id === jwks[1])) {
    const issuer = `http://${req.headers.host}/${jwks[1]}`;
    send(
      res,
      200,
      jwks[2] === 'jwks.json'
        ? ctx.tokens.jwks
        : {
            issuer,
            jwks_uri: `${issuer}/.well-known/jwks.json`,
            id_token_signing_alg_values_supported: ['RS256'],
          },
      'application/json',
    );
    return;
  }
  if (req.method !== 'POST' || url.pathname !== '/') {
    send(res, 404, { message: 'Not Found' }, 'application/json');
    return;
  }
  const target = String(req.headers['x-amz-target'] ?? '');
  const action = target.startsWith('AWSCognitoIdentityProviderService.')
    ? ACTIONS[target.slice('AWSCognitoIdentityProviderService.'.length)]
    : undefined;
  // Oversized: read as empty, so the call fails on its missing parameters.
  const raw = (await readBody(req, MAX_BODY)) ?? '';
  if (!action) {
    send(res, 400, { __type: 'UnknownOperationException', message: `Unknown operation ${target}` });
    return;
  }
  let body: unknown;
  try {
    body = raw ? JSON.parse(raw) : {};
  } catch {
    send(res, 400, { __type: 'SerializationException', message: 'Malformed JSON' });
    return;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    send(res, 400, { __type: 'SerializationException', message: 'Body must be a JSON object' });
    return;
  }
  try {
    send(res, 200, await action(ctx, body as Record<string, unknown>));
  } catch (err) {
    if (!(err instanceof CognitoError)) throw err;
    send(res, 400, { __type: err.type, message: err.message });
  }
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.1') {
  res.writeHead(status, { ...CORS, 'content-type': type, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify(body));
}

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amzn-requestid' };

const MAX_BODY = 256 * 1024;
