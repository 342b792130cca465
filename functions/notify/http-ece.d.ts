// Types of the part of `http_ece` (RFC 8188 encrypted content encoding) the tests use: the reference our own
// aes128gcm encryption (web-push-request.ts) is held equal to, and the local push service's decryption.
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  interface Params {
    version: 'aes128gcm' | 'aesgcm';
    /** The receiver's public key (base64url or bytes). */
    dh?: string | Buffer;
    privateKey?: ECDH;
    salt?: string | Buffer;
    /** The receiver's auth secret (base64url or bytes). */
    authSecret?: string | Buffer;
    rs?: number;
  }
  const ece: {
    encrypt(buffer: Buffer, params: Params): Buffer;
    decrypt(buffer: Buffer, params: Params): Buffer;
  };
  export default ece;
}
