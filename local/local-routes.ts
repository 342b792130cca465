// Dev-only endpoints of the local gateway (they do not exist in AWS): an index page, the JWKS,
// demo tokens, and helpers the tests use to wait for asynchronous work and inspect dead letters.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RuleTarget } from '../functions/events/rules';
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
<li>Demo tokens: ${link(`${stack.urls.api}/local/tokens`)}</li>
<li>JWKS: ${link(`${stack.urls.api}/local/jwks.json`)}</li>
<li>Dead letters: ${link(`${stack.urls.api}/local/dlq/notify`)}, ${link(`${stack.urls.api}/local/dlq/ingest`)}</li>
</ul>
<p>Call the API with <code>Authorization: Bearer &lt;token&gt;</code>.</p>`;
}
