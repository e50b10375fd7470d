import type { CryptoBackend } from '../crypto/backend.js';
import { HmacKeyCache } from '../crypto/key-cache.js';
import { createHeaderAuth } from './header-auth.js';
import { createHmacHex } from './hmac-hex.js';
import { createStandardWebhooks } from './standard-webhooks.js';
import { createTokenHash } from './token-hash.js';

export function createSchemes(crypto: CryptoBackend) {
  const context = { crypto, keys: new HmacKeyCache(crypto) };
  return {
    ...createStandardWebhooks(context),
    ...createHmacHex(context),
    ...createTokenHash(context),
    ...createHeaderAuth(context),
  };
}

export type SchemeImplementations = ReturnType<typeof createSchemes>;
