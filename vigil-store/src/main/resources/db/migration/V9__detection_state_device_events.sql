-- What each source's behavioural detection has learnt (baselines, profiles, anomaly forests, beacon
-- and slow-scan series, what earlier windows reported), written in the transaction of a committed
-- window: seq is that window's number in the source (sources.windows then), position_key and
-- position where the source read up to then. A restart reads the input again from there, detecting
-- but not storing the windows up to the last committed one, so detection resumes exactly where
-- reading resumes. version: the Vigil that wrote it; state: the deflated bytes.
CREATE TABLE detection_state (
    source TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    seq BIGINT NOT NULL,
    position_key TEXT,
    position TEXT,
    state BYTEA NOT NULL,
    bytes BIGINT NOT NULL,
    updated BIGINT NOT NULL
);
-- the number (in its source) of the last window committed under a checkpoint key
ALTER TABLE checkpoints ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;

-- What changed in a device as the traffic showed it (first seen, a new address, a name, type,
-- vendor, model, firmware or OS that differs from before), at the packet time of the window that
-- showed it: with its findings, alerts, tier changes and people's edits, the device's timeline.
-- id: a hash of the device, kind, time and value, so a change is written once.
CREATE TABLE device_events (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    previous TEXT,
    updated BIGINT NOT NULL
);
CREATE INDEX device_events_device ON device_events (device_id, ts);
CREATE INDEX audit_target ON audit (target, seq);

-- The inventory and the talk map without counters (dev.vigil.detect.inventory.InventorySnapshot,
-- JSON, deflated), at the packet time (epoch ms) of the window that took it: hourly, and at the next
-- 5-minute slot after a new device or a new link. `vigil diff` and /api/inventory/diff compare two.
CREATE TABLE inventory_snapshots (
    ts BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    reason TEXT NOT NULL,
    devices BIGINT NOT NULL,
    links BIGINT NOT NULL,
    data BYTEA NOT NULL,
    updated BIGINT NOT NULL
);
