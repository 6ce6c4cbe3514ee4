-- The MLS groups of end-to-end encrypted conversations, as the Delivery Service sees them (docs/e2ee.md, "Groups").
-- The server holds no group secret: only the epoch it ordered commits by, which device sits at which leaf, and the
-- Welcomes waiting for devices that were added.

-- One group per e2ee conversation, created by its first commit (epoch 0 -> 1). Every accepted commit moves the epoch
-- on by one with a compare-and-set on this row, so of concurrent commits on one epoch exactly one wins.
CREATE TABLE mls_groups (
    conversation_id  uuid        PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    epoch            bigint      NOT NULL CHECK (epoch >= 0),
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- The occupied leaves of a group's ratchet tree (a blank leaf has no row). A leaf keeps its device after the device
-- is gone or its user left the conversation: it is then stale until a commit removes it. signature_key is the
-- leaf's Ed25519 key: a device id registered again with another key is another device, and the old leaf is stale.
CREATE TABLE mls_leaves (
    conversation_id  uuid    NOT NULL REFERENCES mls_groups (conversation_id) ON DELETE CASCADE,
    leaf_index       integer NOT NULL CHECK (leaf_index >= 0),
    user_id          uuid    NOT NULL,
    device_id        text    NOT NULL,
    signature_key    bytea   NOT NULL,
    PRIMARY KEY (conversation_id, leaf_index),
    -- a device is in a group at most once
    UNIQUE (conversation_id, user_id, device_id)
);

CREATE INDEX mls_leaves_device_idx ON mls_leaves (user_id, device_id);

-- A Welcome for each device a commit added, until the device says it processed it (or its conversation goes).
CREATE TABLE mls_welcomes (
    id               uuid        PRIMARY KEY,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id          uuid        NOT NULL,
    device_id        text        NOT NULL,
    epoch            bigint      NOT NULL,
    welcome          bytea       NOT NULL,
    ratchet_tree     bytea,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX mls_welcomes_device_idx ON mls_welcomes (user_id, device_id, created_at);

-- An accepted commit is a message of its own (type mls_commit, body the base64 commit) with the conversation's next
-- seq, so members apply handshake and application messages in one order. Only the server writes one.
ALTER TABLE messages DROP CONSTRAINT messages_type_check;
ALTER TABLE messages ADD CONSTRAINT messages_type_check
    CHECK (type IN ('text', 'attachment', 'system', 'e2ee', 'mls_commit'));
