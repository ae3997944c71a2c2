-- The audit chain is keyed: entries from now on carry HMAC-SHA-256 hashes under a vault key
-- (version 1); the ones before keep their plain SHA-256 (version 0), sealed by the first keyed one.
ALTER TABLE audit ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
