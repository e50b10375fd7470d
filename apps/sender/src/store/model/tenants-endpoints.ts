/** Tenants and their endpoints as the store holds them (times in epoch ms). */

export type Entitlement = 'active' | 'expired';

export interface Tenant {
  id: string;
  name: string;
  entitlement: Entitlement;
  createdAt: number;
  updatedAt: number;
}

export type HttpMethod = 'POST' | 'PUT' | 'PATCH';

/** Signature scheme config as stored; mirrors `SchemeConfig` of @taskhooks/signatures minus secrets. */
export type StoredScheme =
  | { scheme: 'standard-webhooks' }
  | { scheme: 'hmac-sha256-hex'; signatureHeader?: string; eventHeader?: string }
  | { scheme: 'token-hash'; tokenHashHeader?: string; eventHeader?: string }
  | { scheme: 'header-auth' };

export interface RetryPolicy {
  /** Total attempts including the first one. */
  maxAttempts: number;
  /** Delay before attempt n+1, in ms; the last entry repeats. */
  delaysMs: number[];
  /** Random extra delay as a fraction of the delay (0 = exact schedule, as the seed presets require). */
  jitter: number;
  /** Which failures are retried. */
  retryOn: { network: boolean; timeout: boolean; status429: boolean; status5xx: boolean; status4xx: boolean };
  /** Honour Retry-After on 429/503, clamped to this maximum. */
  maxRetryAfterMs: number;
  /** Name of the preset it came from, if any ('default', 'seed-002', 'seed-003', 'seed-000'). */
  preset?: string;
}

export interface Endpoint {
  id: string;
  tenantId: string;
  url: string;
  method: HttpMethod;
  description: string;
  /** Model id the endpoint receives (e.g. plan_bound_v2). */
  model: string;
  /** Exact event names or `prefix.*` wildcards; empty = every event of the model. */
  eventFilter: string[];
  scheme: StoredScheme;
  /**
   * Secrets, tokens and custom header values, as one opaque string the store never interprets
   * (issue 5 encrypts it at rest; until then JSON). Never logged, never returned by list/get APIs.
   */
  secretsSealed: string;
  retryPolicy: RetryPolicy;
  timeoutMs: number;
  enabled: boolean;
  disabledReason: string | null;
  /** When the endpoint started failing continuously (null while healthy). */
  failingSince: number | null;
  createdAt: number;
  updatedAt: number;
}

export type NewEndpoint = Omit<Endpoint, 'createdAt' | 'updatedAt' | 'failingSince' | 'disabledReason'> & {
  disabledReason?: string | null;
};

export type EndpointPatch = Partial<
  Pick<
    Endpoint,
    | 'url'
    | 'method'
    | 'description'
    | 'model'
    | 'eventFilter'
    | 'scheme'
    | 'secretsSealed'
    | 'retryPolicy'
    | 'timeoutMs'
    | 'enabled'
    | 'disabledReason'
    | 'failingSince'
  >
>;
