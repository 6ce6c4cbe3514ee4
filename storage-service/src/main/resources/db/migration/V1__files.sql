-- File metadata. The bytes live in S3; a row is 'pending' until the upload is verified, then 'ready'.
CREATE TABLE files (
    id            uuid PRIMARY KEY,
    owner_id      uuid        NOT NULL,
    name          text        NOT NULL,
    size          bigint      NOT NULL CHECK (size >= 0),
    content_type  text        NOT NULL,
    sha256        text,
    encrypted     boolean     NOT NULL DEFAULT false,
    status        text        NOT NULL CHECK (status IN ('pending', 'ready')),
    object_key    text        NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz
);

CREATE INDEX files_owner_idx ON files (owner_id, created_at DESC);
