-- Issue 22, second factors. How each session was authenticated (RFC 8176 amr values), so a refresh keeps it.
ALTER TABLE sessions ADD COLUMN amr text[] NOT NULL DEFAULT '{pwd}';

-- TOTP (RFC 6238): the secret only as AES-GCM ciphertext; inactive until confirmed by a first code. The last
-- accepted time step refuses a code (or an earlier one) used again.
CREATE TABLE mfa_totp (
    user_id            uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_ciphertext  bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    confirmed_at       timestamptz,
    last_used_step     bigint
);

-- Recovery codes, each only as its SHA-256 and single use.
CREATE TABLE mfa_recovery_codes (
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash  bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- The challenge between the password step and the second factor: the mfaToken only as its SHA-256, bound to the
-- account and to where the password step came from (the session opened later records it). Single use, 5 minutes.
CREATE TABLE mfa_challenges (
    token_hash  bytea PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_name text,
    user_agent  text,
    ip          text,
    amr         text[]      NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX mfa_challenges_expiry_idx ON mfa_challenges (expires_at);

-- Wrong second-factor answers per account (not per address: the lockout follows the account), and its lock.
CREATE TABLE mfa_failures (
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method    text        NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX mfa_failures_user_idx ON mfa_failures (user_id, failed_at);

CREATE TABLE mfa_locks (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    locked_until timestamptz NOT NULL
);
