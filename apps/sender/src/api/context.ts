import type { Publisher } from '../ingest/publisher.js';
import type { DestinationPolicy } from '../security/destination-policy.js';
import type { TokenBucketRateLimiter } from '../security/rate-limiter.js';
import type { SecretBox } from '../security/secret-box.js';
import type { ResolveHost } from '../security/ssrf-guard.js';
import type { Store } from '../store/types.js';

/** Who is calling: an operator (every tenant) or one tenant's backend. */
/** `bootstrap`: the configured admin key (TASKHOOKS_ADMIN_KEY or admin.key), not a stored one. */
export type Caller =
  | { kind: 'admin'; keyId: string; bootstrap?: true }
  | { kind: 'tenant'; tenantId: string; keyId: string };

/** What the management procedures (endpoints, keys, …) need beyond the publish path. */
export interface ManagementServices {
  /** Seals endpoint secrets and custom headers at rest. */
  secretBox: SecretBox;
  /** Which endpoint URLs are acceptable (TASKHOOKS_MODE + allowlist). */
  destinationPolicy: DestinationPolicy;
  /** DNS for URL validation; injectable so tests never query real DNS. */
  resolveHost?: ResolveHost;
  /** Upper bound for an endpoint's timeoutMs (TASKHOOKS_MAX_TIMEOUT_MS). */
  maxTimeoutMs: number;
  /** How long a rotated-out secret keeps signing by default. */
  secretOverlapMs: number;
  /** Read endpoints whose secrets were stored before encryption existed. */
  acceptLegacyPlainSecrets: boolean;
  /** False with WEBHOOK_ENABLED=false: nothing is sent, so test sends and redeliveries are refused. */
  sendingEnabled?: boolean;
  /** Tells delivery workers that something became due (after sendTest, redeliver, recover). */
  wakeWorkers: () => void;
  /** Issues magic links to a tenant's endpoint portal (absent when the server serves no portal). */
  portal?: {
    createLink(
      tenantId: string,
      ttlSeconds?: number,
      issuerKeyId?: string,
    ): { url: string; expiresAt: number };
  };
}

export interface ApiServices {
  store: Store;
  publisher: Publisher;
  now: () => number;
  /** Token buckets per tenant (or admin key): `publish` for events.*, `management` for everything else; absent = unlimited. */
  rateLimits?: { publish: TokenBucketRateLimiter; management: TokenBucketRateLimiter };
  /** Absent only in set-ups that serve the publish API alone; management calls then answer 501. */
  management?: ManagementServices;
}

export interface ApiContext extends ApiServices {
  caller: Caller | null;
  /** The request's `Idempotency-Key` header, for publishes whose input names no key. */
  idempotencyKeyHeader?: IdempotencyKeyHeader;
}

export interface IdempotencyKeyHeader {
  /** Each value sent: Node would join repeated headers into one `a, b` key. */
  values: string[];
  /** The HTTP request batches several tRPC calls, so the one header cannot name each of them. */
  sharedByBatchedCalls: boolean;
}

/**
 * Reads `Idempotency-Key` off a request. `calls` is how many procedure calls the request carries,
 * as tRPC itself parsed them (a batch of one is how tRPC's batch link sends a single call).
 */
export function idempotencyKeyHeaderOf(
  req: { headersDistinct: Record<string, string[] | undefined> },
  calls: number,
): { idempotencyKeyHeader?: IdempotencyKeyHeader } {
  const values = req.headersDistinct['idempotency-key'];
  if (!values || values.length === 0) return {};
  return { idempotencyKeyHeader: { values, sharedByBatchedCalls: calls > 1 } };
}
