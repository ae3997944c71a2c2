-- The zone people put a device in (IEC 62443-3-2: a group of assets with the same security
-- requirements): an inventory filter and a group of the talk map.
ALTER TABLE devices ADD COLUMN zone TEXT;

-- The packets behind a finding: a pcap of the most recent packets of the flows it names, as the
-- engine's packet ring held them when the finding was stored (replaced when newer ones come).
CREATE TABLE finding_packets (
    finding_id TEXT PRIMARY KEY,
    packets BIGINT NOT NULL,
    flows BIGINT NOT NULL,
    pcap BYTEA NOT NULL,
    updated BIGINT NOT NULL
);

-- The names the client of a conversation used for its server (DNS answers, TLS server_name,
-- HTTP Host), comma-separated, at most eight.
ALTER TABLE edges ADD COLUMN names TEXT;
