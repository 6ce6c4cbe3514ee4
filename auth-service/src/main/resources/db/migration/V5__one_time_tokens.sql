-- Single-use tokens sent by email (verification, password reset); only their SHA-256 is stored.
CREATE TABLE one_time_tokens (
    token_hash  bytea       PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);
