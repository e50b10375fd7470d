/**
 * An API key as stored: only a lookup prefix and a hash of the key; the key itself is shown once at
 * creation and never stored. `tenantId` null = an admin key (acts on every tenant).
 */
export interface ApiKey {
  id: string;
  tenantId: string | null;
  /** Non-secret start of the key (e.g. `thk_tenant_AbC12x`) so people can tell keys apart. */
  prefix: string;
  /** Hash of the whole key (format owned by security/api-keys); unique, the lookup column. */
  hash: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
  /** The stored key that created this one; null for the bootstrap TASKHOOKS_ADMIN_KEY. */
  createdBy: string | null;
}

export type NewApiKey = Pick<ApiKey, 'id' | 'tenantId' | 'prefix' | 'hash' | 'name'> & {
  createdBy?: string | null;
};

export interface ApiKeyFilter {
  /** undefined = every key; null = admin keys only; a string = that tenant's keys. */
  tenantId?: string | null;
}
