// Starts the whole backend on one machine: DynamoDB Local, local S3, local SES, the local event
// bus, the stream relay and the HTTP gateway, all running the real handlers. Used by `npm start`
// and by the integration tests' global setup. It stops in order (stop accepting, drain, then the
// emulators) and, after a kill, picks up what the last run accepted (decision 0017).
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import * as sesModule from 'aws-ses-v2-local';
import { DEFAULT_PUSH_SERVICES, VAPID_PLACEHOLDER } from '../functions/domain/push';
import type { RouteGroup } from '../functions/http/route';
import {
  LOCAL_CONTACT_CLIENT,
  LOCAL_STAFF_CLIENT,
  type LocalAuth,
  type LocalPools,
  loadSigningKey,
  localAuth,
  localPools,
} from './auth';
import { LocalBus } from './bus';
import { shadowChecks, shadowChecksWanted } from './checks-shadow';
import { ensureTable, localCredentials, startDynamo } from './dynamodb';
import { type GroupHandler, startGateway } from './gateway';
import { invokeAs, startLocalIam } from './iam';
import { groupFunction, localFunctions } from './iam/functions';
import type { RenderMessage } from './identity/mail';
import { startIdentity } from './identity/server';
import { lambdaContext } from './lambda-context';
import { type LiveEndpoint, startLiveEndpoint } from './live';
import { localRoutes } from './local-routes';
import { freePort, waitFor } from './ports';
import { startPush } from './push';
import { startS3 } from './s3';
import { startSecrets } from './secrets';
import { StreamPoller } from './streams';

export interface StackOptions {
  dataDir: string;
  /** 0 or absent = any free port. */
  ports?: Partial<
    Record<'gateway' | 'dynamodb' | 's3' | 'ses' | 'bus' | 'push' | 'secrets' | 'identity' | 'live', number>
  >;
  /** The identity service's mail renderer (a Cognito CustomMessage trigger handler); default: the stack's own (functions/handlers/identity-mail.ts). */
  renderMessage?: RenderMessage;
  seed?: boolean;
  corsOrigins?: string[];
  /**
   * The default portal URL (PORTAL_URL: invitation links and the seeded firm's portal). `'demo'`: the
   * portal demo this gateway serves, so a mailed link opens it. Default: the first CORS origin.
   */
  portalUrl?: string;
  log?: (line: string) => void;
  /** Tests only: actions taken out of a function's synthesized role, to prove a missing grant is refused. */
  iamRevoke?: { fn: string; action: string }[];
}

export interface LocalStack {
  urls: {
    api: string;
    mail: string;
    s3: string;
    dynamodb: string;
    bus: string;
    push: string;
    identity: string;
    /** The live channel's WebSocket endpoint (`ws://…`; its Management API at the same port over http). */
    live: string;
  };
  env: Record<string, string>;
  auth: LocalAuth;
  /** The local Cognito-compatible identity service: its endpoint and the two pools (ids, issuers, clients). */
  identity: { endpoint: string; pools: LocalPools };
  bus: LocalBus;
  /** The synthesized IAM roles' enforcement (local/iam): on unless PORTICO_ENFORCE_IAM=0, and what it refused. */
  iam: { enforced: boolean; denials: readonly { fn: string; action: string; resource: string }[] };
  /** Waits until every change written so far has gone through the stream, the bus and its targets. */
  settle(): Promise<void>;
  /** Runs the scheduled reminders function once, on the real clock or at `now` (tests advance it). */
  runReminders(now?: Date): Promise<unknown>;
  /** Runs the scheduled digests function once, on the real clock or at `now` (tests advance it). */
  runDigests(now?: Date): Promise<unknown>;
  /**
   * Stops the gateway, drains the stream relay and the bus, stops S3 and drains what its last
   * uploads raised, all within `drainMs` (what is left waits in .data for the next start), then
   * stops the emulators.
   */
  stop(drainMs?: number): Promise<void>;
}

export const TABLE_NAME = 'portico';
export const BUCKET_NAME = 'portico-uploads';
export const BUS_NAME = 'portico-events';
/** The stack's sender (SENDER_EMAIL): the functions' mail and the identity service's codes. */
const SENDER_EMAIL = 'no-reply@portico.local';
/** How often the local stack runs the reminders function (AWS: every 15 minutes). */
const REMINDERS_EVERY_MS = 60_000;
/** How often the local stack runs the digests function (AWS: every minute too). */
const DIGESTS_EVERY_MS = 60_000;
/**
 * The notify lease locally: the local bus retries a killed run's events over ~9 s (bus.ts), so a
 * claim that run left must lapse sooner than that to be taken again by the retried event.
 */
const LOCAL_NOTIFY_LEASE_MS = 5_000;
/** How long a stop waits for the stream relay and the bus to drain. */
const DRAIN_MS = 15_000;

export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const log = options.log ?? (() => undefined);
  const port = async (name: keyof NonNullable<StackOptions['ports']>) =>
    options.ports?.[name] || (await freePort());
  const ports = {
    gateway: await port('gateway'),
    dynamodb: await port('dynamodb'),
    s3: await port('s3'),
    ses: await port('ses'),
    bus: await port('bus'),
    push: await port('push'),
    secrets: await port('secrets'),
    identity: await port('identity'),
    live: await port('live'),
  };
  const apiUrl = `http://localhost:${ports.gateway}`;
  // The gateway serves the portal demo itself, which posts straight to S3: its own origin is a
  // portal origin too (after the configured ones, so PORTAL_URL stays the first of those).
  const corsOrigins = [
    ...new Set([
      ...(options.corsOrigins ?? ['http://localhost:5173']),
      apiUrl,
      `http://127.0.0.1:${ports.gateway}`,
    ]),
  ];
  const stops: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => log(`stop: ${(err as Error).message}`));
  };

  // The suites' witness of the compiled request and response checks (decision 0056).
  if (shadowChecksWanted()) shadowChecks();

  try {
    const dynamo = await startDynamo({ port: ports.dynamodb, dataDir: join(dataDir, 'dynamodb') });
    stops.push(() => dynamo.stop());
    await ensureTable(dynamo.endpoint, TABLE_NAME);

    // aws-ses-v2-local is CommonJS with a `default` export; interop differs between tsx and vitest.
    const sesServer = unwrapDefault(sesModule) as typeof sesModule.default;
    const ses: Server = await sesServer({ port: ports.ses, host: '127.0.0.1' });
    stops.push(() => new Promise((r) => ses.close(() => r(undefined))));
    await waitFor('local SES', async () => (await fetch(`http://127.0.0.1:${ports.ses}/health-check`)).ok);

    // The local web push service: the notify function pushes to subscriptions made on it.
    const push = await startPush({ port: ports.push });
    stops.push(() => push.stop());

    // The local Secrets Manager, holding what the stack keeps there in AWS (the VAPID key pair).
    const secrets = await startSecrets({ port: ports.secrets, file: join(dataDir, 'secrets.json') });
    stops.push(() => secrets.stop());
    const vapidSecretArn = await secrets.ensure('portico-vapid-keys', VAPID_PLACEHOLDER);

    // The local Cognito (two user pools): tokens signed with the key the gateway trusts, mail
    // through the local SES. Its endpoint is the pools' issuer prefix.
    const signingKey = await loadSigningKey(join(dataDir, 'keys', 'jwk.json'));
    const identity = await startIdentity({
      port: ports.identity,
      stateFile: join(dataDir, 'identity', 'pools.json'),
      key: signingKey,
      sesEndpoint: `http://127.0.0.1:${ports.ses}`,
      sender: SENDER_EMAIL,
      // Cognito's mails rendered by the same CustomMessage trigger the pools call on AWS (loaded on
      // first use, once the functions' environment below is set).
      renderMessage:
        options.renderMessage ??
        (async (event) => {
          const render = await (await import('./handlers')).loadIdentityMail();
          return invokeAs(localFunctions.identityMail, () => render(event, lambdaContext('identity-mail')));
        }),
      onLog: log,
    });
    stops.push(() => identity.stop());
    const pools = localPools(identity.endpoint);

    const env: Record<string, string> = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: `http://localhost:${ports.s3}`,
      AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${ports.ses}`,
      AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${ports.bus}`,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      VAPID_SECRET_ARN: vapidSecretArn,
      TABLE_NAME,
      BUCKET_NAME,
      EVENT_BUS_NAME: BUS_NAME,
      CURSOR_SECRET: await persistentSecret(join(dataDir, 'cursor-secret')),
      SENDER_EMAIL,
      PORTAL_URL:
        options.portalUrl === 'demo' ? `${apiUrl}/portal-demo` : (options.portalUrl ?? corsOrigins[0]!),
      APP_URL: `${corsOrigins[0]!}/app`,
      // Subscriptions may point at the real push services and at the local one (an exact origin).
      PUSH_SERVICES: [...DEFAULT_PUSH_SERVICES, push.url].join(','),
      NOTIFY_LEASE_MS: process.env.NOTIFY_LEASE_MS ?? String(LOCAL_NOTIFY_LEASE_MS),
      STAFF_CLIENT_IDS: LOCAL_STAFF_CLIENT,
      CONTACT_CLIENT_IDS: LOCAL_CONTACT_CLIENT,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: identity.endpoint,
      STAFF_USER_POOL_ID: pools.staff.id,
      CONTACT_USER_POOL_ID: pools.contact.id,
      // The live channel: where browsers connect (the ticket route answers it) and where the fan-out posts.
      LIVE_URL: `ws://localhost:${ports.live}`,
      LIVE_CALLBACK_URL: `http://127.0.0.1:${ports.live}`,
      // Tests shorten the staff directory's cache window so a deactivation is seen quickly.
      ...(process.env.STAFF_DIRECTORY_TTL_SECONDS
        ? { STAFF_DIRECTORY_TTL_SECONDS: process.env.STAFF_DIRECTORY_TTL_SECONDS }
        : {}),
    };
    // The handlers read their configuration at import, exactly as in Lambda: set it first.
    Object.assign(process.env, env);
    const handlers = await import('./handlers');
    // Each function's AWS calls are checked against its role in the synthesized template (local/iam).
    const iam = await startLocalIam({
      dataDir,
      env,
      functions: [
        ...Object.keys(handlers.groupHandlers).map(groupFunction),
        ...Object.values(localFunctions),
      ],
      revoke: options.iamRevoke ?? [],
      log,
    });
    stops.push(async () => iam.stop());
    const as = iam.invokeAs;

    const bus = new LocalBus({
      port: ports.bus,
      dataDir,
      busName: BUS_NAME,
      bucketName: BUCKET_NAME,
      targets: {
        notify: (e) =>
          as(localFunctions.notify, async () =>
            (await handlers.loadNotify())(e as never, lambdaContext('notify')),
          ),
        ingest: (e) =>
          as(localFunctions.ingest, async () =>
            (await handlers.loadIngest())(e as never, lambdaContext('ingest')),
          ),
      },
      onLog: log,
    });
    await bus.start();
    stops.push(() => bus.stop());

    const s3 = await startS3({
      port: ports.s3,
      dataDir: join(dataDir, 's3'),
      bucketName: BUCKET_NAME,
      corsOrigins,
      bus,
      markFile: join(dataDir, 's3-events.json'),
      onLog: log,
    });
    stops.push(() => s3.stop());

    const publisher = await handlers.loadPublisher();
    const poller = new StreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      checkpointFile: join(dataDir, 'stream-checkpoints.json'),
      handler: (event) => as(localFunctions.publisher, () => publisher(event, lambdaContext('publisher'))),
      onLog: log,
    });

    // Data kept from before document lists were ordered by createdAt gets today's index keys, once
    // per data folder (the upgrade scans the table; a marker file says it ran to the end).
    const rekeyed = join(dataDir, 'upgrade-document-lists.done');
    if (!existsSync(rekeyed)) {
      const { tableFromEnv } = await import('../functions/wiring/table');
      const { rekeyDocumentLists } = await import('../functions/store/rekey-documents');
      const { changed, skipped } = await rekeyDocumentLists(await tableFromEnv());
      if (changed) log(`upgrade: ${changed} documents and shares re-keyed for lists by createdAt`);
      if (skipped.length)
        log(`upgrade: ${skipped.length} items could not be re-keyed: ${skipped.join('; ')}`);
      await writeFile(rekeyed, `${new Date().toISOString()}\n`);
    }
    if (options.seed !== false) {
      const { tableFromEnv } = await import('../functions/wiring/table');
      const { seedDemo } = await import('./seed');
      const { created } = await seedDemo(await tableFromEnv(), env.PORTAL_URL!);
      if (created) log(`seed: ${created} demo items created`);
    }

    await poller.start();
    stops.push(() => poller.stop());

    // The live channel: the WebSocket endpoint running the connections function, and the fan-out as
    // a second consumer of the stream (its own checkpoints; from the newest record, as on AWS).
    const liveRoutes = await handlers.loadLiveConnections();
    const live: LiveEndpoint = await startLiveEndpoint({
      port: ports.live,
      handler: (event) =>
        as(localFunctions.liveConnections, () =>
          liveRoutes(event, lambdaContext('live-connections')),
        ) as Promise<never>,
      onLog: log,
    });
    stops.push(() => live.stop());
    const liveFanOut = await handlers.loadLiveFanOut();
    const livePoller = new StreamPoller({
      endpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      checkpointFile: join(dataDir, 'live-stream-checkpoints.json'),
      handler: (event) =>
        as(localFunctions.liveFanOut, () => liveFanOut(event, lambdaContext('live-fanout'))),
      onLog: log,
      fromLatest: true,
    });
    await livePoller.start();
    stops.push(() => livePoller.stop());
    // What the last run accepted and did not finish (it may have been killed): uploads whose event
    // may have been lost, then the bus's journal.
    await s3.reconcile();
    bus.replayPending();

    // Automatic reminders: the handler the EventBridge schedule invokes in AWS, here on a timer.
    const remindersAt = await handlers.loadReminders();
    const runReminders = (now?: Date) =>
      as(localFunctions.reminders, () => remindersAt(now ? { now: () => now } : { now: () => new Date() })());
    const reminderTimer = setInterval(
      () => void runReminders().catch((err) => log(`reminders: ${(err as Error).message}`)),
      REMINDERS_EVERY_MS,
    );
    reminderTimer.unref();
    stops.push(async () => clearInterval(reminderTimer));

    // Digests of bursts: the handler the EventBridge schedule invokes every minute in AWS, here on a timer.
    const digestsAt = await handlers.loadDigests();
    const runDigests = (now?: Date) =>
      as(localFunctions.digests, () => digestsAt(now ? { now: () => now } : { now: () => new Date() })());
    const digestTimer = setInterval(
      () => void runDigests().catch((err) => log(`digests: ${(err as Error).message}`)),
      DIGESTS_EVERY_MS,
    );
    digestTimer.unref();
    stops.push(async () => clearInterval(digestTimer));

    const auth = await localAuth(signingKey, pools);
    const settle = async () => {
      // Stream → bus → targets, until nothing new appears (a target may write more activity).
      for (let round = 0; round < 5; round++) {
        // An upload's event is on its way to the bus (its tag written first) after S3 answered it.
        await s3.whenIdle();
        await poller.drain();
        await bus.whenIdle();
      }
      await livePoller.drain();
    };
    const stack: LocalStack = {
      urls: {
        api: apiUrl,
        mail: `http://localhost:${ports.ses}`,
        s3: `http://localhost:${ports.s3}`,
        dynamodb: dynamo.endpoint,
        bus: bus.endpoint,
        push: push.url,
        identity: identity.endpoint,
        live: live.url,
      },
      env,
      auth,
      identity: { endpoint: identity.endpoint, pools },
      bus,
      iam: { enforced: iam.enforced, denials: iam.denials },
      settle,
      runReminders,
      runDigests,
      stop: async (drainMs = DRAIN_MS) => {
        // Stop accepting first: no request may start work that the drain below would miss.
        await new Promise((r) => gateway.close(() => r(undefined)));
        await live.stop();
        clearInterval(reminderTimer);
        clearInterval(digestTimer);
        const until = Date.now() + drainMs;
        const drain = async () => {
          const drained = (async () => {
            for (let round = 0; round < 5 && Date.now() < until; round++) {
              await poller.drain();
              await bus.whenIdle();
            }
          })().catch((err) => log(`stop: drain: ${(err as Error).message}`));
          const left = Math.max(0, until - Date.now());
          await Promise.race([drained, new Promise((r) => setTimeout(r, left).unref())]);
        };
        // S3 stays up while the bus drains: ingest reads the objects it is told about.
        await drain();
        // Then no more uploads (a late one, on an old ticket, is on the bus once this resolves) …
        await s3.stop();
        // … and what those raised is drained too, as far as the time allows (the rest waits in the journal).
        await drain();
        await poller.stop();
        await livePoller.stop();
        await bus.stop(Math.max(0, until - Date.now()));
        // The emulators last: DynamoDB Local, SES and push answered every delivery still running.
        await push.stop();
        await secrets.stop();
        await identity.stop();
        await new Promise((r) => ses.close(() => r(undefined)));
        await dynamo.stop();
        iam.stop();
      },
    };
    const gateway = await startGateway({
      port: ports.gateway,
      auth,
      handlers: Object.fromEntries(
        Object.entries(await handlers.loadGroupHandlers()).map(([group, handler]) => [
          group,
          ((event, context) => as(groupFunction(group), () => handler(event, context))) as GroupHandler,
        ]),
      ) as Record<RouteGroup, GroupHandler>,
      corsOrigins,
      localRoutes: localRoutes(stack),
      onLog: log,
    });
    stops.push(() => new Promise((r) => gateway.close(() => r(undefined))));
    return stack;
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function persistentSecret(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** CommonJS modules with `exports.default` arrive wrapped once or twice depending on the loader. */
function unwrapDefault(mod: unknown): unknown {
  let m = mod as { default?: unknown };
  while (typeof m !== 'function' && m && typeof m === 'object' && 'default' in m)
    m = m.default as { default?: unknown };
  return m;
}
