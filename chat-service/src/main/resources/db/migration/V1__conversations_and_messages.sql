-- Conversations, their members, and messages. A message is committed here before its sender gets an ack.
CREATE TABLE conversations (
    id                uuid PRIMARY KEY,
    type              text        NOT NULL CHECK (type IN ('direct', 'group')),
    name              text,
    avatar_file_id    uuid,
    e2ee              boolean     NOT NULL DEFAULT false,
    -- "<smaller uuid>:<larger uuid>" for a direct conversation, so a pair can only ever have one
    direct_pair       text UNIQUE,
    created_by        uuid        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    last_activity_at  timestamptz NOT NULL DEFAULT now(),
    -- the last sequence number handed out; incremented under the row lock that orders concurrent senders
    last_seq          bigint      NOT NULL DEFAULT 0
);

CREATE TABLE conversation_members (
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id          uuid        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at        timestamptz NOT NULL DEFAULT now(),
    -- receipt watermarks: every message up to this sequence number was delivered to / read by the member
    delivered_seq    bigint      NOT NULL DEFAULT 0,
    read_seq         bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX conversation_members_user_idx ON conversation_members (user_id);

CREATE TABLE messages (
    id               uuid PRIMARY KEY,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq              bigint      NOT NULL,
    sender_id        uuid        NOT NULL,
    client_id        text        NOT NULL,
    type             text        NOT NULL CHECK (type IN ('text', 'attachment', 'system', 'e2ee')),
    body             text,
    reply_to         uuid,
    attachments      uuid[]      NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    edited_at        timestamptz,
    deleted_at       timestamptz,
    UNIQUE (conversation_id, seq),
    -- a client retrying a send with the same client id never creates a second message
    UNIQUE (conversation_id, sender_id, client_id)
);

-- earlier versions of an edited message, shown to its author only
CREATE TABLE message_edits (
    message_id  uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    body        text        NOT NULL,
    replaced_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX message_edits_message_idx ON message_edits (message_id, replaced_at);

CREATE TABLE message_reactions (
    message_id  uuid        NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL,
    emoji       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, user_id, emoji)
);
