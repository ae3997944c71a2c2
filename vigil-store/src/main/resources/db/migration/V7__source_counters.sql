-- What every source read, by its name as the ingestion page lists it, over every run of the service:
-- a source the service no longer reads (a restart with other inputs) still shows what it read and where
-- it stopped. Checkpoints also count bytes and malformed input.
ALTER TABLE checkpoints ADD COLUMN bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE checkpoints ADD COLUMN malformed BIGINT NOT NULL DEFAULT 0;

CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    packets BIGINT NOT NULL,
    flows BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    malformed BIGINT NOT NULL,
    malformed_by TEXT,
    windows BIGINT NOT NULL,
    position TEXT,
    last_packet TEXT,
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL
);
