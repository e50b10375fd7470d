-- API keys are stored as a display prefix plus a SHA-256 hash, looked up by the hash; the key itself
-- is shown once and never stored.
-- tenant_id NULL = an admin key (every tenant).

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  tenant_id    TEXT REFERENCES tenants (id),
  prefix       TEXT NOT NULL,
  hash         TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER,
  last_used_at INTEGER
);
CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at, id);
