-- Which stored key created each key (NULL: the bootstrap TASKHOOKS_ADMIN_KEY, or a key created
-- before this column existed). A key that leaked may have been used to mint others: revoking it
-- can take those along (apiKeys.revoke with alsoKeysItCreated), found through this index.
ALTER TABLE api_keys ADD COLUMN created_by TEXT;
CREATE INDEX api_keys_by_creator ON api_keys (created_by);
