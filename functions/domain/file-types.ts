// File types: does an uploaded object's first bytes agree with the content type it was declared as?
// The browser's declared type is a claim; ingest holds every object to it by magic bytes.

/** How many leading bytes ingest reads to decide (text checks look at all of them). */
export const SNIFF_BYTES = 4096;

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

const PDF = ascii('%PDF-');
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const TIFF_LE = [0x49, 0x49, 0x2a, 0x00];
const TIFF_BE = [0x4d, 0x4d, 0x00, 0x2a];
/** ZIP local file header; OOXML documents (docx, xlsx, pptx) are ZIP packages. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE2 compound file: legacy .doc and .xls. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/**
 * Text is accepted when it holds no NUL byte and is valid UTF-8. `truncated`: the bytes are only the
 * start of the object, so a multi-byte character cut at the end is not an error.
 */
function isText(bytes: Uint8Array, truncated: boolean): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

const binary: Record<string, number[][]> = {
  'application/pdf': [PDF],
  'image/png': [PNG],
  'image/jpeg': [JPEG],
  'image/gif': [GIF87, GIF89],
  'image/tiff': [TIFF_LE, TIFF_BE],
  'application/zip': [ZIP],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [ZIP],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [ZIP],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [ZIP],
  'application/msword': [OLE],
  'application/vnd.ms-excel': [OLE],
};

const textTypes = new Set(['text/plain', 'text/csv']);

/** The content types ingest knows how to check; anything else is refused. */
export const checkableTypes: readonly string[] = [...Object.keys(binary), ...textTypes];

/**
 * Do the first bytes of an object agree with its declared content type? `truncated` says whether
 * `head` is only a prefix of the object (then a text check tolerates a character cut in half).
 */
export function contentMatches(contentType: string, head: Uint8Array, truncated: boolean): boolean {
  if (head.length === 0) return false;
  if (textTypes.has(contentType)) return isText(head, truncated);
  const magics = binary[contentType];
  return magics?.some((m) => startsWith(head, m)) ?? false;
}
