-- Conversations, their members, and messages. A message is committed here before its sender gets an ack.
CREATE TABLE conversations (
    id               uuid PRIMARY KEY,
    type             text        NOT NULL CHECK (type IN ('direct', 'group')),
    name             text,
    created_by       uuid        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_message_at  timestamptz,
    last_seq         bigint      NOT NULL DEFAULT 0
);

CREATE TABLE conversation_members (
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id          uuid        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX conversation_members_user_idx ON conversation_members (user_id);

CREATE TABLE messages (
    id               uuid PRIMARY KEY,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq              bigint      NOT NULL,
    sender_id        uuid        NOT NULL,
    client_id        text        NOT NULL,
    type             text        NOT NULL,
    body             text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    edited_at        timestamptz,
    deleted_at       timestamptz,
    UNIQUE (conversation_id, seq),
    -- a client retrying a send with the same client id never creates a second message
    UNIQUE (conversation_id, sender_id, client_id)
);
