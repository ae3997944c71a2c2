-- Sign-in throttling replaces the per-account lockout: failures are counted per account and
-- address and per account (k: 'u:<name>|a:<address>' or 'u:<name>'), each attempt claimed by
-- one atomic upsert before its password is checked.
CREATE TABLE login_throttle (
    k TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL,
    granted INTEGER NOT NULL,
    updated BIGINT NOT NULL
);
CREATE INDEX login_throttle_updated ON login_throttle (updated);

-- Addresses a user signed in from: a correct password and code from one of them is let through
-- while the account as a whole is throttled.
CREATE TABLE known_addresses (
    user_id TEXT NOT NULL,
    address TEXT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (user_id, address)
);

ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
-- RFC 6238 §5.2: the last TOTP step accepted, so no code works twice, across restarts and instances
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
-- when a one-time password stops working (0: the password is the user's own)
ALTER TABLE users ADD COLUMN password_expires BIGINT NOT NULL DEFAULT 0;
UPDATE users SET password_expires = created + 259200000 WHERE must_change = 1;
-- user names are folded to lower case (where that makes no two alike)
UPDATE users SET username = lower(username) WHERE NOT EXISTS
    (SELECT 1 FROM users u2 WHERE u2.id <> users.id AND lower(u2.username) = lower(users.username));

-- idle timeout and step-up re-authentication
ALTER TABLE sessions ADD COLUMN last_seen BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN reauth_until BIGINT NOT NULL DEFAULT 0;

-- API tokens: expiry, scopes, the user who made them; names unique among tokens in force
ALTER TABLE api_tokens ADD COLUMN expires BIGINT NOT NULL DEFAULT 0;
ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT '*';
ALTER TABLE api_tokens ADD COLUMN created_by TEXT;
UPDATE api_tokens SET expires = created + 31536000000;
UPDATE api_tokens SET revoked = 1 WHERE revoked = 0 AND EXISTS
    (SELECT 1 FROM api_tokens t2 WHERE t2.name = api_tokens.name AND t2.revoked = 0 AND t2.created > api_tokens.created);
CREATE UNIQUE INDEX api_tokens_name_in_force ON api_tokens (name) WHERE revoked = 0;
