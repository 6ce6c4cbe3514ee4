-- Friend requests waiting for an answer, and accepted contacts (one row per direction, so listing is one lookup).
CREATE TABLE contact_requests (
    id            uuid        PRIMARY KEY,
    requester_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    addressee_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    UNIQUE (requester_id, addressee_id),
    CHECK (requester_id <> addressee_id)
);

CREATE INDEX contact_requests_addressee_idx ON contact_requests (addressee_id);

CREATE TABLE contacts (
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    contact_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    since       timestamptz NOT NULL,
    PRIMARY KEY (user_id, contact_id)
);
