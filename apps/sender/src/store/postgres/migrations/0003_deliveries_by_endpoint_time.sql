-- One endpoint's deliveries, newest first, straight from the index. The old key
-- (endpoint_id, state, created_at) made every listing of an endpoint's deliveries sort all of its
-- rows, and because `state` was part of the key, every claim and every completion moved the row's
-- entry. Deleting an endpoint finds its pending and in-flight rows through deliveries_due and
-- deliveries_leases instead.
DROP INDEX deliveries_by_endpoint;
CREATE INDEX deliveries_by_endpoint_time ON deliveries (endpoint_id, created_at, id);
