-- Call history: who called whom, when, for how long, and how it ended. Live call state lives in Redis.
CREATE TABLE calls (
    id               uuid PRIMARY KEY,
    conversation_id  uuid,
    initiator_id     uuid        NOT NULL,
    media            text        NOT NULL CHECK (media IN ('audio', 'video')),
    state            text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    ended_at         timestamptz,
    end_reason       text
);

CREATE TABLE call_participants (
    call_id    uuid        NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL,
    joined_at  timestamptz,
    left_at    timestamptz,
    PRIMARY KEY (call_id, user_id)
);

CREATE INDEX call_participants_user_idx ON call_participants (user_id);
