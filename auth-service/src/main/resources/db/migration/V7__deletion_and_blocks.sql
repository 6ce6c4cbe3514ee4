-- A deleted account keeps its id (messages refer to it) but loses everything personal and can never log in.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

-- Who blocked whom. A block works in both directions for conversations and calls.
CREATE TABLE blocks (
    blocker_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CHECK (blocker_id <> blocked_id)
);

CREATE INDEX blocks_blocked_idx ON blocks (blocked_id);
