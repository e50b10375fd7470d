-- Portal magic links are single-use. The nonce of every link opened is kept here until the link
-- expires, so every sender process on this database (and a restarted one) refuses it the second
-- time; a link's signature and expiry are checked before this table is touched.
CREATE TABLE portal_link_uses (
  nonce      TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX portal_link_uses_by_expiry ON portal_link_uses (expires_at);
