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
}

declare const hmacKeyBrand: unique symbol;
/** A backend-specific key handle (a `KeyObject` on Node, a `CryptoKey` on Web Crypto). */
export type HmacKey = { readonly [hmacKeyBrand]: true };
