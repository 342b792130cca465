// What people typed, as an attacker types it (issue 13, parts 2 and 6): fuzzed file names (bidi
// overrides, paths, invisible and control characters, lone surrogates) uploaded through the
// presigned POST and ingested are shown by the display rule in every list, download and notice;
// and no bad request, however large, gets a large answer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayName } from '../../functions/domain/names';
import { clipText } from '../../functions/domain/plain-text';
import { routeEntries } from '../../functions/http/routes';
import { SUBJECT_MAX } from '../../functions/notify/texts/index';
import { captureLogs } from './support/logs';
import { type Harness, mailsTo, newId, startHarness } from './support/stack';
import { useTally } from './support/tally';
import { buildFirmWorld, type FirmWorld, startUpload } from './support/world';

const tally = useTally('names');
const logs = captureLogs();
const SEED = 20261206;
/** Names per run: each is an upload, an ingest and its notices. */
const NAMES = 24;

/** Bidi controls, invisible formats, control characters, lone surrogates: never in a shown name. */
const HIDDEN = /[\p{Cf}\p{Cc}\p{Cs}]/u;

let h: Harness;
let A: FirmWorld;

beforeAll(async () => {
  h = await startHarness();
  A = await buildFirmWorld(h, 'Alpha & Co');
  logs.secret(A.firm.staff.token, A.firm.admin.token, A.collaborator.token);
  tally.ready();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const hostileChar = fc.oneof(
  fc.constantFrom(
    '\u202e',
    '\u202d',
    '\u2066',
    '\u2067',
    '\u2069',
    '\u200e',
    '\u200f',
    '\u061c',
    '\u200b',
    '\u200d',
    '\ufeff',
    '\u00ad',
    '\u0085',
    '\u2028',
    '/',
    '\\',
    '\u2215',
    '\uff0f',
    '.',
    '..',
    ' ',
    '\ud83d',
    'e\u0301',
    '😀',
    'exe',
    'pdf',
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
/** Names the upload schema accepts (no C0 controls, not blank, ≤ 255), hostile otherwise. */
const hostileName = fc
  .array(hostileChar, { minLength: 1, maxLength: 40 })
  .map((parts) => `${parts.join('')}.pdf`)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the schema refuses these; the fuzz aims past it
  .filter((n) => n.trim().length > 0 && n.length <= 255 && !/[\u0000-\u001f\u007f]/.test(n));

describe('Reliability: names people typed', () => {
  it('fuzzed file names are shown by the display rule in lists, search, downloads, inbox items and mail', async () => {
    // Prepare: hostile names, uploaded by the collaborator (each one tells the case's staff)
    const names = fc.sample(hostileName, { numRuns: NAMES, seed: SEED });
    const uploads = [];
    for (const fileName of names) {
      const t = await startUpload(h, `/portal/cases/${A.case1}/uploads`, A.collaborator.token, { fileName });
      uploads.push({ fileName, documentId: t.uploadId, shown: displayName(fileName) });
    }
    await h.settle();

    // Act: everything that shows one of these names
    const problems: string[] = [];
    let checks = 0;
    const check = (what: string, fileName: string, seen: string | undefined, expected: string) => {
      checks++;
      if (seen !== expected || HIDDEN.test(seen))
        problems.push(
          `${what} of ${JSON.stringify(fileName)}: ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}`,
        );
    };
    const all = async (path: string, token: string) => {
      const items: Record<string, unknown>[] = [];
      let next: string | undefined;
      do {
        const res = await h.call(
          'GET',
          `${path}${path.includes('?') ? '&' : '?'}limit=100${next ? `&nextToken=${encodeURIComponent(next)}` : ''}`,
          { token },
        );
        expect(res.status, res.text).toBe(200);
        items.push(...res.body.items);
        next = res.body.nextToken;
      } while (next);
      return items;
    };
    const staffDocs = await all(`/cases/${A.case1}/documents`, A.firm.staff.token);
    const portalDocs = await all(`/portal/cases/${A.case1}/documents`, A.collaborator.token);
    const shares = await all(`/cases/${A.case1}/shares`, A.firm.staff.token);
    const inbox = await all('/inbox', A.firm.staff.token);
    const mail = await mailsTo(h, A.firm.staff.email);
    for (const u of uploads) {
      const byId = (items: Record<string, unknown>[]) => items.find((i) => i.documentId === u.documentId);
      check('staff list', u.fileName, byId(staffDocs)?.name as string, u.shown);
      check('portal list', u.fileName, byId(portalDocs)?.name as string, u.shown);
      check('share search', u.fileName, byId(shares)?.documentName as string, u.shown);
      const download = await h.call('GET', `/portal/cases/${A.case1}/documents/${u.documentId}/download`, {
        token: A.collaborator.token,
      });
      logs.secret(download.body?.url);
      const disposition = new URL(download.body.url).searchParams.get('response-content-disposition') ?? '';
      const utf8 = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? '');
      check('download filename*', u.fileName, utf8, u.shown);
      const notice = inbox.find(
        (i) => i.type === 'document.uploaded' && String(i.body).includes(` uploaded ${u.shown} to `),
      );
      check('inbox item', u.fileName, notice ? u.shown : undefined, u.shown);
      const subject = clipText(`Colin Collaborator uploaded ${u.shown}`, SUBJECT_MAX);
      const mailed = mail.find((m) => m.subject === subject);
      check('mail subject', u.fileName, mailed ? u.shown : undefined, u.shown);
    }

    // Assess
    tally.add('fuzz', checks);
    tally.fail(problems.length);
    expect(problems).toEqual([]);
  });

  it('a bad request answers a small body whatever its size: every route with a body, thousands of unknown fields', async () => {
    // Prepare: 3,000 unknown fields with long names (~190 KB), on every route that takes a body
    const junk = Object.fromEntries(
      Array.from({ length: 3_000 }, (_, i) => [`unknown-${i}-${'x'.repeat(50)}`, 'y'.repeat(10)]),
    );
    const token = (auth: string) =>
      auth === 'contact' ? A.collaborator.token : auth === 'admin' ? A.firm.admin.token : A.firm.staff.token;
    const routes = routeEntries().filter(([, r]) => r.body !== undefined);
    const problems: string[] = [];

    // Act
    for (const [id, r] of routes) {
      const path = r.path.replace(/\{(\w+)\}/g, (_m, n: string) => (n === 'caseId' ? A.case1 : newId()));
      const res = await h.call(r.method, path, { token: token(r.auth), body: junk });
      const small = res.text.length < 4_000;
      if (res.status < 400 || res.status >= 500 || !small || typeof res.body?.code !== 'string')
        problems.push(`${id}: ${res.status}, ${res.text.length} characters: ${res.text.slice(0, 120)}`);
    }

    // Assess
    tally.add('fuzz', routes.length);
    tally.fail(problems.length);
    expect(routes.length).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });

  it('logs no token or signed URL while doing so', () => {
    const leaks = logs.leaks();
    tally.fail(leaks.length);
    expect(leaks).toEqual([]);
  });
});
