// `npm start`: the whole backend on this machine, state kept under .data/ between runs. The npm
// script execs node (no `sh -c` in between, which would not pass SIGTERM on), and SIGINT and
// SIGTERM alike stop the stack in order: stop accepting, drain, then the emulators.
import { demoTokens } from './local-routes';
import { startLocalStack } from './stack';

const num = (v: string | undefined, fallback: number) => (v ? Number(v) : fallback);

// Lambda runs Node 24; locally Node 20 is supported, so the SDK's Node 22 notice is only noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  const started = Date.now();
  console.log('Portico local stack: starting (DynamoDB Local, S3, SES, identity, event bus, gateway)…');
  const options: Parameters<typeof startLocalStack>[0] = {
    dataDir: process.env.PORTICO_DATA_DIR ?? '.data',
    ports: {
      gateway: num(process.env.PORT, 3000),
      dynamodb: num(process.env.PORTICO_DYNAMODB_PORT, 8000),
      s3: num(process.env.PORTICO_S3_PORT, 4569),
      ses: num(process.env.PORTICO_SES_PORT, 8005),
      bus: num(process.env.PORTICO_BUS_PORT, 4010),
      // Fixed like the others: the pools' issuer (and so every token) names this port.
      identity: num(process.env.PORTICO_IDENTITY_PORT, 4020),
    },
    corsOrigins: (process.env.PORTICO_PORTAL_ORIGINS ?? 'http://localhost:5173').split(','),
    // Invitation links open the portal demo unless a portal of your own is named (its URL, or the
    // first of its origins).
    portalUrl: process.env.PORTICO_PORTAL_URL ?? (process.env.PORTICO_PORTAL_ORIGINS ? undefined : 'demo'),
    log: (line) => console.log(`  ${line}`),
  };
  let stack: Awaited<ReturnType<typeof startLocalStack>> | undefined;
  const START_ATTEMPTS = 6;
  for (let attempt = 1; !stack; attempt++) {
    try {
      stack = await startLocalStack(options);
    } catch (err) {
      // DynamoDB Local answers "internal error" for a moment after an unclean stop of the previous
      // run; what was started is stopped again, so starting over is safe. The moment can last
      // longer than two tries (seen once in CI after a kill -9): up to 5 more, 2 s longer each.
      if (attempt >= START_ATTEMPTS || !/internal error/i.test((err as Error).message)) throw err;
      console.log(
        `  DynamoDB Local is still recovering (${(err as Error).message}); starting again (${attempt + 1}/${START_ATTEMPTS})…`,
      );
      await new Promise((r) => setTimeout(r, 2000 * attempt));
    }
  }

  // The start-up work (seed events, events raised again, journal replays) goes through first, so
  // whatever it logs comes before the banner, which stays the last thing printed at start.
  // A failure here is not a failed start: right after a kill, DynamoDB Local may answer the stream
  // relay an internal error for a moment, and the relay's own loop retries what it has not read.
  const settled = stack
    .settle()
    .catch((err) =>
      console.log(`  start-up work still running: ${(err as Error).message} (retried in the background)`),
    );
  await Promise.race([settled, new Promise((r) => setTimeout(r, 15_000).unref())]);
  const tokens = await demoTokens(stack);
  const staff = tokens.find((t) => t.user === 'admin')!;
  console.log(`
Ready in ${((Date.now() - started) / 1000).toFixed(1)}s. Data: ${process.env.PORTICO_DATA_DIR ?? '.data'}/ (kept between runs)

  API            ${stack.urls.api}
  Mail viewer    ${stack.urls.mail}        (local SES; JSON at ${stack.urls.mail}/store)
  Local S3       ${stack.urls.s3}
  Web push       ${stack.urls.push}        (local push service: POST /subscribe, /get-notifications)
  DynamoDB Local ${stack.urls.dynamodb}
  API reference  ${stack.urls.api}/docs
  Portal demo    ${stack.urls.api}/portal-demo/
  Live channel   ${stack.urls.live}   (WebSocket: connect with ?ticket= from POST /live/ticket)
  Identity       ${stack.identity.endpoint}        (local Cognito: pools ${stack.identity.pools.staff.id}, ${stack.identity.pools.contact.id})
  Outputs        ${stack.urls.api}/local/outputs   (what cdk deploy outputs: pool and client ids)
  Demo tokens    ${stack.urls.api}/local/tokens    (DEV ONLY: tokens without sign-in, for tests and demos)
  JWKS           ${stack.urls.api}/local/jwks.json

Demo users (dev-only tokens, valid 12 h; GET /local/tokens for fresh ones):
${tokens.map((t) => `  ${t.user.padEnd(9)} ${t.kind.padEnd(8)} ${t.name}\n    ${t.token}`).join('\n')}

Try it:
  TOKEN=${staff.token}
  curl -s -X POST ${stack.urls.api}/cases -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"title":"My first case"}'
  curl -s ${stack.urls.api}/cases -H "authorization: Bearer $TOKEN"

Logs: one line per event, ${process.env.PORTICO_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'warn'} and above (PORTICO_LOG_LEVEL=info|debug for more).
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async (signal: string) => {
    // npm passes a terminal's Ctrl-C on to us as well: the same signal may arrive twice.
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping (draining the stream relay and the bus)…`);
    try {
      await stack.stop();
      console.log('Stopped.');
      process.exit(0);
    } catch (err) {
      console.error(`Stopped with an error: ${(err as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(`Portico local stack failed to start: ${(err as Error).message}`);
  process.exit(1);
});
