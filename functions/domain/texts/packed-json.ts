// Texts packed at build time as data, not code (decisions 0046, 0049): JSON, brotli, base64 (a JS
// string literal holds it as is). `npm run notify-texts` packs; the settings and notify functions
// unpack on first use. node:zlib is in every Lambda runtime, so neither side costs bundle bytes.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/** JSON packed: brotli (text mode, highest quality), base64. */
export function packJson(json: string): string {
  return brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(json),
    },
  }).toString('base64');
}

/** The value of a packed string, each key/value passed through `reviver` as `JSON.parse` does. */
export const unpackJson = <T>(packed: string, reviver?: (key: string, value: unknown) => unknown): T =>
  JSON.parse(brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8'), reviver);
