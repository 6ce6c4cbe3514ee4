-- Polls in conversations: one row per vote and option, so concurrent votes are each counted once.
CREATE TABLE polls (
    id                 uuid PRIMARY KEY,
    conversation_id    uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    created_by         uuid        NOT NULL,
    question           text        NOT NULL,
    multiple_choice    boolean     NOT NULL,
    allow_vote_change  boolean     NOT NULL,
    anonymous          boolean     NOT NULL,
    expires_at         timestamptz,
    closed_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX polls_conversation_idx ON polls (conversation_id, created_at DESC);

CREATE TABLE poll_options (
    id        uuid PRIMARY KEY,
    poll_id   uuid    NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position  int     NOT NULL,
    text      text    NOT NULL,
    UNIQUE (poll_id, position)
);

CREATE TABLE poll_votes (
    poll_id    uuid        NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    option_id  uuid        NOT NULL REFERENCES poll_options (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    voted_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (poll_id, user_id, option_id)
);

-- The E2EE key directory: public keys only; the server never sees a private key or a plaintext.
CREATE TABLE device_keys (
    user_id                   uuid        NOT NULL,
    device_id                 text        NOT NULL,
    identity_key              text        NOT NULL,
    signed_prekey_id          int         NOT NULL,
    signed_prekey             text        NOT NULL,
    signed_prekey_signature   text        NOT NULL,
    updated_at                timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, device_id)
);

CREATE TABLE one_time_prekeys (
    user_id     uuid   NOT NULL,
    device_id   text   NOT NULL,
    key_id      int    NOT NULL,
    public_key  text   NOT NULL,
    PRIMARY KEY (user_id, device_id, key_id),
    FOREIGN KEY (user_id, device_id) REFERENCES device_keys (user_id, device_id) ON DELETE CASCADE
);

-- Disappearing messages: a conversation may erase its messages this long after they were sent.
ALTER TABLE conversations ADD COLUMN message_ttl_seconds bigint CHECK (message_ttl_seconds > 0);
ALTER TABLE messages ADD COLUMN expires_at timestamptz;
CREATE INDEX messages_expiry_idx ON messages (expires_at) WHERE expires_at IS NOT NULL;

-- Full-text search over plaintext messages ('simple': no language guessing, works for every language).
CREATE INDEX messages_search_idx ON messages USING gin (to_tsvector('simple', coalesce(body, '')))
    WHERE type = 'text' AND deleted_at IS NULL;
