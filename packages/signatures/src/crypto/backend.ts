/**
 * The two primitives every scheme needs. Implemented once on `node:crypto` (fast path on Node) and once on
 * Web Crypto (browsers, workers, Deno, Bun); both must produce identical bytes.
 */
export interface CryptoBackend {
  readonly name: 'node' | 'web';
  /** Prepares an HMAC-SHA256 key once so the hot path only signs. The result is opaque to callers. */
  importHmacKey(keyBytes: Uint8Array<ArrayBuffer>): Promise<HmacKey>;
  hmacSha256(key: HmacKey, data: Uint8Array): Promise<Uint8Array>;
  sha256(data: Uint8Array): Promise<Uint8Array>;
  /**
   * Synchronous twins, where the runtime has them (node:crypto). A ~5 µs HMAC costs about as much
   * again in promises, TextEncoder copies and byte-by-byte base64, so schemes prefer this when present.
   */
  readonly sync?: SyncHmac;
}

export interface SyncHmac {
  importHmacKey(keyBytes: Uint8Array<ArrayBuffer>): HmacKey;
  /**
   * Base64 HMAC-SHA256 over the parts in order, strings as UTF-8 (lone surrogates become U+FFFD,
   * exactly as TextEncoder does), so no joined copy of the body is ever made.
   */
  hmacSha256Base64(key: HmacKey, parts: readonly (string | Uint8Array)[]): string;
}

declare const hmacKeyBrand: unique symbol;
/** A backend-specific key handle (a `KeyObject` on Node, a `CryptoKey` on Web Crypto). */
export type HmacKey = { readonly [hmacKeyBrand]: true };
