-- Call history: who called whom, when, for how long, and how it ended. Live call state lives in Redis.
CREATE TABLE calls (
    id                uuid PRIMARY KEY,
    conversation_id   uuid,
    initiator_id      uuid        NOT NULL,
    media             text        NOT NULL CHECK (media IN ('audio', 'video')),
    state             text        NOT NULL CHECK (state IN ('ringing', 'active', 'ended')),
    max_participants  int         NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    started_at        timestamptz,
    ended_at          timestamptz,
    duration_seconds  bigint,
    end_reason        text
);

CREATE INDEX calls_initiator_idx ON calls (initiator_id, created_at DESC);

-- Everyone rung or joined: invited_at for callees, joined_at the first join, left_at the last leave
CREATE TABLE call_participants (
    call_id      uuid        NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    user_id      uuid        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('initiator', 'invitee', 'member')),
    response     text        CHECK (response IN ('declined')),
    joined_at    timestamptz,
    left_at      timestamptz,
    leave_reason text,
    PRIMARY KEY (call_id, user_id)
);

CREATE INDEX call_participants_user_idx ON call_participants (user_id);
