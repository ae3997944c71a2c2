-- Segmentation policies as people wrote them (docs/policy.md): every revision kept with its text.
-- revision: the policy's own revision (a hash of its canonical text); state: draft, approved (the one
-- in force, at most one) or retired (approved once, replaced since).
CREATE TABLE policy_revisions (
    revision TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    author TEXT NOT NULL,
    created BIGINT NOT NULL,
    state TEXT NOT NULL,
    approved_by TEXT,
    approved_at BIGINT
);

-- The decision log of POST /api/policy/decide: what was asked, by whom, under which revision, and
-- what the policy answered.
CREATE TABLE policy_decisions (
    id BIGINT PRIMARY KEY,
    decided BIGINT NOT NULL,
    caller TEXT NOT NULL,
    revision TEXT NOT NULL,
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    proto INTEGER NOT NULL,
    port INTEGER NOT NULL,
    at TEXT NOT NULL,
    verdict TEXT NOT NULL,
    rule TEXT,
    reason TEXT NOT NULL
);
CREATE INDEX policy_decisions_decided ON policy_decisions (decided);

-- The flows the service saw, as a policy judges them: client (address and MAC), server, IP protocol
-- and server port, summed over every window; first and last flow in epoch ms of packet time.
CREATE TABLE policy_flows (
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    proto INTEGER NOT NULL,
    port INTEGER NOT NULL,
    src_mac TEXT,
    flows BIGINT NOT NULL,
    answered BIGINT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    PRIMARY KEY (src, dst, proto, port)
);
CREATE INDEX policy_flows_last ON policy_flows (last_seen);

-- The quarantine queue and its history: pending (waiting for a person's approval), active, rejected,
-- released or expired; times in epoch ns; outcome: what the enforcement point did and what the check
-- after the deadline found.
CREATE TABLE quarantines (
    id BIGINT PRIMARY KEY,
    device TEXT NOT NULL,
    state TEXT NOT NULL,
    addresses TEXT NOT NULL,
    reason TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    requested BIGINT NOT NULL,
    from_ts BIGINT NOT NULL,
    until_ts BIGINT NOT NULL,
    offence INTEGER NOT NULL,
    decided_by TEXT,
    decided BIGINT NOT NULL,
    outcome TEXT
);
CREATE INDEX quarantines_device ON quarantines (device, id);
CREATE INDEX quarantines_state ON quarantines (state, id);
