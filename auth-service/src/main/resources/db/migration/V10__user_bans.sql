-- A user's current ban (the audit trail keeps the history). until NULL: permanent; a past until: expired.
CREATE TABLE user_bans (
    user_id    uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    reason     text        NOT NULL,
    banned_by  uuid        NOT NULL,
    banned_at  timestamptz NOT NULL,
    until      timestamptz
);

-- the admin user list pages by creation time and by email
CREATE INDEX users_created_idx ON users (created_at, id);
CREATE INDEX users_email_sort_idx ON users (lower(email), id);
