// Magic-byte checks of uploaded objects against their declared content type.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkableTypes, contentMatches } from '../../functions/domain/file-types';
import { UploadContentType } from '../../functions/http/schemas/documents';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(new TextEncoder().encode(p)) : p)));

const samples: Record<string, Uint8Array> = {
  'application/pdf': bytes('%PDF-1.7\n'),
  'image/png': bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
  'image/jpeg': bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
  'image/gif': bytes('GIF89a', [1, 0]),
  'image/tiff': bytes([0x4d, 0x4d, 0x00, 0x2a, 0, 0]),
  'application/zip': bytes('PK', [3, 4, 20, 0]),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': bytes('PK', [3, 4, 20, 0]),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': bytes('PK', [3, 4, 20, 0]),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': bytes('PK', [3, 4, 20, 0]),
  'application/msword': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
  'application/vnd.ms-excel': bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
  'text/plain': bytes('Olá, tudo bem?\n'),
  'text/csv': bytes('a;b\n1;2\n'),
};

describe('Function: contentMatches', () => {
  it('knows every content type the upload schema accepts', () => {
    expect([...checkableTypes].sort()).toEqual([...UploadContentType.options].sort());
  });

  it.each(Object.entries(samples))('accepts the signature of %s', (type, head) => {
    expect(contentMatches(type, head, false)).toBe(true);
  });

  it('accepts both GIF versions and both TIFF byte orders', () => {
    expect(contentMatches('image/gif', bytes('GIF87a'), false)).toBe(true);
    expect(contentMatches('image/tiff', bytes([0x49, 0x49, 0x2a, 0x00]), false)).toBe(true);
  });

  it('refuses a binary whose bytes belong to another type, and an empty object', () => {
    expect(contentMatches('application/pdf', samples['image/png']!, false)).toBe(false);
    expect(contentMatches('image/jpeg', bytes('MZ\x90\x00'), false)).toBe(false);
    expect(contentMatches('application/msword', samples['application/zip']!, false)).toBe(false);
    expect(contentMatches('application/pdf', new Uint8Array(), false)).toBe(false);
    expect(contentMatches('application/pdf', bytes('%PDF'), false)).toBe(false);
  });

  it('refuses text with a NUL byte or invalid UTF-8, and tolerates a character cut at a truncated end', () => {
    expect(contentMatches('text/plain', bytes('ab', [0], 'c'), false)).toBe(false);
    expect(contentMatches('text/csv', bytes([0xc3, 0x28]), false)).toBe(false);
    const cut = bytes('caf', [0xc3]); // "café" cut inside the é
    expect(contentMatches('text/plain', cut, true)).toBe(true);
    expect(contentMatches('text/plain', cut, false)).toBe(false);
  });

  it('refuses any type it does not know', () => {
    expect(contentMatches('application/x-msdownload', bytes('MZ'), false)).toBe(false);
  });

  it('accepts any valid UTF-8 text without NUL as text/plain (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => !s.includes('\u0000')),
        (s) => contentMatches('text/plain', new TextEncoder().encode(s), false),
      ),
    );
  });
});
