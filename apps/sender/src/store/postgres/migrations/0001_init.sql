-- Times are epoch milliseconds (BIGINT). Payloads and operational details are TEXT so they
-- round-trip byte for byte; structured config is JSONB.

CREATE TABLE tenants (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  entitlement TEXT NOT NULL CHECK (entitlement IN ('active', 'expired')),
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);

CREATE TABLE endpoints (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants (id),
  url             TEXT NOT NULL,
  method          TEXT NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH')),
  description     TEXT NOT NULL,
  model           TEXT NOT NULL,
  event_filter    JSONB NOT NULL,
  scheme          JSONB NOT NULL,
  secrets_sealed  TEXT NOT NULL,
  retry_policy    JSONB NOT NULL,
  timeout_ms      INTEGER NOT NULL,
  enabled         BOOLEAN NOT NULL,
  disabled_reason TEXT,
  failing_since   BIGINT,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  -- Soft delete: delivered history keeps pointing at the endpoint until retention removes it.
  deleted_at      BIGINT
);
CREATE INDEX endpoints_by_tenant ON endpoints (tenant_id, model) WHERE deleted_at IS NULL;

CREATE TABLE messages (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants (id),
  model           TEXT NOT NULL,
  event           TEXT NOT NULL,
  payload_json    TEXT,
  idempotency_key TEXT,
  created_at      BIGINT NOT NULL
);
CREATE UNIQUE INDEX messages_idempotency ON messages (tenant_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX messages_by_tenant_time ON messages (tenant_id, created_at, id);
CREATE INDEX messages_by_time ON messages (created_at, id);
CREATE INDEX messages_with_payload ON messages (created_at) WHERE payload_json IS NOT NULL;

CREATE TABLE deliveries (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL REFERENCES tenants (id),
  message_id       TEXT NOT NULL REFERENCES messages (id),
  endpoint_id      TEXT NOT NULL REFERENCES endpoints (id),
  event            TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'succeeded', 'failed', 'skipped')),
  attempt_count    INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT,
  lease_owner      TEXT,
  lease_expires_at BIGINT,
  last_status      INTEGER,
  last_error       TEXT,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
-- The claim query: due pending rows in next_attempt_at order, and expired leases (crashed workers).
-- One partial index per state: a planner can only use a partial index whose predicate the query
-- implies, and `state = 'pending'` does not provably imply `state IN (...)` in SQLite.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX deliveries_leases ON deliveries (lease_expires_at) WHERE state = 'in_flight';
CREATE INDEX deliveries_by_tenant_time ON deliveries (tenant_id, created_at, id);
CREATE INDEX deliveries_by_time ON deliveries (created_at, id);
CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, state, created_at);
CREATE INDEX deliveries_by_message ON deliveries (message_id);

CREATE TABLE attempts (
  id                    TEXT PRIMARY KEY,
  delivery_id           TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  attempt_number        INTEGER NOT NULL,
  started_at            BIGINT NOT NULL,
  duration_ms           INTEGER NOT NULL,
  request_headers       JSONB NOT NULL,
  response_status       INTEGER,
  response_body_excerpt TEXT,
  outcome               TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'retry_scheduled')),
  error                 TEXT
);
CREATE INDEX attempts_by_delivery ON attempts (delivery_id, attempt_number);
CREATE INDEX attempts_by_time ON attempts (started_at);

CREATE TABLE operational_events (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT,
  kind        TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX operational_events_by_time ON operational_events (created_at, id);
