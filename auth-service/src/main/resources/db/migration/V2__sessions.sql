-- One row per login (device). The refresh token is stored only as its SHA-256 hash; rotation keeps the family
-- (the first session id of a chain) so reuse of a rotated token can revoke the whole chain.
CREATE TABLE sessions (
    id                  uuid PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id           uuid        NOT NULL,
    refresh_token_hash  bytea       NOT NULL UNIQUE,
    device_name         text,
    user_agent          text,
    ip                  text,
    created_at          timestamptz NOT NULL,
    last_used_at        timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    revoked_at          timestamptz
);

CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;
