// Dev-only endpoints of the local gateway (they do not exist in AWS): an index page, the JWKS,
// demo tokens, helpers the tests use to wait for asynchronous work and inspect dead letters, the
// API reference (/docs, Swagger UI from node_modules, no CDN) and the portal demo (/portal-demo/).
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { RuleTarget } from '../functions/events/rules';
import { portalConfigFrom } from '../scripts/portal-config/from-outputs';
import type { PutEntry } from './bus';
import type { LocalRoute } from './gateway';
import { demo } from './seed';
import type { LocalStack } from './stack';

export interface DemoToken {
  user: string;
  kind: 'staff' | 'contact';
  name: string;
  token: string;
}

/** Tokens for the seeded demo users (contacts get an identity `sub`; binding comes with invitations). */
export async function demoTokens(stack: Pick<LocalStack, 'auth'>): Promise<DemoToken[]> {
  const out: DemoToken[] = [];
  for (const [user, u] of Object.entries(demo.users)) {
    out.push({
      user,
      kind: 'staff',
      name: u.name,
      token: await stack.auth.mint({ sub: u.userId, firmId: demo.firmId, role: u.role, email: u.email }),
    });
  }
  for (const [user, c] of Object.entries(demo.contacts)) {
    out.push({
      user,
      kind: 'contact',
      name: c.name,
      token: await stack.auth.mint({ sub: `identity-${c.contactId}`, email: c.email }),
    });
  }
  return out;
}

export function localRoutes(stack: LocalStack): LocalRoute {
  return async (req, res, url) => {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/') {
      html(res, indexPage(stack));
      return true;
    }
    if (req.method === 'GET' && path === '/local/jwks.json') {
      json(res, 200, stack.auth.jwks);
      return true;
    }
    if (req.method === 'GET' && path === '/local/outputs') {
      json(res, 200, localOutputs(stack));
      return true;
    }
    if (req.method === 'GET' && path === '/local/tokens') {
      json(res, 200, { tokens: await demoTokens(stack) });
      return true;
    }
    if (req.method === 'POST' && path === '/local/tokens') {
      // Mint any token: tests use it for other firms, expired tokens (negative ttlSeconds), contacts.
      const body = (await readJson(req)) as { claims?: Record<string, unknown>; ttlSeconds?: number };
      if (!body?.claims || typeof body.claims.sub !== 'string') {
        json(res, 400, { code: 'validation_failed', message: 'claims.sub is required' });
        return true;
      }
      const token = await stack.auth.mint(body.claims as { sub: string }, body.ttlSeconds ?? 3600);
      json(res, 200, { token });
      return true;
    }
    if (req.method === 'POST' && path === '/local/settle') {
      await stack.settle();
      json(res, 200, { settled: true });
      return true;
    }
    if (req.method === 'POST' && path === '/local/reminders/run') {
      // Runs the scheduled reminders function now, or at `now` (ISO): tests advance a fake clock.
      const body = (await readJson(req)) as { now?: unknown } | undefined;
      const now = body?.now === undefined ? undefined : new Date(String(body.now));
      if (now && (typeof body?.now !== 'string' || Number.isNaN(now.getTime()))) {
        json(res, 400, { code: 'validation_failed', message: 'now must be an ISO date-time' });
        return true;
      }
      json(res, 200, await stack.runReminders(now));
      return true;
    }
    if (req.method === 'POST' && path === '/local/digests/run') {
      // Runs the scheduled digests function now, or at `now` (ISO): tests advance a fake clock.
      const body = (await readJson(req)) as { now?: unknown } | undefined;
      const now = body?.now === undefined ? undefined : new Date(String(body.now));
      if (now && (typeof body?.now !== 'string' || Number.isNaN(now.getTime()))) {
        json(res, 400, { code: 'validation_failed', message: 'now must be an ISO date-time' });
        return true;
      }
      json(res, 200, await stack.runDigests(now));
      return true;
    }
    if (req.method === 'POST' && path === '/local/ses/bounce') {
      // The local SES never bounces: this puts on the default bus what a configuration set would.
      const body = (await readJson(req)) as { email?: unknown; type?: unknown } | undefined;
      const email = typeof body?.email === 'string' ? body.email.trim() : '';
      const type = body?.type ?? 'Permanent';
      if (!/^[^\s@]+@[^\s@]+$/.test(email) || !SES_FEEDBACK.includes(type as SesFeedback)) {
        json(res, 400, {
          code: 'validation_failed',
          message: `email must be an address; type one of ${SES_FEEDBACK.join(', ')}`,
        });
        return true;
      }
      const id = await stack.bus.put(sesFeedbackEntry(email, type as SesFeedback, new Date()));
      json(res, 202, { id, email, type });
      return true;
    }
    if (req.method === 'GET' && (await serveDocs(res, path))) return true;
    if (req.method === 'GET' && (await servePortalDemo(res, path, stack))) return true;
    const dlq = /^\/local\/dlq\/(notify|ingest)(\/redrive)?$/.exec(path);
    if (dlq) {
      const target = dlq[1] as RuleTarget;
      if (req.method === 'GET' && !dlq[2]) json(res, 200, { items: await stack.bus.deadLetters(target) });
      else if (req.method === 'POST' && dlq[2]) json(res, 200, await stack.bus.redrive(target));
      else return false;
      return true;
    }
    return false;
  };
}

/** What `cdk deploy` outputs (lib/), for this stack: scripts/stack-outputs.ts reads it with `--local`. */
export function localOutputs(stack: Pick<LocalStack, 'urls' | 'identity' | 'env'>): Record<string, string> {
  const { staff, contact } = stack.identity.pools;
  return {
    ApiUrl: stack.urls.api,
    PortalUrl: stack.env.PORTAL_URL!,
    Region: stack.env.AWS_REGION!,
    TableName: stack.env.TABLE_NAME!,
    StaffUserPoolId: staff.id,
    StaffClientId: staff.client,
    ContactUserPoolId: contact.id,
    ContactClientId: contact.client,
    LocalDynamoDbEndpoint: stack.urls.dynamodb,
    LocalIdentityEndpoint: stack.identity.endpoint,
  };
}

const SES_FEEDBACK = ['Permanent', 'Transient', 'Complaint'] as const;
type SesFeedback = (typeof SES_FEEDBACK)[number];

/** The EventBridge entry SES event publishing puts on the default bus for a bounce or a complaint. */
export function sesFeedbackEntry(email: string, type: SesFeedback, now: Date): PutEntry {
  const timestamp = now.toISOString();
  const mail = {
    timestamp,
    source: 'sender@local',
    messageId: `local-${now.getTime()}`,
    destination: [email],
  };
  const detail =
    type === 'Complaint'
      ? {
          eventType: 'Complaint',
          mail,
          complaint: {
            complainedRecipients: [{ emailAddress: email }],
            timestamp,
            feedbackId: `local-${now.getTime()}`,
            complaintFeedbackType: 'abuse',
          },
        }
      : {
          eventType: 'Bounce',
          mail,
          bounce: {
            bounceType: type,
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: email,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: 'smtp; 550 5.1.1 user unknown (injected by POST /local/ses/bounce)',
              },
            ],
            timestamp,
            feedbackId: `local-${now.getTime()}`,
          },
        };
  return {
    Source: 'aws.ses',
    DetailType: type === 'Complaint' ? 'Email Complaint Received' : 'Email Bounced',
    Detail: JSON.stringify(detail),
    Time: timestamp,
  };
}

const ROOT = resolve(import.meta.dirname, '..');
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Files served as they are, by exact path only (no path from the URL ever reaches the disk). */
const STATIC: Record<string, { file: string; type: string }> = {
  '/docs/openapi.json': { file: join(ROOT, 'docs/openapi.json'), type: 'application/json' },
  '/docs/swagger-ui.css': { file: join(SWAGGER_UI, 'swagger-ui.css'), type: 'text/css' },
  '/docs/swagger-ui-bundle.js': { file: join(SWAGGER_UI, 'swagger-ui-bundle.js'), type: 'text/javascript' },
  '/portal-demo/': { file: join(ROOT, 'portal-demo/index.html'), type: 'text/html; charset=utf-8' },
  '/portal-demo/style.css': { file: join(ROOT, 'portal-demo/style.css'), type: 'text/css' },
};

async function serveStatic(res: ServerResponse, path: string): Promise<boolean> {
  const entry = STATIC[path];
  if (!entry) return false;
  // Read on every request: a regenerated docs/openapi.json or an edited page shows on reload.
  const body = await readFile(entry.file);
  res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache' });
  res.end(body);
  return true;
}

async function serveDocs(res: ServerResponse, path: string): Promise<boolean> {
  if (path === '/docs' || path === '/docs/') {
    html(res, docsPage());
    return true;
  }
  return path.startsWith('/docs/') && serveStatic(res, path);
}

async function servePortalDemo(
  res: ServerResponse,
  path: string,
  stack: Pick<LocalStack, 'urls' | 'identity' | 'env'>,
): Promise<boolean> {
  // What `npm run portal-config -- --local` would write: the demo signs in as a real SPA does.
  if (path === '/portal-demo/portal-config.json') {
    json(
      res,
      200,
      portalConfigFrom(new Map(Object.entries(localOutputs(stack))), { local: true, api: stack.urls.api }),
    );
    return true;
  }
  // The invitation mail's link (`<portal URL>/accept?token=…`) opens the demo page itself.
  if (path === '/portal-demo/accept') return serveStatic(res, '/portal-demo/');
  if (path === '/portal-demo') {
    res.writeHead(301, { location: '/portal-demo/' });
    res.end();
    return true;
  }
  if (path === '/portal-demo/app.js') {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
    res.end(await portalDemoScript());
    return true;
  }
  return path.startsWith('/portal-demo/') && serveStatic(res, path);
}

/**
 * The demo's TypeScript, bundled with the typed client (and openapi-fetch) on each request: a few
 * tens of milliseconds, and an edit shows on reload without a build step.
 */
async function portalDemoScript(): Promise<string> {
  const out = await build({
    entryPoints: [join(ROOT, 'portal-demo/app.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portico API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
// The document has no servers: "Try it out" calls this gateway. Tokens: /local/tokens.
window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
</script></body></html>`;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function html(res: ServerResponse, body: string) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(raw));
      } catch {
        resolve(undefined);
      }
    });
  });
}

function indexPage(stack: LocalStack): string {
  const link = (href: string) => `<a href="${href}">${href}</a>`;
  return `<!doctype html><meta charset="utf-8"><title>Portico local stack</title>
<style>body{font:15px system-ui;margin:2rem;max-width:50rem}code{background:#eee;padding:0 .3em}</style>
<h1>Portico — local stack</h1>
<ul>
<li>API: ${link(stack.urls.api)}</li>
<li>Mail viewer (local SES): ${link(stack.urls.mail)}</li>
<li>Identity (local Cognito, two user pools): <code>${stack.identity.endpoint}</code> — outputs ${link(`${stack.urls.api}/local/outputs`)}</li>
<li>Demo tokens (dev only, no sign-in; they do not exist on AWS): ${link(`${stack.urls.api}/local/tokens`)}</li>
<li>JWKS: ${link(`${stack.urls.api}/local/jwks.json`)}</li>
<li>Dead letters: ${link(`${stack.urls.api}/local/dlq/notify`)}, ${link(`${stack.urls.api}/local/dlq/ingest`)}</li>
<li>Bounce or complaint for an address (the local SES produces none): <code>POST /local/ses/bounce {"email": "…", "type": "Permanent"|"Complaint"}</code></li>
<li>API reference (OpenAPI): ${link(`${stack.urls.api}/docs`)} — document at ${link(`${stack.urls.api}/docs/openapi.json`)}</li>
<li>Portal demo (contact + staff views): ${link(`${stack.urls.api}/portal-demo/`)}</li>
</ul>
<p>Call the API with <code>Authorization: Bearer &lt;token&gt;</code>.</p>`;
}
