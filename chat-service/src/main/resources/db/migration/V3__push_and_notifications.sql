-- Push devices, the notification inbox, per-user push preferences and conversation mutes (docs/push.md).

-- A device a user registered for push. A provider token belongs to one device of one user at a time: registering
-- a token again (another user signed in on the same phone) moves it.
CREATE TABLE push_devices (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL,
    device_id   text        NOT NULL,
    platform    text        NOT NULL CHECK (platform IN ('fcm', 'apns', 'webpush')),
    token       text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (user_id, device_id)
);

CREATE INDEX push_devices_user_idx ON push_devices (user_id);

-- In-app notifications. They carry ids (conversation, message, poll, call, user), never message text, so that
-- deleting or expiring a message leaves nothing of it here.
CREATE TABLE notifications (
    id               uuid PRIMARY KEY,
    user_id          uuid        NOT NULL,
    kind             text        NOT NULL,
    conversation_id  uuid,
    actor_id         uuid,
    data             jsonb       NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    read_at          timestamptz
);

CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Which kinds a user wants pushed; a missing row means the default (push).
CREATE TABLE notification_preferences (
    user_id  uuid    NOT NULL,
    kind     text    NOT NULL,
    push     boolean NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- A conversation muted by a member: no pushes from it until muted_until; the inbox still records.
CREATE TABLE conversation_mutes (
    user_id          uuid        NOT NULL,
    conversation_id  uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    muted_until      timestamptz NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);
