-- Refresh tokens already rotated away: presenting one again means it was copied, so its session is revoked.
CREATE TABLE rotated_refresh_tokens (
    token_hash  bytea       PRIMARY KEY,
    session_id  uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    rotated_at  timestamptz NOT NULL
);

-- recent revocations are copied back into Redis after an outage
CREATE INDEX sessions_revoked_idx ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
