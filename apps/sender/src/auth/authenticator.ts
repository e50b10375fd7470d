import type { Caller } from '../api/context.js';
import { hashApiKey, parseApiKey, verifyApiKey } from '../security/api-keys.js';
import type { Store } from '../store/types.js';
import { adminKeyAuthenticator } from './admin-key.js';

export type Authenticate = (authorization: string | undefined) => Promise<Caller | null>;

export interface AuthenticatorOptions {
  store: Pick<Store, 'findApiKeyByHash' | 'touchApiKey'>;
  /** The bootstrap admin key (TASKHOOKS_ADMIN_KEY or the generated admin.key file). */
  bootstrapAdminKey: string;
  now: () => number;
  /** `last_used_at` is written at most this often per key, so a busy key costs no write per request. */
  touchIntervalMs?: number;
  onTouchError?: (error: unknown) => void;
}

/**
 * Bearer-token authentication: the bootstrap admin key first, then keys from the store (admin or
 * tenant-scoped), matched by hash; revoked keys are refused. Unknown, malformed and revoked keys
 * all answer the same null (401), so nothing tells a prober which one it hit.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticate {
  const bootstrap = adminKeyAuthenticator(options.bootstrapAdminKey);
  const touchIntervalMs = options.touchIntervalMs ?? 60_000;
  const lastTouched = new Map<string, number>();

  return async (authorization) => {
    const admin = bootstrap(authorization);
    if (admin) return admin;
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token || !parseApiKey(token)) return null;
    const key = await options.store.findApiKeyByHash(hashApiKey(token));
    if (!key || key.revokedAt !== null || !verifyApiKey(token, key.hash)) return null;

    const now = options.now();
    if (now - (lastTouched.get(key.id) ?? Number.NEGATIVE_INFINITY) >= touchIntervalMs) {
      lastTouched.set(key.id, now);
      if (lastTouched.size > 10_000) lastTouched.delete(lastTouched.keys().next().value!);
      void options.store.touchApiKey(key.id, now).catch((error) => options.onTouchError?.(error));
    }
    return key.tenantId === null
      ? { kind: 'admin', keyId: key.id }
      : { kind: 'tenant', tenantId: key.tenantId, keyId: key.id };
  };
}
