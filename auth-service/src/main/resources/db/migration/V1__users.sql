-- Accounts. Emails are unique case-insensitively; the password hash is Argon2id (PHC string format).
CREATE TABLE users (
    id              uuid PRIMARY KEY,
    email           text        NOT NULL,
    display_name    text        NOT NULL,
    password_hash   text        NOT NULL,
    email_verified  boolean     NOT NULL DEFAULT false,
    roles           text[]      NOT NULL DEFAULT ARRAY['user'],
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));
