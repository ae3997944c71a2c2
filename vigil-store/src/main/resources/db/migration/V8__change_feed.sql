-- The integration API's change feed (devices and findings changed since a time): every write of a
-- device or finding row takes its transaction's number from one counter, so rows are listed in the
-- order they were written, by (change_seq, id), and a row written again while a client pages moves
-- past the pages already read instead of being skipped. Rows written before have 0.
CREATE TABLE change_counter (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO change_counter (id, seq) VALUES (1, 0);
ALTER TABLE devices ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE findings ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
CREATE INDEX devices_change ON devices (change_seq, id);
CREATE INDEX findings_change ON findings (change_seq, id);
CREATE INDEX devices_updated ON devices (updated);
CREATE INDEX findings_updated ON findings (updated);
