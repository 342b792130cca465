import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_PATH, renderClientTypes } from '../../client/generate';
import { createPorticoClient, uploadForm } from '../../client/src/index';

const root = resolve(import.meta.dirname, '../..');

/** A fetch that records the request and answers `body` with `status`. */
function recorder(status: number, body: unknown) {
  const seen: Request[] = [];
  const fetch = async (req: Request) => {
    seen.push(req);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { seen, fetch };
}

describe('Module: typed client', () => {
  it('has its types committed up to date with docs/openapi.json', async () => {
    // Prepare
    const committed = readFileSync(resolve(root, CLIENT_TYPES_PATH), 'utf8');

    // Act
    const fresh = await renderClientTypes(root);

    // Assess
    expect(
      committed === fresh,
      `${CLIENT_TYPES_PATH} is out of date with docs/openapi.json: run \`npm run client\``,
    ).toBe(true);
  });

  it('sends the bearer token, fills path parameters and serializes the query', async () => {
    const { seen, fetch } = recorder(200, { items: [] });
    const api = createPorticoClient({ baseUrl: 'http://api.test/', token: 'tok', fetch });

    const res = await api.GET('/cases/{caseId}/documents', {
      params: { path: { caseId: '01KDVDNA0664QTKAA93N13DD0V' }, query: { source: 'client', limit: 5 } },
    });

    expect(res.data).toEqual({ items: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(
      'http://api.test/cases/01KDVDNA0664QTKAA93N13DD0V/documents?source=client&limit=5',
    );
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer tok');
  });

  it('asks a token function on every request and sends none when anonymous', async () => {
    const { seen, fetch } = recorder(401, { code: 'unauthorized', message: 'Unauthorized' });
    let n = 0;
    const api = createPorticoClient({ baseUrl: 'http://api.test', token: () => `t${++n}`, fetch });
    const anonymous = createPorticoClient({ baseUrl: 'http://api.test', fetch });

    await api.GET('/inbox');
    await api.GET('/inbox');
    const res = await anonymous.GET('/inbox');

    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2', null]);
    expect(res.error).toEqual({ code: 'unauthorized', message: 'Unauthorized' });
    expect(res.response.status).toBe(401);
  });

  it('builds the presigned POST form with the fields first and the file last', async () => {
    const form = uploadForm({ fields: { key: 'k', Policy: 'p' } }, new Blob(['hi']), 'a.txt');

    expect([...form.keys()]).toEqual(['key', 'Policy', 'file']);
    expect((form.get('file') as File).name).toBe('a.txt');
  });
});
