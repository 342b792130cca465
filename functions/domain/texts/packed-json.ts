// Texts packed at build time as data, not code (decisions 0046, 0049), and the templates function's
// ICU code (decision 0055): brotli, base64 (a JS string literal holds it as is). `npm run
// notify-texts` and `npm run icu-packed` pack; the functions unpack on first use. node:zlib is in
// every Lambda runtime, so neither side costs bundle bytes.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** Text packed: brotli (text mode, highest quality), base64. */
export function packText(text: string): string {
  return brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text),
    },
  }).toString('base64');
}

/** The text of a packed string. */
export const unpackText = (packed: string): string =>
  brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');

/** JSON packed as text. */
export const packJson = (json: string): string => packText(json);

/** The value of a packed string, each key/value passed through `reviver` as `JSON.parse` does. */
export const unpackJson = <T>(packed: string, reviver?: (key: string, value: unknown) => unknown): T =>
  JSON.parse(unpackText(packed), reviver);
