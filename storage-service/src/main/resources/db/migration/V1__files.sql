-- File metadata. The bytes live in S3 under object_key; a row is 'pending' from the moment an upload URL is
-- handed out until the upload is verified, then 'ready'. No object is ever written before its row exists, so an
-- object without a row is an orphan the cleanup job may remove.
CREATE TABLE files (
    id                  uuid PRIMARY KEY,
    owner_id            uuid        NOT NULL,
    name                text        NOT NULL,
    size                bigint      NOT NULL CHECK (size >= 0),
    content_type        text        NOT NULL,
    sha256              text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    encrypted           boolean     NOT NULL DEFAULT false,
    status              text        NOT NULL CHECK (status IN ('pending', 'ready')),
    object_key          text        NOT NULL UNIQUE,
    multipart_upload_id text,
    part_size           bigint,
    idempotency_key     text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz
);

-- "my files", newest first by UUIDv7 id (the cursor)
CREATE INDEX files_owner_idx ON files (owner_id, id DESC);
CREATE UNIQUE INDEX files_idempotency_idx ON files (owner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX files_pending_idx ON files (created_at) WHERE status = 'pending';

-- One row per user: bytes of ready files, bytes reserved by pending uploads, and a per-user limit (NULL means the
-- configured default). Reserving is one conditional UPDATE of this row, so concurrent uploads cannot overshoot.
CREATE TABLE storage_quotas (
    user_id        uuid PRIMARY KEY,
    used_bytes     bigint NOT NULL DEFAULT 0 CHECK (used_bytes >= 0),
    reserved_bytes bigint NOT NULL DEFAULT 0 CHECK (reserved_bytes >= 0),
    limit_bytes    bigint CHECK (limit_bytes >= 0)
);

-- Conversations a ready file was shared into (recorded by chat-service when a message attaches the file); their
-- members may download it, as long as chat-service confirms the membership.
CREATE TABLE file_shares (
    file_id         uuid        NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL,
    shared_by       uuid        NOT NULL,
    shared_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, conversation_id)
);
