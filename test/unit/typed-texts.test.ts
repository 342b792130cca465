// What people typed, as Portico shows it: the display-name rule for files (functions/domain/names.ts),
// the one rule for typed texts in notifications (functions/domain/plain-text.ts, render, texts) and
// bounded error bodies (functions/http/errors.ts). Property tests with fast-check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { casesApi } from '../../functions/api/cases';
import { displayName, MAX_DISPLAY_NAME } from '../../functions/domain/names';
import { clipText, flattenPlainText, graphemesOf, typedLine } from '../../functions/domain/plain-text';
import { attachment } from '../../functions/files/s3-files';
import { MAX_PROBLEMS_LISTED } from '../../functions/http/errors';
import type { Recipient } from '../../functions/notify/policy';
import { SUBJECT_MAX, shippedTexts } from '../../functions/notify/texts/index';
import { ALICE, counterIds, FIRM_A, fakeDeps, fakeGate, httpEvent, lambdaContext } from './fakes';

const SEED = 20261206;

/** Bidi controls the issue names: embeddings, overrides, isolates, marks, the Arabic letter mark. */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;
const FORMAT = /\p{Cf}/u;
const CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /\p{Cs}/u;

/** Characters an attacker reaches for, mixed with any code unit (lone surrogates included). */
const hostileChar = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u202e',
      '\u202d',
      '\u202a',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200e',
      '\u200f',
      '\u061c',
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2060',
      '\ufeff',
      '\u00ad',
      '\u3164',
      '\u0000',
      '\u001b',
      '\u007f',
      '\u0085',
      '\n',
      '\r',
      '\t',
      '\u2028',
      '/',
      '\\',
      '\u2215',
      '\uff0f',
      '.',
      '..',
      ' ',
      'e\u0301',
      '\ud83d',
      '\ude00',
      '😀',
      '👨‍👩‍👧',
      '🇧🇷',
      'pdf',
      'exe',
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 3 }) },
);
const hostile = (maxLength = 60) => fc.array(hostileChar, { maxLength }).map((parts) => parts.join(''));

describe('Rule: display names of files', () => {
  it.each([
    ['the right-to-left override trick', 'invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['an override before the extension', 'a\u202eexe.pdf', 'aexe.pdf'],
    ['isolates, marks and zero-width characters', '\u2067re\u200bport\u2069\u200f\ufeff.pdf', 'report.pdf'],
    ['a path up the tree', '../../etc/passwd', 'etc_passwd'],
    ['a Windows path', 'C:\\Users\\ana\\..\\tax.pdf', 'C:_Users_ana_tax.pdf'],
    ['a slash drawn like one', 'a\u2215b\uff0fc.pdf', 'a_b_c.pdf'],
    ['a hidden file', '.htaccess', 'file.htaccess'],
    ['dots and spaces at both ends', ' ..report . pdf.. ', 'report . pdf'],
    ['decomposed accents (NFC)', 'Relato\u0301rio.pdf', 'Relatório.pdf'],
    ['line breaks and controls', 'a\nb\u0000c\r\n.pdf', 'a b c .pdf'],
    ['spaces hiding the real extension', `invoice.pdf${' '.repeat(80)}.exe`, 'invoice.pdf .exe'],
    ['nothing visible', '\u202e\u200b/..', 'file'],
    ['an ordinary name', 'Tax return 2026 (final) – v2.pdf', 'Tax return 2026 (final) – v2.pdf'],
  ])('%s: %j shows as %j', (_what, input, expected) => {
    expect(displayName(input)).toBe(expected);
  });

  it('keeps the extension at the end of a name cut to length', () => {
    const name = displayName(`${'Ü'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(MAX_DISPLAY_NAME);
    expect(name.endsWith('….xlsx')).toBe(true);
  });

  it('never shows a bidi, invisible or control character, a path separator, a leading dot or a broken character', () => {
    fc.assert(
      fc.property(hostile(), (input) => {
        const out = displayName(input);
        expect(out).not.toMatch(BIDI);
        expect(out).not.toMatch(FORMAT);
        expect(out).not.toMatch(CONTROL);
        expect(out).not.toMatch(LONE_SURROGATE);
        expect(out).not.toMatch(/[/\\\u2215\uff0f]/u);
        expect(out).not.toMatch(/^[.\s]|[.\s]$/u);
        expect(out).not.toMatch(/\s{2}/u);
        expect(out.normalize('NFC')).toBe(out);
        expect(out.length).toBeGreaterThan(0);
        expect(out.length).toBeLessThanOrEqual(MAX_DISPLAY_NAME);
        // One rule, applied at write and again at read: the second pass changes nothing.
        expect(displayName(out)).toBe(out);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('keeps the real extension visible at the end, whatever comes before it', () => {
    fc.assert(
      fc.property(hostile(120), fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), (stem, ext) => {
        expect(displayName(`${stem}.${ext}`).endsWith(`.${ext}`)).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('leaves an ordinary name as it was typed', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9À-ÿ()_-][A-Za-z0-9À-ÿ ()_,-]{0,60}\.[a-z]{2,4}$/), (name) => {
        fc.pre(!/\s{2}|\s\./.test(name) && name.normalize('NFC') === name);
        expect(displayName(name)).toBe(name);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('reaches the download header clean: no override in either filename of Content-Disposition', () => {
    const header = attachment(displayName('invoice\u202efdp.exe'));
    expect(decodeURIComponent(header)).not.toMatch(BIDI);
    expect(header).toBe(`attachment; filename="invoicefdp.exe"; filename*=UTF-8''invoicefdp.exe`);
  });
});

describe('Rule: texts people typed', () => {
  it('shows a short text as typed on one line, without invisible or control characters', () => {
    fc.assert(
      fc.property(hostile(), (input) => {
        const out = typedLine(input);
        expect(out).not.toMatch(BIDI);
        expect(out).not.toMatch(CONTROL);
        expect(out).not.toMatch(LONE_SURROGATE);
        // Only the joiners emoji and scripts need stay of the format characters.
        expect(out.replace(/[\u200c\u200d]/gu, '')).not.toMatch(FORMAT);
        expect(out).not.toMatch(/[\n\r\u2028\u2029]/u);
        expect(out.normalize('NFC')).toBe(out);
        expect(typedLine(out)).toBe(out);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('takes nothing visible from a subject: markup and brackets stay as typed', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(
          /^[A-Za-z0-9<>&"'*_[\]()#/-]([A-Za-z0-9 <>&"'*_[\]()#/-]*[A-Za-z0-9<>&"'*_[\]()#/-])?$/,
        ),
        (subject) => {
          fc.pre(!/\s{2}/.test(subject));
          expect(typedLine(subject)).toBe(subject);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
    expect(typedLine('Form <W-2> missing')).toBe('Form <W-2> missing');
    expect(typedLine('<b>bold</b> & <img src=x> T')).toBe('<b>bold</b> & <img src=x> T');
  });

  it('flattens a long text: no markdown markers, links or tags left, one paragraph', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
    const piece = fc.oneof(
      word,
      word.map((w) => `**${w}**`),
      word.map((w) => `__${w}__`),
      fc.tuple(word, word).map(([t, u]) => `[${t}](https://x.test/${u})`),
      word.map((w) => `<b>${w}</b>`),
      word.map((w) => `\n- ${w}`),
      word.map((w) => `\n# ${w}`),
      word.map((w) => `\n> ${w}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const out = flattenPlainText(pieces.join(' '));
        expect(out).not.toMatch(/\*\*|__|\]\(|<\/?b>|\n/);
        expect(out).not.toMatch(/(^|\s)[-#>](\s|$)/);
        expect(out.normalize('NFC')).toBe(out);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('cuts between graphemes: a clipped text is whole characters of the original and an ellipsis', () => {
    const text = fc.array(
      fc.oneof(
        fc.constantFrom('😀', '👨‍👩‍👧', '🇧🇷', 'e\u0301', 'ñ', 'a', ' ', '中'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      { minLength: 1, maxLength: 200 },
    );
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 160 }), (parts, max) => {
        const input = parts.join('');
        fc.pre(input.length > max);
        const out = clipText(input, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(LONE_SURROGATE);
        expect(out.endsWith('…')).toBe(true);
        const kept = graphemesOf(out.slice(0, -1));
        expect(graphemesOf(input).slice(0, kept.length).join('').trimEnd()).toBe(kept.join(''));
      }),
      { seed: SEED, numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (input) => {
        expect(clipText(input, 160)).toBe(input);
      }),
      { seed: SEED },
    );
  });
});

describe('Notify texts: subjects people typed', () => {
  const reader: Recipient = { kind: 'contact', firmId: FIRM_A, id: 'c1', name: 'Carla', email: 'c@x.test' };

  it('a subject of emoji is cut between characters, never inside one', async () => {
    // Prepare: a subject whose 149th UTF-16 unit (after "New discussion: ") is half an emoji
    const subject = '😀'.repeat(100);
    // Act
    const m = await shippedTexts().render('discussion.published', reader, {
      authorName: 'Ann',
      subject,
      hasAttachment: 'no',
      attachmentName: '',
    });
    // Assess
    expect(m.subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(m.subject).not.toMatch(LONE_SURROGATE);
    expect(m.subject.endsWith('😀…')).toBe(true);
  });

  it('subjects stay whole characters, as typed, escaped only in HTML', async () => {
    await fc.assert(
      fc.asyncProperty(hostile(120), async (subject) => {
        const m = await shippedTexts().render('discussion.published', reader, {
          authorName: 'Ann',
          subject,
          hasAttachment: 'no',
          attachmentName: '',
        });
        for (const part of [m.subject, m.title, m.body, m.text]) {
          expect(part).not.toMatch(LONE_SURROGATE);
          expect(part).not.toMatch(BIDI);
        }
        expect(m.subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
        expect(m.title).toContain(typedLine(subject));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('Error bodies: bounded whatever the request', () => {
  it('10,000 unknown fields answer a small 400 with the first problems and a count', async () => {
    // Prepare
    const deps = fakeDeps({ ids: counterIds(1) });
    const handler = casesApi(deps, fakeGate().gate);
    const junk = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]));
    const body = JSON.stringify({ title: 'A case', ...junk });
    // Act
    const res = await handler(
      httpEvent('POST /cases', { claims: { sub: ALICE, firmId: FIRM_A, role: 'staff' }, body }),
      lambdaContext(),
    );
    // Assess
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(2_000);
    const json = JSON.parse(res.body) as {
      code: string;
      message: string;
      fields: { path: string; message: string }[];
      fieldCount: number;
    };
    expect(json.code).toBe('validation_failed');
    expect(json.fields.length).toBeLessThanOrEqual(MAX_PROBLEMS_LISTED);
    expect(json.fieldCount).toBe(1);
    expect(json.fields[0]!.message).toBe(
      'has 10000 unknown fields: "field0", "field1", "field2", "field3", "field4" and 9995 more',
    );
    expect(deps.cases.writes).toBe(0);
  });

  it('many bad fields and huge keys stay bounded too', async () => {
    const deps = fakeDeps({ ids: counterIds(1) });
    const handler = casesApi(deps, fakeGate().gate);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.string({ unit: 'binary', minLength: 20, maxLength: 5000, size: 'large' }),
          fc.anything(),
          { minKeys: 20, maxKeys: 300 },
        ),
        async (junk) => {
          const body = JSON.stringify({ ...junk, title: 'x'.repeat(10_000) });
          const res = await handler(
            httpEvent('POST /cases', { claims: { sub: ALICE, firmId: FIRM_A, role: 'staff' }, body }),
            lambdaContext(),
          );
          expect(res.statusCode).toBe(400);
          expect(res.body.length).toBeLessThan(6_000);
        },
      ),
      { seed: SEED, numRuns: 50 },
    );
    expect(deps.cases.writes).toBe(0);
    // Bodies of up to 1.5 MB, 50 times: seconds of work, more on a 2-core machine running other suites.
  }, 60_000);
});
