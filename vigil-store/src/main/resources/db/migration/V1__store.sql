-- Vigil's store. The same SQL runs on SQLite and PostgreSQL: text keys, BIGINT epoch milliseconds,
-- INTEGER flags, JSON documents as TEXT.

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    must_change INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NOT NULL DEFAULT 0,
    created BIGINT NOT NULL
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    csrf TEXT NOT NULL,
    mfa_ok INTEGER NOT NULL,
    created BIGINT NOT NULL,
    expires BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    created BIGINT NOT NULL,
    last_used BIGINT NOT NULL DEFAULT 0,
    revoked INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    first_seen TEXT,
    last_seen TEXT,
    type TEXT,
    vendor TEXT,
    ip TEXT,
    trust DOUBLE PRECISION,
    tier TEXT,
    risk DOUBLE PRECISION,
    risk_level TEXT,
    data TEXT NOT NULL,
    assessment TEXT,
    owner_enc TEXT,
    owner_token TEXT,
    contact_enc TEXT,
    location TEXT,
    purpose TEXT,
    criticality TEXT,
    tags TEXT,
    updated BIGINT NOT NULL
);
CREATE INDEX devices_risk ON devices (risk);

CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    type TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    count BIGINT NOT NULL,
    data TEXT NOT NULL,
    updated BIGINT NOT NULL
);
CREATE INDEX findings_device ON findings (device_id);

CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    finding_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    type TEXT NOT NULL,
    severity TEXT NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    assignee TEXT,
    first_evidence TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    created BIGINT NOT NULL,
    acknowledged BIGINT,
    resolved BIGINT,
    updated BIGINT NOT NULL
);
CREATE INDEX alerts_status ON alerts (status);

CREATE TABLE alert_comments (
    id TEXT PRIMARY KEY,
    alert_id TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    created BIGINT NOT NULL
);

CREATE TABLE trust_history (
    device_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    tier TEXT NOT NULL,
    factors TEXT NOT NULL,
    updated BIGINT NOT NULL,
    PRIMARY KEY (device_id, ts)
);

CREATE TABLE tier_events (
    id TEXT PRIMARY KEY,
    device_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    data TEXT NOT NULL,
    updated BIGINT NOT NULL
);

CREATE TABLE metrics_snapshots (
    ts BIGINT PRIMARY KEY,
    data TEXT NOT NULL,
    updated BIGINT NOT NULL
);

CREATE TABLE edges (
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    service TEXT NOT NULL,
    flows BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    PRIMARY KEY (src, dst, service)
);

CREATE TABLE audit (
    seq BIGINT PRIMARY KEY,
    ts BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE checkpoints (
    source TEXT PRIMARY KEY,
    position TEXT NOT NULL,
    packets BIGINT NOT NULL,
    flows BIGINT NOT NULL,
    windows BIGINT NOT NULL,
    updated BIGINT NOT NULL
);

CREATE TABLE data_keys (
    id TEXT PRIMARY KEY,
    wrapped TEXT NOT NULL,
    active INTEGER NOT NULL,
    created BIGINT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
